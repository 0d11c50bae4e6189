"""The MedQuAD library-scale corpus: its 16,407 answers as one passage each, and 1,000 of its questions.

Shared by `medcite bench query` (latency at scale) and `medcite eval medquad` (retrieval quality at scale):
both use one index under .medcite-bench/medquad, so the answers are embedded once (the index's embedding
cache keeps them for --rebuild and for every later run).
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from eval.bulk import bulk_index
from ingest.embedder import Embedder
from ingest.settings import PROJECT_ROOT, IndexSettings
from ingest.store.records import text_hash
from ingest.types import Chunk, Document, Statement

DATA = PROJECT_ROOT.parent / "shared" / "data" / "medquad" / "medquad_answered.jsonl"
BENCH_DIR = PROJECT_ROOT / ".medcite-bench"


def rows(path: Path = DATA) -> list[dict]:
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: the benchmarks read ../shared/data beside the project.")
    return [json.loads(line) for line in path.open()]


def normalize(question: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", question.lower()))


def settings_for(model: str, base: Path = BENCH_DIR) -> IndexSettings:
    return IndexSettings(index_dir=base / "medquad", embed_model=model, collection="medquad")


def documents(data: list[dict]) -> list[Document]:
    """One document per answer; the question is not indexed (it is the query)."""
    out = []
    for i, row in enumerate(data):
        doc_id = f"medquad-{i:05d}"
        chunk = Chunk(f"{doc_id}:0000", doc_id, 0, (), (Statement(row["answer"].strip()),))
        out.append(Document(doc_id=doc_id, path=row["file"], content_hash=text_hash(row["answer"]), title=row["focus"],
                            source=row["url"], kind="patient-information", date="", references=(), chunks=(chunk,)))
    return out


def build_index(settings: IndexSettings, embedder: Embedder, progress: Callable[[int, int], None] | None = None,
                batch: int = 512) -> int:
    """Index every answer once; a complete index is left as it is. Returns the number of passages."""
    return bulk_index(settings, embedder, documents(rows()), progress, batch)


def queries(n: int = 1000, seed: int = 20261124) -> list[tuple[str, set[str]]]:
    """n questions sampled with a fixed seed; relevant = every answer to the same (normalized) question."""
    data = rows()
    by_question: dict[str, set[str]] = defaultdict(set)
    for i, row in enumerate(data):
        by_question[normalize(row["question"])].add(f"medquad-{i:05d}:0000")  # its chunk id
    picked = random.Random(seed).sample(range(len(data)), n)
    return [(data[i]["question"], by_question[normalize(data[i]["question"])]) for i in picked]
