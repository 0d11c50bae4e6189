"""Plain-text rendering of answers and sources for the terminal (`medcite ask`, `medcite chat`)."""

from __future__ import annotations

import textwrap

from app.answer.sources import cited_references, reference_line
from app.answer.types import Answer, Citation


def source_block(c: Citation, width: int = 100) -> str:
    p = c.passage
    page = f", page {p.page}" if p.page else ""
    lines = [f"[{c.n}] {p.title}{page}", f"    {p.section}" if p.section else ""]
    for statement in p.text.splitlines():
        mark = "  > " if statement in c.quoted else "    "
        lines += textwrap.wrap(statement, width=width, initial_indent=mark, subsequent_indent="      ")
    lines += [f"    supported by {reference_line(r)}" for r in cited_references(c)]
    return "\n".join(line for line in lines if line)


def sources_text(answer: Answer) -> str:
    if not answer.citations:
        return "No sources: nothing was cited."
    return "\n".join(source_block(c) for c in answer.citations)


def answer_text(answer: Answer) -> str:
    return answer.text + "\n" + answer_extras(answer)


def answer_extras(answer: Answer) -> str:
    """Everything printed after the answer text: flagged sentences, sources, the standing note."""
    parts = []
    if answer.flagged:
        parts.append("Unsupported sentences (no valid citation): " + " | ".join(answer.flagged))
    if answer.citations:
        parts += ["", "Sources:", sources_text(answer)]
    parts += ["", answer.note]
    return "\n".join(parts)
