"""Special populations (app/answer/populations.py): a question about pregnancy, breastfeeding, renal or hepatic
impairment or driving is answered only by statements that speak of it, whatever its drug's other statements say."""

from __future__ import annotations

import pytest

from app.answer.engine import Engine
from app.answer.populations import asked_about, names_population, spoken_of, unaddressed
from tests.conftest import engine_over

# a guideline that speaks of renal impairment and pregnancy, and never of breastfeeding or driving
SCABIES = """# Scabies: treatment in primary care

## Treatment
- Permethrin 5% cream is the first-line treatment, applied to the whole body and washed off after 8 to 12 hours.
- Repeat the permethrin application after 7 days.
- Malathion 0.5% aqueous liquid is the alternative when permethrin is not tolerated.
- Treat all household contacts at the same time, even without symptoms.

## Oral treatment
- Oral ivermectin 200 micrograms per kg as a single dose, repeated after 7 to 14 days, is used for crusted scabies.
- Ivermectin is not recommended in pregnancy because safety data are limited.
"""
# a second guideline whose own statements speak of renal impairment
GABAPENTIN = """# Neuropathic pain: drug treatment

- Offer amitriptyline, duloxetine, gabapentin or pregabalin as initial treatment for neuropathic pain.
- Reduce the gabapentin dose in renal impairment when creatinine clearance is below 60 mL/min.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    return engine_over(tmp_path_factory.mktemp("populations"), embedder,
                       {"scabies.md": SCABIES, "neuropathic.md": GABAPENTIN})


def test_a_question_names_the_populations_it_asks_about() -> None:
    assert asked_about("She is now pregnant. Is colchicine OK?") == ("pregnancy",)  # "now" is no "no"
    assert asked_about("Can a nursing mother use it?") == ("breastfeeding",)
    assert asked_about("Her CrCl is 28 and she is 30/40 - what dose?") == ("pregnancy", "renal impairment")
    assert asked_about("He has Child-Pugh B cirrhosis - can he still drive his lorry?") == ("hepatic impairment",
                                                                                           "driving")
    # driving as the patient's permission: the pattern's first form (it held backspaces, not word boundaries)
    for drive in ("Is it safe to drive after the Epley?", "Is she fit to drive?", "Can he drive with this?"):
        assert asked_about(drive) == ("driving",), drive
    # wanting to conceive asks what pregnancy would mean; flying is asked like driving, as a permission
    for conceive in ("She's trying for a baby - OK to stay on it?", "He and his wife want to conceive next year. "
                     "Does the methotrexate matter?", "Any preconception advice?"):
        assert asked_about(conceive) == ("pregnancy",), conceive
    for fly in ("Is she OK to fly with the rash?", "Can he fly next week?", "Is flying safe after a pneumothorax?"):
        assert asked_about(fly) == ("air travel",), fly
    for other in ("45M flying into Cusco then trekking. Does he need Diamox?",  # a trip the case tells
                  "Should he take his first malaria tablet before the flight?",  # when to take it
                  "Can fly bites transmit leishmaniasis?", "She is not trying to conceive - is doxy ok?",
                  "32F, no plans to conceive. Doxy OK?"):
        assert asked_about(other) == (), other
    # a condition of the kidney is not renal impairment, and weeks of treatment are no pregnancy
    assert asked_about("How is renal colic managed?") == ()
    assert asked_about("Is 12 weeks of treatment enough?") == ()
    # a population said not to apply, or a word in another sense, asks about none
    for other in ("She is not pregnant - which antibiotic?", "Cystitis in non-pregnant women: first line?",
                  "Taxi driver with sciatica - what should I offer?", "Does the drug lower sex drive?",
                  "Osimertinib for an EGFR driver mutation?", "Hartmann's lactate or saline?", "BP 85/40 - which pressor?",
                  "20/40 vision in one eye - refer?"):
        assert asked_about(other) == (), other


def test_a_statement_speaks_of_a_population_in_a_guideline_s_words() -> None:
    assert spoken_of("renal impairment", "Halve the dose if the eGFR is below 30")
    assert spoken_of("pregnancy", "Avoid in the first trimester")
    assert spoken_of("pregnancy", "Nitrofurantoin for nonpregnant women")
    assert spoken_of("hepatic impairment", "Check LFTs every 2 weeks") and spoken_of("renal impairment", "Check U&Es")
    assert not spoken_of("breastfeeding", "Permethrin is safe in pregnancy")
    assert spoken_of("pregnancy", "Stop methotrexate 3 months before trying to conceive")
    assert not spoken_of("pregnancy", "A combined oral contraceptive can be offered for premenstrual syndrome")
    assert spoken_of("air travel", "Avoid flying for 2 weeks after a pneumothorax resolves")
    assert unaddressed("Is she OK to fly with the rash?", ["Children can go to school once the rash appears"]) == \
        ("air travel",)
    assert unaddressed("Is it OK while breastfeeding and pregnant?", ["Safe in pregnancy"]) == ("breastfeeding",)


def test_a_patient_on_dialysis_is_answered_only_by_what_speaks_of_dialysis(engine: Engine) -> None:
    assert asked_about("He's on haemodialysis - gabapentin dose?") == ("renal impairment", "dialysis")
    assert asked_about("Peritoneal dialysis patient with neuropathy") == ("renal impairment", "dialysis")
    assert spoken_of("dialysis", "Give 300 mg after each haemodialysis session") and \
        spoken_of("dialysis", "Avoid in end-stage kidney disease")
    assert not spoken_of("dialysis", "Reduce the dose when creatinine clearance is below 60 mL/min")
    assert spoken_of("dialysis", "Avoid if creatinine clearance is less than 15 mL/min") and \
        spoken_of("dialysis", "Not studied in CKD stage 5")
    assert not spoken_of("dialysis", "Do not offer it in end-stage liver disease")
    # an immunotherapy, Parkinson's medicines, or a patient not yet on it, ask about no dialysis
    for other in ("Patient on PD-1 inhibitor with colitis - prednisolone dose?", "On PD meds for Parkinson's",
                  "Pre-dialysis CKD 5 - which dose?"):
        assert "dialysis" not in asked_about(other), other
    # the guideline's renal advice is for reduced clearance, not for a patient on dialysis
    assert not engine.ask("Does the gabapentin dose change in renal impairment?").abstained
    refused = engine.ask("He's on haemodialysis three times a week - does the gabapentin dose change?")
    assert refused.abstained and "dialysis" in refused.text


def test_a_follow_up_about_a_population_its_topic_never_speaks_of_is_refused(engine: Engine) -> None:
    first = engine.ask("What is the first-line treatment for scabies?")
    assert not first.abstained and "permethrin" in first.text.lower()
    refused = engine.ask("She is breastfeeding - can she still use it?", [first])
    assert refused.abstained and "breastfeeding" in refused.text
    # the renal advice of another guideline (gabapentin) does not answer for the scabies treatment
    assert engine.ask("His eGFR is 25 - does the dose change?", [first]).abstained


def test_a_population_the_topic_speaks_of_is_answered(engine: Engine) -> None:
    first = engine.ask("When is oral ivermectin used for scabies?")
    answer = engine.ask("Can it be given in pregnancy?", [first])
    assert not answer.abstained and "not recommended in pregnancy" in answer.text


# --- a drug a follow-up names that the documents of its topic never name (Engine.outside_topic) ---

SUN = """# Sun protection for people with photosensitive skin

