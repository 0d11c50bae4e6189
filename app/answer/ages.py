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
_PER_YEAR = {"y": 1.0, "m": 12.0, "w": 52.0, "d": 365.0}  # by the unit's first letter

# the patient's age, as a question gives it; a number followed by another unit is no age ("12 weeks pregnant",
# "3 days post-MI", "16F catheter", "7 cm dilated", "a 6 mo course")
_SIZE = r"fr\b|french|catheter|tube|gauge|cm|mm|kg|foley|indwelling|long-term catheter"  # a device's size, a measure
_NOT_AGE = rf"(?!\s*(?:weeks?|days?|wks?|hours?|g\b|mg|%|\.\d|,\d|{_SIZE}))"
_QUESTION_AGES = [
    re.compile(rf"\b(\d{{1,3}})\s*-?\s*{_UNIT}\b\s*-?\s*old\b", re.I),  # "3-year-old", "4 months old"
    re.compile(r"\b(\d{1,3})\s*(yo|y/o)\b", re.I),  # "2yo"
    re.compile(r"\b(\d{1,3})\s*-?\s*(mo)\b(?=\s*(?:,|;|\.|$|-?\s*old\b))", re.I),  # "9 mo, mottled"
    re.compile(rf"(?:^|[\s,(])(\d{{1,3}})([MF])\b(?!\s*(?:[\w-]+\s+)?(?i:{_SIZE}))"),
    # "52F", "45M", "78M day 2 post hip op"; not "a 16F catheter"
    re.compile(rf"\baged?\s+(\d{{1,3}})\s*(?:{_UNIT}\b)?" + _NOT_AGE, re.I),  # "aged 78", "aged 3 months"
    re.compile(r"\b(?:she|he|they|patient|child)\s+(?:is|was|were|'s)\s+(\d{1,3})()(?![.,]\d)"
               r"(?=\s*(?:years?\s*old\b|yrs?\b|[?.,!;]|$))", re.I),  # "and if she were 78?"
    re.compile(r"\b(\d{1,2})-(days?)-old\b", re.I),  # "a 10-day-old"; not "the rash is 3 days old"
]
_TO = r"(?:to|-|–|and)"
_OVER = r"(?:or|and)\s+(?:over|older|above)"
_WHO = r"(?:children|child|adults?|people|infants?|babies|baby|patients?|women|men|girls|boys|those|anyone)"
# (pattern, kind): a range a statement applies to; groups: number, unit[, number, unit]. Only what is said of
# people's ages: "for less than 2 weeks", "over 30 minutes", "2 years ago" are no ranges
_STATEMENT_RANGES = [
    (re.compile(rf"\b(?:aged|ages|between the ages of)\s+(\d+)\s*(?:{_UNIT}\b)?\s*{_TO}\s*(\d+)\s*"
                rf"(?:{_UNIT}\b)?", re.I), "between"),
    (re.compile(rf"\b{_WHO}\s+(?:aged\s+)?(?:from\s+)?(\d+)\s*{_UNIT}\b\s*{_TO}\s*(\d+)\s*{_UNIT}\b", re.I),
     "between"),
    (re.compile(rf"\bage[ds]?\s+(\d+)\s*(?:{_UNIT}\b)?\s*{_OVER}", re.I), "over"),  # "Age 4 and older"
    (re.compile(rf"\b(\d+)\s*{_UNIT}\b\s*(?:of age\s*)?{_OVER}", re.I), "over"),
    (re.compile(rf"\b{_WHO}\s+(?:aged\s+)?(?:over|above|older than)\s+(?:the age of\s+)?(\d+)\s*(?:{_UNIT}\b)?", re.I),
     "over"),
    (re.compile(rf"\b{_WHO}\s+(?:aged\s+)?(?:under|below|younger than)\s+(?:the age of\s+)?(\d+)\s*(?:{_UNIT}\b)?",
                re.I), "under"),
    (re.compile(rf"\b(?:younger than|under the age of)\s+(\d+)\s*(?:{_UNIT}\b)?", re.I), "under"),
    (re.compile(rf"\b(?:older than|over the age of)\s+(\d+)\s*(?:{_UNIT}\b)?", re.I), "over"),
    (re.compile(r"\b(?:aged|age)\s+(?:under|below)\s+(\d+)()", re.I), "under"),
    (re.compile(r"\b(?:aged|age)\s+(?:over|above)\s+(\d+)()", re.I), "over"),
]


# the ages of a stage of life a statement names instead of a number, as WHO and paediatric formularies bound them
# ("For teens and adults, the usual dose is ..." holds a 17-year-old)
_STAGES = [(re.compile(r"\b(?:teens|teenagers?|adolescents?|adolescence)\b", re.I), (10.0, 19.0)),
           (re.compile(r"\b(?:newborns?|neonates?)\b", re.I), (0.0, 28 / 365)),
           (re.compile(r"\binfants?\b", re.I), (0.0, 1.0)),
           (re.compile(r"\btoddlers?\b", re.I), (1.0, 3.0))]


_WIDER = re.compile(r"\b(?:child|children|kids?|paediatric|pediatric|people|patients|everyone|anyone)\b", re.I)
ADULT_AGE = 18  # an age from which a guideline for children no longer speaks of the patient
_CHILDREN = re.compile(r"\b(?:in|for|to|of|offer|give|treat|advise)\s+(?:young\s+|older\s+)?(?:children|kids)\b|"
                       r"\b(?:children|kids)\s+(?:with|aged|who|under|over|older|younger|weighing)\b|"
                       r"\bpa?ediatric\s+(?:dose|dosing|patients)\b", re.I)
