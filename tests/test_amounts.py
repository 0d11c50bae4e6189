"""How much of a drug to give: a case that closes with a short ask naming the drug is answered by the statement
that gives its amount, not by the ones its description matches; and a question asking the amount of a drug that
no retrieved statement doses is refused, though its document names the drug. The document is written for this
test; none of its wording is in the engine."""

from __future__ import annotations

import pytest

from app.answer.amounts import asks_for_amount, asks_for_most, routes, routes_of, states_amount, states_most
from app.answer.engine import Engine
from app.answer.extractive import SHAPE_BONUS, score
from app.answer.followup import strip_context
from app.answer.statements import Candidate
from app.answer.types import Passage
from ingest.types import Statement
from tests.conftest import engine_over

URTICARIA = """# Acute urticaria in adults

## Presentation
- Acute urticaria presents with itchy raised wheals anywhere on the skin, each fading within 24 hours.
- Swelling of the lips, eyelids or tongue (angioedema) occurs with the wheals in about half of adults.
- Wheals over most of the trunk and limbs with lip swelling need a same-day review.

## Treatment
- Offer a non-sedating antihistamine such as cetirizine 10 mg once daily for up to 6 weeks.
- If wheals persist after 2 weeks, the cetirizine dose may be raised to a maximum of 40 mg daily.
- A short course of oral prednisolone 40 mg daily for 3 to 5 days may be added for severe symptoms.
- Montelukast may be tried when urticaria does not settle with antihistamines.
- Sedating antihistamines are not recommended because of drowsiness the next day.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    return engine_over(tmp_path_factory.mktemp("amounts"), embedder, {"urticaria.md": URTICARIA})


def test_a_question_asks_for_an_amount_to_give() -> None:
    for asked in ("What dose of cetirizine?", "Zyrtec dose?", "How much prednisolone should he take?",
                  "What is the usual regimen?", "Dosing in adults?"):
        assert asks_for_amount(asked), asked
    assert asks_for_amount("4yo, stridor - dex dose?") and asks_for_amount("Max daily dose?")
    assert asks_for_amount("Phenytoin loading-dose for a 70 kg man?") and asks_for_amount("Max-dose per day?")
    # an effect's size, what the patient does, a dose the question itself states, whether to change a dose, or a
    # maximum of something else: no amount to give
    for other in ("How much does cetirizine reduce the itch?", "How much should he drink?",
                  "On cetirizine 10 mg - do I change the dose?", "Can I adjust the dose later?",
                  "Does metformin need a dose change in mild renal impairment?",
                  "Should I reduce the dose of gabapentin in CKD?", "Does nitrofurantoin need a dose reduction?",
                  "When does mirtazapine reach its maximum effect?",
                  "Now has end-of-dose wearing off. Would selegiline help?", "Is low-dose naltrexone an option?"):
        assert not asks_for_amount(other), other


def test_a_statement_states_an_amount() -> None:
    assert states_amount("cetirizine 10 mg once daily") and states_amount("0.5 mL/kg to a maximum of 5 mL")
    assert states_amount("The usual adult dose of the tablet is 200.")  # the unit in the next sentence
    assert states_amount("Instil 1 drop every 2 hours for 48 hours") and states_amount("Apply twice a day")
    assert states_amount("Start macrogol at one sachet each morning") and states_amount("Give two to ten puffs")
    assert not states_amount("Montelukast may be tried when urticaria does not settle")
    # a strength in per cent is a product's; a target or a share in per cent is no amount given
    assert states_amount("Apply permethrin 5% cream to the whole body") and states_amount("Use 1% hydrocortisone")
    assert not states_amount("Give a macrolide such as azithromycin and oxygen to keep saturation at or above 95%")
    assert not states_amount("Erythromycin relapse occurs in 20% of patients")
    assert states_amount("Use 5% benzoyl peroxide gel") and states_amount("Give 10% glucose")
    for share in ("Atorvastatin reduced cardiovascular events by 30% compared with placebo", "HbA1c 7% target",
                  "About 20% relapse within a year", "85% sensitivity", "a 5% weight loss"):
        assert not states_amount(share), share
    # a level measured in the patient, not an amount given
    assert not states_amount("Stop metformin if the eGFR falls below 30 mL/min or lactate exceeds 5 mmol/L")
    assert not states_amount("Offer ramipril if the ACR is 3 mg/mmol or more")
    assert not states_amount("Reduce the propranolol dose if the sodium falls below 130 mmol/L")
    assert states_amount("Start intravenous glyceryl trinitrate at 10 micrograms/min")  # a rate is an amount
    assert asks_for_amount("Potassium 6.4 mmol/L - what dose of calcium gluconate?")


def test_a_case_s_ask_naming_the_drug_ranks_the_statement_that_doses_it_first(engine: Engine) -> None:
    """The case's words (wheals, trunk, limbs, lip swelling) match the presentation; its ask wants a dose."""
    case = "29F, itchy wheals all over her trunk and limbs since breakfast, lips a bit swollen - cetirizine dose?"
    answer = engine.ask(case)
    assert not answer.abstained
    assert "10 mg" in answer.text.splitlines()[0]


