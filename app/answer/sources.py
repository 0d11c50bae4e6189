"""How a citation shows the references behind it, the same in every interface."""

from __future__ import annotations

from app.answer.types import Citation


def reference_line(ref: dict) -> str:
    """"[2] Calcitonin for treating ... , Osteoporosis international ..., 2012" (after its authors, when the
    entry gives them) or an unresolved number."""
    if ref.get("unresolved"):
        return f"[{ref['n']}] (not in the document's reference list)"
    year = f", {ref['year']}" if ref.get("year") else ""
    source = f", {ref['source']}" if ref.get("source") else ""
    authors = f"{ref['authors'].rstrip('.')}. " if ref.get("authors") else ""
    return f"[{ref['n']}] {authors}{ref.get('title', '')}{source}{year}"


def cited_references(c: Citation) -> list[dict]:
    """The references behind the quoted statements (all of the passage's when none is quoted)."""
    quoted = [s for s in c.passage.statements if s.text in c.quoted]
    numbers = {n for s in quoted for n in s.cites} if quoted else None
    return [r for r in c.passage.references if numbers is None or r["n"] in numbers]
