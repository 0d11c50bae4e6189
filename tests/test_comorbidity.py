"""A condition the patient has, asked about as a reason a drug may not suit them, must be spoken of by the
statements that answer: the drug's doses do not say it suits that patient. The document is written for this
test (gout); none of its wording is in the engine."""

from __future__ import annotations

import pytest

from app.answer.comorbidity import asks_if_suitable, had_clauses, named_span
from app.answer.engine import Engine
from app.answer.followup import is_taken
from tests.conftest import engine_over

GOUT = """# Acute gout in adults

- Offer colchicine 500 micrograms two to four times a day for an acute flare of gout.
- Offer an NSAID such as naproxen 750 mg at once, then 250 mg every 8 hours, as an alternative to colchicine.
- Avoid NSAIDs in people with heart failure, because they cause fluid retention.
- Reduce the colchicine dose in people with renal impairment.
- Offer allopurinol to people with two or more flares a year, starting at 100 mg daily.
- Do not use aspirin for the pain of gout, because low doses raise serum urate.
- Do not offer an NSAID to people taking warfarin, because of the risk of bleeding.
- Ciclosporin and diuretics raise serum urate; review them in people with recurrent gout.
- A statin such as simvastatin may be continued during a flare.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    return engine_over(tmp_path_factory.mktemp("gout"), embedder, {"gout.md": GOUT})


def test_the_clauses_a_question_says_the_patient_has() -> None:
    assert had_clauses("She has porphyria. Can she take it?") == [["porphyria"]]
    assert had_clauses("He also had an MI two years ago - is it safe?") == [["an MI two years ago"]]
    assert had_clauses("Known glaucoma, on timolol drops. OK to start colchicine?") == [["glaucoma"]]
    assert had_clauses("Can she have ibuprofen for the pain?") == []  # what she may have, not what she has
    assert had_clauses("He has no history of asthma. Is it OK?") == []  # nor what he is said not to have
    assert had_clauses("No known allergies - is amoxicillin OK?") == []
    assert asks_if_suitable("Any problem with allopurinol?") and asks_if_suitable("Can he still take it?")
    assert not asks_if_suitable("What dose of allopurinol?")
    assert not asks_if_suitable("What is the maximum safe dose of allopurinol?")
    assert not asks_if_suitable("She has gout and takes the combined pill. What dose of colchicine?")
    assert asks_if_suitable("Can I combine it with naproxen?")
    assert had_clauses("Known drug allergies: none. Is amoxicillin OK?") == []
    assert had_clauses("Now he has porphyria. Is it OK?") == [["porphyria"]]  # "now" denies nothing
    assert had_clauses("He has got asthma. Is it OK?") == [["asthma"]]
    assert named_span("long QT syndrome as well", ["syndrome"]) == "long QT syndrome"
    assert named_span("a history of asthma", ["asthma"]) == "asthma"


def test_the_ways_a_case_says_what_the_patient_has() -> None:
    # a list is one clause of several conditions, not its first alone
    assert had_clauses("He has diabetes, hypertension and asthma. Is ibuprofen OK?") == \
        [["diabetes", "hypertension", "asthma"]]
    assert had_clauses("She's got psoriasis. Is it safe?") == [["psoriasis"]]  # a contraction
    assert had_clauses("My daughter has coeliac disease - any problem with it?") == [["coeliac disease"]]
    assert had_clauses("She is 45 and has lupus. Safe?") == [["lupus"]]
    assert had_clauses("Diagnosed with sarcoidosis last year. OK?") == [["sarcoidosis last year"]]
    assert had_clauses("58F with lupus and gout. Safe?") == [["lupus", "gout"]]
    assert had_clauses("He is anaemic. Is it OK?") == [["anaemic"]]  # an adjective
    assert had_clauses("His sister has epilepsy. Is it safe for him?") == []  # a relative's, not his
    assert named_span("had asthma since childhood", ["asthma"]) == "asthma"


def test_a_condition_of_the_patient_no_statement_speaks_of_is_refused(engine: Engine) -> None:
    first = engine.ask("What's the colchicine dose for an acute gout flare?")
    assert not first.abstained
    for question in ("He has glaucoma as well. Is colchicine OK for him?",
                     "He also has porphyria - can he take it?"):
        answer = engine.ask(question, [first])
        assert answer.abstained, question
        assert "speaks of" in answer.text and ("glaucoma" in answer.text or "porphyria" in answer.text)
    # asked as a first question, too, and in a case's words
    assert engine.ask("Gout flare in a man who has glaucoma. Is colchicine safe?").abstained
    for question in ("He's got glaucoma. Is colchicine OK for him?", "71M with gout and glaucoma. Colchicine OK?",
                     "My dad has porphyria, is colchicine safe?", "She is glaucomatous. OK to give colchicine?"):
        answer = engine.ask(question)
        assert answer.abstained and "speaks of" in answer.text, question


def test_a_condition_the_statements_speak_of_is_answered(engine: Engine) -> None:
    first = engine.ask("What's the colchicine dose for an acute gout flare?")
    answer = engine.ask("He has heart failure - is naproxen OK?", [first])
    assert not answer.abstained
    assert "heart failure" in answer.text
    # one of a list of conditions the statements speak of is what the answer is about
    answer = engine.ask("He has glaucoma, heart failure and hypertension. Is naproxen OK?", [first])
    assert not answer.abstained and "heart failure" in answer.text
    # a drug in what the patient has is not the condition: a statement on aspirin does not speak of his asthma
    answer = engine.ask("He has asthma made worse by aspirin. Is colchicine OK?", [first])
    assert answer.abstained and "asthma" in answer.text
    # nor is a clause that names no condition a reason to refuse
    found = engine.assess("He had his flu jab last week - is colchicine OK?", [first])
    assert found.evidence.unaddressed == ()


def test_a_drug_the_patient_takes_must_be_spoken_of_with_the_one_asked_about(engine: Engine) -> None:
    first = engine.ask("What's the colchicine dose for an acute gout flare?")
    # no statement names colchicine with simvastatin: its doses do not say the two may be taken together
    for question in ("He takes simvastatin. Any interaction with colchicine?",
                     "She's on ciclosporin for psoriasis - is colchicine safe?"):
        answer = engine.ask(question, [first])
        assert answer.abstained and "colchicine with" in answer.text, question
    # each drug of a list is taken ("on ramipril, furosemide and metformin"), one after a verb is not
    assert is_taken("metformin", "72M on ramipril, furosemide and metformin going on a cruise")
    assert is_taken("amlodipine", "72M on Zocor 40 and amlodipine 10")
    assert not is_taken("ibuprofen", "He is on ramipril and is ibuprofen OK?")
    # starting a drug, or whether one may be taken, asks about it: it is not taken yet
    assert not is_taken("allopurinol", "Should I start him on allopurinol?")
    assert not is_taken("rimegepant", "Could she take rimegepant as a preventer instead?")
    assert not is_taken("naproxen", "Can he go back on naproxen?")
    # the class the engine writes after a drug taken is that drug, not one asked about
    answer = engine.ask("He takes ibuprofen. Any interaction with allopurinol?", [first])
    assert answer.abstained and "allopurinol with ibuprofen" in answer.text, answer.text
    # a brand of the drug taken is that drug, not one asked about ("Zocor (simvastatin)")
    answer = engine.ask("He takes Zocor. Any interaction with colchicine?", [first])
    assert answer.abstained and "speaks of colchicine with zocor" in answer.text
    # a case that also gives a population is answered by a statement on it, judged by the population rules
    answer = engine.ask("He's on simvastatin and his eGFR is 20. Is colchicine OK?", [first])
    assert not answer.abstained and "renal impairment" in answer.text
    # a statement names both, one by its class: an NSAID (ibuprofen) and warfarin
    answer = engine.ask("He's on warfarin for AF. Is ibuprofen OK?", [first])
    assert not answer.abstained and "warfarin" in answer.text.split("\n")[0]
    # only the drug taken, named: the question asks about its topic's drug ("problem?"), not judged so
    assert engine.assess("He is on timolol drops. Any problem?", [first]).evidence.unaddressed == ()

