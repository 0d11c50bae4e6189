"""A question asking two things at once is answered first by the best statement of each of its asks."""

from __future__ import annotations

import pytest

from app.answer.extractive import SHAPE_BONUS
from app.answer.parts import asks, case_of, context_of
from tests.conftest import engine_over


@pytest.mark.parametrize("question, parts", [
    ("Which shampoo and how often?", ["Which shampoo", "how often? (shampoo)"]),
    ("62M. Lamisil dose and duration, and does he need bloods?", ["Lamisil dose and duration", "does he need bloods?"]),
    ("32F, tearful before periods. How do I confirm it's PMS? Bloods?", ["How do I confirm it's PMS?", "Bloods?"]),
    ("Starting dose of Li and what level am I aiming for?", ["Starting dose of Li", "what level am I aiming for?"]),
    ("Doxy dose and how long?", ["Doxy dose", "how long? (doxy)"]),  # what the ask before named
    ("Does she need prophylaxis, and what?", []),  # "what?" says nothing of its own
    ("Is Hartmann's OK or should it be normal saline?", []),  # alternatives of one ask
    ("Is amoxicillin and clavulanate OK in pregnancy?", []),  # "and" between two names, not two asks
    ("What dose? (about amoxicillin and how often)", []),  # the inherited context asks nothing
    ("Dose of amoxicillin. And how long?", []),  # a statement, then one ask
    ("Hi, can I ask something? Which shampoo for him?", []),  # talk, not an ask
    ("Ketoconazole shampoo twice a week? Thoughts?", []),
    ("Is ketoconazole OK? What do you think?", []),
    ("Ketoconazole for 4 weeks? Really?", []),
    ("Ketoconazole for infants under 2, and who have a fever?", []),  # a relative clause
    ("She is 70 with dandruff, and has tried ketoconazole twice?", []),  # told, not asked
    ("Ketoconazole dose, and is it OK in pregnancy?", ["Ketoconazole dose", "is it OK in pregnancy?"]),
    # an ask with no word of its own asks about the case told before it
    ("Itchy scaly scalp for a month. What is it, and does he need a shampoo?",
     ["What is it (itchy scaly scalp)", "does he need a shampoo?"]),
    ("What is it, and does he need a shampoo?", []),  # no case: the ask names nothing
    ("Itchy scaly scalp for a month. Ketoconazole shampoo, and what then?", []),  # "then" follows the ask before
])
def test_the_asks_of_a_question(question: str, parts: list[str]) -> None:
    assert asks(question) == parts


def test_the_case_told_before_the_asks_and_the_context_inherited() -> None:
    question = "3yo, ear pain and fever for 2 days, bulging drum. Which antibiotic and for how long? (about otitis)"
    assert case_of(question) == "3yo, ear pain and fever for 2 days, bulging drum."
    assert context_of(question) == "(about otitis)"


GLYCOPEPTIDES = """# Glycopeptide and aminoglycoside dosing in adults

## Starting doses
- Vancomycin: starting dose 25 mg/kg IV as a loading dose, then 15 mg/kg every 12 hours.
- Teicoplanin: starting dose 6 mg/kg IV every 12 hours for 3 doses in MRSA bacteraemia, then 6 mg/kg daily.
- Daptomycin: starting dose 6 mg/kg IV once daily in MRSA bacteraemia.
- Linezolid: starting dose 600 mg IV or orally every 12 hours for MRSA infection.
- Gentamicin: starting dose 5 mg/kg IV once daily, based on ideal body weight.

## Monitoring
- Aim for a pre-dose vancomycin concentration of 15 to 20 mg/L in serious infections such as bacteraemia.
- Check renal function at least twice a week during treatment.
- Stop the infusion and slow it down if flushing of the upper body develops.
"""


def test_each_ask_of_a_case_is_answered_first_by_its_own_statement(tmp_path, embedder) -> None:
    """The whole question's words (the case's MRSA bacteraemia, a starting dose) find every drug's starting dose;
    the blood test asked for second, which shares none of them, is quoted right after the first statement, not
    below the other drugs' doses."""
    engine = engine_over(tmp_path, embedder, {"glycopeptides.md": GLYCOPEPTIDES})
    answer = engine.ask("70 kg man, MRSA bacteraemia. Starting dose of vanc, and which blood tests should I monitor?")
    quoted = [line for line in answer.text.splitlines() if line.startswith("- ")]
    assert "renal function" in " ".join(quoted[:2]), answer.text
    assert "Vancomycin: starting dose 25 mg/kg" in answer.text



def test_an_ask_no_statement_answers_lifts_nothing_into_the_answer(tmp_path, embedder) -> None:
    """Nothing says how to store the vials: the ask's best statement is another drug's dose, which the quoting
    margin leaves out, and the lift does not bring it back."""
    engine = engine_over(tmp_path, embedder, {"glycopeptides.md": GLYCOPEPTIDES})
    answer = engine.ask("Starting dose of gentamicin, and how should I store the vials?")
    assert answer.text.startswith("- Gentamicin: starting dose"), answer.text
    assert "Teicoplanin" not in answer.text and "Linezolid" not in answer.text, answer.text


def _candidates(title: str, section: str, statements: tuple[str, ...]) -> list:
    """The statements as candidates, every one as close in meaning (0.5), one passage each."""
    from app.answer.statements import Candidate
    from app.answer.types import Passage, Statement

    return [Candidate(Passage(rank=1, chunk_id=f"c{i}", doc_id="d", title=title, section=section, text=text,
                              statements=(Statement(text, ()),), references=(), page=None, kind="text", score=1.0),
                      0, text, 0.5) for i, text in enumerate(statements)]


def _scores(question: str, title: str, section: str, statements: tuple[str, ...]) -> dict[str, float]:
    """Each statement's score for the question (_candidates)."""
    from app.answer.extractive import score

    return {s.text: s.score for s in score(question, _candidates(title, section, statements))}


def test_a_statement_for_those_who_cannot_take_the_drug_answers_what_else() -> None:
    other = "Ibuprofen 600 mg every 8 hours is an option for people who cannot take acetazolamide."
    warn = "Warn people taking acetazolamide about tingling of the fingers."
    scored = _scores("And if he can't tolerate acetazolamide - alternatives?", "Altitude illness", "Prevention",
                     (other, warn))
    assert scored[other] >= scored[warn] + SHAPE_BONUS


def test_what_comes_after_a_treatment_that_failed_is_an_alternative_s_statement() -> None:
    """"What's next line?" asks what to use when the first line is not enough: a statement saying what to do when
    it is not effective is of the asked shape, as one saying what to use instead is for "What else?"."""
    after = "If first-line drugs are not effective, consider benzbromarone 50 to 100 mg a day."
    check = "Check serum urate every 4 weeks while the dose is being increased."
    for ask in ("What's next line?", "Second-line options?", "What next?", "Next step?"):
        scored = _scores(f"On allopurinol, urate still 420. {ask}", "Chronic gout", "Urate-lowering therapy",
                         (after, check))
        assert scored[after] >= scored[check] + SHAPE_BONUS, ask
