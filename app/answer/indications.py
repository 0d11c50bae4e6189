"""Indications: the condition a question asks a drug for, and whether a document gives the drug for it.

"Is 16 mg the right candesartan dose for his heart failure too?" beside a migraine guideline that doses
candesartan for prevention; "Can I push the spironolactone up for that?" after "He also has cirrhosis with tense
ascites", beside a heart failure guideline; "Valtrex dose for a first episode of genital herpes?" beside a cold
sores guideline. The drug is named and dosed, but no document that names it (or its class) names the condition:
what the documents say of the drug is for another condition (Engine.other_use refuses such a follow-up).

A question asks for a drug for a condition when the condition follows "for", "to treat" or "treating" after the
drug in the same clause ("for that" or "for it" points at the conditions named before it; "for the itch" at
what the question or the conversation already named, and is not judged). A document gives the drug for the
condition when it names both, a name of several words word for word ("genital herpes" is not the "herpes" of
"herpes labialis"), one word in any form: a document, not a statement, since a guideline gives its subject in
its title and its drugs in statements that do not repeat it.
"""

from __future__ import annotations

import re

# "for his heart failure", "to treat her ascites", "treating it"; "for that" points back
_FOR = re.compile(r"\b(?:for|to\s+treat|treating)\s+", re.I)
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
