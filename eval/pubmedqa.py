"""PubMedQA PQA-L as a retrieval benchmark: corpus = every CONTEXTS passage (PMID#i), query = QUESTION,
relevant = the passages of the question's own PMID; test = the official 500-PMID split, tune = the rest."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from eval.medquad import BENCH_DIR
from ingest.embedder import Embedder
from ingest.settings import PROJECT_ROOT, IndexSettings
from ingest.store import open_index
from ingest.store.index import vectors_for
from ingest.store.lock import WriteLock
from ingest.store.records import chunk_metadata, text_hash
from ingest.types import Chunk, Document, Statement

DATA = PROJECT_ROOT.parent / "shared" / "data" / "pubmedqa"


def load(path: Path = DATA) -> tuple[dict, set[str]]:
    if not (path / "ori_pqal.json").exists():
        raise FileNotFoundError(f"{path}/ori_pqal.json is missing: the benchmarks read ../shared/data.")
    data = json.loads((path / "ori_pqal.json").read_text())
    test = set(json.loads((path / "test_ground_truth.json").read_text()))
    return data, test


def settings_for(model: str, base: Path = BENCH_DIR) -> IndexSettings:
    return IndexSettings(index_dir=base / "pubmedqa", embed_model=model, collection="pubmedqa")


def documents(data: dict) -> list[Document]:
    out = []
    for pmid, item in data.items():
        chunks = tuple(Chunk(f"{pmid}#{i}", pmid, i, (), (Statement(text.strip()),))
                       for i, text in enumerate(item["CONTEXTS"]))
        out.append(Document(doc_id=pmid, path=f"pubmedqa/{pmid}", content_hash=text_hash("".join(item["CONTEXTS"])),
                            title=f"PMID {pmid}", source=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/", kind="research",
                            date=str(item.get("YEAR", "")), references=(), chunks=chunks))
    return out


def build_index(settings: IndexSettings, embedder: Embedder,
                progress: Callable[[int, int], None] | None = None) -> int:
    data, _ = load()
    docs = documents(data)
    total = sum(len(d.chunks) for d in docs)
    with WriteLock(settings.index_dir, wait_s=3600):
        index = open_index(settings, for_write=True)
        try:
            index.check_model(settings.embed_model, lambda: embedder.dim, rebuild=False)
            if index.vectors.count() == total == len(index.catalog.chunk_ids()):
                return total
            done = 0
            for start in range(0, len(docs), 200):
                part = docs[start:start + 200]
                chunks = [(d, c) for d in part for c in d.chunks]
                vectors = vectors_for(index.catalog, settings.embed_model, [c.embed_text for _, c in chunks],
                                      embedder.encode)
                records = [(c.chunk_id, c.text, chunk_metadata(d, c)) for d, c in chunks]
                index.vectors.add([r[0] for r in records], vectors, [r[1] for r in records], [r[2] for r in records])
                rows = []
                for d in part:
                    mine = [r for r in records if r[2]["doc_id"] == d.doc_id]
                    rows.append((_row(d), mine, [c.embed_text for c in d.chunks]))
                index.catalog.replace_documents(rows)
                done += len(chunks)
                if progress:
                    progress(done, total)
            index.commit()
            return total
        finally:
            index.close()


def _row(doc: Document) -> dict:
    return {"doc_id": doc.doc_id, "path": doc.path, "content_hash": doc.content_hash, "title": doc.title,
            "source": doc.source, "kind": doc.kind, "date": doc.date, "refs": [], "extra": {}}


def queries() -> tuple[list[tuple[str, set[str]]], list[tuple[str, set[str]]]]:
    """(tune, test): question and the ids of its own passages."""
    data, test_ids = load()
    tune, test = [], []
    for pmid, item in data.items():
        pair = (item["QUESTION"], {f"{pmid}#{i}" for i in range(len(item["CONTEXTS"]))})
        (test if pmid in test_ids else tune).append(pair)
    return tune, test
