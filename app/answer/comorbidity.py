"""A condition the patient has besides the one treated, asked about as a reason a drug may not suit them.

"He has myasthenia gravis. Is clarithromycin OK?" asks whether the drug suits a patient with that condition, as
"She's breastfeeding - is doxy OK?" asks for its population (app.answer.populations): the statements that give
the drug's dose and indications do not answer it, only one that speaks of the condition does. A guideline on
pneumonia that never speaks of myasthenia gravis does not cover the question, however well its statements on
clarithromycin match; quoting its doses would read as a yes.

A condition is the patient's when the question says they have or had it ("He has", "she's got", "my son has",
"known", "history of", "diagnosed with", a case's "71M with", "He is asthmatic"); the question asks about
suitability when it asks whether a drug is OK, safe, fine, a problem or contraindicated, whether they can take
it, or whether it interacts. Which of the had words name a condition is the engine's to judge (its condition
dictionary, Engine.names_condition); this module only finds the words. A drug the patient takes, asked about the
same way ("He's on warfarin - is metronidazole OK?"), is found by app.answer.followup.is_taken and judged by
Engine.comedications_unaddressed.
"""

from __future__ import annotations

import re

from app.answer.populations import NEGATED

# whether something suits the patient: "is it OK", "safe for her", "a problem with it", "can he take", "does it
# interact"; not a "maximum safe dose", nor "the combined pill"
_SUITS = re.compile(
    r"\b(?:ok|okay|safe(?!\s+(?:dose|doses|dosage|limit|level|range|amount|maximum|upper))|fine|contraindicated|"
    r"risky|dangerous|interacts?|interactions?|combine|combining|combined\s+with|together)\b|"
    r"\b(?:a|any)\s+(?:problems?|issues?|concerns?|worry|risk)\b|"
    r"\bcan\s+(?:he|she|they|the\s+patient|the\s+pt)\s+(?:still\s+)?(?:take|have|use|stay\s+on|continue)\b",
    re.I)
# who the patient is: a pronoun, or someone the asker names as theirs or this case's ("my son", "this lady"),
# not a relative of the patient's ("his brother": app.answer.followup.SOMEONE_ELSE)
_SUBJECT = (r"(?:\b(?:he|she|they|pt|patient|who)|\b(?:my|our|the|this|a)\s+(?:\w+\s+)?(?:son|daughter|child|kid|"
            r"baby|boy|girl|man|woman|lady|gentleman|guy|patient|mum|mom|mother|dad|father|husband|wife|partner))")
# "has" of a drug taken, not a condition had: "He has just started clarithromycin", "she had taken it"
_TAKEN = (r"(?!\s+(?:(?:just|recently|now|also|already)\s+)*(?:started|begun|stopped|taken|finished|completed|tried|"
          r"used|switched|restarted|been\s+(?:started|given|prescribed|put|taking|on)))")
# a condition said to be the patient's: "He has myasthenia gravis", "she also had an MI two years ago", "He's got
# asthma", "my son has eczema", "He is 60 and has gout", "diagnosed with", "known epilepsy", "history of
# porphyria", a case's "71M with gout"; the words up to the end of the clause
_HAS = re.compile(
    rf"(?:{_SUBJECT}(?:\s+(?:also|now|already|still))?(?:\s+(?:has\s+also\s+got|has\s+got|has|had|suffers\s+from)|"
    rf"['’]s\s+(?:also\s+)?(?:got|had)){_TAKEN}|\band\s+(?:also\s+)?(?:has|had){_TAKEN}|"
    r"\b(?:diagnosed\s+with|known|history\s+of|hx\s+of|background\s+of|pmh\s+of|pmh:?)|"
    r"\b\d{1,3}\s?(?:[mf]|yo|y/o|-?year-old\s+(?:man|woman|boy|girl|male|female))\s+with)\s+([^.;:?!]+)",
    re.I)
# an adjective for a condition the patient is said to have: "He is asthmatic", "she's a diabetic"
_IS = re.compile(rf"{_SUBJECT}(?:\s+is|['’]s)(?:\s+(?:also|now|a|an))*\s+(\w+(?:ic|ous))\b", re.I)
# where the clause with the condition ends: a dash between spaces, or a word that starts another clause (a comma
# may only go on to the next of a list: "diabetes, hypertension and asthma")
_CLAUSE_END = re.compile(r"\s[-–—]\s|\b(?:and\s+(?:is|was|he|she|they|now)|but|so|is|are|can|could|would|"
                         r"should|will|does|do|what|which|how|when|on|taking|takes|wants?|needs?|asks?|asking)\b", re.I)
# between the items of a list of conditions
_ITEMS = re.compile(r",|;|\band\b|\bor\b|&|\+|\s/\s", re.I)

# what the patient is said not to have: "has no", "has not had" (and before the clause, populations.NEGATED: "no
# known", "no history of", "denies")
_DENIED = re.compile(r"(?:no|not|never|none)\b", re.I)
# ... or a heading the question answers with none: "Known drug allergies: none", "PMH: nil"
_NONE_AFTER = re.compile(r"\s*:\s*(?:none|nil|no|nkda|nkfa)\b", re.I)
# an acknowledgement before the question ("OK thanks. He also has epilepsy, what dose?") asks about nothing
_THANKS = re.compile(r"^\W*(?:ok|okay|fine|great|thanks)\b[\s,.!]*(?:thanks|thank\s+you)?[\s,.!]*", re.I)


def asks_if_suitable(question: str) -> bool:
    """Whether the question asks if a drug suits the patient ("Is clarithromycin OK?", "any problem with it?")."""
    return _SUITS.search(_THANKS.sub("", question)) is not None


def had_clauses(question: str) -> list[list[str]]:
    """The conditions the question says the patient has or had, a clause's list of them together, each item up
    to the end of its clause: ["myasthenia gravis"] of "He has myasthenia gravis. Is clarithromycin OK?", ["an MI
    two years ago"] of "She had an MI two years ago - is it safe?", ["diabetes", "hypertension", "asthma"] of "He
    has diabetes, hypertension and asthma", ["asthmatic"] of "He is asthmatic". Not "can she have", nor what the
    patient is said not to have ("no history of asthma", "Known allergies: none")."""
    out = []
    for m in _HAS.finditer(question):
        clause = m.group(1)
        if _DENIED.match(clause) or NEGATED.search(question[:m.start()]) or \
                _NONE_AFTER.match(question[m.end(1):]):
            continue  # "He has no history of asthma", "no known allergies", "Known drug allergies: none"
        end = _CLAUSE_END.search(clause)
        clause = clause[:end.start()] if end else clause
        items = [i.strip() for i in _ITEMS.split(clause) if i.strip()]
        if items:
            out.append(items)
    out += [[m.group(1)] for m in _IS.finditer(question)]
    return out


_LEADING = re.compile(r"^(?:(?:a|an|the|some|mild|bad|also|too|had|been|history\s+of|hx\s+of|diagnosis\s+of)\s+)+",
                      re.I)


def named_span(clause: str, terms: list[str]) -> str:
    """The clause's words from its first (after an article) to the last of the condition words: "long QT
    syndrome" of "long QT syndrome as well", "MI (myocardial infarction)" of "an MI (myocardial infarction) two
    years ago"."""
    clause = _LEADING.sub("", clause)
    ends = [m.end() for t in terms for m in re.finditer(rf"\b{re.escape(t)}\b", clause, re.I)]
    span = clause[:max(ends)] if ends else clause
    opened = span.count("(") - span.count(")")
    return span + ")" * opened if opened > 0 else span
