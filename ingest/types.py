"""The small frozen records that cross module and package lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """One line of a loaded document; page is 1-based for PDFs, None elsewhere."""

    text: str
    page: int | None = None


@dataclass(frozen=True)
class LoadedDoc:
    """What a loader returns: lines in reading order plus metadata it found (title, date, ...)."""

    lines: list[Line]
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Reference:
    """One entry of a document's reference list, numbered in order from 1."""

    n: int
    kind: str
    title: str
    source: str
    year: int | None
    authors: str = ""  # as the entry writes them, the first MAX_AUTHORS then "et al."; "" when it gives none

    def as_dict(self) -> dict:
        out = {"n": self.n, "kind": self.kind, "title": self.title, "source": self.source, "year": self.year}
        return out | ({"authors": self.authors} if self.authors else {})


@dataclass(frozen=True)
class Statement:
    """A sentence or bullet with its trailing citation numbers removed and kept in `cites`."""

    text: str
    cites: tuple[int, ...] = ()
    page: int | None = None


def _covered(title: str, section_path: str) -> bool:
    """The heading path already says what the title says (most of its words): repeating it would only
    make every chunk of the document look alike."""
    title_words = set(re.findall(r"[^\W\d_]{3,}", title.lower()))
    path_words = set(re.findall(r"[^\W\d_]{3,}", section_path.lower()))
    return not title_words or len(title_words & path_words) >= 0.6 * len(title_words)


def compose_embed_text(title: str, section_path: str, text: str) -> str:
    """Title (unless the heading path starts with it), heading path and text, one per line: what is embedded."""
    head = [title] if title and not _covered(title, section_path) else []
    return "\n".join(head + ([section_path] if section_path else []) + [text])


@dataclass(frozen=True)
class Chunk:
    """One indexed passage. `embed_text` (title + heading path + text) is what is embedded and keyword-indexed."""

    chunk_id: str
    doc_id: str
    position: int
    section: tuple[str, ...]
    statements: tuple[Statement, ...]
    kind: str = "text"  # "text" or "reference"
    title: str = ""  # the document's title

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.statements)

    @property
    def section_path(self) -> str:
        return " › ".join(self.section)

    @property
    def embed_text(self) -> str:
        return compose_embed_text(self.title, self.section_path, self.text)

    @property
    def cites(self) -> tuple[int, ...]:
        return tuple(sorted({n for s in self.statements for n in s.cites}))

    @property
    def page(self) -> int | None:
        pages = [s.page for s in self.statements if s.page is not None]
        return min(pages) if pages else None


@dataclass(frozen=True)
class Document:
    """A parsed document: identity, metadata, references and chunks."""

    doc_id: str
    path: str
    content_hash: str
    title: str
    source: str
    kind: str
    date: str
    references: tuple[Reference, ...]
    chunks: tuple[Chunk, ...]
    extra: dict[str, str] = field(default_factory=dict)
