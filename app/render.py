"""Plain-text rendering of answers and sources for the terminal (`medcite ask`, `medcite chat`)."""

from __future__ import annotations

import textwrap

from app.types import Answer, Citation


def reference_line(ref: dict) -> str:
    """"[2] Calcitonin for treating ... , Osteoporosis international ..., 2012" or an unresolved number."""
    if ref.get("unresolved"):
        return f"[{ref['n']}] (not in the document's reference list)"
    year = f", {ref['year']}" if ref.get("year") else ""
    source = f", {ref['source']}" if ref.get("source") else ""
    return f"[{ref['n']}] {ref.get('title', '')}{source}{year}"


def cited_references(c: Citation) -> list[dict]:
    """The references behind the quoted statements (all of the passage's when none is quoted)."""
    quoted = [s for s in c.passage.statements if s.text in c.quoted]
    numbers = {n for s in quoted for n in s.cites} if quoted else None
    return [r for r in c.passage.references if numbers is None or r["n"] in numbers]


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
