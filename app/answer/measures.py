"""Measures: a value measured in the patient that a question gives, and the thresholds a statement applies at.

Guidelines split their advice by a measured value ("INR 4.5 to 10", "if the eGFR is below 30", "a GAD-7 score
of 10 or more", "when the sodium falls below 125 mmol/L"), and clinicians give the value, not the band ("INR
11.4, no bleeding - what now?", "eGFR 25 - what dose?"). Like an age (app.answer.ages), a statement whose band
for the measure the question names holds the value answers for this patient; one whose bands for it all exclude
it answers for another. A measure is the word written right before the value in the question and before the
comparison in the statement, compared by stem: "INR" with "INR", "eGFR" with "eGFR"; a statement's own text
counts first, then its item heading ("3. INR Above 10" is the band of every statement under it).
"""

from __future__ import annotations

import math
import re

from app.answer.text import STOP, stem

_NUMBER = r"(\d+(?:\.\d+)?)(?!\.?\d)"  # a whole number: never the "1" of "1.8"
_NAME = r"([A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]|[A-Za-z])"
# words between a measure and its value or comparison: "calcium came back at 2.74", "GAD-7 score of 10"
_FILLER = r"(?:\s+(?:of|is|was|at|now|level|levels|score|count|value|came|back|comes|falls?|rises?|remains|stays|"\
          r"has|fallen|risen|reached|reaches|still|the|today|result|measured))*"
# a number that is no measured value: a time, an age, an amount given, a dose's count
_NOT_VALUE = r"(?!\s*(?:-|–|to\b)?\s*\d*\s*(?:years?|y\b|yrs?|months?|weeks?|wks?|days?|hours?|hrs?|h\b|minutes?|"\
             r"mins?|"\
             r"mg\b|mcg|micrograms?|g\b(?!\s*/)|units?\b(?!\s*/)|iu\b|ml\b(?!\s*/)|mmol\b(?!\s*/)|tablets?|doses?|"\
             r"puffs?|times?|(?:x|×)\s*(?:the\s+)?(?:uln|upper)\b|uln\b|"\
             r"[MF]\b|yo\b|kg))"
_QUESTION_VALUE = re.compile(rf"\b{_NAME}{_FILLER}\s*[:=]?\s*{_NUMBER}(?![\d.]*\s*[-/+]\s*\d){_NOT_VALUE}(\s*%)?")
# a comparison word, or a sign written against its number ("eGFR <30", "≥45")
_ABOVE = r"(?:(?:above|over|greater than|more than|higher than|exceeds?|exceeding|at least|of at least)\s+|" \
         r"(?:>=?|≥)\s*)"
_BELOW = r"(?:(?:below|under|less than|lower than|up to|of less than|no more than|at most)\s+|(?:<=?|≤)\s*)"
# a bound the value itself meets ("at least 30", "10 or more", "up to 5"); "above 10", "below 30" are strict
_INCLUSIVE = re.compile(r"at least|≥|>=|up to|no more than|at most|≤|<=|\b(?:or|and)\s+(?:more|above|over|higher|"
                        r"greater|less|below|under|lower|fewer)\b", re.I)
_STRICT = 1e-9
# a unit of concentration written after a value ("8.5 g/dL", "70 g/L", "7 mmol/L"): values in two units are not
# compared
_UNIT = re.compile(r"\s*([a-zµ]+/[a-z0-9²]+)", re.I)
_UNIT_SPELLINGS = [(re.compile(r"^(?:micro|µ|μ|u)(?=mol|g/)"), "u"), (re.compile(r"/minute$"), "/min"),
                   (re.compile(r"/(?:litre|liter)$"), "/l")]


def _unit(match: re.Match[str] | None) -> str:
    """A unit as one spelling ("micromol/L", "µmol/L" -> "umol/l"; "mL/minute" -> "ml/min"), "" when none."""
    if match is None:
        return ""
    unit = match.group(1).lower()
    for pattern, spelling in _UNIT_SPELLINGS:
        unit = pattern.sub(spelling, unit)
    return unit
_GAP = r"(?:\s+(?!(?:and|or|but)\b)[\w-]+){0,4}?"  # "INR Above the Therapeutic Range but Below 4.5"
# (pattern, kind): a band a statement applies at; groups: measure, number[, number]
_BANDS = [(re.compile(pattern.pattern + _NOT_VALUE, re.I), kind) for pattern, kind in [
    (re.compile(rf"\b{_NAME}{_FILLER}\s+(?:between\s+)?{_NUMBER}\s*(?:-|–|to|and)\s*(?:less than\s+)?{_NUMBER}\b",
                re.I), "between"),
    (re.compile(rf"\b{_NAME}{_FILLER}\s+(?:is\s+|was\s+)?between\s+{_NUMBER}\s*(?:and|-|–|to)\s*{_NUMBER}\b", re.I),
     "between"),
    (re.compile(rf"\b{_NAME}{_FILLER}\s+{_ABOVE}{_NUMBER}", re.I), "over"),
    (re.compile(rf"\b{_NAME}{_FILLER}\s+{_BELOW}{_NUMBER}", re.I), "under"),
    (re.compile(rf"\b{_NAME}{_FILLER}\s+{_NUMBER}\s*(?:[a-z%/µ]+(?:/[a-z0-9.²]+)?\s+)?(?:or|and)\s+"
                r"(?:more|above|over|higher|greater)\b", re.I), "over"),
    (re.compile(rf"\b{_NAME}{_FILLER}\s+{_NUMBER}\s*(?:[a-z%/µ]+(?:/[a-z0-9.²]+)?\s+)?(?:or|and)\s+"
                r"(?:less|below|under|lower|fewer)\b", re.I), "under"),
    (re.compile(rf"\b{_NAME}\s+(?:above|over|greater than|more than|higher than)\b{_GAP}\s+but\s+{_BELOW}{_NUMBER}",
                re.I), "under"),
]]
_AGE_WORDS = {"age", "aged", "ages", "year", "years", "month", "months", "week", "weeks", "day", "days", "stage",
              "grade", "type", "class", "step", "phase", "dose", "doses", "times", "hour", "hours"}
