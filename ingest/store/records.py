"""How a chunk is stored: Chroma's (id, document, metadata) triple, with lists kept as JSON strings."""

from __future__ import annotations

import hashlib
import json

from ingest.types import Chunk, Document, Reference, Statement, compose_embed_text


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def chunk_metadata(doc: Document, chunk: Chunk) -> dict:
    """Scalar-only metadata (Chroma's rule); the cited references travel resolved with the chunk."""
    by_n = {r.n: r for r in doc.references}
    refs = [by_n[n].as_dict() if n in by_n else {"n": n, "unresolved": True} for n in chunk.cites]
    return {
        "doc_id": doc.doc_id, "title": doc.title, "source": doc.source, "kind": doc.kind, "date": doc.date,
        "section": chunk.section_path, "position": chunk.position, "page": chunk.page or -1,
        "chunk_kind": chunk.kind, "cites": json.dumps(list(chunk.cites)),
        "statements": json.dumps([[s.text, list(s.cites)] for s in chunk.statements]),
        "refs": json.dumps(refs), "embed_hash": text_hash(chunk.embed_text), "embed_title": chunk.title,
    }


def embed_text(document: str, meta: dict) -> str:
    """Rebuild the embedded text (title + heading path + text) from a stored record."""
    return compose_embed_text(meta.get("embed_title", ""), meta.get("section", ""), document)


def statement_embed_text(leaf: str, text: str) -> str:
    """What a statement is embedded as: a short item heading (which a bullet never repeats) and its words.
    A long or question heading is left out: it would make every statement under it look alike."""
    short = leaf and len(leaf.split()) <= 5 and "?" not in leaf
    return f"{leaf}: {text}" if short else text


def statement_texts(doc: Document) -> list[str]:
    """The embedded texts of every statement of a document's text chunks (answers are chosen among them)."""
    return [statement_embed_text(c.section[-1] if c.section else "", s.text)
            for c in doc.chunks if c.kind == "text" for s in c.statements]


def statements_of(meta: dict) -> list[Statement]:
    page = meta.get("page", -1)
    return [Statement(text, tuple(cites), None if page == -1 else page)
            for text, cites in json.loads(meta.get("statements", "[]"))]


def references_of(meta: dict) -> list[dict]:
    return json.loads(meta.get("refs", "[]"))


def reference_from_dict(d: dict) -> Reference:
    return Reference(d["n"], d.get("kind", ""), d.get("title", ""), d.get("source", ""), d.get("year"))


def doc_row(doc: Document) -> dict:
    """The manifest row of a document."""
    return {"doc_id": doc.doc_id, "path": doc.path, "content_hash": doc.content_hash, "title": doc.title,
            "source": doc.source, "kind": doc.kind, "date": doc.date, "refs": [r.as_dict() for r in doc.references],
            "extra": doc.extra}