def test_the_amount_of_a_drug_no_statement_doses_is_refused(engine: Engine) -> None:
    answer = engine.ask("Wheals for three weeks despite cetirizine. How much montelukast should I give?")
    assert answer.abstained and "montelukast" in answer.text.lower()
    assert not engine.ask("Wheals for three weeks despite cetirizine. Is montelukast an option?").abstained
    # the drug the statement doses, under a brand name
    assert not engine.ask("What's the usual Zyrtec dose for hives?").abstained


def test_the_amount_of_a_drug_asked_by_a_short_form_is_that_drug_s(engine: Engine) -> None:
    """"montel" is the documents' montelukast (spelled out as such), and no statement doses it."""
    found = engine.assess("What dose of montel for the wheals?")
    assert "montel (montelukast)" in found.standalone and found.evidence.amount_unstated == ("montelukast",)
    assert engine.ask("What dose of montel for the wheals?").abstained


def test_the_amount_of_what_to_use_instead_is_not_the_replaced_drug_s(engine: Engine) -> None:
    """The amount asked is of what the answer offers, not of the drug it would replace (no statement doses
    montelukast)."""
    for asked in ("He's been on montelukast for a month. Keep it going? If not, what instead and at what dose?",
                  "Should he stay on the montelukast? If not, what instead and at what dose?",
                  "What could he take instead of montelukast, and how much?",
                  # a drug that failed is replaced too
                  "Montelukast didn't help. Which other drug, and at what dose?",
                  "Montelukast was not tolerated - which drug now, and what dose?"):
        answer = engine.ask(asked)
        assert not answer.abstained, (asked, answer.text)
    # ... unless the ask points back at it
    assert engine.ask("Montelukast didn't help - can I give more of it, how much?").abstained
    assert engine.ask("Wheals despite cetirizine. What dose of montelukast instead?").abstained


def test_a_follow_up_asking_the_amount_of_another_drug_is_refused(engine: Engine) -> None:
    first = engine.ask("How is acute urticaria treated?")
    assert not first.abstained
    assert engine.ask("And how much Singulair would you use?", [first]).abstained
    assert not engine.ask("What dose of pred for severe symptoms?", [first]).abstained


def test_a_ceiling_is_answered_only_by_a_statement_that_gives_one(engine: Engine) -> None:
    assert asks_for_most("What's the max I can push it to?") and asks_for_most("Is there a ceiling on the dose?")
    assert states_most("to a maximum of 40 mg daily") and states_most("up to 4 g in 24 hours")
    assert not states_most("prednisolone 40 mg daily for 3 to 5 days")
    assert not engine.ask("What's the maximum dose of cetirizine?").abstained
    refused = engine.ask("Severe hives. What's the max prednisolone dose I can go up to?")
    assert refused.abstained and "prednisolone" in refused.text.lower()  # a dose, but no ceiling, is given


def test_a_class_a_question_names_only_says_what_its_drug_is(engine: Engine) -> None:
    """"montelukast with the antihistamine - what dose?": the dose asked for is montelukast's (the sentence that
    asks names no drug, so the question's do), and the class beside it, which statements dose, vouches for nothing."""
    assert engine.ask("Could I try montelukast with the antihistamine - what dose?").abstained


