"""The week of pregnancy a question gives, the weeks a statement applies to, and the ranking they make."""

from __future__ import annotations

from app.answer.ages import fits
from app.answer.extractive import score
from app.answer.gestation import question_week, statement_bands
from app.answer.statements import Candidate
from app.answer.types import Passage
from ingest.types import Statement


def test_weeks_of_pregnancy_as_clinicians_give_them() -> None:
    assert question_week("29F, 22/40, itchy palms and soles") == 22
    assert question_week("Rupture of membranes at 34+5, no contractions") == 34
    assert question_week("She is 9 weeks pregnant with heavy bleeding") == 9
    assert question_week("Her mother had rubella at 15 weeks - any risk?") == 15  # beside a word of pregnancy
    for other in ("Review the wound at 6 weeks", "A 6 week old baby with a cough", "Give 2+2 tablets"):
        assert question_week(other) is None, other


def test_weeks_as_guidelines_write_them() -> None:
    assert fits(9, statement_bands("Methotrexate is avoided in the first trimester of pregnancy.")) is True
    assert fits(22, statement_bands("Between 24 and 34 weeks of gestation, give antenatal corticosteroids.")) is False
    assert fits(38, statement_bands("Maternal infection in the last 3 weeks carries the highest risk.")) is True
    assert fits(30, statement_bands("From 28 weeks, offer anti-D to rhesus-negative pregnant women.")) is True
    assert statement_bands("Repeat the scan after 4 weeks of treatment.") == []  # a duration, not a gestation


def test_a_statement_for_her_week_of_pregnancy_ranks_above_one_for_another() -> None:
    texts = ["After 20 weeks of pregnancy, lie the woman in the left lateral position.",
             "Before 20 weeks of pregnancy, no change of position is needed."]
    passage = Passage(rank=1, chunk_id="c", doc_id="d", title="Resuscitation", section="Position", text=" ".join(texts),
                      statements=tuple(Statement(t) for t in texts), references=(), page=None, kind="text", score=1.0)
    ranked = score("Collapsed at 14/40 - how should she be positioned?",
                   [Candidate(passage, i, t, 0.5) for i, t in enumerate(texts)])
    assert ranked[0].text.startswith("Before 20 weeks")
