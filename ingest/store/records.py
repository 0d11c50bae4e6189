"""How a chunk is stored: Chroma's (id, document, metadata) triple, with lists kept as JSON strings."""

from __future__ import annotations

import hashlib
import json

from ingest.types import Chunk, Document, Reference, Statement


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
        "refs": json.dumps(refs), "embed_hash": text_hash(chunk.embed_text),
    }


def embed_text(document: str, meta: dict) -> str:
    """Rebuild the embedded text (heading path + text) from a stored record."""
    return f"{meta['section']}\n{document}" if meta.get("section") else document


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
