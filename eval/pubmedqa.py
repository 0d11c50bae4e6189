"""PubMedQA PQA-L as a retrieval benchmark: corpus = every CONTEXTS passage (PMID#i), query = QUESTION,
relevant = the passages of the question's own PMID; test = the official 500-PMID split, tune = the rest."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from eval.medquad import BENCH_DIR
from eval.bulk import bulk_index
from ingest.embedder import Embedder
from ingest.settings import PROJECT_ROOT, IndexSettings
from ingest.store.records import text_hash
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
    """Index every passage once; a complete index is left as it is. Returns the number of passages."""
    return bulk_index(settings, embedder, documents(load()[0]), progress)


def queries() -> tuple[list[tuple[str, set[str]]], list[tuple[str, set[str]]]]:
    """(tune, test): question and the ids of its own passages."""
    data, test_ids = load()
    tune, test = [], []
    for pmid, item in data.items():
        pair = (item["QUESTION"], {f"{pmid}#{i}" for i in range(len(item["CONTEXTS"]))})
        (test if pmid in test_ids else tune).append(pair)
    return tune, test