- Use a broad-spectrum sunscreen with a sun protection factor of at least 30, reapplied every 2 hours outdoors.
- Sunscreens containing butyl methoxydibenzoylmethane protect against long-wave ultraviolet light.
"""


@pytest.fixture(scope="module")
def topics(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    return engine_over(tmp_path_factory.mktemp("topics"), embedder,
                       {"scabies.md": SCABIES, "neuropathic.md": GABAPENTIN, "sun.md": SUN})


def test_a_follow_up_about_a_drug_only_another_guideline_names_is_refused(topics: Engine) -> None:
    first = topics.ask("What is the first-line treatment for scabies?")
    refused = topics.ask("Would gabapentin help with the itch?", [first])  # the neuropathic pain guideline's
    assert refused.abstained and "never mention gabapentin" in refused.text
    assert not topics.ask("What about malathion instead?", [first]).abstained  # the scabies guideline's own
    # a drug the patient takes beside one the topic names is theirs, not what is asked about
    assert not topics.ask("She takes gabapentin already - how long is the permethrin left on?", [first]).abstained


def test_a_brand_is_said_by_the_only_name_the_documents_write_for_it(topics: Engine) -> None:
    # the dictionary files this sunscreen under "avobenzone"; the guideline writes only its chemical name
    found = topics.assess("Does avobenzone protect against long-wave light?")
    assert "avobenzone (butyl methoxydibenzoylmethane)" in found.standalone
    assert "butyl methoxydibenzoylmethane" in found.scored[0].text


EPILEPSY = """# Epilepsy in pregnancy

