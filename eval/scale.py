"""`medcite bench scale`: indexes of 100k (and, on request, 1M) chunks through the real store - Chroma, the SQLite
catalog, manifest and FTS5 - in `.medcite-bench/scale-<n>/`; figures printed, never asserted in tests.

The text is real: sentences of the MedQuAD answers recombined, three to a chunk, fifty chunks to a document. The
vectors are simulated so that 1M chunks do not take hours of CPU: the real embedding of the answer a chunk's
first sentence comes from (the MedQuAD benchmark index's cache) plus Gaussian noise, renormalized.
"""

from __future__ import annotations

import random
import re
import resource
import shutil
import time

import numpy as np
import typer

from app.answer.settings import Settings
from ingest.embedder import Embedder
from ingest.lexicon import ensure_lexicon
from ingest.settings import PROJECT_ROOT, IndexSettings
from ingest.store import open_index
from ingest.store.index import vectors_for
from ingest.store.lock import WriteLock
from ingest.store.records import chunk_metadata, doc_row, statement_texts, text_hash
from ingest.store.vectors import release_embedded
from ingest.types import Chunk, Document, Statement

WORK = PROJECT_ROOT / ".medcite-bench"
PER_DOC, PER_CHUNK, NOISE, BATCH_DOCS = 50, 3, 0.35, 100


def bench_scale(settings: Settings, sizes: list[int]) -> None:
    from app.cli.progress import ProgressBar
    from eval import medquad

    embedder = Embedder(settings.index.embed_model)
    answers = medquad.documents(medquad.rows())
    with ProgressBar("Embedding the MedQuAD answers (once)") as tick:
        medquad.build_index(medquad.settings_for(settings.index.embed_model), embedder, progress=tick)
    base = _base_vectors(medquad.settings_for(settings.index.embed_model), answers, embedder)
    pool = [(i, s) for i, d in enumerate(answers) for s in _sentences(d.chunks[0].statements[0].text)]
    questions = [q for q, _ in medquad.queries(200, seed=11)]
    for size in sizes:
        target = IndexSettings(index_dir=WORK / f"scale-{size}", embed_model=settings.index.embed_model,
                               collection=f"scale{size}")
        took = _build(target, size, pool, base)
        _report(settings, target, size, took, questions, embedder)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 5]


def _base_vectors(source: IndexSettings, answers: list[Document], embedder: Embedder) -> np.ndarray:
    index = open_index(source)
    try:
        texts = [d.chunks[0].embed_text for d in answers]
        return vectors_for(index.catalog, source.embed_model, texts, embedder.encode)  # all cached
    finally:
        index.close()


