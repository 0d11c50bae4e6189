"""`medcite bench encoders`: the ingest encoders side by side on PubMedQA's 3,358 passages, in one process.

For each encoder (sentence-transformers on torch, the fp32 ONNX export, its int8 quantization): texts/s over
every passage (after a warm-up), and PubMedQA nDCG@10 on the official 500-question test split by exact cosine
ranking, with the questions encoded as the product encodes them (the fp32 export). The default ingest encoder
(ingest/encoders.py) was chosen from these figures: faster, and nDCG@10 within 0.005 of torch.
"""

from __future__ import annotations

import time

import numpy as np
import typer

from app.answer.settings import Settings
from eval import pubmedqa
from eval.retrieval_metrics import ndcg_at
from ingest.embedder import Embedder
from ingest.onnx_encoder import OnnxEncoder, ensure_export

TOLERANCE = 0.005  # the bound on nDCG@10 against torch


def bench_encoders(settings: Settings) -> None:
    data, test_ids = pubmedqa.load()
    ids, texts = [], []
    for pmid, item in data.items():
        for i, text in enumerate(item["CONTEXTS"]):
            ids.append(f"{pmid}#{i}")
            texts.append(text.strip())
    test = [(item["QUESTION"], {f"{pmid}#{i}" for i in range(len(item["CONTEXTS"]))})
            for pmid, item in data.items() if pmid in test_ids]
    model = settings.index.embed_model
    torch = Embedder(model)
    folder = ensure_export(torch, int8=True)
    if folder is None:
        raise typer.BadParameter(f"no ONNX export of {model} could be made; only torch can embed")
    encoders = [("torch (sentence-transformers)", torch), ("onnx fp32", OnnxEncoder(folder, model)),
                ("onnx int8", OnnxEncoder(folder, model, precision="int8"))]
    questions = encoders[1][1].encode([q for q, _ in test])
    typer.echo(f"PubMedQA: {len(texts)} passages, {len(test)} test questions; questions encoded by the fp32 export")
    base_speed = base_ndcg = None
    reference = None
    for name, encoder in encoders:
        encoder.encode(texts[:64])  # warm-up: the first batches pay one-off costs
        started = time.perf_counter()
        vectors = encoder.encode(texts)
        speed = len(texts) / (time.perf_counter() - started)
        scores = questions @ vectors.T
        ndcg = float(np.mean([ndcg_at([ids[j] for j in np.argsort(-row)[:10]], relevant, 10)
                              for row, (_, relevant) in zip(scores, test)]))
        if reference is None:
            reference, base_speed, base_ndcg = vectors, speed, ndcg
        agree = float(np.min((vectors * reference).sum(axis=1)))
        typer.echo(f"{name}: {speed:.1f} texts/s ({speed / base_speed:.2f}x torch), nDCG@10 {ndcg:.4f} "
                   f"({ndcg - base_ndcg:+.4f}; within {TOLERANCE}: {abs(ndcg - base_ndcg) <= TOLERANCE}), "
                   f"lowest cosine to torch {agree:.4f}")