## Choosing an antiseizure medicine
- Lamotrigine and levetiracetam are the preferred antiseizure medicines.
- Do not offer sodium valproate unless other options are ineffective or not tolerated.
"""
KIDNEY = """# Chronic kidney disease: blood pressure

- Offer an ACE inhibitor to adults with chronic kidney disease and an albumin to creatinine ratio above 30 mg/mmol.
- Add a calcium-channel blocker if blood pressure stays above target.
"""


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    return engine_over(tmp_path_factory.mktemp("reviewed"), embedder,
                       {"epilepsy.md": EPILEPSY, "kidney.md": KIDNEY, "scabies.md": SCABIES, "neuropathic.md": GABAPENTIN})


def test_a_document_about_the_population_speaks_of_it_in_every_statement(reviewed: Engine) -> None:
    answer = reviewed.ask("Is lamotrigine a good choice in pregnancy?")  # only the title says "pregnancy"
    assert not answer.abstained
    answer = reviewed.ask("Which antiseizure medicine should I avoid in pregnancy?")
    assert not answer.abstained and "valproate" in answer.text


def test_a_drug_the_topic_names_by_its_class_is_the_topic_s(reviewed: Engine) -> None:
    first = reviewed.ask("How should blood pressure be treated in chronic kidney disease?")
    for question in ("Would ramipril be OK?", "And amlodipine if that's not enough?"):  # the class, singular
        assert not reviewed.ask(question, [first]).abstained, question


def test_a_drug_beside_a_pronoun_for_the_topic_is_the_patient_s(reviewed: Engine) -> None:
    first = reviewed.ask("How is scabies treated?")
    answer = reviewed.ask("She takes gabapentin - how long should it be left on?", [first])
    assert not answer.abstained and "8 to 12 hours" in answer.text


def test_the_drug_a_follow_up_would_replace_is_the_patient_s(topics: Engine) -> None:
    """"X instead of Y": X is asked about; Y, which the topic names, is what the patient takes."""
    first = topics.ask("What should I offer for neuropathic pain?")
    assert not first.abstained
    found = topics.assess("What about carbamazepine instead of the gabapentin?", [first])
    assert found.evidence.outside_topic == ("carbamazepine",)
    assert topics.assess("What about pregabalin instead of the gabapentin?", [first]).evidence.outside_topic == ()


def test_after_a_refusal_a_follow_up_is_judged_on_the_topic_it_goes_on_from(topics: Engine) -> None:
    turns = [topics.ask("What should I offer for neuropathic pain?")]
    turns.append(topics.ask("Is the heliox worth a try?", turns))
    assert turns[-1].abstained
    found = topics.assess("What about carbamazepine instead of the gabapentin?", turns)
    assert found.evidence.outside_topic == ("carbamazepine",)


GOUT_ADULTS = """# Acute gout in adults

- Offer colchicine 500 micrograms two to four times a day for a gout flare in adults.
- Naproxen 500 mg twice daily with a proton pump inhibitor is an alternative.
"""


def test_a_child_is_not_covered_by_a_guideline_for_adults_that_says_nothing_of_children(tmp_path,
                                                                                         embedder) -> None:
    from app.answer.populations import asks_about_a_child

    assert asks_about_a_child("And in a 7-year-old?") and asks_about_a_child("What dose for kids?")
    assert asks_about_a_child("18 mo, febrile - what now?") and not asks_about_a_child("45M, hot toe - colchicine?")
    assert unaddressed("And in a 7-year-old?", ["Acute gout in adults: Offer colchicine"]) == ("children",)
    assert unaddressed("And in a 7-year-old?", ["Offer colchicine"]) == ()  # no population stated: not refused so
    assert unaddressed("And in a 7-year-old?", ["In adults offer colchicine; children under 12: seek advice"]) == ()
    engine = engine_over(tmp_path, embedder, {"gout.md": GOUT_ADULTS})
    first = engine.ask("What dose of colchicine for a gout flare?")
    assert not first.abstained
    refused = engine.ask("And for a 12-year-old boy with a flare?", [first])
    assert refused.abstained and "children" in refused.text
    assert not engine.ask("And for a 70-year-old?", [first]).abstained


def test_a_follow_up_naming_another_document_s_subject_is_about_that_document(topics: Engine) -> None:
    """"How much gabapentin for his neuropathic pain?" after scabies names the neuropathic pain guideline's
    subject, in words the scabies guideline never uses: its drug is that guideline's, not outside the topic."""
    first = topics.ask("What is the first-line treatment for scabies?")
    found = topics.assess("And gabapentin for his neuropathic pain?", [first])
    assert found.evidence.outside_topic == ()
    assert topics.assess("Would gabapentin help with the itch?", [first]).evidence.outside_topic == ("gabapentin",)


