"""A condition the patient has besides the one treated, asked about as a reason a drug may not suit them.

"He has myasthenia gravis. Is clarithromycin OK?" asks whether the drug suits a patient with that condition, as
"She's breastfeeding - is doxy OK?" asks for its population (app.answer.populations): the statements that give
the drug's dose and indications do not answer it, only one that speaks of the condition does. A guideline on
pneumonia that never speaks of myasthenia gravis does not cover the question, however well its statements on
clarithromycin match; quoting its doses would read as a yes.

A condition is the patient's when the question says they have or had it ("He has", "she had", "known",
"history of"); the question asks about suitability when it asks whether a drug is OK, safe, fine, a problem or
contraindicated, or whether they can take it. Which of the had words name a condition is the engine's to judge
(its condition dictionary, Engine.names_condition); this module only finds the words.
"""

from __future__ import annotations

import re

# whether something suits the patient: "is it OK", "safe for her", "a problem with it", "can he take"
_SUITS = re.compile(
    r"\b(?:ok|okay|safe|fine|contraindicated|risky|dangerous)\b|"
    r"\b(?:a|any)\s+(?:problems?|issues?|concerns?|worry|risk)\b|"
    r"\bcan\s+(?:he|she|they|the\s+patient|the\s+pt)\s+(?:still\s+)?(?:take|have|use|stay\s+on|continue)\b",
    re.I)
# a condition said to be the patient's: "He has myasthenia gravis", "she also had an MI two years ago", "known
# epilepsy", "history of porphyria"; the words up to the end of the clause
_HAS = re.compile(
    r"(?:\b(?:he|she|they|pt|patient|who)\s+(?:also\s+|now\s+|already\s+)?(?:has|had|['’]s\s+got|has\s+got|"
    r"has\s+also\s+got)|\b(?:known|history\s+of|hx\s+of|background\s+of|pmh\s+of|pmh:?))\s+([^.;:?!]+)",
    re.I)
# where the clause with the condition ends: a comma, a dash between spaces, or a word that starts another clause
_CLAUSE_END = re.compile(r",|\s[-–—]\s|\b(?:and\s+(?:is|was|he|she|they|now)|but|so|is|are|can|could|would|"
                         r"should|will|does|do|what|which|how|when|on|taking|takes)\b", re.I)

# what the patient is said not to have: "has no", "has not had", "no known", "no history of"
_DENIED = re.compile(r"(?:no|not|never|none)\b", re.I)
_DENIED_BEFORE = re.compile(r"\b(?:no|not|never|without|denies|denied|negative\s+for)\s+$", re.I)
# an acknowledgement before the question ("OK thanks. He also has epilepsy, what dose?") asks about nothing
_THANKS = re.compile(r"^\W*(?:ok|okay|fine|great|thanks)\b[\s,.!]*(?:thanks|thank\s+you)?[\s,.!]*", re.I)


def asks_if_suitable(question: str) -> bool:
    """Whether the question asks if a drug suits the patient ("Is clarithromycin OK?", "any problem with it?")."""
    return _SUITS.search(_THANKS.sub("", question)) is not None


def had_clauses(question: str) -> list[str]:
    """The words the question says the patient has or had, each up to the end of its clause: "myasthenia gravis"
    of "He has myasthenia gravis. Is clarithromycin OK?", "an MI two years ago" of "She had an MI two years ago -
    is it safe?". Not "can she have", nor what the patient is said not to have ("no history of asthma")."""
    out = []
    for m in _HAS.finditer(question):
        clause = m.group(1)
        if _DENIED.match(clause) or _DENIED_BEFORE.search(question[:m.start()]):
            continue  # "He has no history of asthma", "no known allergies"
        end = _CLAUSE_END.search(clause)
        clause = clause[:end.start()] if end else clause
        if clause.strip():
            out.append(clause.strip())
    return out


_LEADING = re.compile(r"^(?:(?:a|an|the|some|mild|bad|also|too|had|been)\s+)+", re.I)


def named_span(clause: str, terms: list[str]) -> str:
    """The clause's words from its first (after an article) to the last of the condition words: "long QT
    syndrome" of "long QT syndrome as well", "MI (myocardial infarction)" of "an MI (myocardial infarction) two
    years ago"."""
    clause = _LEADING.sub("", clause)
    ends = [m.end() for t in terms for m in re.finditer(rf"\b{re.escape(t)}\b", clause, re.I)]
    span = clause[:max(ends)] if ends else clause
    opened = span.count("(") - span.count(")")
    return span + ")" * opened if opened > 0 else span
