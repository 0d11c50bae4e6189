"""Words read in the context of the documents a user added: an abbreviation takes the meaning written beside
the question's other words, a drug spelled the international or the American way is one drug, a brand the
documents write only in a reference still finds the generic, and a chain of follow-ups stays on its document."""

from __future__ import annotations

import pytest

from app.answer.engine import Engine
from app.answer.followup import SubjectVocabulary, topic_of
from ingest import lexicon
from tests.conftest import engine_over

NEUROLOGY = """# Multiple sclerosis: disease-modifying therapy

- Offer disease-modifying therapy to adults with relapsing multiple sclerosis.
- Ocrelizumab is an option for primary progressive multiple sclerosis.
- Relapses of multiple sclerosis may be treated with oral methylprednisolone for 5 days.
"""
VALVES = """# Mitral stenosis: when to intervene

- Percutaneous balloon valvotomy is recommended for symptomatic severe mitral stenosis with a suitable valve.
- Atrial fibrillation with mitral stenosis needs anticoagulation with warfarin.
"""
COELIAC = """# Coeliac disease in adults

- Coeliac disease is treated with a lifelong strict gluten-free diet.
- Pure oats are tolerated by most people with coeliac disease.
- Offer annual review of people with coeliac disease by a dietitian.
- Give vitamin K 10 mg when coeliac disease causes bleeding from malabsorption.
"""
SODIUM = """# Hyponatraemia in adults

- Sodium below 125 mmol/L with severe symptoms needs hypertonic saline in hospital.
- Correct sodium by no more than 10 mmol/L in 24 hours to avoid osmotic demyelination.
"""
LYME = """# Lyme disease: prevention and treatment

## Tick bite

- A single 200 mg dose of doxycycline within 72 hours of removing the tick may be offered in high-incidence areas (1).
- Do not send the removed tick for Borrelia testing (1).

## Erythema migrans

- Treat erythema migrans with doxycycline 100 mg twice daily for 10 days (2).
- Amoxicillin for 14 days is the alternative in pregnancy (2).
- Cefalexin is not active against Borrelia and should not be used (1).

## Facial palsy

- Facial palsy from Lyme disease is treated with doxycycline for 14 to 21 days (1).

## References

1. Lantos PM, Rumbaugh J, Bockenstedt LK, et al. Clinical practice guidelines by IDSA, AAN and ACR for the prevention, diagnosis and treatment of Lyme disease. Clin Infect Dis. 2021;72(1):e1-e48.
2. Stupica D, Lusa L, Ruzic-Sabljic E, et al. Treatment of erythema migrans with doxycycline (Vibramycin) for 10 days versus 15 days. Clin Infect Dis. 2012;55(3):343-350.
"""

FEVER = """# Fever in children under 5

- Paracetamol (acetaminophen) or ibuprofen can be used for a child who is distressed by fever.
- Give acetaminophen 15 mg/kg every 4 to 6 hours, with no more than 4 doses in 24 hours.
- Do not use antipyretics with the sole aim of bringing a fever down.
"""

