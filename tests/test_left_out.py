"""What a question asks that the documents leave out, though they speak of its neighbours: what a guideline says
it does not cover, a population spoken of only for another drug, and a dose given only for another condition to
a drug a follow-up's guideline names by its class. The documents are written for this test; none of their
wording is in the engine."""

from __future__ import annotations

import pytest

from app.answer.engine import Engine
from app.answer.scope import excluded, excluded_items
from tests.conftest import engine_over

OTITIS = """# Acute otitis media in children

## Scope
- Otitis media with effusion and chronic suppurative otitis media are covered in separate guidance.

## Treatment
- Most children with acute otitis media get better within 3 days without antibiotics.
- Offer paracetamol or ibuprofen for pain and fever.
- Offer amoxicillin 40 mg/kg/day in three divided doses for 5 days to children who are systemically unwell.
"""

BITES = """# Dog and cat bites

## Wound care
- Irrigate the wound with plenty of tap water and remove any debris.
- Do not close a puncture wound on the hand.

## Antibiotics
- Offer antibiotics for a cat bite that has broken the skin and for a dog bite on the hand, foot or face.
- Review the wound after 48 hours, or sooner if redness spreads.
"""

LYME = """# Lyme disease in adults

## Treatment
- Treat erythema migrans with doxycycline 100 mg twice daily for 21 days.
- Offer amoxicillin 1 g three times daily for 21 days if doxycycline is contraindicated.
- Doxycycline is not recommended while breastfeeding; use amoxicillin instead.
"""

EPILEPSY = """# Focal epilepsy in adults

## Drug treatment
- Offer lamotrigine as first-line treatment for focal seizures.
- Start lamotrigine at 25 mg once daily for 2 weeks, then 50 mg once daily for 2 weeks.
- Lamotrigine can cause a serious rash, most often in the first 8 weeks.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    return engine_over(tmp_path_factory.mktemp("left_out"), embedder,
                       {"otitis.md": OTITIS, "bites.md": BITES, "lyme.md": LYME, "epilepsy.md": EPILEPSY})


def test_what_a_guideline_says_it_does_not_cover() -> None:
    assert [part for part, _ in excluded_items("Asthma in pregnancy is outside the scope of this guideline.")] == \
        ["asthma in pregnancy"]
    assert [part for part, _ in excluded_items("This guidance does not cover people with sickle cell disease.")] == \
        ["people with sickle cell disease"]
    assert [part for part, _ in excluded_items("This guideline does not cover people who are on dialysis.")] == \
        ["people who are on dialysis"]
    for other in ("Antibiotics do not cover anaerobes.", "Hearing aids are not covered by insurance.",
                  "Covers uncomplicated infection of the skin.", "Codeine is not recommended in children.",
                  "Pregnancy is not considered a contraindication to the vaccine.",  # a judgement
                  "Children are covered in a separate section below.",  # a section of its own
                  "This guideline does not cover children under 12.",  # a bound, for the age rules
                  "Renal dosing is not covered here; see the dose table.", "Driving is covered elsewhere in this "
                  "guideline.", "Pregnancy is outside the scope of this section.",  # the document covers them
                  "The scheme does not apply to people on dialysis, who need 500 mg after each session."):
        assert excluded_items(other) == [], other
    statements = [("a", "Glue ear and recurrent tonsillitis are covered in separate guidance.", "Otitis media"),
                  ("a", "Offer amoxicillin.", "Otitis media")]
    assert excluded("What should I do about his glue ear?", statements) == ("glue ear",)
    assert excluded("Amoxicillin for tonsillitis?", statements) == ()  # "recurrent tonsillitis" is the item
    # another document found speaks of it, in a statement or in its title: that one answers
    assert excluded("What should I do about his glue ear?", [*statements, ("b", "It often resolves.", "Glue ear")]) \
        == ()
    assert excluded("Should I do about his glue ear?", [*statements, ("b", "Glue ear often resolves.", "Ears")]) == ()
    # ... and so does another statement of the same document
    assert excluded("What should I do about his glue ear?", [*statements, ("a", "Glue ear needs a hearing test.",
                                                                           "Otitis media")]) == ()


def test_a_question_about_what_its_guideline_leaves_out_is_refused(engine: Engine) -> None:
    answer = engine.ask("How should I treat otitis media with effusion in a 4-year-old?")
    assert answer.abstained and "leaves out otitis media with effusion" in answer.text
    assert not engine.ask("Amoxicillin dose for acute otitis media in a 4-year-old?").abstained


def test_a_population_is_spoken_of_by_a_document_naming_the_drug(engine: Engine) -> None:
    # breastfeeding is spoken of only beside doxycycline: lamotrigine's guideline says nothing of it
    answer = engine.ask("She is breastfeeding. Is lamotrigine safe for the baby?")
    assert answer.abstained and "breastfeeding" in answer.text
    assert not engine.ask("She is breastfeeding. Is doxycycline safe for the baby?").abstained


def test_a_drug_its_guideline_names_by_class_is_not_dosed_by_another_condition(engine: Engine) -> None:
    first = engine.ask("Dog bite on the back of the hand, deep puncture. Does he need antibiotics?")
    assert not first.abstained and "bites" in first.citations[0].passage.doc_id
    answer = engine.ask("What dose of doxycycline should he take for it?", [first])
    assert answer.abstained and "100 mg" not in answer.text


def test_a_question_about_a_trial_naming_its_own_drugs_inherits_nothing(engine: Engine) -> None:
    first = engine.ask("Erythema migrans on his calf - which antibiotic?")
    question = "Which trial compared amoxicillin with doxycycline?"
    # of its topic, only its document's subject: not the case's calf
    assert engine.standalone(question, [first]) == f"{question} (about lyme)"


def test_a_drug_the_patient_takes_does_not_narrow_where_a_population_is_spoken_of(engine: Engine) -> None:
    answer = engine.ask("She's breastfeeding and on lamotrigine. How should her erythema migrans be treated?")
    assert not answer.abstained and "breastfeeding" in answer.text
    # ... nor one the patient cannot take
    answer = engine.ask("She's breastfeeding and allergic to lamotrigine. How should her erythema migrans be treated?")
    assert not answer.abstained and "breastfeeding" in answer.text


def test_a_question_about_a_trial_of_a_drug_its_topic_never_names_is_its_own(engine: Engine) -> None:
    first = engine.ask("Erythema migrans on his calf - which antibiotic?")
    question = "Which trial supports lamotrigine?"
    assert engine.standalone(question, [first]) == question
