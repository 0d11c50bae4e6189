"""Turn cleaned lines into sections: a heading path and its statements (bullets and sentences).

Headings come from Markdown "#" lines, from numbered items that head indented bullets ("  1. Calcitonin"),
and, in plain text with no "#" at all, from short stand-alone lines. The References section is returned
apart, as raw lines, for ingest.refs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.types import Line

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_NUMBERED = re.compile(r"^(\s*)(\d{1,2})[.)]\s+(.+)$")
_BULLET = re.compile(r"^(\s*)[-*•·●▪◦–]\s+(.+)$")
_REFERENCE_HEADINGS = {"references", "bibliography", "works cited", "sources", "literature"}
_ABBREVIATIONS = ("e.g.", "i.e.", "Dr.", "Mr.", "Mrs.", "Ms.", "vs.", "etc.", "St.", "U.S.", "No.", "al.")
_SENTENCE_END = re.compile(r"(?<=[.!?])((?:\s+\d{1,3}(?:\s*,\s*\d{1,3})*)?)\s+(?=[A-Z(\"'“])")


@dataclass
class Section:
    path: tuple[str, ...]
    # (text, page) in reading order; citation markers are still on the text here
    items: list[tuple[str, int | None]] = field(default_factory=list)


@dataclass
class Parsed:
    title: str | None
    sections: list[Section]
    reference_lines: list[str]


def parse(lines: list[Line]) -> Parsed:
    """Parse lines into sections; the first line is taken as the title when it stands alone."""
    markdown = any(_MD_HEADING.match(ln.text) for ln in lines)
    lines = _strip_blank_edges(lines)
    title = None
    if lines and not markdown and len(lines[0].text.strip()) <= 150 and (len(lines) < 2 or not lines[1].text.strip()):
        title = lines[0].text.strip()
        lines = lines[1:]
    return _Parser(lines, markdown).run(title)


class _Parser:
    def __init__(self, lines: list[Line], markdown: bool) -> None:
        self.lines = lines
        self.markdown = markdown
        self.stack: list[tuple[int, str, bool]] = []  # (level, heading text, is numbered item)
        self.in_bullet = False
        self.sections: list[Section] = []
        self.references: list[str] = []
        self.ref_level: int | None = None
        self.paragraph: list[Line] = []
        self.last_was_heading = False
        self.plain_run_level = 1  # level of the first heading of the last run of plain headings

    def run(self, title: str | None) -> Parsed:
        for i, line in enumerate(self.lines):
            self._line(i, line)
        self._flush_paragraph()
        return Parsed(title, [s for s in self.sections if s.items], self.references)

    def _line(self, i: int, line: Line) -> None:
        raw = line.text.rstrip()
        text = raw.strip()
        md = _MD_HEADING.match(text)
        if self.ref_level is not None:
            if md and len(md.group(1)) <= self.ref_level:
                self.ref_level = None
            else:
                self.references.append(text)
                return
        if not text:
            self._flush_paragraph()
            self.in_bullet = False
            return
        if md:
            self._heading(len(md.group(1)), md.group(2))
        elif (numbered := _NUMBERED.match(raw)) and self._heads_bullets(i, numbered):
            self._flush_paragraph()
            self._heading(self._item_level(), numbered.group(3).strip().rstrip(":"), item=True)
        elif bullet := (_BULLET.match(raw) or _NUMBERED.match(raw)):
            self._flush_paragraph()
            self._add(bullet.groups()[-1].strip(), line.page)
            self.in_bullet = True
        elif self.in_bullet and raw.startswith((" ", "\t")):
            last_text, page = self.sections[-1].items[-1]
            self.sections[-1].items[-1] = (f"{last_text} {text}", page)
        elif not self.markdown and self._plain_heading(i, text):
            level = self.stack[-1][0] + 1 if self.last_was_heading and self.stack else self.plain_run_level
            if not self.last_was_heading:
                self.plain_run_level = level
            self._heading(level, text)
        else:
            self.paragraph.append(line)
            self.last_was_heading = False
            self.in_bullet = False

    def _heading(self, level: int, text: str, item: bool = False) -> None:
        self._flush_paragraph()
        if text.strip().lower() in _REFERENCE_HEADINGS and not item:
            self.ref_level = level
            return
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, text.strip(), item))
        self.sections.append(Section(self._path()))
        self.in_bullet = False
        self.last_was_heading = True

    def _item_level(self) -> int:
        # a numbered item sits one level under the nearest heading that is not itself an item
        for level, _, is_item in reversed(self.stack):
            if not is_item:
                return level + 1
        return 1

    def _path(self) -> tuple[str, ...]:
        return tuple(t for _, t, _ in self.stack)

    def _heads_bullets(self, i: int, numbered: re.Match) -> bool:
        text = numbered.group(3).strip()
        if len(text) > 80 or re.search(r"\s\d{1,3}(\s*,\s*\d{1,3})*$", text) or text.endswith("."):
            return False
        following = self._next_nonblank(i)
        if following is None:
            return False
        indent = len(numbered.group(1))
        nxt = following.text
        return bool(_BULLET.match(nxt)) and len(nxt) - len(nxt.lstrip()) > indent

    def _plain_heading(self, i: int, text: str) -> bool:
        before_blank = i == 0 or not self.lines[i - 1].text.strip()
        after = self.lines[i + 1].text.strip() if i + 1 < len(self.lines) else ""
        return (before_blank and not after and len(text) <= 80 and text[0].isupper()
                and not re.search(r"[.!?;,]$|\s\d{1,3}(\s*,\s*\d{1,3})*$", text)
                and not self.lines[i].text.startswith((" ", "\t")))

    def _next_nonblank(self, i: int) -> Line | None:
        for line in self.lines[i + 1:]:
            if line.text.strip():
                return line
        return None

    def _add(self, text: str, page: int | None) -> None:
        if not self.sections or self.sections[-1].path != self._path():
            self.sections.append(Section(self._path()))
        self.sections[-1].items.append((text, page))
        self.last_was_heading = False

    def _flush_paragraph(self) -> None:
        if not self.paragraph:
            return
        page = self.paragraph[0].page
        text = re.sub(r"\s+", " ", " ".join(ln.text.strip() for ln in self.paragraph))
        self.paragraph = []
        for sentence in split_sentences(text):
            self._add(sentence, page)


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping a citation marker that follows the full stop ("fracture. 1")."""
    out: list[str] = []
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[pos:match.start()] + match.group(1)
        if candidate.rstrip().endswith(_ABBREVIATIONS) and not match.group(1).strip():
            continue
        out.append(candidate.strip())
        pos = match.end()
    tail = text[pos:].strip()
    if tail:
        out.append(tail)
    return out


def _strip_blank_edges(lines: list[Line]) -> list[Line]:
    while lines and not lines[0].text.strip():
        lines = lines[1:]
    return lines
