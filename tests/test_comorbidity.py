"""A condition the patient has, asked about as a reason a drug may not suit them, must be spoken of by the
statements that answer: the drug's doses do not say it suits that patient. The document is written for this
test (gout); none of its wording is in the engine."""

from __future__ import annotations

import pytest

from app.answer.comorbidity import asks_if_suitable, had_clauses, named_span
from app.answer.engine import Engine
from tests.conftest import engine_over

GOUT = """# Acute gout in adults

- Offer colchicine 500 micrograms two to four times a day for an acute flare of gout.
- Offer an NSAID such as naproxen 750 mg at once, then 250 mg every 8 hours, as an alternative to colchicine.
- Avoid NSAIDs in people with heart failure, because they cause fluid retention.
- Reduce the colchicine dose in people with renal impairment.
- Offer allopurinol to people with two or more flares a year, starting at 100 mg daily.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    return engine_over(tmp_path_factory.mktemp("gout"), embedder, {"gout.md": GOUT})


def test_the_clauses_a_question_says_the_patient_has() -> None:
    assert had_clauses("She has porphyria. Can she take it?") == ["porphyria"]
    assert had_clauses("He also had an MI two years ago - is it safe?") == ["an MI two years ago"]
    assert had_clauses("Known glaucoma, on timolol drops. OK to start colchicine?") == ["glaucoma"]
    assert had_clauses("Can she have ibuprofen for the pain?") == []  # what she may have, not what she has
    assert had_clauses("He has no history of asthma. Is it OK?") == []  # nor what he is said not to have
    assert had_clauses("No known allergies - is amoxicillin OK?") == []
    assert asks_if_suitable("Any problem with allopurinol?") and asks_if_suitable("Can he still take it?")
    assert not asks_if_suitable("What dose of allopurinol?")
    assert named_span("long QT syndrome as well", ["syndrome"]) == "long QT syndrome"
    assert named_span("had asthma since childhood", ["asthma"]) == "asthma"


def test_a_condition_of_the_patient_no_statement_speaks_of_is_refused(engine: Engine) -> None:
    first = engine.ask("What's the colchicine dose for an acute gout flare?")
    assert not first.abstained
    for question in ("He has glaucoma as well. Is colchicine OK for him?",
                     "He also has porphyria - can he take it?"):
        answer = engine.ask(question, [first])
        assert answer.abstained, question
        assert "speaks of" in answer.text and ("glaucoma" in answer.text or "porphyria" in answer.text)
    # asked as a first question, too
    assert engine.ask("Gout flare in a man who has glaucoma. Is colchicine safe?").abstained


def test_a_condition_the_statements_speak_of_is_answered(engine: Engine) -> None:
    first = engine.ask("What's the colchicine dose for an acute gout flare?")
    answer = engine.ask("He has heart failure - is naproxen OK?", [first])
    assert not answer.abstained
    assert "heart failure" in answer.text
    # nor is a clause that names no condition a reason to refuse
    found = engine.assess("He had his flu jab last week - is colchicine OK?", [first])
    assert found.evidence.unaddressed == ()