def test_an_organ_s_function_said_to_be_normal_asks_about_no_impairment() -> None:
    assert asked_about("Starting lithium in a 45F, renal function normal. Starting dose?") == ()
    assert asked_about("Normal liver function, on statins - what dose?") == ()
    assert asked_about("His kidney function is poor - what dose?") == ("renal impairment",)
    assert asked_about("eGFR 20 ok for metformin?") == ("renal impairment",)  # "ok" asks, it says nothing


# a guideline whose statement on pregnancy shares few of a case's words with it
HIVES = """# Chronic urticaria: treatment

## First line
- Second-generation H1 antihistamines taken every day are the first-line treatment for chronic urticaria.
- Increase the second-generation antihistamine up to four times the standard dose if wheals persist after 2 weeks.
- Switching between second-generation antihistamines is not recommended.
- Sedating first-generation antihistamines should not be used for chronic urticaria.
- Take the antihistamine every day, not only on days when wheals appear, in chronic urticaria.
- Review the need for the antihistamine every 3 to 6 months once chronic urticaria is controlled.
- An H2 antihistamine added to an H1 antihistamine is not routinely recommended for chronic urticaria.

## Add-on treatment
- Add omalizumab 300 mg every 4 weeks when up-dosed antihistamines do not control the wheals.
- Ciclosporin is reserved for disease that omalizumab does not control.

## Special groups
- Loratadine or cetirizine at the standard dose are preferred during pregnancy.
"""


def test_the_statement_on_the_population_a_case_asks_about_is_quoted(tmp_path, embedder) -> None:
    """The population is what the question turns on: its statement ranks with the best, where the case's
    other words would leave it below the statements on the drugs."""
    engine = engine_over(tmp_path, embedder, {"hives.md": HIVES})
    question = "29F with chronic urticaria, 16 weeks pregnant - which antihistamine should she take?"
    found = engine.assess(question)
    assert found.evidence.unaddressed == (), found.evidence
    answer = engine.ask(question)
    assert not answer.abstained and "preferred during pregnancy" in answer.text.split("\n")[0], answer.text


CROUP = """# Croup in children

- Give a single dose of oral dexamethasone 0.15 mg/kg to every child with croup.
- Nebulised adrenaline is for severe croup with stridor at rest.
"""


def test_an_adult_beside_a_guideline_for_children_is_refused(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"croup.md": CROUP})
    assert not engine.ask("Dexamethasone dose for a 3-year-old with croup?").abstained
    refused = engine.ask("Barking cough and stridor in a 34-year-old - same dexamethasone dose?")
    assert refused.abstained and "adults" in refused.text


INCONTINENCE = """# Overactive bladder in women

- Offer bladder training for at least 6 weeks as first-line treatment of urgency urinary incontinence.
- If bladder training does not help, offer oxybutynin immediate release 2.5 mg twice daily or a newer antimuscarinic.
- Do not offer oxybutynin to frail older women, because of the risk of confusion.
"""


def test_a_man_beside_a_guideline_for_women_is_refused(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"oab.md": INCONTINENCE})
    assert not engine.ask("58F with urge incontinence - what's first line?").abstained
    for question in ("72M with urge incontinence - what's first line?",
                     "What dose of oxybutynin for a 65-year-old man with an overactive bladder?"):
        refused = engine.ask(question)
        assert refused.abstained and "speaks of men" in refused.text, question
    # a statement that speaks of men answers for them, and a title that names no sex is for both
    assert unaddressed("72M with urge incontinence", ["Overactive bladder in women › Men: offer tamsulosin"]) == ()
    assert unaddressed("72M with urge incontinence", ["Overactive bladder › Drugs: offer oxybutynin"]) == ()
    assert unaddressed("30M starting carbamazepine", ["Epilepsy in adults, including women of childbearing "
                                                      "potential › Drugs: carbamazepine 100 mg"]) == ()


BRONCHIOLITIS = """# Bronchiolitis in children aged 1 month to 2 years

- Bronchiolitis causes cough, wheeze and crackles after a coryzal prodrome of 1 to 3 days.
- Give oxygen if the oxygen saturation is persistently below 90%.
- Do not use salbutamol, adrenaline, hypertonic saline or corticosteroids to treat bronchiolitis.
"""


