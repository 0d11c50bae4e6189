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
    assert question_week("She had rubella at 15 weeks of her pregnancy - any risk?") == 15  # beside pregnancy
    assert question_week("Pregnant, para 2+1, now 34+5 with ruptured membranes") == 34
    for other in ("Review the wound at 6 weeks", "A 6 week old baby with a cough", "Give 2+2 tablets",
                  "Breastfeeding mum, baby at 6 weeks - can she take ibuprofen?"):
        assert question_week(other) is None, other


def test_weeks_as_guidelines_write_them() -> None:
    assert fits(9, statement_bands("Methotrexate is avoided in the first trimester of pregnancy.")) is True
    assert fits(22, statement_bands("Between 24 and 34 weeks of gestation, give antenatal corticosteroids.")) is False
    assert fits(38, statement_bands("Maternal infection in the last 3 weeks of pregnancy carries most risk.")) is True
    assert fits(20, statement_bands("Offer aspirin to pregnant women from 12 weeks until 36 weeks.")) is True
    for duration in ("Offer an HbA1c test to women with gestational diabetes 6 to 13 weeks after the birth.",
                     "Monitor pregnant women for the first 4 weeks of treatment."):
        assert statement_bands(duration) == [], duration
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
