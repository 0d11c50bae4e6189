"""`medcite eval pubmedqa|medquad`: dense, keyword and hybrid retrieval on a public benchmark.

Every query's dense and keyword rankings are computed once (100 candidates each); hybrid variants are then
fused with the engine's own rrf(), so the fusion grid is tuned on the tuning half at no extra search cost
and reported on the held-out half.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer

from app.cli.progress import ProgressBar
from app.answer.retrieve import Retriever, rrf
from app.answer.settings import Settings
from eval.retrieval_metrics import summarize
from ingest.embedder import Embedder
from ingest.store import open_index

CANDIDATES = 100
GRID = [(rrf_k, dw, kw, cand) for rrf_k in (5, 20, 60) for dw, kw in ((1, 1), (1, 2), (2, 1), (1, 3))
        for cand in (20, 100)]


def rankings(settings, embedder: Embedder, pairs: list[tuple[str, set[str]]]) -> list[dict]:
    """Per query: dense and keyword ranked chunk ids (doc ids for medquad passages are chunk-derived)."""
    index = open_index(settings, model=settings.embed_model)
    retriever = Retriever(index, embedder)  # the engine's own keyword side (query terms as it picks them)
    vectors = embedder.encode([q for q, _ in pairs])
    out = []
    for (question, relevant), vector in zip(pairs, vectors):
        dense = [cid for cid, _ in index.vectors.query(vector, CANDIDATES)]
        keyword = [cid for cid, _ in retriever.keyword(question, CANDIDATES)]
        out.append({"relevant": relevant, "dense": dense, "keyword": keyword})
    index.close()
    return out


def fuse(r: dict, rrf_k: int, dw: float, kw: float, cand: int) -> list[str]:
    scores = rrf([(r["dense"][:cand], dw), (r["keyword"][:cand], kw)], rrf_k)
    return sorted(scores, key=lambda c: -scores[c])[:10]


def evaluate(runs: list[dict], default: tuple, config: tuple | None) -> dict[str, dict[str, float]]:
    """Test-half metrics: each retriever alone, hybrid with the engine's settings, hybrid as tuned."""
    out = {"dense": summarize([(r["dense"][:10], r["relevant"]) for r in runs]),
           "keyword": summarize([(r["keyword"][:10], r["relevant"]) for r in runs]),
           f"hybrid (engine default: rrf_k={default[0]}, w={default[1]}/{default[2]}, cand={default[3]})":
               summarize([(fuse(r, *default), r["relevant"]) for r in runs])}
    if config:
        out[f"hybrid (tuned: rrf_k={config[0]}, w={config[1]}/{config[2]}, cand={config[3]})"] = summarize(
            [(fuse(r, *config), r["relevant"]) for r in runs])
    return out


def tune(runs: list[dict]) -> tuple[tuple, list[tuple[tuple, float]]]:
    tried = [(c, summarize([(fuse(r, *c), r["relevant"]) for r in runs])["ndcg@10"]) for c in GRID]
    return max(tried, key=lambda t: t[1])[0], tried


def table(results: dict[str, dict[str, float]]) -> str:
    cols = ["recall@1", "recall@5", "recall@10", "mrr", "ndcg@10"]
    rows = ["| mode | " + " | ".join(cols) + " |", "|" + " --- |" * (len(cols) + 1)]
    rows += [f"| {mode} | " + " | ".join(f"{m[c]:.3f}" for c in cols) + " |" for mode, m in results.items()]
    return "\n".join(rows)


def run_public(name: str, settings: Settings, json_path: Path | None = None, report_path: Path | None = None) -> int:
    started = time.perf_counter()
    model = settings.index.embed_model
    embedder = Embedder(model)
    if name == "pubmedqa":
        from eval import pubmedqa as bench

        index_settings = bench.settings_for(model)
        tune_pairs, test_pairs = bench.queries()
    else:
        from eval import medquad as bench

        index_settings = bench.settings_for(model)
        sample = bench.queries()
        tune_pairs, test_pairs = sample[:500], sample[500:]
    with ProgressBar(f"Indexing {name}") as tick:
        passages = bench.build_index(index_settings, embedder, progress=tick)
    built = time.perf_counter()
    tune_runs = rankings(index_settings, embedder, tune_pairs)
    test_runs = rankings(index_settings, embedder, test_pairs)
    best, tried = tune(tune_runs)
    default = (settings.rrf_k, settings.dense_weight, settings.keyword_weight, settings.candidates)
    results = evaluate(test_runs, default, best)
    seconds = time.perf_counter() - started
    text = (f"## {name}: {passages} passages; {len(test_pairs)} test queries (fusion tuned on {len(tune_pairs)} "
            f"other queries)\n\n{table(results)}\n\nTuning grid (nDCG@10 on the tuning half): best "
            f"rrf_k={best[0]}, weights dense/keyword={best[1]}/{best[2]}, candidates={best[3]}; "
            f"{len(tried)} variants tried.\nTime: {seconds:.1f} s in all ({built - started:.1f} s building or "
            f"opening the index, {seconds - (built - started):.1f} s searching and scoring).\n")
    typer.echo(text)
    if report_path:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(text)
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps({"benchmark": name, "passages": passages, "test_queries": len(test_pairs),
                                         "results": results, "best": best, "seconds": seconds,
                                         "grid": [[list(c), v] for c, v in tried]}, indent=2))
    return 0