def test_a_bare_ask_for_a_dose_is_about_the_drug_the_case_names(engine: Engine) -> None:
    answer = engine.ask("Wheals over most of her trunk and limbs, lip swelling, seen the same day. Starting Zyrtec - "
                        "what dose?")
    assert not answer.abstained and "cetirizine" in answer.text.splitlines()[0]  # not the presentation's wheals
    assert "10 mg" in answer.text


def test_it_after_a_case_is_what_the_case_asked_about(engine: Engine) -> None:
    """"Wheals despite cetirizine ... - prednisolone dose?" then "How long is it given for?": "it" is the drug of
    the ask, not the one the case began with."""
    first = engine.ask("Wheals for a week despite cetirizine, now severe - prednisolone dose?")
    assert not first.abstained
    follow = engine.assess("How long is it given for?", [first])
    own = strip_context(follow.standalone).lower()  # the case it was told in is carried as context
    assert "prednisolone" in own and "cetirizine" not in own


THYROID = """# Thyrotoxicosis

- Propranolol 40 mg three times daily controls tremor and palpitations until the patient is euthyroid.
- Carbimazole is the first-line antithyroid drug.
"""

VARICES = """# Oesophageal varices in cirrhosis

- Offer a non-selective beta-blocker such as propranolol to people with medium or large varices.
- Reduce or stop the beta-blocker if systolic blood pressure falls below 90 mmHg or serum sodium below 130 mmol/L.
"""


def test_a_dose_another_document_gives_for_its_own_condition_does_not_answer(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"thyroid.md": THYROID, "varices.md": VARICES})
    first = engine.ask("Should a man with large varices be on a beta-blocker?")
    assert not first.abstained and "propranolol" in first.text
    found = engine.assess("What dose of propranolol should he be on?", [first])
    assert found.evidence.amount_unstated == ("propranolol",)  # the varices guideline's sodium level is no dose
    assert engine.ask("What dose of propranolol should he be on?", [first]).abstained
    assert not engine.ask("What dose of propranolol for the tremor of thyrotoxicosis?").abstained


SINUSITIS = """# Acute bacterial sinusitis in adults

- Most acute sinusitis is viral and settles within 2 to 3 weeks without antibiotics.
- If an antibiotic is needed, give phenoxymethylpenicillin 500 mg four times daily.
- Continue the antibiotic for 5 days in total.
- Nasal saline irrigation twice daily may relieve congestion.
"""


def test_a_question_asking_a_dose_and_how_long_is_answered_by_each(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"sinusitis.md": SINUSITIS})
    answer = engine.ask("Penicillin V dose for sinusitis, and how many days?")
    assert "500 mg four times daily" in answer.text and "for 5 days in total" in answer.text
    # how often is a frequency, how long a span: "twice daily" says nothing of how long
    first = engine.ask("How long should the antibiotic course be?").text.splitlines()[0]
    assert "5 days" in first


PREVENTION = """# Migraine prevention in adults

- Propranolol: starting dose 40 mg twice daily; usual dose 80 to 160 mg daily.
- Topiramate: starting dose 25 mg at night; usual dose 50 mg twice daily.
- Amitriptyline: starting dose 10 mg at night; usual dose 25 to 75 mg at night.
- Consider a CGRP monoclonal antibody such as galcanezumab when three preventive drugs have failed.
- Galcanezumab is given as a 240 mg loading injection, then 120 mg monthly.
"""


def test_the_dose_asked_for_is_the_asked_drug_s_not_the_case_s(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"prevention.md": PREVENTION})
    question = "Migraine on 12 days a month despite topiramate and amitriptyline. Would galcanezumab be " \
               "reasonable, and what dose would I use?"
    scores = {s.text.split()[0].strip(":"): s.score for s in engine.assess(question).scored}
    assert max(scores, key=scores.get) == "Galcanezumab"
    # the case's drugs' doses are not of the asked shape: they gain nothing on a statement about galcanezumab
    assert scores["Topiramate"] <= scores["Consider"] - SHAPE_BONUS


CAP = """# Community-acquired pneumonia in adults

- Offer amoxicillin as the first-line antibiotic for low-severity community-acquired pneumonia.
- Offer doxycycline or clarithromycin if the person is allergic to penicillin.
"""