PREGNANCY = """# Diabetes first found in pregnancy

- Gestational diabetes mellitus (GDM) is diabetes first diagnosed in pregnancy.
- Screen for gestational diabetes mellitus with a 75 g glucose tolerance test at 24 to 28 weeks.
- Advise women with gestational diabetes to give birth no later than 40+6 weeks.
- Stop glucose-lowering drugs straight after the birth in women with gestational diabetes.
- Gestational diabetes often comes back in a later pregnancy.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    return engine_over(tmp_path_factory.mktemp("context"), embedder, {
        "ms.md": NEUROLOGY, "valves.md": VALVES, "coeliac.md": COELIAC, "lyme.md": LYME, "sodium.md": SODIUM,
        "fever.md": FEVER, "gdm.md": PREGNANCY})


def test_an_abbreviation_with_two_written_meanings_takes_the_one_beside_the_question(engine: Engine) -> None:
    # the documents write "multiple sclerosis" more often, yet valvotomy is written beside mitral stenosis
    assert engine.meaning("MS", "When is balloon valvotomy indicated for MS?") == "mitral stenosis"
    assert engine.meaning("MS", "Which disease-modifying therapy for relapsing MS?") == "multiple sclerosis"
    answer = engine.ask("When is balloon valvotomy indicated for MS?")
    assert "MS (mitral stenosis)" in answer.standalone_question
    assert not answer.abstained and "valvotomy" in answer.text.splitlines()[0]


def test_a_corpus_meaning_beats_a_dictionary_meaning_no_document_writes(engine: Engine) -> None:
    # the dictionary knows CD only as Crohn's disease, which no document names; the documents say coeliac disease
    answer = engine.ask("Can someone with CD eat oats?")
    assert "CD (coeliac disease)" in answer.standalone_question
    assert not answer.abstained and "oats" in answer.text.splitlines()[0]


def test_international_and_american_drug_spellings_are_one_drug(engine: Engine) -> None:
    assert lexicon.inn_key("cephalexin") == lexicon.inn_key("cefalexin")
    assert lexicon.inn_key("aciclovir") == lexicon.inn_key("acyclovir")
    names = engine.index.catalog.resolve_names(["cephalexin", "cefalexin", "acyclovir", "aciclovir"])
    assert names["cephalexin"] == names["cefalexin"] and names["acyclovir"] == names["aciclovir"]
    found = engine.assess("Is cephalexin active against Borrelia?")
    assert found.evidence.unknown_drugs == ()  # the document writes cefalexin
    assert "cephalexin (cefalexin)" in found.standalone


def test_a_brand_written_only_in_a_reference_still_finds_the_generic(engine: Engine) -> None:
    answer = engine.ask("Can I give Vibramycin for erythema migrans?")
    assert "Vibramycin (doxycycline)" in answer.standalone_question
    assert not answer.abstained and "10 days" in answer.text.splitlines()[0]


def test_a_chain_of_follow_ups_keeps_the_subject_of_the_quoted_document() -> None:
    vocabulary = SubjectVocabulary(["Lyme disease › Tick bite"], ["Lyme disease: prevention and treatment"], [])
    cited = [("Lyme disease › Tick bite", "Lyme disease: prevention and treatment")]
    chained = topic_of("Which dose? (about tick bite)", cited, vocabulary, lambda w: True)
    assert "lyme" in chained.context  # its own words no longer name the document's subject: the title does
    assert "prevention" not in chained.context  # what the title says after its colon is not the subject
    asked = topic_of("Who needs prophylaxis after a tick bite?", cited, vocabulary, lambda w: True)
    assert "lyme" not in asked.context  # a question asked on its own is its own topic



def test_the_subject_comes_from_the_document_quoted_first() -> None:
    vocabulary = SubjectVocabulary(["Lyme disease › Erythema migrans", "Insect Bites"],
                                   ["Lyme disease: prevention and treatment", "Insect Bites (MPlusHealthTopics)"], [])
    cited = [("Lyme disease › Erythema migrans", "Lyme disease: prevention and treatment"),
             ("Insect Bites", "Insect Bites (MPlusHealthTopics)")]  # another page, quoted lower down
    assert topic_of("Should a bite be tested for Borrelia?", cited, vocabulary).subject != "Insect Bites"


def test_a_pronoun_after_a_brand_is_that_drug_not_the_last_one(engine: Engine) -> None:
    first = engine.ask("How long is doxycycline given for erythema migrans?")
    answer = engine.ask("Can a pregnant woman take Amoxil, and for how long is it given?", [first])
    own = answer.standalone_question.split("(about")[0]
    assert "Amoxil (amoxicillin)" in own and "doxycycline" not in own  # "it" is Amoxil, not the last drug
    assert not answer.abstained and "14 days" in answer.text.splitlines()[0]


def test_a_brand_and_its_generic_are_one_subject_not_context() -> None:
    vocabulary = SubjectVocabulary([], ["Lyme disease"], ["doxycycline"])
    topic = topic_of("What about Vibramycin (doxycycline)?", [], vocabulary)
    assert topic.subject == "doxycycline" and "vibramycin" not in topic.context


def test_a_question_about_the_sources_gets_no_overview(engine: Engine) -> None:
    answer = engine.ask("Which 2012 study supports the management of erythema migrans?")
    assert answer.text.splitlines()[0].startswith("- Reference 2")  # the 2012 entry, not the document's options


def test_a_symbol_for_a_measured_value_is_spelled_out(engine: Engine) -> None:
    found = engine.assess("Na 121 and confused - how fast can I correct it?")
    assert found.standalone.startswith("Na (sodium) 121")
    assert "demyelination" in found.scored[0].text or "demyelination" in found.scored[1].text
    assert engine.symbols("Give vitamin K 10 mg?") == []  # a letter of a name the documents write
    assert engine.symbols("Is 5 mg enough?") == []  # a word, not a symbol the dictionary writes so


def test_a_question_about_the_sources_after_a_refusal_asks_about_what_was_quoted(engine: Engine) -> None:
    turns = [engine.ask("Should the removed tick be tested for Borrelia?")]
    turns.append(engine.ask("Is fosfomycin an option?", turns))
    assert turns[-1].abstained  # no document names fosfomycin
    answer = engine.ask("Which 2021 guideline is this from?", turns)
    assert "fosfomycin" not in answer.standalone_question.lower()
    assert not answer.abstained and "Reference 1 (Reference): Clinical practice guidelines" in answer.text


def test_which_source_that_is_from_is_the_entry_its_statements_cite(engine: Engine) -> None:
    first = engine.ask("How long should erythema migrans be treated with doxycycline?")
    assert "10 days" in first.text.splitlines()[0]  # a statement citing entry 2
    answer = engine.ask("Which paper is that from?", [first])
    assert answer.text.splitlines()[0].startswith("- Reference 2 (Reference): Treatment of erythema migrans")
    strength = engine.ask("How strong is the evidence for that?", [first])  # not a question about which source
    assert not strength.text.splitlines()[0].startswith("- Reference")


def test_a_question_about_the_sources_in_other_words_is_the_entry_its_statements_cite(engine: Engine) -> None:
    """"What's", "Where's", a verb that asks where from ("backs", "based on") and "evidence for that" ask the same
    as "Which paper is that from?"; "backs" is no word the last answer should have said."""
    first = engine.ask("How long should erythema migrans be treated with doxycycline?")
    for asked in ("Which study backs that?", "Where's that from?", "What's that recommendation based on?",
                  "What's the evidence for that?", "What's the source for the 10 days?"):
        answer = engine.ask(asked, [first])
        assert answer.text.splitlines()[0].startswith("- Reference 2 (Reference): Treatment of erythema migrans"), \
            asked
    from app.answer.extractive import asks_for_source
    assert not asks_for_source("Where does it come from?")  # a cause, not a source
    assert not asks_for_source("What's the diagnosis based on?")


def test_after_an_entry_a_question_naming_things_of_its_own_is_not_about_the_entry(engine: Engine) -> None:
    first = engine.ask("How long should erythema migrans be treated with doxycycline?")
    entry = engine.ask("Which paper is that from?", [first])
    assert entry.text.splitlines()[0].startswith("- Reference 2")
    found = engine.assess("Her mum wants to give her garlic juice too - any evidence it prevents relapse?",
                          [first, entry])
    assert "erythema migrans" not in found.standalone.split("(about")[0].lower()  # not the entry's title
    assert engine.assess("When was it published?", [first, entry]).standalone.startswith("When was")
    # an "it" before the words of its own points at the entry
    design = engine.assess("Was it a double-blind randomised placebo-controlled trial?", [first, entry])
    assert "erythema migrans" in design.standalone.lower()  # the entry's title words


def test_a_new_question_naming_a_brand_is_not_a_follow_up(engine: Engine) -> None:
    first = engine.ask("When is balloon valvotomy indicated for mitral stenosis?")
    found = engine.assess("Is Amoxil given in pregnancy for erythema migrans?", [first])
    assert not found.evidence.inherited and "(about" not in found.standalone  # judged on its own evidence


def test_an_evidence_question_after_a_refusal_stays_on_the_refused_subject(engine: Engine) -> None:
    turns = [engine.ask("Should the removed tick be tested for Borrelia?")]
    turns.append(engine.ask("Is fosfomycin an option?", turns))
    answer = engine.ask("Is there evidence for it in pregnancy?", turns)
    assert answer.abstained  # "it" is fosfomycin, which no document names; not a question about the sources


def test_which_study_showed_a_named_statement_is_the_entry_that_statement_cites(engine: Engine) -> None:
    first = engine.ask("Which antibiotics are used and which should not be used for erythema migrans?")
    assert "Cefalexin" in first.text and "doxycycline" in first.text  # statements citing entries 1 and 2
    answer = engine.ask("Which study showed that cefalexin is not active against Borrelia?", [first])
    assert answer.text.splitlines()[0].startswith("- Reference 1")


def test_a_symbol_is_spelled_out_where_it_stands_and_only_as_the_documents_write_it(engine: Engine) -> None:
    query = engine.spell_out("On a vitamin K antagonist and Na 121 - how fast can it be corrected?")
    assert "Na (sodium) 121" in query and "vitamin K antagonist" in query
    assert engine.spell_out("Sodium 130 and T 39 - admit?") == "Sodium 130 and T 39 - admit?"  # no "temperature"


def test_they_is_never_a_single_thing() -> None:
    from app.answer.followup import Topic, rewrite

    vocabulary = SubjectVocabulary(["Anticoagulation › Warfarin", "Pain › NSAIDs"], ["Perioperative care"],
                                   ["warfarin"])
    people = rewrite("Do they need bridging?", Topic("warfarin", ["patients", "surgery"]), vocabulary)
    assert not people.startswith("Do warfarin") and "(about warfarin patients surgery)" in people
    drugs = rewrite("Are they safe in pregnancy?", Topic("NSAIDs", ["pain"]), vocabulary)
    assert drugs.startswith("Are NSAIDs safe in pregnancy?")


def test_an_overview_that_says_support_is_still_an_overview(engine: Engine) -> None:
    plain = engine.ask("How is Lyme disease managed?")
    worded = engine.ask("How is Lyme disease managed, and what support is there?")  # "support", no source named
    assert len(plain.citations) >= 3 and [c.passage.chunk_id for c in worded.citations][:3] == \
        [c.passage.chunk_id for c in plain.citations][:3]


def test_in_a_large_index_runs_of_words_are_read_from_the_documents_the_question_finds(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.answer import engine as engine_module

    monkeypatch.setattr(engine_module, "SCAN_CHUNKS", 0)  # as if the index were too large to read whole
    monkeypatch.setattr(engine.expansions, "forms", lambda _: pytest.fail("read every chunk"))
    assert engine.corpus_forms("CD", "Can someone with CD eat oats?") == ["coeliac disease"]
    assert engine.meaning("CD", "Is CD treated with a gluten-free diet for life?") == "coeliac disease"


def test_which_study_showed_something_the_last_answer_did_not_say_is_found_by_its_words(engine: Engine) -> None:
    first = engine.ask("How long should erythema migrans be treated with doxycycline?")
    answer = engine.ask("Which study showed that facial palsy from Lyme disease needs doxycycline?", [first])
    top = answer.text.splitlines()[0]  # not the entry the last answer cited, which says nothing of facial palsy
    assert not top.startswith("- Reference 2") and ("Facial palsy" in top or top.startswith("- Reference 1"))


def test_how_a_part_of_a_guideline_is_treated_is_answered_directly(engine: Engine) -> None:
    whole = engine.ask("How is Lyme disease managed?")  # the document's subject: an overview of its sections
    assert len(whole.citations) >= 3
    part = engine.ask("How is facial palsy from Lyme disease treated?")  # one section's subject
    assert part.text.splitlines()[0].startswith("- Facial palsy from Lyme disease is treated with doxycycline")


def test_which_guideline_says_something_is_the_entry_its_statements_cite(engine: Engine) -> None:
    answer = engine.ask("Which guideline is the advice on tick bites from?")  # no entry's title says tick bite
    assert answer.text.splitlines()[0].startswith("- Reference 1 (Reference): Clinical practice guidelines")


def test_a_short_form_of_a_word_the_documents_use_is_spelled_out(engine: Engine) -> None:
    assert engine.clipped("Is doxy ok after a tick bite?") == {"doxy": "doxycycline"}
    found = engine.assess("Is amox fine for erythema migrans in pregnancy?")
    assert "amox (amoxicillin)" in found.standalone and "Amoxicillin for 14 days" in found.scored[0].text
    assert engine.clipped("Should the tick be tested?") == {}  # words the documents have


def test_what_a_guideline_recommends_is_asked_of_its_statements_not_its_entries(engine: Engine) -> None:
    answer = engine.ask("What does the guideline recommend for erythema migrans?")
    assert not answer.text.splitlines()[0].startswith("- Reference")
    assert engine.ask("What does the guideline recommend for erythema migrans with sarcoidosis?").abstained


def test_a_drug_counts_by_every_name_the_documents_give_it(engine: Engine) -> None:
    """The guideline says paracetamol once, then acetaminophen: "How often can I give paracetamol?" is answered
    by the statement that says acetaminophen, which names it as much as its other name does."""
    answer = engine.ask("How often can I give paracetamol to a feverish toddler?")
    assert "every 4 to 6 hours" in answer.text.splitlines()[0]


def test_an_abbreviation_the_documents_define_once_is_spelled_out_as_they_write_it(engine: Engine) -> None:
    """The guideline defines "GDM" once and says "gestational diabetes" throughout: a question with "GDM" is
    searched by what it stands for too, and answered by a statement that never says "GDM"."""
    asked = "When should a woman with GDM give birth?"
    assert "GDM (gestational diabetes mellitus)" in engine.spell_out(asked)
    answer = engine.ask(asked)
    assert "40+6 weeks" in answer.text.splitlines()[0]


def test_an_abbreviation_one_document_uses_is_not_another_document_s_words_with_its_initials(tmp_path,
                                                                                             embedder) -> None:
    """A back pain page writes "MSK" and never spells it out; a kidney page writes "medullary sponge kidney" over
    and over. The two are never written together and no dictionary gives "MSK" that meaning: "MSK" in a
    question is what the back pain page means by it, not the kidney page's words."""
    engine = engine_over(tmp_path, embedder, {"back.md": """# Low back pain in adults

- Most MSK back pain settles within 6 weeks with simple analgesia and staying active.
- Refer MSK pain that has not improved after 6 weeks to physiotherapy.
""", "kidney.md": """# Medullary sponge kidney

- Medullary sponge kidney is a congenital disorder of the collecting ducts.
- People with medullary sponge kidney often form calcium stones.
- Medullary sponge kidney is usually found on imaging done for another reason.
- Drinking plenty of water lowers the risk of stones in medullary sponge kidney.
"""})
    asked = "MSK back pain for 3 weeks, no red flags - physio now?"
    assert "medullary" not in engine.spell_out(asked).lower()


