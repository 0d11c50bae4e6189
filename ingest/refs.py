"""The evidence chain in one import: citation markers (ingest.citations) and reference lists (ingest.references)."""

from __future__ import annotations

from ingest.citations import NO_CITATIONS, CitationStyle, default_style, detect_style
from ingest.references import is_reference_heading, parse_entry, parse_references

__all__ = ["NO_CITATIONS", "CitationStyle", "default_style", "detect_style", "is_reference_heading",
           "parse_entry", "parse_references", "split_citation"]


def split_citation(text: str, style: CitationStyle | None = None) -> tuple[str, tuple[int, ...]]:
    """Split "Side effects include mild dizziness 1" into ("Side effects include mild dizziness", (1,)).

    Without a `style` (a line read without its document) every marker shape counts, bare numbers up to 99;
    a document's own style comes from detect_style over all its statements.
    """
    return (style or default_style()).split(text)