def _build(target: IndexSettings, size: int, pool: list[tuple[int, str]], base: np.ndarray) -> float | None:
    """Write `size` chunks (none when the index already holds them); the build's seconds, None if reused."""
    if target.sqlite_path.exists() and target.chroma_dir.exists():
        index = open_index(target)
        try:
            if index.catalog.chunk_count() == size == index.vectors.count():
                return None
        finally:
            index.close()
        release_embedded(target.chroma_dir)  # the process's Chroma client must not outlive the files
        shutil.rmtree(target.index_dir)
    rng, noise = random.Random(size), np.random.default_rng(size)
    started = time.perf_counter()
    with WriteLock(target.index_dir, wait_s=0):
        index = open_index(target, for_write=True)
        try:
            index.check_model(target.embed_model, lambda: base.shape[1], rebuild=False)
            ensure_lexicon(index.catalog)
            for first in range(0, size // PER_DOC, BATCH_DOCS):
                docs, vectors = [], []
                for d in range(first, min(first + BATCH_DOCS, size // PER_DOC)):
                    doc, vecs = _document(d, pool, base, rng, noise)
                    docs.append(doc)
                    vectors.append(vecs)
                records = [(c.chunk_id, c.text, chunk_metadata(doc, c)) for doc in docs for c in doc.chunks]
                index.vectors.add([r[0] for r in records], np.vstack(vectors), [r[1] for r in records],
                                  [r[2] for r in records])
                index.catalog.replace_documents([(doc_row(doc), records[i * PER_DOC:(i + 1) * PER_DOC],
                                                  [c.embed_text for c in doc.chunks]) for i, doc in enumerate(docs)])
                typer.echo(f"\r{(first + len(docs)) * PER_DOC:,} / {size:,} chunks", nl=False)
            index.commit()
        finally:
            index.close()
    typer.echo("")
    return time.perf_counter() - started


def _document(d: int, pool, base: np.ndarray, rng: random.Random, noise) -> tuple[Document, np.ndarray]:
    doc_id = f"scale-{d:07d}"
    chunks, vectors = [], []
    for position in range(PER_DOC):
        picked = [pool[rng.randrange(len(pool))] for _ in range(PER_CHUNK)]
        text = " ".join(s for _, s in picked)
        chunks.append(Chunk(f"{doc_id}:{position:04d}", doc_id, position, (), (Statement(text),)))
        vector = base[picked[0][0]] + noise.normal(0, NOISE / np.sqrt(base.shape[1]), base.shape[1])
        vectors.append(vector / np.linalg.norm(vector))
    doc = Document(doc_id=doc_id, path=f"/scale/{doc_id}.md", content_hash=text_hash(chunks[0].text), title=doc_id,
                   source="", kind="patient-information", date="", references=(), chunks=tuple(chunks))
    return doc, np.asarray(vectors, dtype=np.float32)


def _report(settings: Settings, target: IndexSettings, size: int, took: float | None, questions: list[str],
            embedder: Embedder) -> None:
    from langchain_chroma import Chroma

    from app.answer.engine import Engine
    from eval.bench import _LangChainEmbeddings, _latency
    from ingest.onnx_encoder import query_encoder

    disk = sum(p.stat().st_size for p in target.index_dir.rglob("*") if p.is_file()) / 2**30
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    built = f"built in {took:.0f} s = {size / took:,.0f} chunks/s" if took else "reused (built before)"
    typer.echo(f"{size:,} chunks: {built}; disk {disk:.2f} GiB; peak RSS of this process {rss:.2f} GiB")
    encoder = query_encoder(target.embed_model)
    engine = Engine(settings.with_(index=target), embedder=encoder)
    for q in questions[:10]:
        engine.retrieve(q)  # warm (answers are not timed: the simulated chunks' statements have no vectors)
    h95 = 0.0
    for mode in ("hybrid", "dense", "keyword"):
        p50, p95 = _latency(lambda q, mode=mode: engine.retrieve(q, mode=mode), questions)
        typer.echo(f"  {mode} retrieve p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        if mode == "hybrid":
            h95 = p95
    # the baseline encodes with ONNX Runtime's default threads, its fastest for one question alone
    store = Chroma(client=engine.index.vectors.client, collection_name=engine.index.vectors.name,
                   embedding_function=_LangChainEmbeddings(query_encoder(target.embed_model, threads=None)))
    b50, b95 = _latency(lambda q: store.similarity_search(q, k=settings.k), questions)
    typer.echo(f"  LangChain Chroma.similarity_search p50 {b50:.1f} ms, p95 {b95:.1f} ms; hybrid / LangChain p95 "
               f"{h95 / b95:.2f} (targets: hybrid p95 <= 60 ms at 100k, <= 250 ms at 1M, <= 2x LangChain)")
    engine.index.close()
    _update_costs(target, embedder)


def _update_costs(target: IndexSettings, embedder: Embedder) -> None:
    """Add, change and delete one 50-chunk document through the real pipeline, its vectors cached first
    (the figures exclude embedding)."""
    from ingest.document import build_document
    from ingest.pipeline import ingest

    folder = target.index_dir.parent / f"{target.index_dir.name}-update"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    path = folder / "update.md"
    versions = [f"# Update {v}\n\n" + "\n".join(f"- Statement {i} of version {v} about bone density and fracture "
                                                  f"care number {i * 7 + v}." for i in range(PER_DOC)) for v in (1, 2)]
    for text in versions:  # embed both versions into the index's cache, outside the timings
        path.write_text(text)
        doc = build_document(path, target.max_file_bytes, target.chunk_chars)
        texts = [c.embed_text for c in doc.chunks] + list(statement_texts(doc))
        with WriteLock(target.index_dir, wait_s=60):
            index = open_index(target, for_write=True)
            try:
                vectors_for(index.catalog, target.embed_model, texts, embedder.encode)
            finally:
                index.close()
    timings = []
    for label, text in (("add", versions[0]), ("change", versions[1]), ("delete", None)):
        if text is None:
            path.unlink()
        else:
            path.write_text(text)
        started = time.perf_counter()
        report = ingest(target, [folder], embedder)
        timings.append(f"{label} {time.perf_counter() - started:.2f} s ({report.embedded} embedded)")
    typer.echo("  one 50-chunk document: " + ", ".join(timings) + " (target <= 3 s each at 1M)")


def parse_sizes(raw: str) -> list[int]:
    return [int(float(part)) for part in raw.split(",") if part.strip()]