def test_a_short_form_that_begins_one_drug_and_other_words_is_the_drug(tmp_path, embedder) -> None:
    """"nitro" begins nitrofurantoin and nitrogen (and its other forms): of these families only one is a drug the
    documents name, and clinicians shorten the names of medicines."""
    engine = engine_over(tmp_path, embedder, {"uti.md": """# Lower urinary tract infection in men

- Nitrofurantoin 100 mg modified-release twice daily for 7 days is the first choice for men.
- Blood urea nitrogen is checked when kidney function may be reduced.
- A raised urea nitrogen with a normal creatinine suggests dehydration; nitrogen balance is rarely measured.
"""})
    assert engine.clipped("How long is the nitro course for a man?") == {"nitro": "nitrofurantoin"}
    # beside a whole word no document writes, it is still the drug
    assert engine.clipped("Worried about nitro staining the urine?") == {"nitro": "nitrofurantoin"}


def test_two_short_forms_side_by_side_are_one_name_the_documents_write(tmp_path, embedder) -> None:
    """"pot chlor" begins the documents' "potassium chloride", though "chlor" alone would be the one drug it
    begins (chlorphenamine); "sod chlor" is "sodium chloride", and two short forms that begin no
    name the documents write together ("amph lipo") are no guess at one of them alone."""
    engine = engine_over(tmp_path, embedder, {"fluids.md": """# Intravenous fluids in adults

- Add potassium chloride 40 mmol to each litre of maintenance fluid when the serum potassium is normal.
- Chloride-rich fluids such as sodium chloride 0.9% may cause hyperchloraemic acidosis.
- Give chlorphenamine 10 mg IV for an allergic reaction to a blood transfusion.
- Give tranexamic acid 1 g IV over 10 minutes within 3 hours of major trauma.
- Amphetamine misuse can cause hyperthermia; cool the patient.
"""})
    assert engine.clipped("How much pot chlor per litre?") == {"pot chlor": "potassium chloride"}
    assert "pot chlor (potassium chloride)" in engine.spell_out("How much pot chlor per litre?")
    assert engine.clipped("Sod chlor rate?") == {"sod chlor": "sodium chloride"}
    assert engine.clipped("Amph lipo dose for fungal infection?") == {}
    # a word the documents write is itself, not the start of a name: "Give chlor" is not "given chlorphenamine"
    assert engine.clipped("Should I give pot chlor?") == {"pot chlor": "potassium chloride"}


