"""Pack a section's statements into chunks that keep bullets whole and carry the heading path."""

from __future__ import annotations

import hashlib
import re

from ingest.types import Chunk, Reference, Statement


def pack(doc_id: str, sections: list[tuple[tuple[str, ...], list[Statement]]], limit: int,
         start: int = 0, title: str = "") -> list[Chunk]:
    """Chunks in reading order; a statement is never split unless it alone exceeds `limit` characters, and a
    statement that leans on the one before (`_bound`) starts no chunk while that one can go with it."""
    chunks: list[Chunk] = []
    for path, statements in sections:
        group: list[Statement] = []
        size = 0
        for statement in _fit(statements, limit):
            if group and size + len(statement.text) + 1 > limit:
                carry = [group.pop()] if len(group) > 1 and _bound(group[-1], statement) and \
                    len(group[-1].text) + len(statement.text) + 2 <= limit else []
                chunks.append(_make(doc_id, start + len(chunks), path, group, title=title))
                group, size = carry, sum(len(s.text) + 1 for s in carry)
            group.append(statement)
            size += len(statement.text) + 1
        if group:
            chunks.append(_make(doc_id, start + len(chunks), path, group, title=title))
    return chunks


# A statement opening so says what the one before announced or goes on about it ("If you have low bone mass,
# there are things you can do ..." + "These include ..."); one ending so announces what follows.
_LEANS = re.compile(r"^(?:these|they|those|this|it|its|such|both|either|neither)\b", re.IGNORECASE)
_ANNOUNCES = re.compile(r"(?::|\b(?:include|includes|including|such as|the following))\s*$", re.IGNORECASE)


def _bound(before: Statement, statement: Statement) -> bool:
    """Does `statement` belong with `before` in one chunk: it leans back on it, or `before` introduces it?"""
    return bool(_LEANS.match(statement.text.lstrip()) or _ANNOUNCES.search(before.text.rstrip()))


_LABEL = re.compile(r"^Reference \d+ \([^)]*\):\s*")  # what reference_chunks puts before an entry


def reference_chunks(doc_id: str, references: list[Reference], start: int, title: str = "") -> list[Chunk]:
    """One searchable chunk per reference entry, so "the 2012 calcitonin meta-analysis" finds it."""
    chunks = []
    for ref in references:
        year = f", {ref.year}" if ref.year else ""
        authors = f" ({ref.authors})" if ref.authors else ""
        text = f"Reference {ref.n} ({ref.kind}): {ref.title}. {ref.source}{year}{authors}".strip()
        chunks.append(_make(doc_id, start + len(chunks), ("References",), [Statement(text, (ref.n,))], "reference",
                            title))
    return chunks


def reference_entry(statement: str) -> str:
    """A reference chunk's statement without its "Reference 3 (Research): " label: the entry itself."""
    return _LABEL.sub("", statement)


def _fit(statements: list[Statement], limit: int) -> list[Statement]:
    out = []
    for statement in statements:
        if len(statement.text) <= limit:
            out.append(statement)
            continue
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(chunk_size=limit, chunk_overlap=0,
                                                  separators=["; ", ", ", " ", ""], keep_separator="end")
        out += [Statement(piece.strip(), statement.cites, statement.page)
                for piece in splitter.split_text(statement.text) if piece.strip()]
    return out


def _make(doc_id: str, position: int, path: tuple[str, ...], statements: list[Statement],
          kind: str = "text", title: str = "") -> Chunk:
    draft = Chunk("", doc_id, position, path, tuple(statements), kind, title)
    digest = hashlib.sha1(f"{draft.embed_text}\x00{draft.cites}\x00{draft.page}".encode()).hexdigest()[:10]
    return Chunk(f"{doc_id}:{position:04d}:{digest}", doc_id, position, path, tuple(statements), kind, title)