def test_a_patient_outside_the_age_band_of_every_title_is_refused(tmp_path, embedder) -> None:
    """A title's age band ("1 month to 2 years") says whom the guideline is for: a 5-year-old is not, unless a
    statement speaks of an age that holds them."""
    engine = engine_over(tmp_path, embedder, {"bronchiolitis.md": BRONCHIOLITIS})
    assert not engine.ask("8-month-old with cough, wheeze and crackles. Should I give salbutamol?").abstained
    refused = engine.ask("5-year-old with cough, wheeze and crackles. Should I give salbutamol?")
    assert refused.abstained and "5-year-olds" in refused.text, refused.text
    title = "Bronchiolitis in children aged 1 month to 2 years"
    assert unaddressed("A 3-week-old with a cough", [f"{title} › Care: Give oxygen"]) == ("1-month-olds",)
    older = f"{title} › Older: children aged 3 to 6 years use a spacer"
    assert unaddressed("A 5-year-old with wheeze", [older]) == ()
    assert unaddressed("A 5-year-old with wheeze", ["Asthma › Care: use a spacer"]) == ()  # a title with no band
    # the band may be in the first heading, under a title with a colon of its own
    assert unaddressed("A 5-year-old with wheeze", [f"Bronchiolitis: care | Site › {title}: Give oxygen"]) == \
        ("5-year-olds",)


def test_a_word_for_a_population_no_document_writes_is_no_condition_it_never_mentions(tmp_path, embedder) -> None:
    """The corpus never writes "toddler" or "neonate": the population rules read "every child" for them."""
    assert names_population("toddler") and names_population("neonates") and not names_population("croup")
    engine = engine_over(tmp_path, embedder, {"croup.md": CROUP})
    answer = engine.ask("Toddler 20m with croup, barking cough - dex dose?")
    assert not answer.abstained and "0.15 mg/kg" in answer.text.split("\n")[0], answer.text


def test_a_child_asked_about_beside_a_parent_s_age_is_still_a_child() -> None:
    adults = ["Acute pain in adults › Drugs: In adults, offer paracetamol 1 g four times daily."]
    assert unaddressed("34M asks about his toddler's fever - what paracetamol dose?", adults) == ("children",)
    assert not names_population("neonatal") and not names_population("cirrhosis")  # conditions of their own


def test_a_title_on_childbirth_or_a_child_asking_the_adult_dose_is_no_adult_beside_children() -> None:
    statements = ["Postnatal care after childbirth › Anaemia: Offer oral iron to women with anaemia after birth."]
    assert unaddressed("A 30-year-old with postpartum anaemia - ferrous sulfate dose?", statements) == ()
    children = ["Kawasaki disease in children › Aspirin: Give low-dose aspirin after IVIG."]
    assert unaddressed("Does a 14-year-old get the adult aspirin dose?", children) == ()
    assert unaddressed("Same picture in a 22-year-old - same aspirin dose?", children) == ("adults",)


def test_a_child_wished_for_is_no_child_patient() -> None:
    adults = ["RA in adults › Pregnancy: In adults, stop methotrexate at least 3 months before a planned conception."]
    assert unaddressed("29F on methotrexate wants to start trying for a baby. When should she stop it?", adults) == ()
    assert unaddressed("Mum is 30, her infant has a fever - paracetamol dose?", adults) == ("children",)
    assert unaddressed("32M brings in toddler with fever, what paracetamol dose?", adults) == ("children",)
    assert unaddressed("Naproxen dose for a child with a sprained wrist?", adults) == ("children",)


NEUROPATHIC = """# Neuropathic pain in adults

## Gabapentin
- Start gabapentin at 300 mg on day 1 and increase by 300 mg a day to a usual dose of 900 mg to 3.6 g a day.
- In end-stage renal failure, give gabapentin 100 mg to 300 mg after each session of renal replacement therapy.
- Amitriptyline 10 mg at night is an alternative first-line treatment.
"""
CONSTIPATION = """# Constipation in adults

- Offer a bulk-forming laxative such as ispaghula husk first, with plenty of fluids.
- Add an osmotic laxative such as macrogol if stools remain hard.
"""