def test_a_word_the_documents_write_is_no_short_form_beside_one(tmp_path, embedder) -> None:
    """"Her vit D" is her vitamin D, not the documents' "hereditary vitamin D-resistant rickets"."""
    engine = engine_over(tmp_path, embedder, {"rickets.md": """# Rickets in children

- Hereditary vitamin D-resistant rickets is rare and needs specialist care.
- Give vitamin D 400 units daily to breastfed infants from birth.
- Her growth is measured at each visit.
"""})
    assert "hereditary" not in engine.spell_out("Her vit D is 20. Supplement?").lower()


HRT_LEAFLET = """# Hormone replacement and the menopause

## Hormone replacement
- Hormone replacement therapy (HRT) relieves hot flushes and night sweats in most women within 4 weeks.
- Hormone replacement does not need to be stopped at a set age.
"""

ASTHMA_SEVERITY = """# Acute asthma in adults: severity

## Severe attack
- An attack is severe if peak flow is 33 to 50% of best, the respiratory rate is 25 per minute or more, or the \
heart rate is 110 per minute or more.
- Tranexamic acid has no place in the treatment of acute asthma.
- Give oxygen to keep saturations at 94 to 98%.
"""


COPD_RISK = """# COPD exacerbations

## Prevention
- Stopping smoking reduced exacerbations (relative risk 0.48) in a randomised trial.
- Refer to hospital if the respiratory rate is high or the patient is confused.
"""


