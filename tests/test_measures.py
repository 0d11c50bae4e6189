"""A value measured in the patient that a question gives, the bands of it a statement applies at, and the
ranking they make. The texts are written for this test; none of their wording is in the engine."""

from __future__ import annotations

import math

import pytest

from app.answer.extractive import score
from app.answer.measures import fits, question_units, question_values, statement_bands
from app.answer.statements import Candidate
from app.answer.types import Passage
from ingest.types import Statement


def test_values_as_clinicians_give_them() -> None:
    assert question_values("81F, eGFR 24, on metformin 1 g twice daily - keep it?") == {"egfr": 24.0}
    assert question_values("Her sodium came back at 121 this morning") == {"sodium": 121.0}
    assert question_values("PHQ-9 of 19 despite sertraline") == {"phq-9": 19.0}
    # an age, a dose, a time, a blood pressure's two numbers: no value of a measure
    for other in ("aged 67 with a cough", "ramipril 10 mg at night", "for 3 days", "BP 150/95 at clinic",
                  "3 flares this year", "on 2 puffs twice daily"):
        assert question_values(other) == {}, other


def test_bands_as_guidelines_write_them() -> None:
    assert statement_bands("Stop metformin if the eGFR falls below 30.") == {"egfr": [(-math.inf, pytest.approx(30.0))]}
    # "below 30" is strict, "30 or above" holds 30
    assert fits({"egfr": 30.0}, "Stop if the eGFR is below 30.") is False
    assert fits({"egfr": 30.0}, "Continue if the eGFR is 30 or above.") is True
    assert statement_bands("eGFR 30 to 44: review the dose") == {"egfr": [(30.0, 44.0)]}
    assert statement_bands("A PHQ-9 score of 20 or more suggests severe depression") == {"phq-9": [(20.0, math.inf)]}
    assert statement_bands("when serum sodium is between 125 and 129 mmol/L") == {"sodium": [(125.0, 129.0)]}
    assert statement_bands("Give metformin 500 mg to 1 g twice daily") == {}  # an amount, not a band
    assert statement_bands("Review within 2 to 4 weeks") == {}  # a time
    assert fits({"egfr": 24.0}, "Stop metformin if the eGFR falls below 30.") is True
    assert fits({"egfr": 24.0}, "Halve the dose.", heading="eGFR 30 to 44") is False  # its heading's band
    assert fits({"egfr": 24.0}, "Check the B12 level every year.") is None  # no band of the measure
    assert fits({"sodium": 121.0}, "Stop metformin if the eGFR falls below 30.") is None  # another measure


def test_a_statement_for_the_patients_value_ranks_above_one_for_another() -> None:
    sections = {"eGFR 45 or above": "Continue the usual dose and review the eGFR every year.",
                "eGFR 30 to 44": "Review the dose and check the eGFR every 3 to 6 months.",
                "eGFR below 30": "Stop the drug and review the eGFR every 3 to 6 months."}
    candidates = [Candidate(Passage(rank=1, chunk_id=f"c{i}", doc_id="d", title="Metformin in kidney disease",
                                    section=f"Kidney function › {heading}", text=text, statements=(Statement(text),),
                                    references=(), page=None, kind="text", score=1.0), 0, text, 0.5)
                  for i, (heading, text) in enumerate(sections.items())]
    ranked = score("72M on metformin, eGFR 26 now. What should I do?", candidates)
    assert ranked[0].text.startswith("Stop the drug")
    ranked = score("72M on metformin, eGFR 38 now. What should I do?", candidates)
    assert ranked[0].text.startswith("Review the dose")


def test_what_is_no_band_of_the_patients_value() -> None:
    # signs against their numbers are bands; amounts in mmol, a percentage beside units, a generic last word are not
    assert statement_bands("Continue if eGFR ≥45; halve if eGFR 30-44; stop if eGFR <30.") == \
        {"egfr": [(30.0, 44.0), (45.0, math.inf), (-math.inf, pytest.approx(30.0))]}
    assert statement_bands("Give potassium 20 to 40 mmol in each litre of fluid") == {}
    assert fits(question_values("HbA1c 8.1% despite metformin"), "If HbA1c is below 48 mmol/mol, continue.") is None
    assert question_values("Pulse rate 128, respiratory rate 30") == {}  # "rate" alone is no one measure
    assert question_values("Sodium was 131 on Monday and sodium 124 today") == {}  # which one counts is not said
    # one measure held and another excluded: the statement is neither the patient's nor another's
    assert fits({"egfr": 25.0, "inr": 2.0}, "If eGFR below 30 and INR above 3, stop.") is None
    assert statement_bands("Sodium above the normal range but below 150") == \
        {"sodium": [(-math.inf, pytest.approx(150.0))]}
    # a multiple of the upper limit of normal is no value; a band in another unit says nothing of the patient's
    assert statement_bands("If ALT is more than 3 x ULN, stop the statin") == {}
    asked = "Hb 8.1 g/dL, no symptoms - transfuse?"
    assert fits(question_values(asked), "Transfuse if Hb is below 70 g/L.", units=question_units(asked)) is None
    assert fits(question_values("Hb 65 g/L"), "Transfuse if Hb is below 70 g/L.", units=question_units("Hb 65 g/L"))
    assert fits(question_values("QRISK 12%"), "Offer a statin if the QRISK score is 10% or more.") is True

    # a count in "x 10^9/L" is the whole decimal; a unit in two spellings is one unit; "above" is strict
    assert question_values("On clozapine, neutrophils 1.8 x 10^9/L") == {"neutrophil": 1.8}
    assert fits({"neutrophil": 1.8}, "Neutrophils below 1.5: stop the drug.") is False
    assert fits(question_values("Creatinine 180 micromol/L"), "Refer if creatinine is above 150 µmol/L.",
                units=question_units("Creatinine 180 micromol/L")) is True
    assert fits({"nt-probnp": 400.0}, "Refer if NT-proBNP is above 400.") is False


def test_a_value_the_case_gives_is_not_what_a_statement_listing_its_test_answers() -> None:
    """"TSH 12" was measured already: a statement that lists TSH among the tests to check is not about this value,
    one giving TSH a band is, and both are weighed by what the ask wants."""
    from tests.test_parts import _scores

    listing = "Check TSH, free T4 and a full blood count in adults with suspected thyroid disease."
    start = "Start levothyroxine at 1.6 micrograms per kg a day in adults with overt hypothyroidism."
    banded = "Offer levothyroxine to adults whose TSH is above 10 on two tests three months apart."
    scored = _scores("61F, tired and gaining weight, TSH 12 twice. Wondering about hypothyroidism - what should I "
                     "start her on?", "Thyroid disease in adults", "Treatment", (listing, start, banded))
    assert scored[listing] < min(scored[start], scored[banded])


def test_a_value_in_per_cent_keeps_its_band_and_values_that_are_the_question_keep_their_words() -> None:
    from tests.test_parts import _scores

    banded = "If the HbA1c rises to above 7.5% on metformin, add a second drug."
    listing = "Measure HbA1c every 3 to 6 months until it is stable."
    scored = _scores("58M, HbA1c 9.5% on metformin. What should I add?", "Type 2 diabetes", "Drugs", (banded, listing))
    assert scored[banded] > scored[listing]
    # an ask naming nothing but the case ("Management?"): the values are what it asks about
    iron = "Investigate anaemia with a ferritin and a coeliac screen."
    other = "Offer dietary advice to everyone."
    scored = _scores("Hb 85, MCV 70, ferritin 6. Management?", "Anaemia", "Tests", (iron, other))
    assert scored[iron] > scored[other]