DOSES = """# Antibiotic doses in adults

- Amoxicillin: 500 mg three times daily for 5 days.
- Doxycycline: 200 mg on day 1, then 100 mg once daily for 4 days.
"""


def test_a_guideline_titled_in_common_words_is_about_a_condition(tmp_path, embedder) -> None:
    failure = "# Heart failure\n\n- Start propranolol at 10 mg three times daily and double the dose every 2 weeks.\n"
    engine = engine_over(tmp_path, embedder, {"varices.md": VARICES, "failure.md": failure})
    first = engine.ask("Should a man with large varices be on a beta-blocker?")
    assert engine.ask("What dose of propranolol should he be on?", [first]).abstained


def test_a_dose_table_about_no_condition_doses_for_a_follow_up(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"cap.md": CAP, "doses.md": DOSES, "thyroid.md": THYROID})
    first = engine.ask("First-line antibiotic for low-severity community-acquired pneumonia?")
    assert not first.abstained and "amoxicillin" in first.text
    answer = engine.ask("And if penicillin allergic, what dose of doxycycline?", [first])
    assert not answer.abstained and "200 mg on day 1" in answer.text


BANDS = """# Oral thrush in infants and children

- Miconazole oral gel for children aged 4 months to 2 years: 1.25 mL four times a day after feeds.
- Miconazole oral gel for children aged 2 to 17 years: 2.5 mL four times a day after meals.
- Continue treatment for 7 days after the lesions have healed.
"""


def test_doses_for_other_ages_dose_nothing_for_this_patient(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"thrush.md": BANDS})
    assert not engine.ask("Miconazole gel dose for a 9-month-old with oral thrush?").abstained
    found = engine.assess("Miconazole gel dose for a 10-day-old with oral thrush?")
    assert found.evidence.amount_unstated == ("miconazole",)
    assert engine.ask("Miconazole gel dose for a 10-day-old with oral thrush?").abstained


BNF = """# Antibiotic doses for children and adults

- Amoxicillin for acute otitis media: child under 1 year 62.5 mg three times a day; 1 to 4 years 125 mg three \
times a day; 5 to 11 years 250 mg three times a day.
- Oseltamivir for adults and children aged 13 to 17 years: 75 mg twice daily for 5 days.
"""


def test_a_line_of_age_bands_or_a_dose_for_adults_still_doses_for_them(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"doses.md": BNF})
    for question in ("Amoxicillin dose for a 3-year-old with otitis media?",  # a band no pattern reads
                     "Oseltamivir dose for a 40-year-old with influenza?"):  # adults and children 13 to 17
        assert engine.assess(question).evidence.amount_unstated == (), question
    # "3 days old" of the rash is no age: a 60-year-old man's
    from app.answer.ages import question_age
    assert question_age("60M, the cellulitis is 3 days old - flucloxacillin dose?") == 60


def test_a_question_asking_what_else_is_answered_by_an_alternative_first() -> None:
    texts = ["Colchicine 500 micrograms twice daily is used for flare prophylaxis.",
             "A low-dose NSAID is an alternative when colchicine cannot be used."]
    candidates = [Candidate(Passage(rank=1, chunk_id=f"c{i}", doc_id="d", title="Gout", section="Prophylaxis",
                                    text=t, statements=(Statement(t),), references=(), page=None, kind="text",
                                    score=1.0), 0, t, 0.5) for i, t in enumerate(texts)]
    assert score("He can't take it with his new antibiotic. What can I use instead?", candidates)[0].text == texts[1]


HEART_FAILURE = """# Chronic heart failure

## Drugs
- Offer ramipril 2.5 mg once daily to people with heart failure with reduced ejection fraction.
- If an ACE inhibitor is not tolerated, offer an angiotensin II receptor blocker such as candesartan 4 mg once daily,
  doubled every 2 weeks.
"""
DYSPEPSIA = """# Dyspepsia

## Treatment
- Offer a full-dose proton pump inhibitor once daily for 4 weeks; PPIs are taken 30 to 60 minutes before breakfast,
  one 20 mg or 30 mg capsule.
"""


