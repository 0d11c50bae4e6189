"""Indications: the condition a question asks a drug for, and whether a document gives the drug for it.

"Is 16 mg the right candesartan dose for his heart failure too?" beside a migraine guideline that doses
candesartan for prevention; "Can I push the spironolactone up for that?" after "He also has cirrhosis with tense
ascites", beside a heart failure guideline; "Valtrex dose for a first episode of genital herpes?" beside a cold
sores guideline. The drug is named and dosed, but no document that names it names the condition: what the
documents say of the drug is for another condition (Engine.other_use refuses such a question).

A question asks for a drug for a condition when the condition follows "for", "to treat" or "treating" after the
drug in the same clause ("for that" or "for it" points at the conditions named before it; "for the itch" at the
conversation's own, and is not judged). A document gives the
drug for the condition when it names both: a name of several words whole ("genital herpes" is not the "herpes"
of "herpes labialis"), one word in any form. A document, not a statement: a guideline gives its subject in its
title and its drugs in statements that do not repeat it.
"""

from __future__ import annotations

import re

from app.answer.text import stems, words

# "for his heart failure", "to treat the acute attack", "treating her ascites"; "for that" points back
_FOR = re.compile(r"\b(?:for|to\s+treat|treating)\s+(?:(?:his|her|their|a|an|its|acute|new|first|an?\s+episode\s+of|"
                  r"episode\s+of)\s+)*", re.I)
# "for the itch", "for the pain": what the conversation is about already, not another condition
_THE = re.compile(r"(?:the|these|this)\s", re.I)
_BACK = re.compile(r"(?:that|this|it|them)\b", re.I)
_CLAUSE_END = re.compile(r"[.;?!]|\s[-–—]\s|,\s*(?:and|but|or)\b")
SPAN = 50  # characters of a condition after "for"


def asked_for(question: str, drug: str) -> list[str]:
    """The text of each condition the question asks this drug for: what follows "for" after the drug in its
    clause, or, for "for that", what comes before the drug's clause ("She also has allergic asthma - is the
    Xolair dose the same for that?")."""
    out = []
    for named in re.finditer(rf"\b{re.escape(drug)}\b", question, re.I):
        rest = question[named.end():]
        end = _CLAUSE_END.search(rest)
        clause = rest[:end.start()] if end else rest
        for found in _FOR.finditer(clause):
            after = clause[found.end():found.end() + SPAN]
            if _THE.match(after):
                continue
            if _BACK.match(after):
                before = question[:named.start()]
                out.append(before)
            elif after.strip():
                out.append(after)
    return out


def gives_for(said: str, stemmed: frozenset[str], forms: list[str]) -> bool:
    """Whether a text (its words, space-separated and padded, and their stems) names the condition in one of its
    forms: a name of several words word for word, one word by its stem."""
    for form in forms:
        parts = words(form)
        if len(parts) > 1 and f" {' '.join(parts)} " in said:
            return True
        if len(parts) == 1 and stems(form) and stems(form) <= stemmed:
            return True
    return False
