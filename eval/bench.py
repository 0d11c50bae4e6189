"""`medcite bench ingest|query`: speed figures, printed (never asserted in tests)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import typer

from app.cli.progress import ProgressBar
from app.answer.settings import Settings
from ingest.embedder import Embedder
from ingest.pipeline import discover, ingest
from ingest.settings import IndexSettings


def bench_ingest(settings: Settings) -> None:
    """Full ingest chunks/s with each ingest encoder (torch, the int8 default) vs raw SentenceTransformer.encode,
    then an unchanged re-ingest."""
    from ingest.document import build_document
    from ingest.encoders import INT8, ingest_encoder

    corpus = settings.index.corpus_dir
    embedder = Embedder(settings.index.embed_model)
    embedder.model.encode(["warm-up: the first batches pay one-off costs"] * 64, batch_size=embedder.batch_size)
    int8 = ingest_encoder(replace(settings.index, encoder=INT8))
    int8.encode(["warm-up: the first batches pay one-off costs"] * 64)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, encoder in enumerate((embedder, int8)):
            index = IndexSettings(index_dir=Path(tmp) / str(n), corpus_dir=corpus, embed_model=settings.index.embed_model)
            started = time.perf_counter()
            report = ingest(index, [corpus], encoder)
            runs.append((encoder.encoder, report, time.perf_counter() - started))
        texts = [c.embed_text for p in discover([corpus])
                 for c in build_document(p, index.max_file_bytes, index.chunk_chars).chunks]
        started = time.perf_counter()
        embedder.model.encode(sorted(set(texts)), batch_size=embedder.batch_size, normalize_embeddings=True)
        raw = time.perf_counter() - started
        before = int8.texts_encoded
        started = time.perf_counter()
        again = ingest(index, [corpus], int8)
        unchanged = time.perf_counter() - started
    base = len(set(texts)) / raw
    torch_speed = runs[0][1].embedded / runs[0][2]
    for name, report, took in runs:
        speed = report.embedded / took
        typer.echo(f"full ingest ({name} encoder): {report.chunks} chunks ({report.embedded} embedded) in {took:.2f} s "
                   f"= {speed:.1f} chunks/s, {speed / torch_speed:.2f}x torch")
    typer.echo(f"raw SentenceTransformer.encode on the same {len(set(texts))} texts: {raw:.2f} s = {base:.1f} chunks/s")
    typer.echo(f"ratio ingest (torch)/raw: {torch_speed / base:.2f} (target >= 0.85)")
    typer.echo(f"re-ingest of the unchanged corpus: {unchanged * 1000:.0f} ms, {again.unchanged} unchanged, "
               f"{int8.texts_encoded - before} embeddings (target < 1 s, 0 embeddings)")
    typer.echo("encoder quality (PubMedQA nDCG@10) and raw speed of each: `medcite bench encoders`")


class _LangChainEmbeddings:
    """The same model behind LangChain's Embeddings interface, for the baseline."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.encode_query(text).tolist()


def _latency(fn, questions: list[str]) -> tuple[float, float]:
    times = []
    for q in questions:
        started = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def bench_query(settings: Settings, n: int = 200) -> None:
    """Warm latency of retrieve + extractive answer on the shipped and the 16k corpus, beside LangChain's
    plain Chroma.similarity_search with the same model and k; then cold `medcite ask` against a bare model load."""
    from langchain_chroma import Chroma

    from app.answer.engine import Engine
    from eval import medquad

    embedder = Embedder(settings.index.embed_model)
    big = medquad.settings_for(settings.index.embed_model)
    with ProgressBar("Embedding the MedQuAD answers (once)") as tick:
        medquad.build_index(big, embedder, progress=tick)
    questions = [q for q, _ in medquad.queries(n, seed=7)]
    for name, index in (("shipped corpus", settings.index), ("MedQuAD 16k answers", big)):
        engine = Engine(settings.with_(index=index), embedder=embedder)
        for q in questions[:10]:
            engine.ask(q)  # warm
        p50, p95 = _latency(lambda q: engine.ask(q), questions)
        store = Chroma(client=engine.index.vectors.client, collection_name=engine.index.vectors.name,
                       embedding_function=_LangChainEmbeddings(embedder))
        b50, b95 = _latency(lambda q: store.similarity_search(q, k=settings.k), questions)
        typer.echo(f"{name}: medcite hybrid ask p50 {p50:.1f} ms, p95 {p95:.1f} ms; LangChain "
                   f"Chroma.similarity_search p50 {b50:.1f} ms, p95 {b95:.1f} ms; ratio p50 {p50 / b50:.2f} "
                   f"(target <= 2); {len(questions)} queries, k={settings.k}")
    cold_ask = _wall([sys.executable, "-c", "from app.cli import main; main()", "ask", "Is vertebroplasty recommended?"])
    bare = _wall([sys.executable, "-c", "import chromadb, onnxruntime, tokenizers"])
    typer.echo(f"cold `medcite ask`: {cold_ask:.2f} s (target <= 2.0); bare `import chromadb, onnxruntime, "
               f"tokenizers`: {bare:.2f} s; ratio {cold_ask / bare:.2f} (target <= 1.5)")


def _wall(cmd: list[str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)

