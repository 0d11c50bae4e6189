"""Bulk-load a benchmark corpus (documents built in memory) into its own index, once.

Shared by the PubMedQA and MedQuAD benchmarks: vectors come from the index's embedding cache when it has
them, batches are written Chroma first and then in one SQLite transaction, and a complete index is reused.
"""

from __future__ import annotations

from collections.abc import Callable

from ingest.embedder import Embedder
from ingest.lexicon import ensure_lexicon
from ingest.settings import IndexSettings
from ingest.store import open_index
from ingest.store.index import vectors_for
from ingest.store.lock import WriteLock
from ingest.store.records import chunk_metadata, doc_row
from ingest.types import Document


def bulk_index(settings: IndexSettings, embedder: Embedder, docs: list[Document],
               progress: Callable[[int, int], None] | None = None, batch: int = 512) -> int:
    """Index every chunk of `docs`; returns the number of chunks."""
    total = sum(len(d.chunks) for d in docs)
    with WriteLock(settings.index_dir, wait_s=3600):
        index = open_index(settings, for_write=True)
        try:
            index.check_model(settings.embed_model, lambda: embedder.dim, rebuild=False)
            ensure_lexicon(index.catalog)  # drug names and spellings, as an ingest loads them
            if index.vectors.count() == total == len(index.catalog.chunk_ids()):
                return total
            done, part = 0, []
            for doc in docs:
                part.append(doc)
                if sum(len(d.chunks) for d in part) >= batch or doc is docs[-1]:
                    done += _write(index, settings.embed_model, embedder, part)
                    part = []
                    if progress:
                        progress(done, total)
            index.commit()
            return total
        finally:
            index.close()


def _write(index, model: str, embedder: Embedder, docs: list[Document]) -> int:
    chunks = [(d, c) for d in docs for c in d.chunks]
    vectors = vectors_for(index.catalog, model, [c.embed_text for _, c in chunks], embedder.encode)
    records = [(c.chunk_id, c.text, chunk_metadata(d, c)) for d, c in chunks]
    index.vectors.add([r[0] for r in records], vectors, [r[1] for r in records], [r[2] for r in records])
    rows, offset = [], 0
    for d in docs:
        rows.append((doc_row(d), records[offset:offset + len(d.chunks)], [c.embed_text for c in d.chunks]))
        offset += len(d.chunks)
    index.catalog.replace_documents(rows)
    return len(chunks)
