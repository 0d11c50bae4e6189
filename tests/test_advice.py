"""A question asking what to do is answered by a recommendation, not by the statement that describes its case."""

from __future__ import annotations

import pytest

from app.answer.advice import advises_doing, asks_what_to_do
from tests.conftest import engine_over

LICE = """# Head lice

## About head lice
- Head lice are tiny insects that live close to the scalp and cause an itchy scalp, most often behind the ears
  and at the nape of the neck, with live lice and eggs seen in the hair.
- Head lice spread by head-to-head contact, not through hats or pillows.

## Treatment
- Treat head lice with dimeticone 4% lotion, applied to dry hair and repeated after 7 days.
- Do not use insecticide lotions on children under 6 months.
"""


@pytest.mark.parametrize("question, asks", [
    ("Culture grew Shigella - what do we treat with?", True),
    ("Itchy scalp, lice seen. What should I do?", True),
    ("Two products failed. What next?", True),
    ("Anything we should start on the ward?", True),
    ("What's first-line for head lice?", False),  # the answer says "first-line", whatever its verbs
    ("What causes head lice?", False),
    ("How long do head lice live?", False),
])
def test_a_question_asking_what_to_do(question: str, asks: bool) -> None:
    assert asks_what_to_do(question) is asks


def test_advice_to_do_is_not_a_caution() -> None:
    assert advises_doing("Treat head lice with dimeticone 4% lotion.")
    assert advises_doing("Mother and baby should be treated at the same time.")
    assert not advises_doing("Do not use insecticide lotions on children under 6 months.")
    assert not advises_doing("Head lice are tiny insects that live close to the scalp.")


def test_a_recommendation_ranks_before_a_description_where_the_question_asks_what_to_do() -> None:
    from app.answer.extractive import score
    from app.answer.statements import Candidate
    from app.answer.types import Passage
    from ingest.types import Statement

    def candidate(chunk: str, text: str, similarity: float) -> Candidate:
        passage = Passage(rank=1, chunk_id=chunk, doc_id="d", title="Giardiasis", section="Giardiasis", text=text,
                          statements=(Statement(text),), references=(), page=None, kind="text", score=1.0)
        return Candidate(passage, 0, text, similarity)
    candidates = [candidate("describes", "Giardiasis causes bloating and greasy stools after travel.", 0.62),
                  candidate("advises", "Give tinidazole as a single dose for giardiasis after travel.", 0.50)]
    asked = score("Giardiasis, back from travel - what should I do?", candidates)
    assert [s.passage.chunk_id for s in asked] == ["advises", "describes"]
    described = score("What does giardiasis cause after travel?", candidates)
    assert [s.passage.chunk_id for s in described] == ["describes", "advises"]


def test_a_case_asking_what_to_do_is_answered_with_the_recommendation(tmp_path, embedder) -> None:
    """The description repeats the case's words; the recommendation, far below it by words, is still quoted."""
    engine = engine_over(tmp_path, embedder, {"lice.md": LICE})
    answer = engine.ask("8yo, itchy scalp behind the ears and at the nape, live lice in her hair. What should I do?")
    assert not answer.abstained and "dimeticone 4% lotion" in answer.text, answer.text
