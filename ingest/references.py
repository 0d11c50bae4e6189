"""A document's reference list, in whichever shape it comes, numbered in order from 1.

Shapes: kind/title/source-year blocks (a short label line such as "Guideline", a title line, a source line
ending in a year); numbered entries ("1. ...", "1) ...", "[1] ..."), possibly wrapped over several lines;
bulleted entries ("- ..."); one plain entry per line. The list ends at the first line that is not part of an
entry, so page chrome after it (share/print lines, copyright, disclaimers) never becomes a reference.
"""

from __future__ import annotations

import re

from ingest.types import Reference

HEADINGS = frozenset({
    "references", "reference", "reference list", "references cited", "cited references", "bibliography",
    "sources", "source", "literature", "literature cited", "cited literature", "works cited", "citations",
    "notes and references", "references and notes", "key references", "selected references",
})
TRAILING_LINES = 3  # lines of page furniture a headless reference list may have after it
MAX_TITLE_LINES = 3  # a kind block's title may wrap over this many lines
MAX_AUTHORS = 3  # authors an entry is shown with, before "et al."
MIN_HEADLESS = 2  # label / title / source-year blocks in a row that are a reference list without a heading
_YEAR = r"(?:19|20)\d{2}"
_MONTH_DATE = re.compile(r"\b[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s*" + _YEAR + r"\s*\.?$")
_ENDS_WITH_YEAR = re.compile(r"(?:^|[\s,(;:])(" + _YEAR + r")[a-z]?\)?\.?$")
_MARKER = re.compile(r"^(?:\[(\d{1,3})\]|(\d{1,3})[.)]|[-*•·●▪◦–])\s+(.+)$")
_CHROME = re.compile(r"^(?:©|\(c\)\s|copyright\b|all rights reserved)", re.IGNORECASE)
_APA = re.compile(r"^(?P<authors>.+?)\s*\((?P<year>" + _YEAR + r")[a-z]?(?:,[^)]*)?\)\.?\s*(?P<rest>.*)$")
_SEGMENT_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9\[(\"“'])")


def is_reference_heading(text: str) -> bool:
    """True for "References", "## Reference list", "BIBLIOGRAPHY:", "**Literature cited**" and the like."""
    key = re.sub(r"[#*_:\s]+", " ", text).strip().lower()
    return key in HEADINGS


def parse_references(lines: list[str]) -> list[Reference]:
    """Parse the lines of a reference section into numbered entries; stop where entries stop."""
    lines = [ln.strip() for ln in lines if ln.strip()]
    skips = range(min(3, len(lines)))  # an intro line ("Sources used:") may precede the entries
    for skip in skips:  # blocks first: their title / source-year lines also read as plain entries
        if refs := _kind_blocks(lines[skip:]):
            return refs
    for skip in skips:
        if refs := [parse_entry(n, t) for n, t in enumerate(_entries(lines[skip:]), 1)]:
            return refs
    return []


def parse_entry(n: int, text: str) -> Reference:
    """One entry's text -> Reference with the title (not the authors), the source (journal) and the year."""
    text = re.sub(r"\s+", " ", text).strip()
    apa = _APA.match(text)
    if apa and apa.group("rest"):
        segments = _segments(apa.group("rest"))
        title, source = segments[0], " ".join(segments[1:2])
        return Reference(n, "Reference", _clean_title(title), _clean_source(source), int(apa.group("year")),
                         short_authors(apa.group("authors"), apa=True))
    segments = _segments(text)
    authors = ""
    if len(segments) >= 3 and _looks_like_authors(segments[0]):
        authors, segments = short_authors(segments[0]), segments[1:]
    title = segments[0] if segments else text
    source = next((s for s in segments[1:] if not re.match(_YEAR, s)), "")
    year = _year_of(" ".join(segments[1:])) or _year_of(text)
    return Reference(n, "Reference", _clean_title(title), _clean_source(source), year, authors)


def short_authors(authors: str, apa: bool = False) -> str:
    """The entry's authors as it writes them, the first MAX_AUTHORS then "et al." ("Stott DJ, Rodondi N,
    Kearney PM, et al."): who wrote a trial is what a clinician asks after it. APA writes "Smith, J., Jones,
    K., & Brown, L.": a name there runs to the comma before the next surname."""
    split = r",\s*(?=[A-Z][a-z])|\s*&\s*|;" if apa else r",|;"
    names = [a.strip(" ,&") for a in re.split(split, authors.strip().rstrip(".")) if a.strip(" ,&")]
    names = [a for a in names if not a.lower().startswith("et al")]
    more = len(names) > MAX_AUTHORS or "et al" in authors.lower()
    return ", ".join(names[:MAX_AUTHORS]) + (", et al." if more else "")


def headless_start(lines: list[str]) -> int | None:
    """Where a reference list with no heading starts: at least MIN_HEADLESS label / title / source-year blocks
    that end the document (at most TRAILING_LINES lines of page furniture after them, none a sentence), with
    a title / source-year pair right before them whose label was left out. Index into `lines`; None when there is no such
    run. Blocks anywhere else (a document-control box, a "key trials" panel) are content. Numbered or plain
    entries are never taken without a heading: a numbered list of recommendations looks the same."""
    text = [(i, ln.strip()) for i, ln in enumerate(lines) if ln.strip()]
    best: tuple[int, int] | None = None  # (blocks, first line of the run)
    for tail in range(min(TRAILING_LINES, len(text)) + 1):
        if tail and re.search(r"[.!?]$", text[-tail][1]):
            break  # a sentence after the blocks: they are not the end of the document
        end, blocks = len(text) - tail, 0
        while end >= 3 and _is_label(text[end - 3][1]) and _is_source(text[end - 1][1]) and \
                not _is_source(text[end - 2][1]):
            end, blocks = end - 3, blocks + 1
        if blocks >= MIN_HEADLESS and (best is None or blocks > best[0]):
            best = (blocks, end)
    if best is None:
        return None
    k = best[1]
    if k >= 2 and _is_source(text[k - 1][1]) and not _is_source(text[k - 2][1]) and \
            not re.search(r"[.!?]$", text[k - 2][1]):
        k -= 2
    return text[k][0]


def _kind_blocks(lines: list[str]) -> list[Reference]:
    """Label / title / source-year blocks, as long as the pattern holds from the first line; a title may wrap
    over up to MAX_TITLE_LINES lines (a PDF's printed lines), none of them a source line or, after the first,
    a label."""
    refs: list[Reference] = []
    i = 0
    while i + 2 < len(lines) and _is_label(lines[i]) and not _is_source(lines[i + 1]):
        end = i + 2  # the line after the title
        while end < len(lines) and end - i <= MAX_TITLE_LINES and not _is_source(lines[end]) and \
                not _is_label(lines[end]):
            end += 1
        if end >= len(lines) or not _is_source(lines[end]):
            break
        source = lines[end]
        year_match = _ENDS_WITH_YEAR.search(source)
        year = int(year_match.group(1)) if year_match else None
        kind, title = lines[i], " ".join(lines[i + 1:end])
        refs.append(Reference(len(refs) + 1, kind, _clean_title(title), _clean_source(source), year))
        i = end + 1
    return refs


def _is_label(line: str) -> bool:
    """A short kind label: a few words, no digits, no punctuation at the end."""
    return (len(line) <= 40 and len(line.split()) <= 4 and line[:1].isupper()
            and not re.search(r"\d|[.,;:?!]$", line))


def _is_source(line: str) -> bool:
    """A source line ends in a year; a full date ("September 17, 2025") is page chrome, not a source."""
    return bool(_ENDS_WITH_YEAR.search(line)) and not _MONTH_DATE.search(line) and not _CHROME.match(line)


def _entries(lines: list[str]) -> list[str]:
    """Entry texts: marked entries with their wrapped lines, else one plain entry per reference-like line."""
    if lines and _MARKER.match(lines[0]):
        return _marked_entries(lines)
    entries = []
    for line in lines:
        if _CHROME.match(line) or not _looks_like_reference(line):
            break
        entries.append(line)
    return entries


def _marked_entries(lines: list[str]) -> list[str]:
    """ "1. ...", "[2] ...", "- ..." entries; a numbered entry must carry the next number, else it is wrapped text."""
    entries: list[str] = []
    last: int | None = None
    for line in lines:
        marker = _MARKER.match(line)
        number = int(marker.group(1) or marker.group(2) or 0) if marker else 0
        if _CHROME.match(line):
            break
        if marker and (last is None or number == 0 or number == last + 1):
            entries.append(marker.group(3))
            last = number
        elif entries and _continues(entries[-1], line):
            entries[-1] += " " + line
        else:
            break
    return entries


def _continues(entry: str, line: str) -> bool:
    """A wrapped line: the entry is unfinished, or the line starts the way only a continuation does."""
    unfinished = _year_of(entry) is None or not re.search(r"[.\d)]$", entry)
    return (unfinished or line[:1].islower() or re.match(r"\d+[-–:;(.]", line) is not None
            or line.lower().startswith(("doi", "http")))


def _looks_like_reference(line: str) -> bool:
    """An unmarked line that reads like a citation: a year, a DOI or URL, or several dot-separated parts."""
    if _year_of(line) or re.search(r"\bdoi\b|https?://", line, re.IGNORECASE):
        return True
    return len(line) >= 30 and len(_segments(line)) >= 3


def _segments(text: str) -> list[str]:
    return [s.strip() for s in _SEGMENT_END.split(text) if s.strip()]


def _looks_like_authors(segment: str) -> bool:
    """ "Smith J, Doe AB, et al." / "Smith JA." : comma parts that are short names carrying initials."""
    parts = [p.strip() for p in re.split(r",|;|\band\b|&", segment.rstrip(".")) if p.strip()]
    particle = r"(?:(?:van|von|de|der|den|del|da|di|du|la|le)\s+)*"  # "van Zanten SV"
    name = re.compile(rf"^{particle}[A-Z][\w'’-]+(?:\s+{particle}[A-Z][\w'’-]+){{0,2}}\s+(?:[A-Z]\.?){{1,3}}$"
                      r"|^(?:[A-Z]\.\s?){1,3}[A-Z][\w'’-]+$")
    return bool(parts) and all(name.match(p) or p.lower().startswith("et al") for p in parts)


def _year_of(text: str) -> int | None:
    match = re.search(r"\b(" + _YEAR + r")\b", text)
    return int(match.group(1)) if match else None


def _clean_title(title: str) -> str:
    return title.strip().rstrip(".").strip()


def _clean_source(source: str) -> str:
    """ "Lancet, 2010" / "BMJ 2015;350:h1" / "Osteoporosis international, 2012" -> the journal alone."""
    source = re.sub(r"[,;.\s]*\(?\b" + _YEAR + r"\b.*$", "", source.strip())
    source = re.sub(r"[,;\s]+\d[\d()\s,:;.–-]*$", "", source)  # volume, issue, pages
    return source.strip(" ,;.")
