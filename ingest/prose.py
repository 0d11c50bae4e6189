"""Prose into statements: sentences (keeping a citation marker that follows the full stop) and inline lists."""

from __future__ import annotations

import re

_ABBREVIATIONS = ("e.g.", "i.e.", "Dr.", "Mr.", "Mrs.", "Ms.", "vs.", "etc.", "St.", "U.S.", "No.", "al.", "Fig.")
# the gap after a sentence: an optional marker that belongs to it ("fracture. 1", "pain. [2]"), then the next one
_MARKER_AFTER = r"(?:\s+\d{1,3}(?:\s*,\s*\d{1,3})*|\s*\[\^?[\d,\s–-]{1,20}\])*"
# ... or a superscript glued to a full stop after a word ("cure.3 Stop"), never a decimal ("1.5 L", "version 2.1")
GLUED_MARKER = r"(?<=[^\W\d_][.!?])\d{1,3}(?:,\d{1,3})*"
_SENTENCE_END = re.compile(rf"(?:(?<=[.!?])({_MARKER_AFTER})|({GLUED_MARKER}))\s+(?=[A-Z(\"'“])")
# an item of a list flattened into one line of prose: "... include       - Dairy    - Leafy greens"; a hyphen
# inside a word or a range ("non-steroidal", "2-12 weeks") or a single-spaced dash never starts one
INLINE_ITEM = re.compile(r"(?:\s{2,}[-*–]|\s+[•●▪◦])\s+(?=\S)")


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping a citation marker that follows the full stop ("fracture. 1")."""
    out: list[str] = []
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        marker = match.group(1) or match.group(2) or ""
        candidate = text[pos:match.start()] + marker
        if candidate.rstrip().endswith(_ABBREVIATIONS) and not marker.strip():
            continue
        out.append(candidate.strip())
        pos = match.end()
    tail = text[pos:].strip()
    if tail:
        out.append(tail)
    return out


def split_inline_list(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """ "Lead-in   - A    - B      More prose" -> ("Lead-in", [("A", ""), ("B", "More prose")]); None if no list.

    It takes two items at least to call a line a list; an item ends at the next run of two or more spaces,
    and whatever follows that run is prose again.
    """
    parts = INLINE_ITEM.split(text.strip())
    if len(parts) < 3:
        return None
    items = []
    for part in parts[1:]:
        head, _, rest = re.sub(r"\s{2,}", "\x00", part.strip(), count=1).partition("\x00")
        items.append((head.strip(), rest.strip()))
    return parts[0].strip(), items