def test_a_word_for_dialysis_is_judged_as_the_population(tmp_path, embedder) -> None:
    """A follow-up that names the patient's dialysis in words no document writes ("hemodialysis", "CAPD") asks
    about that population: answered where a statement speaks of it ("end-stage renal failure ... renal
    replacement therapy"), refused where none does, not refused as a word no document has."""
    engine = engine_over(tmp_path, embedder, {"pain.md": NEUROPATHIC, "bowel.md": CONSTIPATION})
    first = engine.ask("Gabapentin starting dose for diabetic neuropathy?")
    assert not first.abstained and "300 mg" in first.text, first.text
    answer = engine.ask("He's on hemodialysis too - still OK?", [first])
    assert not answer.abstained and "renal replacement therapy" in answer.text, answer.text
    laxative = engine.ask("Which laxative first for constipation?")
    refused = engine.ask("She's on CAPD - is macrogol still fine?", [laxative])
    assert refused.abstained and "dialysis" in refused.text, refused.text


HYPERTENSION = """# Hypertension in adults

## Scope
- This summary covers adults with primary hypertension. It does not cover children and young people under 16
  years, who are managed by paediatric services.

## Treatment
- Offer amlodipine 5 mg once daily, increased to 10 mg if needed, as first-line treatment.
- Offer ramipril 2.5 mg once daily to people with type 2 diabetes and hypertension.
- This advice does not apply to pregnant women, who should be offered labetalol 100 mg twice daily instead.
"""


def test_a_statement_leaving_a_population_out_does_not_speak_of_it(tmp_path, embedder) -> None:
    """"It does not cover children and young people under 16 years" names children to leave them out: a child's
    dose is not answered by the adults' amlodipine dose; an adult's is. "This advice does not apply to pregnant
    women, who should be offered labetalol 100 mg" speaks of them."""
    engine = engine_over(tmp_path, embedder, {"htn.md": HYPERTENSION, "bowel.md": CONSTIPATION})
    refused = engine.ask("Amlodipine dose for a 12-year-old with high blood pressure?")
    assert refused.abstained and "children" in refused.text, refused.text
    answer = engine.ask("Amlodipine dose for a 52-year-old with high blood pressure?")
    assert not answer.abstained and "5 mg" in answer.text, answer.text
    # one that goes on to say what to give them speaks of them
    answer = engine.ask("Which antihypertensive for a pregnant woman with high blood pressure?")
    assert not answer.abstained and "labetalol 100 mg" in answer.text, answer.text


MASTITIS = """# Lactational mastitis

- Continue breastfeeding from the affected side; it is safe for the baby.
- Antibiotics such as flucloxacillin and cefalexin are compatible with breastfeeding.
- Flucloxacillin 500 mg four times daily for 10 to 14 days is the first choice.
"""

PID = """# Pelvic inflammatory disease

- Offer ceftriaxone 1 g intramuscularly once, then doxycycline 100 mg twice daily with metronidazole 400 mg twice
  daily for 14 days.
- Remove an intrauterine device only if symptoms have not improved within 72 hours.
"""


def test_a_drug_s_population_is_not_spoken_of_by_its_group_alone(tmp_path, embedder) -> None:
    """The mastitis guideline's "antibiotics" in breastfeeding names other antibiotics, not doxycycline, which only
    the PID guideline names, and it says nothing of breastfeeding; the short form "doxy" is doxycycline."""
    engine = engine_over(tmp_path, embedder, {"mastitis.md": MASTITIS, "pid.md": PID})
    refused = engine.ask("She's breastfeeding - is the doxy ok?")
    assert refused.abstained and "breastfeeding" in refused.text, refused.text
    answered = engine.ask("She's breastfeeding - is flucloxacillin ok?")
    assert not answered.abstained and "compatible with breastfeeding" in answered.text, answered.text


def test_a_vehicle_is_driving_only_as_driven() -> None:
    """"Vehicles left idling in a closed garage" is where fumes come from, not whether the patient may drive; "Do
    not drive or operate vehicles" is."""
    fumes = ["Faulty boilers, generators and vehicles left idling in a closed garage give off the gas."]
    assert unaddressed("When can he get back behind the wheel and drive again?", fumes) == ("driving",)
    assert unaddressed("When can he drive again?", ["Do not operate vehicles for 24 hours after sedation."]) == ()


def test_a_vehicle_operated_or_in_someone_s_control_is_driving() -> None:
    for said in ("Do not operate a vehicle for 24 hours after sedation.", "Stay out of control of a vehicle today.",
                 "Commercial vehicle drivers need a medical."):
        assert unaddressed("When can he drive again?", [said]) == (), said