def test_a_class_statement_naming_another_member_doses_only_that_member(tmp_path, embedder) -> None:
    """"an angiotensin II receptor blocker such as candesartan 4 mg" doses candesartan, not losartan, though it
    names losartan's class; a statement that doses the class and names no member doses any ("Lansoprazole
    dose?" beside "PPIs ... one 20 mg or 30 mg capsule"). "If he can't take ramipril" names the drug replaced."""
    engine = engine_over(tmp_path, embedder, {"hf.md": HEART_FAILURE, "gi.md": DYSPEPSIA})
    refused = engine.ask("Losartan starting dose?")
    assert refused.abstained and "losartan" in refused.text.lower(), refused.text
    assert engine.ask("What dose of losartan in heart failure if he can't take ramipril?").abstained
    assert not engine.ask("Candesartan starting dose?").abstained
    answer = engine.ask("Lansoprazole dose for dyspepsia?")
    assert not answer.abstained and "20 mg" in answer.text, answer.text


SINUSITIS_DOSES = """# Antibiotics for acute sinusitis

## When to prescribe
- Most acute sinusitis settles within 2 to 3 weeks without an antibiotic.
- Offer an antibiotic when symptoms have lasted more than 10 days and are getting worse.
- Phenoxymethylpenicillin 500 mg four times daily for 5 days is the first choice.

## Doses when penicillin cannot be used
- Clarithromycin: 500 mg twice daily for adults; 7.5 mg/kg twice daily for children, for 5 days.
- Doxycycline: 200 mg on the first day, then 100 mg once daily for 4 days.
"""


ADULT_FEVER = """# Fever in adults

## Paracetamol
- Offer paracetamol 1 g four times a day, maximum 4 g in 24 hours.
- Reduce to 500 mg four times a day if weight is under 50 kg.
"""


def test_a_child_s_dose_is_one_a_statement_gives_children(tmp_path, embedder) -> None:
    """A dose that names no age, in a guideline that doses children apart ("7.5 mg/kg for children"), is an
    adult's: it gives no dose for a 6-year-old. A statement that doses children by weight or says so does; an
    11-year-old is a child, a 14-year-old takes the adult dose; a statement dosing another drug under a heading
    that names the class ("Antibiotics for ...") doses that drug only."""
    from app.answer.populations import asks_a_child_dose, doses_a_child
    assert doses_a_child("Amoxicillin 40 mg/kg/day in 3 doses") and doses_a_child("250 mg for infants")
    assert doses_a_child("Ondansetron 5 mg per m2") and not doses_a_child("Give IV ceftriaxone 2 g once daily")
    assert asks_a_child_dose("11yo, what dose?") and asks_a_child_dose("Different child, 22 kg - what dose?")
    assert not asks_a_child_dose("14-year-old with sinusitis, what dose?") and not asks_a_child_dose("45M dose?")
    assert asks_a_child_dose("34M asks about his toddler's fever - what paracetamol dose?")
    assert asks_a_child_dose("Mum asks what dose of paracetamol to give her 3 year old son with fever")
    # a line of age bands doses children; a weight band is an adult's line too
    assert doses_a_child("Amoxicillin: 1 to 11 months 125 mg; 1 to 4 years 250 mg; 5 to 17 years 500 mg")
    assert doses_a_child("Aged 1-4 years: amoxicillin 250 mg")
    assert not doses_a_child("Reduce to 500 mg four times a day if weight is under 50 kg")
    engine = engine_over(tmp_path, embedder, {"sinusitis.md": SINUSITIS_DOSES})
    child = "6-year-old with sinusitis for 12 days and worsening. Phenoxymethylpenicillin dose?"
    assert engine.assess(child).evidence.amount_unstated == ("phenoxymethylpenicillin",)
    assert engine.ask(child).abstained
    for answered, amount in (("6-year-old with sinusitis for 12 days, penicillin allergic. Clarithromycin dose?",
                              "7.5 mg/kg"),
                             ("45-year-old with sinusitis for 12 days and worsening. Phenoxymethylpenicillin dose?",
                              "500 mg")):
        answer = engine.ask(answered)
        assert not answer.abstained and amount in answer.text, (answered, answer.text)
    # an adult's line with a weight band doses no 2-year-old, nor does a parent's question make it the parent's
    fever = engine_over(tmp_path / "fever", embedder, {"fever.md": ADULT_FEVER})
    for child in ("What dose of paracetamol for a 2 year old?",
                  "Mum asks what dose of paracetamol to give her 3 year old son with fever"):
        assert fever.ask(child).abstained, child
    # the heading names the class; the statement under it doses doxycycline, not cefuroxime
    assert engine.assess("Adult with sinusitis, penicillin allergic. Cefuroxime dose?").evidence.amount_unstated \
        == ("cefuroxime",)