# the last word of a measure of several words ("heart rate", "respiratory rate", "creatinine clearance", "platelet
# count"): alone it does not say which measure it is, so it is compared with none
_HEADS = {"rate", "rates", "clearance", "count", "counts", "level", "levels", "score", "scores", "pressure", "ratio",
          "time", "index", "concentration", "value", "volume", "output"}


def _measure(word: str) -> str | None:
    """The stem a measure is compared by; None for a word that names no measure ("for", "aged", "stage")."""
    lowered = word.lower()
    if lowered in STOP or lowered in _AGE_WORDS or lowered in _HEADS or lowered in ("x", "×") or lowered.isdigit():
        return None  # ("x 10^9/L" is a unit's factor)
    return stem(lowered)


def _readings(text: str) -> list[tuple[str, re.Match[str]]]:
    """Each value the question gives, with the measure it is of."""
    return [(measure, m) for m in _QUESTION_VALUE.finditer(text) if (measure := _measure(m.group(1))) is not None]


def question_values(text: str) -> dict[str, float]:
    """The values a question gives, by measure ("INR 11.4, eGFR 25" -> {"inr": 11.4, "egfr": 25.0}); a value in
    per cent is another measure than one in units ("HbA1c 9.5%" is not "HbA1c 58 mmol/mol"); a measure given
    twice with different values ("INR was 6 last week, today 9.2") is left out: which one counts is not said."""
    seen: dict[str, set[float]] = {}
    for measure, m in _readings(text):
        seen.setdefault(measure + ("%" if m.group(3) else ""), set()).add(float(m.group(2)))
    return {measure: values.pop() for measure, values in seen.items() if len(values) == 1}


def question_units(text: str) -> dict[str, str]:
    """The unit each value of the question is given in, where it gives one ("Hb 8.5 g/dL" -> {"hb": "g/dl"})."""
    return {measure: unit for measure, m in _readings(text) if (unit := _unit(_UNIT.match(text, m.end(2))))}


def statement_bands(text: str) -> dict[str, list[tuple[float, float]]]:
    """The bands of each measure a statement applies at ("INR 4.5 to 10" -> {"inr": [(4.5, 10.0)]}); a strict
    bound lies just inside its number ("below 30" holds 29.9, not 30)."""
    return {measure: [(low, high) for low, high, _ in bands] for measure, bands in _bands(text).items()}


def _bands(text: str) -> dict[str, list[tuple[float, float, str]]]:
    """Each measure's bands, each with the unit written after its number ("" when none)."""
    out: dict[str, list[tuple[float, float, str]]] = {}
    for pattern, kind in _BANDS:
        for m in pattern.finditer(text):
            measure = _measure(m.group(1))
            if measure is None:
                continue
            last = 3 if kind == "between" else 2
            measure += "%" if text[m.end(last):m.end(last) + 2].lstrip().startswith("%") else ""
            unit = _unit(_UNIT.match(text, m.end(last)))
            # the comparison's own words say whether the bound is met: between the measure and the number, or after
            # the number ("10 or more"); a band between two numbers holds both
            said = text[m.end(1):m.start(2)] + text[m.end(last):m.end()]
            nudge = 0.0 if kind == "between" or _INCLUSIVE.search(said) else _STRICT
            low = float(m.group(2))
            band = (low, float(m.group(3))) if kind == "between" else (low + nudge, math.inf) if kind == "over" \
                else (-math.inf, low - nudge)
            band = (*band, unit)
            if band[0] <= band[1] and band not in out.get(measure, []):
                out.setdefault(measure, []).append(band)
    return out


def fits(values: dict[str, float], text: str, heading: str = "", units: dict[str, str] | None = None) -> bool | None:
    """True when a band of each measure the question gives that the statement (or else its heading) bands holds
    its value, False when every band of each excludes it, None when it names no band for them or the measures
    disagree. `units`: the question's units by measure (`question_units`)."""
    if not values:
        return None
    units = units or {}
    bands = _bands(text)
    if not any(m in bands for m in values) and heading:
        bands = _bands(heading)
    # a band in another unit than the question's value says nothing of it ("Hb 8.5 g/dL" and "below 70 g/L")
    bands = {m: [(low, high) for low, high, unit in found if not (unit and units.get(m) and unit != units[m])]
             for m, found in bands.items()}
    judged = {any(low <= values[m] <= high for low, high in bands[m]) for m in values if bands.get(m)}
    return judged.pop() if len(judged) == 1 else None  # a measure held and another excluded: neither