def test_an_abbreviation_before_a_value_names_a_measure(tmp_path, embedder) -> None:
    """"HR 120" is a value: the heart rate where a document gives one ("the heart rate is 110 per minute or
    more"); never the hormone replacement a leaflet's heading has the initials of, which no document gives a
    value of. A meaning the dictionary gives stays when no document gives a value of any ("TIA 3 days ago"). An
    abbreviation spelled out as a drug names that drug: "TXA" finds the statement on tranexamic acid."""
    leaflet = engine_over(tmp_path, embedder, {"hrt.md": HRT_LEAFLET})
    assert "HR (" not in leaflet.spell_out("67M, HR 120, BP 90/60, vomiting blood. Transfuse?")
    assert "TIA (transient ischemic attack)" in leaflet.spell_out("TIA 3 days ago, now on clopidogrel. HRT OK?")
    both = engine_over(tmp_path / "both", embedder, {"hrt.md": HRT_LEAFLET, "asthma.md": ASTHMA_SEVERITY})
    assert "HR (heart rate) 120" in both.spell_out("34F wheezy, HR 120, RR 30. How severe?")
    # a meaning the dictionary gives stays beside another the documents give a value of ("relative risk 0.48")
    risk = engine_over(tmp_path / "risk", embedder, {"copd.md": COPD_RISK})
    assert "RR (relative risk)" not in risk.spell_out("COPD flare, RR 32, sats 86%. Refer?")
    found = both.assess("Any role for TXA in a bad asthma attack?")
    assert found.evidence.drug_quoted, found.evidence


