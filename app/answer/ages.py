"""Ages: the patient's age a question gives, and the age ranges a statement applies to.

Guidelines split their advice by age ("aged 65 or over", "children under 2 years", "6 months to 3 years") and
clinicians give an age rather than a group ("78F", "a 3-year-old", "4-month-old", "and if she were 78?"). A
statement whose range holds the patient's age answers for that patient; one whose ranges all exclude it
answers for someone else. Ages are in years; months and weeks are converted.
"""

from __future__ import annotations

import math
import re

_UNIT = r"(years?|yrs?|y|months?|mo|mths?|weeks?|wks?)"
_PER_YEAR = {"y": 1.0, "m": 12.0, "w": 52.0}  # by the unit's first letter

# the patient's age, as a question gives it
_QUESTION_AGES = [
    re.compile(rf"\b(\d{{1,3}})\s*-?\s*{_UNIT}\s*-?\s*old\b", re.I),  # "3-year-old", "4 months old"
    re.compile(r"\b(\d{1,3})\s*(yo|y/o)\b", re.I),  # "2yo"
    re.compile(r"\b(\d{1,3})\s*(?:-\s*)?(mo)\b", re.I),  # "9 mo"
    re.compile(r"\b(\d{1,3})([MF])\b"),  # "52F", "45M"
    re.compile(r"\baged?\s+(\d{1,3})\b()", re.I),  # "aged 78"
    re.compile(r"\b(?:she|he|they|patient|child)\s+(?:is|was|were|'s)\s+(\d{1,3})\b()"
               r"(?![.,]\d|\s*(?:%|mg|kg|g\b|mmol|ml))", re.I),  # "and if she were 78?"
]
_TO = r"(?:to|-|–|and)"
_OVER = r"(?:or|and)\s+(?:over|older|above)"
# (pattern, kind): a range a statement applies to; groups: number, unit[, number, unit]
_STATEMENT_RANGES = [
    (re.compile(rf"\b(?:aged|age|ages|between)\s+(\d+)\s*{_UNIT}?\s*{_TO}\s*(\d+)\s*{_UNIT}", re.I), "between"),
    (re.compile(rf"\b(\d+)\s*{_UNIT}\s*{_TO}\s*(\d+)\s*{_UNIT}\s+(?:of age|old)\b", re.I), "between"),
    (re.compile(rf"\baged\s+(\d+)\s*{_UNIT}?\s*{_OVER}", re.I), "over"),
    (re.compile(rf"\b(\d+)\s*{_UNIT}\s*{_OVER}", re.I), "over"),
    (re.compile(rf"\b(?:over|above|older than|from)\s+(?:the age of\s+)?(\d+)\s*{_UNIT}(?!\s*(?:ago|after|before))",
                re.I), "over"),
    (re.compile(rf"\b(?:under|below|younger than|less than)\s+(?:the age of\s+)?(\d+)\s*{_UNIT}(?:\s+(?:of age|old))?"
                rf"(?!\s*(?:ago|after|before))", re.I), "under"),
    (re.compile(r"\b(?:aged|age)\s+(?:under|below)\s+(\d+)()", re.I), "under"),
    (re.compile(r"\b(?:aged|age)\s+(?:over|above)\s+(\d+)()", re.I), "over"),
]


def question_age(text: str) -> float | None:
    """The patient's age in years, or None when the question gives none."""
    for pattern in _QUESTION_AGES:
        m = pattern.search(text)
        if m:
            value = float(m.group(1))
            unit = (m.group(2) or "y").lower()
            years = value / _PER_YEAR.get(unit[0], 1.0) if unit not in ("m", "f") else value
            if 0 < years < 120:
                return years
    return None


def statement_ranges(text: str) -> list[tuple[float, float]]:
    """The age ranges, in years, a statement says it applies to ([] when it names none)."""
    out = []
    for pattern, kind in _STATEMENT_RANGES:
        for m in pattern.finditer(text):
            if kind == "between":
                high_unit = m.group(4)
                low = _years(m.group(1), m.group(2) or high_unit)
                out.append((low, _years(m.group(3), high_unit)))
            elif kind == "over":
                out.append((_years(m.group(1), m.group(2)), math.inf))
            else:
                out.append((0.0, _years(m.group(1), m.group(2))))
    return out


def fits(age: float, ranges: list[tuple[float, float]]) -> bool | None:
    """True when a range holds the age, False when every range excludes it, None when there are none."""
    if not ranges:
        return None
    return any(low <= age <= high if high != math.inf else age >= low for low, high in ranges)


def _years(number: str, unit: str | None) -> float:
    return float(number) / _PER_YEAR.get((unit or "y").lower()[0], 1.0)
