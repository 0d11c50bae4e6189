"""The small frozen records that cross module and package lines."""

from __future__ import annotations

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

    def as_dict(self) -> dict:
        return {"n": self.n, "kind": self.kind, "title": self.title, "source": self.source, "year": self.year}


@dataclass(frozen=True)
class Statement:
    """A sentence or bullet with its trailing citation numbers removed and kept in `cites`."""

    text: str
    cites: tuple[int, ...] = ()
    page: int | None = None


@dataclass(frozen=True)
class Chunk:
    """One indexed passage. `embed_text` (heading path + text) is what is embedded and keyword-indexed."""

    chunk_id: str
    doc_id: str
    position: int
    section: tuple[str, ...]
    statements: tuple[Statement, ...]
    kind: str = "text"  # "text" or "reference"

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.statements)

    @property
    def section_path(self) -> str:
        return " › ".join(self.section)

    @property
    def embed_text(self) -> str:
        return f"{self.section_path}\n{self.text}" if self.section else self.text

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
