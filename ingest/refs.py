"""The evidence chain: trailing citation numbers of statements, and a document's reference list."""

from __future__ import annotations

import re

from ingest.types import Reference

# "... mild dizziness 1" / "... bed rest 3, 4" / "... after fracture. 1": a run of small numbers at the very
# end, after a word or a closing punctuation mark and a space.
_TRAILING = re.compile(r"(?<=[^\s\d,])\s+(\d{1,3}(?:\s*,\s*\d{1,3})*)\s*$")
# Words after which a final number is content, not a citation ("aged 65", "over 50", "dose of 200").
_CONTENT_BEFORE = {
    "age", "aged", "ages", "over", "under", "than", "of", "to", "and", "or", "by", "from", "about", "around",
    "least", "vs", "figure", "table", "chapter", "section", "page", "number", "no",
}
REFERENCE_KINDS = ("Guideline", "Research", "Review", "Study", "Meta-analysis", "Systematic Review",
                   "Book", "Website", "Article", "Trial")
_YEAR = re.compile(r",?\s*((?:19|20)\d{2})\s*\.?$")


def split_citation(text: str) -> tuple[str, tuple[int, ...]]:
    """Split "Side effects include mild dizziness 1" into ("Side effects include mild dizziness", (1,))."""
    stripped = text.rstrip()
    match = _TRAILING.search(stripped)
    if not match:
        return stripped, ()
    body = stripped[: match.start()].rstrip()
    last_word = re.search(r"([A-Za-z]+)$", body)
    if last_word and last_word.group(1).lower() in _CONTENT_BEFORE and "," not in match.group(1):
        return stripped, ()
    numbers = tuple(int(n) for n in re.split(r"\s*,\s*", match.group(1)))
    if any(n == 0 for n in numbers) or len(set(numbers)) != len(numbers):
        return stripped, ()
    return body, numbers


def parse_references(lines: list[str]) -> list[Reference]:
    """Parse the lines of a References section into numbered entries.

    The seed's shape: a kind line ("Guideline" / "Research"), a title, an author or journal line ending
    in a year. Other shapes fall back to one entry per line ("1. Title. Journal, 2012" or plain).
    """
    lines = [ln.strip() for ln in lines if ln.strip()]
    if any(ln in REFERENCE_KINDS for ln in lines):
        return _parse_kind_blocks(lines)
    return [_parse_single(i + 1, ln) for i, ln in enumerate(lines)]


def _parse_kind_blocks(lines: list[str]) -> list[Reference]:
    blocks: list[tuple[str, list[str]]] = []
    for line in lines:
        if line in REFERENCE_KINDS:
            blocks.append((line, []))
        elif blocks:
            blocks[-1][1].append(line)
    refs = []
    for n, (kind, body) in enumerate(blocks, start=1):
        title = body[0] if body else ""
        source = " ".join(body[1:])
        year_match = _YEAR.search(source)
        year = int(year_match.group(1)) if year_match else None
        if year_match:
            source = source[: year_match.start()].rstrip(" ,")
        refs.append(Reference(n=n, kind=kind, title=title.rstrip("."), source=source, year=year))
    return refs


def _parse_single(n: int, line: str) -> Reference:
    line = re.sub(r"^\[?\d{1,3}[\].)]\s*", "", line)
    year_match = re.search(r"\b((?:19|20)\d{2})\b", line)
    parts = [p.strip() for p in re.split(r"\.\s+", line, maxsplit=1)]
    title = parts[0].rstrip(".")
    source = parts[1].rstrip(".") if len(parts) > 1 else ""
    return Reference(n=n, kind="Reference", title=title, source=source,
                     year=int(year_match.group(1)) if year_match else None)
