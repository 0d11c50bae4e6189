"""Turn cleaned lines into sections: a heading path and its statements (bullets and sentences).

Headings come from Markdown "#" lines, from numbered items that head indented bullets ("  1. Calcitonin"),
and, in plain text with no "#" at all, from short stand-alone lines. Plain headings nest by what the document
shows: a first heading that restates the title is the root, a heading right under another heading nests under
it, and a lone heading takes the level of the earlier heading it shares wording with ("Second-Line Treatment
Options" beside "First-Line Treatment Options"). The reference section is returned apart, as raw lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.citations import trailing_numbers
from ingest.prose import split_inline_list, split_sentences
from ingest.references import headless_start, is_reference_heading
from ingest.types import Line

__all__ = ["Parsed", "Section", "parse", "split_sentences"]

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_NUMBERED = re.compile(r"^(\s*)(\d{1,2})[.)]\s+(.+)$")
_BULLET = re.compile(r"^(\s*)[-*•·●▪◦–]\s+(.+)$")
_AMOUNT_START = re.compile(r"^\d+(?:\.\d+)?\s*(?:mg|g|mcg|µg|micrograms?|ml|units?|%|mmol|kg)\b", re.I)
RUN_IN_WORDS, RUN_IN_SHARE = 8, 0.5  # a heading with its paragraph right under it: this short, under half its length
_LEADS_IN = re.compile(r"\b(include|includes|including|are|is|as|following|of|to|with|for|and|or)$", re.I)
_ENDS_WITH_CITATION = re.compile(r"\s\d{1,3}(\s*,\s*\d{1,3})*$")


# what a guideline tells the reader to do opens a recommendation, never a heading ("Reduce apixaban to 2.5 mg if
# creatinine clearance is below 30", "Offer LMWH to people aged over 65")
_ACTS = re.compile(r"^(?:offer|give|reduce|consider|start|stop|use|do|avoid|increase|decrease|check|refer|treat|"
                   r"prescribe|continue|switch|add|take|apply|monitor|measure|repeat|admit|arrange|halve|double|"
                   r"withhold|hold|omit|restart|titrate|escalate|assess|review|ensure|recommend|administer|"
                   r"limit|maintain|keep|aim|target|transfuse|insert|discuss|advise|tell|ask)\b", re.I)


def _ends_with_citation(text: str) -> bool:
    """Ends in bare numbers that can be a citation: not the value a band heading ends in, after a comparison or a
    range ("INR 4.5 to 10", "INR Above 10", "Children aged 6 to 12"); an item that tells the reader what to do
    and ends so ("Reduce apixaban to 2.5 mg if creatinine clearance is below 30") is a recommendation, not a
    heading."""
    if _ENDS_WITH_CITATION.search(text) is None:
        return False
    return bool(trailing_numbers(text)) or _ACTS.search(text) is not None


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
    """Parse lines into sections; in plain text the first line is taken as the title when it stands alone."""
    markdown = any(_MD_HEADING.match(ln.text) for ln in lines)
    lines = _strip_blank_edges(lines)
    title = None
    first = lines[0].text.strip() if lines else ""
    if (first and not markdown and len(first) <= 150 and not first.endswith(".")
            and not is_reference_heading(first) and (len(lines) < 2 or not lines[1].text.strip())):
        title = first
        lines = lines[1:]
    start = None if any(is_reference_heading(ln.text) for ln in lines) else \
        headless_start([ln.text for ln in lines])
    if start is None:
        return _Parser(lines, markdown, title).run()
    parsed = _Parser(lines[:start], markdown, title).run()  # the list at the end, without its heading
    return Parsed(parsed.title, parsed.sections, [ln.text for ln in lines[start:]])


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z]{4,}", text.lower())}


class _PlainLevels:
    """Levels for the headings of a text without "#" marks, learned from the headings seen so far."""

    def __init__(self, title: str | None) -> None:
        self.title_words = _words(title or "")
        self.has_root = False
        self.seen: list[tuple[int, set[str]]] = []  # (level, content words) of each non-root heading

    def level(self, text: str, parent: int | None) -> int:
        """`parent` is the level of the heading just above when nothing came between them, else None."""
        words = _words(text)
        if not self.seen and not self.has_root and len(words) >= 2 and words <= self.title_words:
            self.has_root = True
            return 1
        words -= self.title_words  # the title's topic words recur in many headings and tell no levels apart
        if parent is not None:
            level = parent + 1
        else:
            similar = [(len(words & seen), i, lvl) for i, (lvl, seen) in enumerate(self.seen) if words & seen]
            # a lone heading sits beside the earlier heading it shares most words with, else at the top
            level = max(similar)[2] if similar else 2 if self.has_root else 1
        self.seen.append((level, words))
        return level


class _Parser:
    def __init__(self, lines: list[Line], markdown: bool, title: str | None) -> None:
        self.lines = lines
        self.markdown = markdown
        self.title = title
        self.stack: list[tuple[int, str, bool]] = []  # (level, heading text, is numbered item)
        self.in_bullet = False
        self.sections: list[Section] = []
        self.references: list[str] = []
        self.ref_level: int | None = None
        self.paragraph: list[Line] = []
        self.last_was_heading = False
        self.levels = _PlainLevels(title)
        self.numbered: dict[int, int] = {}  # a section number's depth ("1.1": 2) -> the level its headings take

    def run(self) -> Parsed:
        for i, line in enumerate(self.lines):
            self._line(i, line)
        self._flush_paragraph()
        return Parsed(self.title, [s for s in self.sections if s.items], self.references)

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
        elif md:
            self._heading(len(md.group(1)), md.group(2))
        elif is_reference_heading(text):
            self._flush_paragraph()
            self.ref_level = 6  # a plain "References" line: any Markdown heading ends the list
        else:
            self._body_line(i, line, raw, text)

    def _body_line(self, i: int, line: Line, raw: str, text: str) -> None:
        if (numbered := _NUMBERED.match(raw)) and self._heads_bullets(i, numbered):
            self._heading(self._item_level(), numbered.group(3).strip().rstrip(":"), item=True)
        elif bullet := (_BULLET.match(raw) or _NUMBERED.match(raw)):
            self._flush_paragraph()
            self._add(bullet.groups()[-1].strip(), line.page)
            self.in_bullet = True
        elif self.in_bullet and (raw.startswith((" ", "\t")) or self._goes_on(text)):
            last_text, page = self.sections[-1].items[-1]
            self.sections[-1].items[-1] = (f"{last_text} {text}", page)
        elif not self.markdown and (depth := _numbered_capitals(text)):
            # "1.2 SELF-CARE" sits where "1.1 MANAGING ACUTE SORE THROAT" did: a number's depth is its level
            if depth not in self.numbered:
                parent = self.stack[-1][0] if self.last_was_heading and self.stack else None
                self.numbered[depth] = self.levels.level(text, parent)
            self._heading(self.numbered[depth], text.rstrip(":"))
        elif not self.markdown and self._plain_heading(i, text):
            parent = self.stack[-1][0] if self.last_was_heading and self.stack else None
            self._heading(self.levels.level(text, parent), text.rstrip(":"))
        elif not self._inline_list(line):
            self.paragraph.append(line)
            self.last_was_heading = False
            self.in_bullet = False

    def _heading(self, level: int, text: str, item: bool = False) -> None:
        self._flush_paragraph()
        if not item and is_reference_heading(text):
            self.ref_level = level
            return
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, text.strip(), item))
        self.sections.append(Section(self._path()))
        self.in_bullet = False
        self.last_was_heading = True

    def _inline_list(self, line: Line) -> bool:
        """A list flattened into a line of prose: the lead-in and each item become statements of their own."""
        found = split_inline_list(line.text)
        if found is None:
            return False
        lead, items = found
        if lead:
            self.paragraph.append(Line(lead, line.page))
        for item, rest in items:
            self._flush_paragraph()
            for sentence in split_sentences(item):  # an item of flattened prose may hold several sentences
                self._add(sentence, line.page)
            if rest:
                self.paragraph.append(Line(rest, line.page))
        self.in_bullet = False
        return True

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
        if len(text) > 80 or _ends_with_citation(text) or text.endswith("."):
            return False
        following = self._next_nonblank(i)
        if following is None:
            return False
        indent = len(numbered.group(1))
        nxt = following.text
        return bool(_BULLET.match(nxt)) and len(nxt) - len(nxt.lstrip()) > indent

    def _plain_heading(self, i: int, text: str) -> bool:
        """A short stand-alone line with no closing punctuation (a question may be longer) heads a section; so
        does a much shorter one that opens a paragraph without a blank line ("Penicillin allergy" above "In
        non-severe penicillin allergy, ..."): the first line of a wrapped paragraph is as long as the next."""
        before_blank = i == 0 or not self.lines[i - 1].text.strip()
        after = self.lines[i + 1].text.strip() if i + 1 < len(self.lines) else ""
        question = text.endswith("?")
        shape = (before_blank and len(text) <= (150 if question else 80) and text[0].isupper()
                 and not re.search(r"[.!;,]$|[^\W\d_][.!?]\d{1,3}(,\d{1,3})*$", text)
                 and not _ENDS_WITH_CITATION.search(text)
                 and not self.lines[i].text.startswith((" ", "\t")))
        if not shape or not after:
            return shape
        if len(text.split()) > RUN_IN_WORDS or text.endswith(":") or _LEADS_IN.search(text):
            return False  # a lead-in ("Options include") introduces what follows, it does not head it
        if _BULLET.match(after) or _NUMBERED.match(after):
            return True
        return len(text) < RUN_IN_SHARE * len(after) and after[0].isupper()

    def _next_nonblank(self, i: int) -> Line | None:
        for line in self.lines[i + 1:]:
            if line.text.strip():
                return line
        return None

    def _goes_on(self, text: str) -> bool:
        """An unindented line that carries on the item above it, as a PDF or a plain-text editor wraps one: it
        starts in lower case or with a citation or punctuation, or with an amount after an item that has not
        ended its sentence ("... or clarithromycin 500" / "mg twice daily ..."; "... moxifloxacin" / "400 mg
        daily"). Not a numbered line ("1.1.2 Do not offer ..."), a count of days that starts a sentence, or
        Markdown emphasis ("**Severe croup**")."""
        first = text[:1]
        if first.islower() or first in "[(,;.":
            return True
        last = self.sections[-1].items[-1][0] if self.sections and self.sections[-1].items else ""
        return _AMOUNT_START.match(text) is not None and not re.search(r"[.!?:;]\s*$", last)

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


def _strip_blank_edges(lines: list[Line]) -> list[Line]:
    while lines and not lines[0].text.strip():
        lines = lines[1:]
    return lines


_SECTION_NUMBER = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+(.+)$")  # "1.2", not a recommendation's "1.2.2"
# a recommendation or a dose written in capitals is content: "DO NOT OFFER OPIOIDS ...", "... 500 MICROGRAMS IM"
_CAPITAL_CONTENT = re.compile(r"^(?:DO\s+NOT|DON'T|NEVER|OFFER|CONSIDER|GIVE|USE|AVOID|PRESCRIBE|TREAT|REFER|START|"
                              r"STOP|CHECK|MEASURE|ADVISE)\b|\d\s*(?:MG|MICROGRAMS?|MCG|ML|G|UNITS?|%|IU)\b")


def _numbered_capitals(text: str) -> int:
    """A section number and a title in capitals ("1.1 MANAGING ACUTE SORE THROAT" above "1.1.1 Be aware that ..."):
    a heading, as NICE-style documents number their sections; not a recommendation or a dose in capitals. Its
    number's depth (2 for "1.1"), else 0."""
    m = _SECTION_NUMBER.match(text)
    if m is None:
        return 0
    title = m.group(1).strip().rstrip(":")
    letters = [c for c in title if c.isalpha()]
    heading = len(letters) >= 4 and all(c.isupper() for c in letters) and len(title) <= 80 and \
        not re.search(r"[.!?;,]$", title) and _CAPITAL_CONTENT.search(title) is None
    return text.split()[0].rstrip(".").count(".") + 1 if heading else 0