MIGRAINE = """# Acute migraine in adults

## Treatment
- Offer oral sumatriptan 50 mg at the onset of headache; a second dose may be taken after 2 hours.
- Subcutaneous sumatriptan 6 mg is an option when vomiting prevents oral treatment.
- Offer metoclopramide 10 mg with a triptan for nausea, up to three times a day for 5 days.
- Do not offer opioids for acute migraine.
"""


def test_an_amount_asked_by_a_route_is_answered_only_by_a_statement_on_that_route(tmp_path, embedder) -> None:
    assert routes("Could we switch him to a Butrans patch - what strength?") == {"transdermal"}
    assert routes("give 4 mg sublingually") == {"under the tongue"} and routes("1 g IV over 30 minutes") == {"injected"}
    assert routes("oral sumatriptan 50 mg tablets") == frozenset()  # swallowed: the usual form
    # the route beside the drug's name is its own, not one of another drug's
    assert routes_of("magnesium", "still tight after back-to-back nebs. is iv magnesium worth it?") == {"injected"}
    assert routes_of("salbutamol", "still tight after salbutamol. is iv magnesium worth it?") == frozenset()
    engine = engine_over(tmp_path, embedder, {"migraine.md": MIGRAINE})
    # the documents dose sumatriptan by mouth and by injection, never as a nasal spray
    answer = engine.ask("She can't keep tablets down. What dose of sumatriptan nasal spray?")
    assert answer.abstained and "gives an amount of sumatriptan" in answer.text and "(nasal)" in answer.text
    answer = engine.ask("What dose of subcutaneous sumatriptan?")
    assert not answer.abstained and "6 mg" in answer.text
    # a drug the documents dose by no route at all is not judged by one
    answer = engine.ask("What dose of IV metoclopramide?")
    assert not answer.abstained and "10 mg" in answer.text


ADRENALINE = """# Adrenaline in emergencies

- In cardiac arrest, give adrenaline 1 mg intravenously every 3 to 5 minutes.
- In anaphylaxis, give adrenaline 0.5 mg intramuscularly into the outer thigh, repeated after 5 minutes if needed.
- A nebulised adrenaline 5 mL of 1 in 1000 can ease stridor while other treatment is given.
"""


def test_the_statement_dosing_by_the_route_asked_comes_first(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"adrenaline.md": ADRENALINE})
    for question, amount in (("What dose of IM adrenaline?", "0.5 mg"), ("IV adrenaline dose?", "1 mg"),
                             ("How much adrenaline via a neb?", "5 mL")):
        answer = engine.ask(question)
        assert not answer.abstained and amount in answer.text.split("\n")[0], (question, answer.text)


SKIN_INFECTION = """# Cellulitis and erysipelas in adults

## Antibiotics
- Cephalexin 500 mg four times daily, or clindamycin 300 mg four times daily, for 5 to 7 days.
- Review the rash after 48 hours and extend the course if it is still spreading.
"""


def test_a_drug_in_the_documents_other_spelling_is_dosed_by_them(tmp_path, embedder) -> None:
    """"cefalexin" is the documents' "cephalexin", not a class they write it by: their statement dosing it beside
    another drug doses it."""
    engine = engine_over(tmp_path, embedder, {"cellulitis.md": SKIN_INFECTION})
    answer = engine.ask("What dose of cefalexin for cellulitis?")
    assert not answer.abstained and "500 mg four times daily" in answer.text, answer.text


IMPETIGO = """# Impetigo in children

- Offer hydrogen peroxide 1% cream for localised non-bullous impetigo in children who are not systemically unwell.
- Flucloxacillin by mouth for 5 days is the first choice for widespread impetigo.
- Co-amoxiclav is another antibiotic that is sometimes used.
"""

