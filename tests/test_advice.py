"""A question asking what to do is answered by a recommendation, not by the statement that describes its case."""

from __future__ import annotations

import pytest

from app.answer.advice import asks_what_to_do, directs
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
    ("What should I tell her about the risks of isotretinoin?", False),  # what is known, not what to do
    ("What next-generation sequencing test is used for CF?", False),
    ("What now counts as a high INR?", False),
    ("What's first-line for head lice?", True),
    ("K 7.1 with peaked T waves. First thing?", True),
    ("Positive on the right, torsional nystagmus. Rx (treatment)?", True),
    ("Lice confirmed. Mx?", True),
    ("Pharmacy counter: itchy scalp, lice seen. What can I suggest?", True),
    ("Rx options in pregnancy for head lice?", False),  # which options: the answer names them, whatever its verbs
    ("What causes head lice?", False),
    ("How long do head lice live?", False),
])
def test_a_question_asking_what_to_do(question: str, asks: bool) -> None:
    assert asks_what_to_do(question) is asks


def test_a_statement_saying_what_to_do_or_not_to_do_directs() -> None:
    assert directs("Treat head lice with dimeticone 4% lotion.")
    assert directs("Mother and baby should be treated at the same time.")
    assert directs("Do not use insecticide lotions on children under 6 months.")  # a caution answers too
    assert directs("NSAIDs are not recommended in chickenpox.") and directs("Aspirin is contraindicated under 16.")
    assert directs("Metformin remains the preferred initial glucose-lowering medication for most adults.")
    assert directs("Labetalol is the first-line drug for hypertension in pregnancy.")
    assert not directs("Head lice are tiny insects that live close to the scalp.")


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


CHICKENPOX = """# Chickenpox in children

- Chickenpox causes an itchy rash of spots that blister and crust over, often with a fever.
- Ibuprofen and other NSAIDs are associated with severe skin infection in chickenpox and are not recommended.
- Offer paracetamol for fever and discomfort.
"""


def test_the_order_of_advice_neither_drops_a_caution_nor_lowers_the_bar(tmp_path, embedder, monkeypatch) -> None:
    """The bonus orders the answer: a caution is advice too, and the abstention bar reads the scores without it."""
    engine = engine_over(tmp_path, embedder, {"chickenpox.md": CHICKENPOX})
    answer = engine.ask("5yo with chickenpox and a fever of 39. What should I give?")
    assert "paracetamol" in answer.text and "not recommended" in answer.text, answer.text
    from app.answer import extractive
    from app.answer.statements import Candidate
    from app.answer.types import Passage
    from ingest.types import Statement

    text = "Offer paracetamol for fever and discomfort."
    passage = Passage(rank=1, chunk_id="c", doc_id="d", title="Chickenpox", section="Chickenpox", text=text,
                      statements=(Statement(text),), references=(), page=None, kind="text", score=1.0)
    question = "Spots and a fever. What should I give?"
    lifted = extractive.score(question, [Candidate(passage, 0, text, 0.4)])[0]
    monkeypatch.setattr(extractive, "ADVICE_BONUS", 0.0)
    plain = extractive.score(question, [Candidate(passage, 0, text, 0.4)])[0]
    monkeypatch.undo()
    assert lifted.score == pytest.approx(plain.score + extractive.ADVICE_BONUS)
    assert extractive.unranked(lifted, False) == pytest.approx(plain.score)


WARNING = """# Chickenpox in children

- Chickenpox is a common viral infection causing fever and an itchy vesicular rash.
- Ibuprofen and other NSAIDs given during chickenpox are associated with severe invasive streptococcal skin infection.
- Offer paracetamol for fever and discomfort.
- Advise keeping the child away from nursery until all the spots have crusted over.
- Consider aciclovir for adolescents seen within 24 hours of the rash.
"""


def test_a_warning_written_as_a_description_is_still_quoted(tmp_path, embedder) -> None:
    """Which statements are quoted is decided on the scores without the bonus: a warning that describes a harm is
    quoted beside the advice that outranks it."""
    engine = engine_over(tmp_path, embedder, {"chickenpox.md": WARNING})
    answer = engine.ask("5yo with chickenpox and a fever of 39. What should I give?")
    assert "paracetamol" in answer.text and "NSAIDs given during chickenpox" in answer.text, answer.text
