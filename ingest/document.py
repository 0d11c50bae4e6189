"""From a file on disk to a parsed Document: load, clean, structure, cite, chunk."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ingest.chunk import pack, reference_chunks
from ingest.clean import clean_lines
from ingest.load import load
from ingest.refs import parse_references, split_citation
from ingest.structure import parse
from ingest.types import Document, Statement

KINDS = ("guideline", "research", "patient-information")


def doc_id_for(path: Path, front_id: str | None = None) -> str:
    """A stable id: the front matter's `id`, else the file name as a slug."""
    raw = front_id or path.stem
    slug = re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-")
    return slug or hashlib.sha1(raw.encode()).hexdigest()[:12]


def build_document(path: Path, max_bytes: int, chunk_chars: int) -> Document:
    """Parse one file; raises BadDocument when it cannot be indexed."""
    loaded = load(path, max_bytes)
    lines, chrome_meta = clean_lines(loaded.lines)
    meta = {**chrome_meta, **loaded.meta}
    parsed = parse(lines)
    references = parse_references(parsed.reference_lines)
    doc_id = doc_id_for(path, meta.get("id"))
    first_heading = next((sec.path[0] for sec in parsed.sections if sec.path), None)
    title = meta.get("title") or parsed.title or first_heading or path.stem.replace("_", " ")
    sections = []
    for section in parsed.sections:
        statements = [_statement(text, page, cite=bool(references)) for text, page in section.items]
        statements = [s for s in statements if s.text and s.text != title]
        if statements:
            sections.append((section.path, statements))
    chunks = pack(doc_id, sections, chunk_chars)
    chunks += reference_chunks(doc_id, references, start=len(chunks))
    kind = meta.get("kind", "guideline").lower()
    return Document(
        doc_id=doc_id, path=str(path), content_hash=loaded.meta.get("sha256", ""), title=title,
        source=meta.get("source") or meta.get("url") or path.name, kind=kind if kind in KINDS else "guideline",
        date=meta.get("date", ""), references=tuple(references), chunks=tuple(chunks),
        extra={k: v for k, v in meta.items() if k in ("license", "disclaimer", "origin")},
    )


def _statement(text: str, page: int | None, cite: bool) -> Statement:
    if not cite:
        return Statement(text.strip(), (), page)
    body, numbers = split_citation(text)
    return Statement(body, numbers, page)