LYME = """# Lyme disease in adults and children

- Amoxicillin: adult dose 500 mg three times daily; child dose 50 mg/kg/day in 3 divided doses; 14 days for erythema
  migrans.
- Doxycycline 100 mg twice daily for 21 days is an alternative for adults.
"""


def test_a_dose_asked_for_a_named_condition_is_not_another_condition_s(tmp_path, embedder) -> None:
    """The impetigo guideline names co-amoxiclav and doses nothing of it; the Lyme guideline's amoxicillin dose is
    for erythema migrans, not an answer to a dose for impetigo."""
    engine = engine_over(tmp_path, embedder, {"impetigo.md": IMPETIGO, "lyme.md": LYME})
    refused = engine.ask("Different child, 22 kg, with impetigo - what amoxicillin dose would you use?")
    assert refused.abstained, refused.text
    answered = engine.ask("22 kg child with erythema migrans from Lyme disease - what amoxicillin dose?")
    assert not answered.abstained and "50 mg/kg/day" in answered.text, answered.text


def test_a_condition_named_with_a_possessive_is_the_condition_a_dose_is_asked_for(tmp_path, embedder) -> None:
    """"Addison's disease" names its condition only by "Addison", written with a possessive: a dose asked for it
    is not the asthma guideline's dose of the same drug."""
    engine = engine_over(tmp_path, embedder, {"addison.md": """# Addison's disease

- People with Addison's disease take hydrocortisone every day for life.
- During an illness with fever, follow the sick day rules for hydrocortisone and carry a steroid emergency card.
- An emergency hydrocortisone injection kit should be kept at home.
""", "asthma.md": """# Acute asthma in adults

- Give hydrocortisone 100 mg intravenously every 6 hours if the patient cannot take prednisolone by mouth.
- Give prednisolone 40 to 50 mg by mouth for at least 5 days.
"""})
    refused = engine.ask("What dose of hydrocortisone is used for Addison's disease?")
    assert refused.abstained, refused.text


BELL = """# Bell's palsy in adults

## Treatment
- Offer prednisolone 50 mg once daily for 10 days to adults seen within 72 hours of the onset of Bell's palsy.
- Protect the eye with lubricating drops by day and ointment and taping at night if the eye does not close.

## Referral
- Refer urgently if the forehead is spared, or if there are other neurological signs.
"""

ASTHMA_ATTACK = """# Acute asthma in adults

## Treatment
- Give prednisolone 40 to 50 mg daily for at least 5 days in an acute asthma attack.
- Give salbutamol 5 mg by oxygen-driven nebuliser for a severe or life-threatening attack.

## Discharge
- Check inhaler technique and arrange review in primary care within 2 working days.
"""


def test_an_amount_asked_about_its_topic_is_not_another_guidelines_dose(tmp_path, embedder) -> None:
    """After a Bell's palsy answer, "What dose of pred?" is answered with the Bell's palsy guideline's dose, not
    with the asthma guideline's prednisolone dose for an attack, though both name the drug."""
    engine = engine_over(tmp_path, embedder, {"bell.md": BELL, "asthma.md": ASTHMA_ATTACK})
    first = engine.ask("Facial droop since yesterday and he can't close his eye - Bell's palsy. Prednisolone?")
    assert not first.abstained and "Bell" in first.citations[0].passage.title
    follow = engine.ask("What dose of prednisolone, and for how long?", [first])
    assert "50 mg once daily for 10 days" in follow.text
    assert "40 to 50 mg" not in follow.text, follow.text


def test_another_guideline_s_dose_is_not_quoted_in_a_follow_up_that_keeps_its_topic(tmp_path, embedder) -> None:
    """Not only when it asks an amount: "And is prednisolone really worth it in a severe attack of it?" after a
    Bell's palsy answer is answered from the Bell's palsy guideline, never with the asthma guideline's
    prednisolone dose for an attack."""
    engine = engine_over(tmp_path, embedder, {"bell.md": BELL, "asthma.md": ASTHMA_ATTACK})
    first = engine.ask("Facial droop since yesterday and he can't close his eye - Bell's palsy. Prednisolone?")
    assert not first.abstained and "Bell" in first.citations[0].passage.title
    follow = engine.ask("And is prednisolone really worth it in a severe attack of it?", [first])
    assert not follow.abstained and "40 to 50 mg" not in follow.text, follow.text
