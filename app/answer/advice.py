"""Advice: what a statement tells the reader to do, and a question asking what to do.

A guideline writes its recommendations with a few verbs and modals ("Offer ...", "Do not ...", "... should be
...", "... is recommended"); a clinician asks for one with a few shapes ("What do I treat with?", "What should she
do?", "Next step?"). A question of that shape is answered by what to do, and what not to, before a statement
that only describes the case it sets out ("Giardia is the commonest parasitic cause of ..." for "Giardia confirmed
- what do I treat with?"). That only orders the answer (app.answer.extractive.ADVICE_BONUS): whether the question
is answered, and which statements are quoted, are read without it.
"""

from __future__ import annotations

import re

from app.answer.followup import strip_context, vignette_ask

RECOMMENDS = re.compile(
    r"(?:^|[,;:]\s*)(?:offer|consider|give|use|start|stop|avoid|prescribe|treat|refer|advise|do not|"
    r"don't|continue|switch|add|apply|take|measure|assess|check|review|monitor|arrange|seek|admit|perform|"
    r"recommend)\b|\b(?:should|must|is recommended|are recommended|is first-line|are first-line)\b|"
    # the option a guideline names as the one to use: "Metformin remains the preferred initial ... medication",
    # "Labetalol is the first-line drug", "... is the treatment of choice"
    r"\b(?:is|are|remains?)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?(?:preferred|first[\s-]line|treatment\s+of\s+choice|"
    r"mainstay)\b", re.I)
_PERSON = r"(?:i|we|you|he|she|they|mum|dad)"
# not "What should I tell her about ...?", which asks what is known; "what next" and "what now" only as the whole
# ask ("What next?"), not "What next-generation test ...", "What now counts as ..."
_WHAT_TO_DO = re.compile(
    rf"\bwhat\s+(?:should|do|can|would|could|shall)\s+{_PERSON}\s+(?:do|give|use|try|start|prescribe|offer|treat|"
    rf"recommend|suggest|advise|change|switch)\b|\bhow\s+(?:should|do|can|would|could)\s+{_PERSON}\s+(?:treat|manage|"
    rf"handle)\b|\bnext\s+steps?\b|\bwhat\s+(?:next|now)\s*\??\s*$|"
    rf"\banything\s+(?:to|{_PERSON})\s+(?:should\s+|can\s+|could\s+)?(?:offer|give|start|do|try)\b|"
    # the first thing to do ("First thing?", "What's first line?": a statement saying "first-line" directs too, and
    # one that only grades the case does not), and the notes' one-word ask for the plan ("Rx?", "Mx?", "Plan?")
    rf"\bfirst[\s-]+(?:thing|step|line)s?\b|"
    rf"^\W*(?:rx|tx|mx|treatment|management|plan)(?:\s*\([^)]*\))?\s*\??\s*$", re.I)
# what not to do, wherever in the statement
_CAUTION = re.compile(r"\b(?:not\s+(?:be\s+)?recommended|contraindicated|never)\b", re.I)
_CAUTION_FIRST = re.compile(r"^\W*(?:do not|don't|avoid|never)\b", re.I)


def directs(statement: str) -> bool:
    """A statement that tells the reader what to do or what not to do ("Offer ...", "Do not ...", "... is
    contraindicated", "... are not recommended"): what answers "What should I give?", its cautions as much as its
    options, rather than a statement that only describes."""
    return recommends(statement) or _CAUTION.search(statement) is not None


def leads_with_caution(statement: str) -> bool:
    """A statement that leads with what not to do ("Do not ...", "Avoid ...", "Never ...")."""
    return _CAUTION_FIRST.search(statement) is not None


def recommends(statement: str) -> bool:
    """A recommendation, in the words guidelines write them with ("Offer ...", "Consider ...", "Do not ...",
    "... should be ...", "... is recommended"), rather than a definition or a finding."""
    return bool(RECOMMENDS.search(statement))


def asks_what_to_do(question: str) -> bool:
    """Whether the question (its own words; a case's, its closing ask) asks what to do: "What do I treat with?",
    "What should she do?", "Next step?", "Anything we should start on the ward?", "What's first line?"."""
    own = strip_context(question)
    return _WHAT_TO_DO.search(vignette_ask(own) or own) is not None
