"""An overview question gets an overview: the document's own summary, then one statement per option.

"What are the treatment options for X?", "How is X managed?", "What is the approach to X?", "Summarise the
guidance on X" ask for the shape of a whole guideline, not for one statement. The answer quotes the summary
statement that opens the document (not the page's chrome before its first heading), then, in the document's order and
grouped under its headings, the statement of each section that best answers the question.
"""

from __future__ import annotations

import re

from app.answer.advice import leads_with_caution, recommends
from app.answer.extractive import Scored
from app.answer.scope import about_the_document
from app.answer.statements import Candidate
from app.answer.text import GENERIC, content_words, stem, stems
from app.answer.types import Passage

MAX_OVERVIEW = 14  # statements in an overview, the summary included
MIN_SECTIONS = 3  # a document with fewer sections is answered statement by statement
# a statement that leads with what not to do ("Do not ...", "Avoid ...", "Doses of 7.5 mg or less are not
# recommended"), not an option with a caution after it ("Offer topiramate; avoid it in pregnancy")
_CAUTION = re.compile(r"\b(?:should not|must not|not (?:be |)recommended)\b", re.I)
_OPTION_FIRST = re.compile(r"^\W*(?:offer|consider|give|use|start|prescribe|treat|continue|switch|add|apply|take|"
                           r"arrange|recommend)\b", re.I)


def _caution(statement: str) -> bool:
    return leads_with_caution(statement) or \
        bool(_CAUTION.search(statement)) and not _OPTION_FIRST.search(statement)


# The shapes of an overview question, in any wording of its subject.
_OVERVIEW = re.compile(
    r"\b(treatment|management|therapeutic|therapy|care) options\b|\boptions (for|to treat|to manage)\b"
    r"|\bhow (is|are|should|do|does|would|can)\b.{0,80}\b(managed|treated|handled|approached|manage|treat)\b"
    r"|\bapproach(es)? (to|for)\b|\b(overview|summary) of\b|\b(management|treatment) of\b.{0,60}\?$"
    r"|\bwhat are the (treatments|therapies|options)\b|\b(summari[sz]e|outline)\b|\boverview\b", re.I)


def is_overview(question: str) -> bool:
    """Does the question ask for the options or the approach, rather than one fact?"""
    return bool(_OVERVIEW.search(question))


def overview(ranked: list[Scored], document: list[Candidate]) -> list[Scored]:
    """Summary first, then group headings and one best statement per section, in document order.

    `ranked` are the scored statements of the retrieved passages (best first); `document` every statement
    of the best statement's document, in reading order, scored by similarity to the question.
    """
    sections: dict[str, list[Candidate]] = {}
    for c in document:
        if not c.text.rstrip().endswith("?") and len(c.text.split()) >= 3:
            sections.setdefault(c.passage.section, []).append(c)
    if len(sections) < MIN_SECTIONS:
        return []
    # the summary opens the document; what comes before its first heading and never names its subject is the
    # page's chrome ("Guidance for primary care Published: 3 March 2025"), not a summary
    order = list(sections)
    if len(order) > MIN_SECTIONS and not order[0].split(" › ")[-1] and \
            not any(_of_subject(c) for c in sections[order[0]]):
        order = order[1:]
    summary_section, *rest = order
    # the summary is the opening statement that names the subject: not a line of the page's own ("Clinical
    # practice summary.", "Reviewed February 2025") under the title
    opening = sections[summary_section]
    # ... and that says what to do or what is known, before one that says what the document covers ("This guideline
    # covers ...", "Applies to adults ..."), which stands only when the opening has nothing else
    named = [c for c in opening if _of_subject(c)]
    out = [Scored(1.0, next((c for c in named if not about_the_document(c.text)), named[0] if named else opening[0]))]
    root = tuple(summary_section.split(" › "))  # the document's own top heading is not repeated per group
    group: tuple[str, ...] = ()
    for section in rest:
        path = tuple(section.split(" › "))
        parents = _below(path[:-1], root)
        if parents != group and parents:
            out.append(_heading(" › ".join(parents)))
            group = parents
        advice = [c for c in sections[section] if recommends(c.text)]
        # what to do before what not to: "Start prednisolone 15 mg daily" is the section's option, "Doses of 7.5 mg
        # or less are not recommended" a caution on it
        options = [c for c in advice if not _caution(c.text)] or advice or sections[section]
        best = max(options, key=lambda c: (c.similarity - 0.02 * c.index))
        out.append(Scored(best.similarity, best))
        if sum(s.passage.chunk_id != "" for s in out) >= MAX_OVERVIEW:
            break
    return out


def _of_subject(c: Candidate) -> bool:
    """Whether a statement names a word of its document's title (the subject), in any form."""
    title = {stem(w) for w in content_words(c.passage.title) if w not in GENERIC}
    return bool(title & stems(c.text))


def _below(path: tuple[str, ...], root: tuple[str, ...]) -> tuple[str, ...]:
    """The part of a heading path under the document's top heading."""
    shared = 0
    while shared < min(len(path), len(root)) and path[shared] == root[shared]:
        shared += 1
    return path[shared:]


def _heading(text: str) -> Scored:
    """A group heading line of an overview: a pseudo statement without a passage (never cited)."""
    passage = Passage(rank=0, chunk_id="", doc_id="", title="", section="", text="", statements=(),
                      references=(), page=None, kind="heading", score=0.0)
    return Scored(0.0, Candidate(passage, 0, f"{text}:", 0.0))