# ... beside them, someone older: the advice may be for them, the child named only in passing
_GROWN_UPS = re.compile(r"\b(?:people|patients|everyone|anyone|women|woman|men|mothers?|parents?|carers?|contacts|"
                        r"breast-?\s?fe\w*|pregnan\w*)\b|child-?\s?bearing", re.I)
# ... and adults the advice is for ("Offer adults acetaminophen 1,000 mg", "in adults with"), no child beside them
_ADULTS_ADVISED = re.compile(r"\b(?:in|for|to|of|offer|give|treat|advise)\s+(?:older\s+|young\s+)?adults\b|"
                             r"\badults\s+(?:with|aged|who|under|over|older|younger|weighing)\b|"
                             r"\badult\s+(?:dose|dosing|patients)\b", re.I)
_YOUNGER = re.compile(r"\b(?:child|children|schoolchildren|kids?|pa?ediatrics?|infants?|babies|baby|toddlers?|"
                      r"neonates?|newborns?|teens?|teenagers?|adolescents?|young\s+(?:people|persons?)|boys|girls|"
                      r"under[\s-]?\d+s)\b", re.I)
# a statement that restricts whom a group's advice is for: it may be the answer for someone outside the group
_RESTRICTS = re.compile(r"\b(?:not|never|avoid|only|unless|except)\b|n['’]t\b", re.I)
ADULT_FROM = 16  # the youngest age a guideline calls adult ("adults aged 16 and over")
ADULTS_ONLY = [(float(ADULT_FROM), math.inf)]  # the range of adults named without an age (unaged_adults)
# a statement that says it is for adults ("in adults", "aged 16 and over"; app.answer.populations.names_adults)
ADULTS = re.compile(r"\badults?\b|\b(?:16|18)\s+(?:years\s+)?(?:and|or)\s+(?:over|older|above)\b", re.I)


def question_age(text: str) -> float | None:
    """The patient's age in years, or None when the question gives none."""
    for pattern in _QUESTION_AGES:
        m = pattern.search(text)
        if m:
            value = float(m.group(1))
            unit = ((m.group(2) if m.lastindex and m.lastindex >= 2 else "") or "y").lower()
            years = value / _PER_YEAR.get(unit[0], 1.0) if unit not in ("m", "f") else value
            if 0 < years < 120:
                return years
    return None


def statement_ranges(text: str, children: bool = True, adults: bool = True) -> list[tuple[float, float]]:
    """The age ranges, in years, a statement says it applies to ([] when it names none). `children`: whether
    "children" or "adults" without an age is a range (in a statement's advice; not in a title, whose other
    statements may speak of others); `adults`: whether "adults" without an age is one too (not where adults are
    read as 18 and over, engine._for_other_ages)."""
    out = _aged(text)
    # a stage of life only where no age says it more exactly ("Oral thrush in infants and children › Miconazole
    # for children aged 4 months to 2 years") and no wider group is named beside it ("For infants and children"
    # holds a 4-year-old); beside adults, adults' ages too ("For teens and adults" holds a 17- and a 40-year-old)
    if out:
        return out
    # children the statement's advice is for, with no age and no one older beside them ("The prophylactic dose in
    # children is 1.25 mg/kg"), are under the age a guideline for children stops at: not a 45-year-old (not "women
    # of child-bearing potential", "monitor the breastfed child", "household contacts, including children")
    if children and _children_advised(text):
        return [(0.0, math.nextafter(ADULT_AGE, 0.0))]
    # ... and adults it is for, with no age and no one younger beside them, are 16 and over: not a 2-year-old
    if children and adults and unaged_adults(text):
        return list(ADULTS_ONLY)
    if _WIDER.search(text):
        return out
    stages = [span for pattern, span in _STAGES if pattern.search(text)]
    return stages + [(ADULT_AGE, math.inf)] if stages and ADULTS.search(text) else stages


def unaged_adults(text: str) -> bool:
    """Whether the statement's advice is for adults, named without an age and with no one younger beside them
    ("Offer adults acetaminophen 1,000 mg every 6 hours"): it says whom it is not for, not which adults."""
    return bool(_ADULTS_ADVISED.search(text)) and not _YOUNGER.search(text) and not _aged(text)


def unaged_group(text: str) -> bool:
    """Whether the statement's ages come only from the group it is for, named without an age ("Offer adults ...",
    "The dose in children is ..."): it is for that group whole, not for those meeting one of several criteria
    ("children under 2 or in day care"); not a stage of life it speaks of ("cardiac malformations in infants"), nor
    a restriction ("not for use in children", "for adults only"), which may be the answer for someone outside it."""
    return not _aged(text) and (unaged_adults(text) or _children_advised(text)) and not _RESTRICTS.search(text)


def _children_advised(text: str) -> bool:
    """Children the advice is for, with no one older beside them (not "women of child-bearing potential")."""
    return bool(_CHILDREN.search(text)) and not _GROWN_UPS.search(text) and not ADULTS.search(text)


def _aged(text: str) -> list[tuple[float, float]]:
    """The age ranges the statement writes in numbers."""
    out = []
    for pattern, kind in _STATEMENT_RANGES:
        for m in pattern.finditer(text):
            if kind == "between":
                high_unit = m.group(4) or m.group(2)
                out.append((_years(m.group(1), m.group(2) or high_unit), _years(m.group(3), high_unit)))
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
