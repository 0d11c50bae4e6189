"""Citation markers: learn a document's marker style from all its statements, then strip markers with it.

Shapes: brackets anywhere ("[2]", "[1, 3]", "[2-4]", "[^5]"; HTML superscripts arrive as brackets),
parentheses after a claim ("reduces pain (2)."), and bare trailing numbers ("... mild dizziness 1",
"... in place 1.", "... after fracture. 1", "... recovery.1,2"). A bare number is only ever a citation when
the document as a whole writes its citations so, and only within the range the document cites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"\d{1,3}"
_SPAN = rf"{_NUM}(?:\s*[-–]\s*{_NUM})?"
_SPANS = rf"{_SPAN}(?:\s*,\s*{_SPAN})*"
BRACKET = re.compile(rf"\s*\[\^?({_SPANS})\](?:\(#[^)\s]*\))?")  # also "[^2]" and a link "[3](#ref3)"
PAREN = re.compile(rf"\s*\(({_SPANS})\)")
# a run of small numbers at the very end, after a word / closing mark and a space, or glued to a full stop
TRAILING = re.compile(rf"(?:(?<=[^\s\d,])\s+|(?<=[A-Za-z)\]]\.))({_NUM}(?:\s*,\s*{_NUM})*)(\s*\.)?\s*$")
# Words after which a number is a quantity, not a citation ("aged 65", "the dose is 600", "seen at 6").
_QUANTITY_WORDS = frozenset({
    "age", "aged", "ages", "over", "under", "above", "below", "than", "of", "to", "and", "or", "by",
    "from", "about", "around", "approximately", "nearly", "almost", "at", "in", "on", "for", "with",
    "every", "least", "most", "vs", "versus", "is", "are", "was", "were", "be", "been", "equals", "equal",
    "per", "each", "figure", "fig", "table", "chapter", "section", "page", "step", "number", "no", "n",
    "stage", "grade", "type", "class",  # "CKD stage 4", "type 2": a name's number (not "acute phase 3")
})
_MAX_RANGE = 30  # "[1-500]" is not a citation range


@dataclass(frozen=True)
class CitationStyle:
    """How one document writes citation markers: which shapes, and the highest number a bare marker may have."""

    brackets: bool = False
    parens: bool = False
    trailing: bool = False
    limit: int = 0  # bare and parenthesised numbers above this are content

    def split(self, text: str) -> tuple[str, tuple[int, ...]]:
        """Remove this style's markers from `text`; return the text and the cited numbers in order."""
        numbers: list[int] = []
        body = text.strip()
        if self.brackets:
            body = _remove(BRACKET, body, numbers, None)
        if self.parens:
            body = _remove(PAREN, body, numbers, self.limit, keep_leading=True)
        if self.trailing:
            body = _strip_trailing(body, numbers, self.limit)
        return _tidy(body) if numbers else body, tuple(dict.fromkeys(numbers))


NO_CITATIONS = CitationStyle()


def detect_style(texts: list[str], n_refs: int) -> CitationStyle:
    """Decide a document's citation style from all its statements and its reference list's length."""
    texts = [t.strip() for t in texts if t.strip()]
    brackets = any(_spans(m.group(1)) for t in texts for m in BRACKET.finditer(t))
    paren_limit = max(n_refs, _contiguous(_paren_numbers(texts)))
    closing = [t for t in texts if any(_closes(t, m) and _within(_spans(m.group(1)), paren_limit)
                                       for m in PAREN.finditer(t))]
    parens = not brackets and len(closing) >= 2
    trailing_sets = [nums for t in texts if (nums := trailing_numbers(t))]
    limit = max(n_refs, _contiguous([n for nums in trailing_sets for n in nums]))
    cited = [nums for nums in trailing_sets if _within(nums, limit)]
    share = len(cited) / max(len(texts), 1)
    trailing = len(cited) >= 2 and share >= (0.1 if n_refs else 0.2)
    return CitationStyle(brackets, parens, trailing, max(limit, paren_limit))


def default_style() -> CitationStyle:
    """The style used for one line read without its document: every shape, bare numbers up to 99."""
    return CitationStyle(True, True, True, 99)


def _spans(group: str) -> list[int]:
    """ "1, 3-5" -> [1, 3, 4, 5]; [] when a part is zero or a range is reversed or huge."""
    out: list[int] = []
    for part in re.split(r"\s*,\s*", group.strip()):
        lo, _, hi = re.sub(r"\s", "", part).replace("–", "-").partition("-")
        first, last = int(lo), int(hi or lo)
        if first == 0 or last < first or last - first > _MAX_RANGE:
            return []
        out += range(first, last + 1)
    return out


def _within(numbers: list[int], limit: int) -> bool:
    return bool(numbers) and all(1 <= n <= limit for n in numbers)


def _contiguous(numbers: list[int]) -> int:
    """The highest n such that the seen numbers run from 1 to n with gaps of at most two (1 must be seen)."""
    seen = sorted(set(numbers))
    top = 0
    for n in seen if seen[:1] == [1] else []:
        if n > top + 3:
            break
        top = n
    return top


def _closes(text: str, match: re.Match) -> bool:
    """A parenthesised number closes a claim: not at the start, followed by punctuation or the end."""
    return match.start() > 0 and re.match(r"\s*(?:[.,;:]|$)", text[match.end():]) is not None


def _paren_numbers(texts: list[str]) -> list[int]:
    return [n for t in texts for m in PAREN.finditer(t) if _closes(t, m) for n in _spans(m.group(1))]


def trailing_numbers(text: str) -> list[int]:
    """The bare numbers ending `text` when they can be a citation, else []."""
    match = TRAILING.search(text)
    if not match:
        return []
    before = re.search(r"([A-Za-z]+)\s*$", text[: match.start()])
    if before and before.group(1).lower() in _QUANTITY_WORDS:
        return []
    numbers = [int(n) for n in re.split(r"\s*,\s*", match.group(1))]
    if 0 in numbers or len(set(numbers)) != len(numbers):
        return []
    return numbers


def _strip_trailing(body: str, numbers: list[int], limit: int) -> str:
    found = trailing_numbers(body)
    if not _within(found, limit):
        return body
    match = TRAILING.search(body)
    assert match is not None  # _trailing_numbers found it
    numbers += found
    kept = body[: match.start()].rstrip()
    # "in place 1." keeps its full stop; "after fracture. 1" already has one
    return kept + "." if match.group(2) and not kept.endswith(".") else kept


def _remove(pattern: re.Pattern, body: str, numbers: list[int], limit: int | None,
            keep_leading: bool = False) -> str:
    def replace(match: re.Match) -> str:
        found = _spans(match.group(1))
        if not found or (limit is not None and not _within(found, limit)) or (keep_leading and match.start() == 0):
            return match.group(0)
        numbers.extend(found)
        return ""

    return pattern.sub(replace, body)


def _tidy(text: str) -> str:
    """Close the gaps a removed marker leaves: "pain ." -> "pain.", double spaces -> one."""
    text = re.sub(r"\s{2,}", " ", text)
    return re.sub(r"\s+([.,;:!?)])", r"\1", text).strip()
