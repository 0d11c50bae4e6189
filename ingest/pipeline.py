"""The ingest pipeline: files -> Documents -> embeddings (cached) -> Chroma + SQLite, one document at a time.

Crash safety: a document's manifest row, chunk rows and keyword rows commit in one SQLite transaction after
its vectors are in Chroma; a `dirty` flag marks a run in flight. The next run reconciles Chroma to the
manifest (and first rebuilds the collection from the cache, without embedding, if it will not open).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ingest.document import build_document
from ingest.embedder import Embedder
from ingest.encoders import cache_key, encoder_mismatch, kind_of, recorded
from ingest.errors import BadDocument
from ingest.lexicon import ensure_lexicon
from ingest.onnx_encoder import ensure_export
from ingest.settings import IndexSettings
from ingest.store import open_index
from ingest.store.index import Index, next_collection, vectors_for
from ingest.store.lock import WriteLock
from ingest.store.records import chunk_metadata, doc_row, statement_texts
from ingest.types import Document

SKIP_NAMES = {"SOURCES.md", "README.md", "LICENSE", "LICENSE.txt"}
Progress = Callable[[int, int], None]  # (embedded so far, to embed)


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    chunks: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    embedded: int = 0
    repaired: bool = False
    restored: int = 0
    seconds: float = 0.0

    def as_json(self) -> dict:
        return {"added": self.added, "updated": self.updated, "removed": self.removed,
                "unchanged": self.unchanged, "chunks": self.chunks,
                "failed": [{"path": p, "reason": r} for p, r in self.failed]}


def discover(paths: list[Path]) -> list[Path]:
    """Files to ingest: given files as they are, directories walked (hidden files and SOURCES.md skipped)."""
    out = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and p.name not in SKIP_NAMES
                          and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            out.append(path)
    return out


def ingest(settings: IndexSettings, paths: list[Path], embedder: Embedder, *, rebuild: bool = False,
           wait_s: float = 0.0, progress: Progress | None = None) -> IngestReport:
    """Bring the index in line with `paths`: add new, update changed, remove deleted documents."""
    started = time.perf_counter()
    report = IngestReport()
    with WriteLock(settings.index_dir, wait_s):
        index = open_index(settings, for_write=True)
        try:
            _run(index, settings, paths, embedder, rebuild, progress, report)
        finally:
            index.close()
    if isinstance(embedder, Embedder):
        ensure_export(embedder)  # once per model: the question path then encodes without torch
    report.seconds = time.perf_counter() - started
    return report


def _run(index: Index, settings: IndexSettings, paths: list[Path], embedder: Embedder, rebuild: bool,
         progress: Progress | None, report: IngestReport) -> None:
    model, kind = settings.embed_model, kind_of(embedder)
    key = cache_key(model, kind)  # vectors of another encoder are never taken from the cache
    index.check_model(model, lambda: embedder.dim, rebuild, record=False)
    previous = recorded(index.catalog.get("encoder"), index.catalog.get("embed_model"))
    if previous and previous != kind and not rebuild and index.catalog.chunk_count():
        raise encoder_mismatch(settings, previous, kind)
    # 1. parse and embed: reads the manifest, writes only the embedding cache (Chroma starts meanwhile)
    known = {} if rebuild else {d["doc_id"]: d for d in index.catalog.docs()}
    docs = _parse_all(discover(paths), settings, known, report)
    changed = [d for d in docs if d.doc_id not in known or known[d.doc_id]["content_hash"] != d.content_hash]
    before = embedder.texts_encoded
    texts = [c.embed_text for d in changed for c in d.chunks]
    vectors = vectors_for(index.catalog, key, texts, _with_progress(embedder, len(texts), progress))
    # statement vectors live in the embedding cache only: the answerer ranks statements by meaning
    sentences = [t for d in changed for t in statement_texts(d)]
    vectors_for(index.catalog, key, sentences, _with_progress(embedder, len(sentences), progress))
    # 2. write: an interrupted run from here on is repaired by the next one
    if rebuild:
        _rebuild(index, settings, docs, vectors, model, embedder.dim, kind)
        report.added, report.embedded = len(docs), embedder.texts_encoded - before
        report.chunks = index.catalog.chunk_count()
        return
    unclean = index.catalog.get("dirty") == "1"
    index.catalog.set(dirty=1)
    if index.model_changed(model):  # an index left by a killed rebuild of an older version
        index.catalog.clear_documents()
        index.vectors.reset()
    index.catalog.set(encoder=kind)  # first: a kill before the model is recorded never reads as torch
    index.check_model(model, lambda: embedder.dim, rebuild=True)
    report.repaired = index.repaired
    # after a clean run Chroma holds the manifest's chunks: the chunk-by-chunk check (a scan of both) only
    # after an unclean stop, a repair, or when the two counts differ (a server that lost its data)
    if unclean or index.repaired or index.vectors.count() != index.catalog.chunk_count():
        report.restored = index.reconcile(key, embedder.encode, rewrite_all=unclean)
    ensure_lexicon(index.catalog)  # drug names and spellings, copied into the index once per package version
    _write(index, changed, vectors, known)
    report.updated = sum(d.doc_id in known for d in changed)
    report.added = len(changed) - report.updated
    report.unchanged = len(docs) - len(changed)
    report.removed = _remove_gone(index, known, docs, paths)
    index.commit()
    index.drop_strays()  # what a killed rebuild left half-built
    report.embedded = embedder.texts_encoded - before
    report.chunks = index.catalog.chunk_count()


def _rebuild(index: Index, settings: IndexSettings, docs: list[Document], vectors, model: str, dim: int,
             encoder: str) -> None:
    """Start the index over without a moment where readers find it empty or gone: the new collection is built
    beside the served one, then switched to in one transaction (Index.switch); the old one is dropped after."""
    ensure_lexicon(index.catalog)
    target = index.vectors.beside(next_collection(settings, index.catalog.generation() + 1))
    records = [(c.chunk_id, c.text, chunk_metadata(d, c)) for d in docs for c in d.chunks]
    if records:
        target.add([r[0] for r in records], vectors, [r[1] for r in records], [r[2] for r in records])
    rows, offset = [], 0
    for d in docs:
        rows.append((doc_row(d), records[offset:offset + len(d.chunks)], [c.embed_text for c in d.chunks]))
        offset += len(d.chunks)
    index.switch(target, rows, model, dim, encoder)


def _remove_gone(index: Index, known: dict[str, dict], docs: list[Document], paths: list[Path]) -> int:
    """Drop documents whose file is gone, and the old id of a file whose front-matter id changed.
    A file that fails to parse now still exists, so its indexed version stays."""
    seen = {d.doc_id for d in docs}
    parsed_paths = {d.path for d in docs}
    removed = 0
    for doc_id, row in known.items():
        gone = _under(row["path"], paths) and not _exists(row["path"])
        renamed = row["path"] in parsed_paths
        if doc_id not in seen and (gone or renamed):
            index.catalog.remove_document(doc_id)
            index.vectors.delete(row["chunk_ids"])
            removed += 1
    return removed


def _parse_all(files: list[Path], settings: IndexSettings, known: dict[str, dict],
               report: IngestReport) -> list[Document]:
    docs: dict[str, Document] = {}
    for path in files:
        try:
            doc = build_document(path, settings.max_file_bytes, settings.chunk_chars, settings.max_doc_chunks)
            doc = replace(doc, path=str(path.resolve()))
            other = docs.get(doc.doc_id) or known.get(doc.doc_id)
            other_path = other.path if isinstance(other, Document) else (other or {}).get("path")
            if other_path and other_path != doc.path and (doc.doc_id in docs or _exists(other_path)):
                raise BadDocument(f"document id {doc.doc_id!r} is already used by {other_path}; rename the file")
            docs[doc.doc_id] = doc
        except BadDocument as exc:
            report.failed.append((str(path), str(exc)))
        except OSError as exc:
            report.failed.append((str(path), f"cannot read the file ({exc.strerror or exc})"))
        except Exception as exc:  # a parser library's own failure on one file must not stop the others
            report.failed.append((str(path), f"could not parse the file ({type(exc).__name__}); check that it "
                                              "opens in its usual program"))
    return list(docs.values())


def _write(index: Index, docs: list[Document], vectors, known: dict[str, dict]) -> None:
    """Vectors into Chroma first (batched), then manifest + chunk + keyword rows in one SQLite transaction,
    then the old chunks of changed documents out of Chroma. A kill between the steps leaves Chroma with extra
    chunks, which the next run's reconcile removes."""
    if not docs:
        return
    records = [(c.chunk_id, c.text, chunk_metadata(d, c)) for d in docs for c in d.chunks]
    index.vectors.add([r[0] for r in records], vectors, [r[1] for r in records], [r[2] for r in records])
    rows, offset = [], 0
    for d in docs:
        mine = records[offset:offset + len(d.chunks)]
        offset += len(d.chunks)
        rows.append((doc_row(d), mine, [c.embed_text for c in d.chunks]))
    index.catalog.replace_documents(rows)
    new_ids = {r[0] for r in records}
    stale = sorted({cid for d in docs if d.doc_id in known for cid in known[d.doc_id]["chunk_ids"]} - new_ids)
    if stale:
        index.vectors.delete(stale)


def _with_progress(embedder: Embedder, total: int, progress: Progress | None):
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        if progress:
            progress(done[0], total)

    return lambda texts: embedder.encode(texts, progress=tick)


def _exists(path: str) -> bool:
    return Path(path).exists()


def _under(path: str, roots: list[Path]) -> bool:
    target = Path(path).resolve()
    return any(target == r.resolve() or r.resolve() in target.parents for r in roots)
