"""Gestation: the week of pregnancy a question gives, and the weeks of pregnancy a statement applies to.

Pregnancy guidance is split by gestation ("in the first 12 weeks", "between 13 and 20 weeks of gestation",
"after 28 weeks", "in the third trimester"), and clinicians give a week rather than a band ("16/40", "28 weeks
pregnant", "37+2", "if mum catches it at 10 weeks"). Like an age (app.answer.ages), a statement whose band holds
the week answers for this pregnancy; one whose bands all exclude it answers for another. Only a statement that
speaks of pregnancy has bands: "review after 4 weeks" is a duration, not a gestation.
"""

from __future__ import annotations

import math
import re

_PREGNANT = r"(?:pregnan\w*|gestation\w*|antenatal|maternal|mother|mum|fetus|fetal|foetal|foetus|trimester|/40)"
# a question's "at 10 weeks" is a pregnancy's only beside these ("mum", "mother" also have babies of 10 weeks)
_PREGNANT_ASKED = r"(?:pregnan\w*|gestation\w*|antenatal|fetus|fetal|foetal|foetus|trimester)"
_QUESTION_WEEKS = [
    re.compile(r"\b(\d{1,2})\s*/\s*40\b"),  # "16/40"
    re.compile(r"(?<!para )(?<!gravida )(?<![GP])\b(\d{1,2})\s*\+\s*[0-6]\b(?!\s*(?:years?|y|months?|mg|kg|tablets?))",
               re.I),  # "37+2", not "para 2+1"
    re.compile(r"\b(\d{1,2})\s*(?:weeks?|wks?)\s*(?:'|’)?\s*(?:pregnant|gestation|of pregnancy|gestational)", re.I),
    re.compile(r"\b(?:at|by|from)\s+(\d{1,2})\s*(?:weeks?|wks?)\b(?!\s*(?:old|of age|after|postnatal|post))", re.I),
]
# (pattern, kind): a band a statement applies to; groups: number[, number]
# weeks counted from something else than conception: a treatment, the birth, a dose
_NOT_GESTATION = r"(?!\s*(?:of (?:treatment|therapy|the course|life|age)|after|postpartum|postnatal|post-?partum|old|"\
                 r"of (?:the )?(?:birth|delivery)))"
_BANDS = [
    (re.compile(r"\bbetween\s+(\d{1,2})(?:\+\d)?\s*(?:weeks?\s*)?(?:and|to|-|–)\s*(\d{1,2})(?:\+\d)?\s*weeks?\b"
                + _NOT_GESTATION, re.I), "between"),
    (re.compile(r"\b(?:at|from)\s+(\d{1,2})\s*(?:weeks?\s*)?(?:to|until|-|–)\s*(\d{1,2})\s*weeks?\b" + _NOT_GESTATION,
                re.I), "between"),
    (re.compile(r"\b(?:the\s+)?first\s+(\d{1,2})\s*weeks?\b" + _NOT_GESTATION, re.I), "under"),
    (re.compile(r"\b(?:the\s+)?last\s+(\d{1,2})\s*weeks?\s+(?:of\s+(?:the\s+)?(?:pregnancy|gestation))", re.I), "last"),
    (re.compile(r"\b(?:before|up to|under|less than|earlier than)\s+(\d{1,2})\s*(?:completed\s+)?weeks?\b"
                + _NOT_GESTATION, re.I), "under"),
    (re.compile(r"(?<!for )\b(?:after|beyond|from|over|more than|later than)\s+(\d{1,2})\s*(?:completed\s+)?"
                r"weeks?\b(?!\s*(?:until|to)\b)" + _NOT_GESTATION, re.I), "over"),
]
MAX_WEEK, MIN_PLUS = 42, 20  # the last week of a pregnancy; "N+d" alone is a gestation from week 20
TERM = 40  # weeks: "the last 4 weeks of pregnancy" are from week 36
_TRIMESTERS = {"first": (0.0, 13.0), "second": (14.0, 27.0), "third": (28.0, 42.0)}
_TRIMESTER = re.compile(r"\b(first|second|third)\s+trimester\b", re.I)


def question_week(text: str) -> float | None:
    """The week of pregnancy a question gives, or None. "at 10 weeks" counts only beside a word of pregnancy, and
    "34+5" from week 20 (not "para 2+1", "2+2 tablets")."""
    pregnant = re.search(_PREGNANT_ASKED, text, re.I) is not None
    for i, pattern in enumerate(_QUESTION_WEEKS):
        for m in pattern.finditer(text):
            week = int(m.group(1))
            plain = i in (0, 2) or i == 1 and week >= MIN_PLUS or i == 3 and pregnant
            if plain and 0 < week <= MAX_WEEK:
                return float(week)
    return None


def statement_bands(text: str) -> list[tuple[float, float]]:
    """The weeks of pregnancy a statement says it applies to ([] when it names none or is not about pregnancy)."""
    if not re.search(_PREGNANT, text, re.I):
        return []
    out = [_TRIMESTERS[m.group(1).lower()] for m in _TRIMESTER.finditer(text)]
    for pattern, kind in _BANDS:
        for m in pattern.finditer(text):
            low = float(m.group(1))
            out.append((low, float(m.group(2))) if kind == "between" else (0.0, low) if kind == "under" else
                       (TERM - low, math.inf) if kind == "last" else (low, math.inf))
    return out
