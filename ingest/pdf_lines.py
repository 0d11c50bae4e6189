"""The lines of a PDF as the document has them, not as the printer laid them out.

A PDF printed from a browser or a word processor gives its text as one line per printed line, with no blank
line between paragraphs, a running header and footer on every page ("11/26/26, 12:34 PM <title>",
"file:///.../guideline.html 1/2", "Page 2 of 5"), and headings that are just shorter lines. Here the running
lines are dropped (the same line, numbers aside, at the top or bottom of several pages, or a browser's
date / address stamp), and a page with no blank line at all gets one after each line that ends short of the
page's width: the end of a paragraph, a list item or a heading, which the structure parser then reads as such.
In a document whose lines end in bare citation numbers (the seed article's style, printed: no full stops, no
bullet glyphs), a line that ends so before a capital ends its statement on any page.
"""

from __future__ import annotations

import re

from ingest.citations import trailing_numbers
from ingest.prose import GLUED_MARKER

EDGE = 3  # lines at the top and at the bottom of a page where running headers and footers sit
FULL = 0.7  # a line this share of the page's usual width or longer runs on into the next one
WIDTH_RANK = 0.9  # the page's usual width: this quantile of its line lengths
MIN_LINES = 4  # a page with fewer lines is left as it is
MIN_MARKED, MARKED_SHARE = 3, 0.1  # lines ending in citation numbers that make it the document's style
# what a browser prints around every page: a date and time stamp, an address with the page count
_STAMP = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(\s*[AP]M)?\b", re.I)
_ADDRESS = re.compile(r"^(?:https?://|ﬁle:///|file:///|www\.)\S*(\s+\d+\s*/\s*\d+)?$", re.I)
_SENTENCE_END = re.compile(rf"(?:[.!?]|{GLUED_MARKER})\s*$")  # "... amoxicillin.2", not "2.5"
_PAGE_OF = re.compile(r"^(page\s+)?\d+\s*(/|of)\s*(\d+)$", re.I)
# "... decide how intensive treatment should be 1, 2": a statement that ends in its citation numbers, no full stop
_MARKER_END = re.compile(r"\s\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\s*$")


def page_lines(pages: list[str]) -> list[list[str]]:
    """Each page's lines, running headers and footers dropped, paragraphs separated by blank lines."""
    split = [page.splitlines() for page in pages]
    running = _running(split)
    kept_pages = []
    for lines in split:
        text = [i for i, ln in enumerate(lines) if ln.strip()]
        edges = set(text[:EDGE] + text[-EDGE:])  # furniture sits at the page's edges, content in between
        kept_pages.append([ln for i, ln in enumerate(lines) if i not in edges or not _is_running(ln, running,
                                                                                                 len(pages))])
    marked = _marks_statements(kept_pages)
    return [_marker_ends(kept, marked) if any(not ln.strip() for ln in kept) else _paragraphs(kept, marked)
            for kept in kept_pages]


def _marks_statements(pages: list[list[str]]) -> bool:
    """Whether the document ends its statements in bare citation numbers (the seed article's style): at least
    MIN_MARKED of its lines, and MARKED_SHARE of them, end so. Only then does a line ending in a number end its
    statement ("... stop it in CKD stage 4" in another document is a stage, and runs on)."""
    lines = [ln for page in pages for ln in page if ln.strip()]
    marked = sum(1 for ln in lines if _ends_in_marker(ln))
    return marked >= MIN_MARKED and marked >= MARKED_SHARE * len(lines)


def _ends_in_marker(line: str) -> bool:
    return bool(_MARKER_END.search(line)) and bool(trailing_numbers(line))


def _marker_ends(lines: list[str], marked: bool) -> list[str]:
    """A page whose reading shows its paragraph gaps still runs the items of a list together: in a document
    that ends statements in citation numbers, a blank line after each line that ends so before a capital ("...
    for low back pain 1" / "Regular ...")."""
    if not marked:
        return lines
    out: list[str] = []
    for line, following in zip(lines, lines[1:] + [""]):
        out.append(line)
        if following.strip()[:1].isupper() and _ends_in_marker(line):
            out.append("")
    return out


def _shape(line: str) -> str:
    """A line with its numbers blanked: page 1's footer and page 2's are the same line."""
    return re.sub(r"\d+", "#", " ".join(line.split())).lower()


def _running(pages: list[list[str]]) -> set[str]:
    """The shapes of lines at a page edge on more than one page, and on at least half of them."""
    if len(pages) < 2:
        return set()
    seen: dict[str, int] = {}
    for lines in pages:
        text = [ln for ln in lines if ln.strip()]
        for shape in {_shape(ln) for ln in text[:EDGE] + text[-EDGE:]}:
            seen[shape] = seen.get(shape, 0) + 1
    return {shape for shape, n in seen.items() if n >= 2 and 2 * n >= len(pages)}


def _is_running(line: str, running: set[str], pages: int) -> bool:
    text = " ".join(line.split())
    page_of = _PAGE_OF.match(text)  # "Page 2 of 5", "2/5": the page count, not a reading such as "140/90"
    return bool(text) and (_shape(text) in running or bool(_STAMP.match(text)) or bool(_ADDRESS.match(text))
                           or (page_of is not None and (bool(page_of.group(1)) or int(page_of.group(3)) == pages)))


def _paragraphs(lines: list[str], marked: bool = False) -> list[str]:
    """A blank line after every line that ends short of the page's usual width (unless the next one goes on in
    lower case), and after a full one that ends a sentence before a capital."""
    text = [ln for ln in lines if ln.strip()]
    if len(text) < MIN_LINES:
        return lines
    lengths = sorted(len(ln.strip()) for ln in text)
    width = lengths[min(len(lengths) - 1, int(WIDTH_RANK * len(lengths)))]
    out: list[str] = []
    for line, following in zip(text, text[1:] + [""]):
        out.append(line)
        short = len(line.strip()) < FULL * width and not following.strip()[:1].islower()  # not "is" / "below"
        ends = _SENTENCE_END.search(line) or (marked and _ends_in_marker(line))
        if short or (ends and following.strip()[:1].isupper()):
            out.append("")  # a short line ends its paragraph; so may a full one that ends a sentence or a
            # statement written without a full stop, in its citation numbers, before a capital
    return out