GOUT_SOURCES = """# Acute gout: treatment

## Colchicine

- Low-dose colchicine, 1 mg then 0.5 mg an hour later, works as well as the high-dose regimen with fewer side \
effects (1, 2).
- Avoid colchicine with clarithromycin (1).

## References

1. Richette P, Doherty M, Pascual E, et al. 2016 updated EULAR evidence-based recommendations for the management \
of gout. Ann Rheum Dis. 2017;76(1):29-42.
2. Terkeltaub RA, Furst DE, Bennett K, et al. High versus low dosing of oral colchicine for early acute gout flare: \
a randomized, double-blind, placebo-controlled trial. Arthritis Rheum. 2010;62(4):1060-1068.
"""


def test_a_question_for_the_study_gets_the_study_before_the_guideline(tmp_path, embedder) -> None:
    """A statement cites a society's recommendations (1) and a randomised trial (2): "Which trial showed that?"
    gets the trial first; "Which guideline is that from?" keeps the recommendations first."""
    engine = engine_over(tmp_path, embedder, {"gout.md": GOUT_SOURCES})
    first = engine.ask("Is low-dose colchicine as good as high-dose for a gout flare?")
    assert "Low-dose colchicine" in first.text.splitlines()[0], first.text
    trial = engine.ask("Which trial showed that?", [first]).text.splitlines()[0]
    assert trial.startswith("- Reference 2") and "randomized" in trial, trial
    guideline = engine.ask("Which guideline is that from?", [first]).text.splitlines()[0]
    assert guideline.startswith("- Reference 1"), guideline



def test_a_plural_abbreviation_means_what_its_singular_does(tmp_path, embedder) -> None:
    """"DNs" are district nurses: the plural of "DN", which the dictionary does not list, is not "DNS" (deviated
    nasal septum), an abbreviation that differs from it only in the case of its last letter."""
    engine = engine_over(tmp_path, embedder, {"ulcer.md": """# Venous leg ulcers

- Check the ankle brachial pressure index before starting compression.
- Full compression is safe when the ankle brachial pressure index is 0.8 or above.
"""})
    assert "septum" not in engine.spell_out("ABPI 0.92. Can the DNs start compression?")


def test_a_plural_the_documents_define_means_what_they_define_it_as(tmp_path, embedder) -> None:
    """"Community nurses (CNs)": the document's own definition of the plural, not its singular's "cranial nerve"."""
    engine = engine_over(tmp_path, embedder, {"ulcer.md": """# Venous leg ulcers

- Community nurses (CNs) check the ankle brachial pressure index before starting compression.
- Full compression is safe when the ankle brachial pressure index is 0.8 or above.
"""})
    assert "CNs (community nurses)" in engine.spell_out("Can the CNs apply compression?")
