"""The ingest encoder: int8 ONNX by default for a new index, an index keeps the encoder that embedded it, and the
embedding cache never hands one encoder's vectors to another."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from ingest.encoders import DEFAULT, INT8, TORCH, cache_key, choose, ingest_encoder, recorded_kind
from ingest.errors import ConfigError, ModelMismatch
from ingest.onnx_encoder import ensure_export
from ingest.pipeline import ingest
from ingest.settings import BUNDLED_MODEL, IndexSettings
from ingest.store import open_index
from tests.conftest import CORPUS, write


@pytest.fixture(scope="module")
def int8(embedder):
    assert ensure_export(embedder, int8=True) is not None
    encoder = ingest_encoder(IndexSettings(index_dir=Path("/nonexistent/index")))
    assert encoder.encoder == INT8
    return encoder


def test_int8_vectors_stay_close_to_torch(int8, embedder) -> None:
    texts = [block.strip() for path in sorted(CORPUS.glob("*.md")) for block in path.read_text().split("\n\n")
             if len(block.split()) > 3][:200]
    cosines = (int8.encode(texts) * embedder.encode(texts)).sum(axis=1)
    assert cosines.mean() >= 0.99 and cosines.min() >= 0.95, (cosines.mean(), cosines.min())


def cached_keys(settings: IndexSettings) -> set[str]:
    db = sqlite3.connect(settings.sqlite_path)
    try:
        return {row[0] for row in db.execute("SELECT DISTINCT model FROM embed_cache")}
    finally:
        db.close()


def test_an_index_keeps_its_encoder_and_the_cache_keeps_them_apart(tmp_path: Path, int8, embedder) -> None:
    settings = IndexSettings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus")
    write(settings.corpus_dir / "calcium.md", (CORPUS / "medlineplus-calcium.md").read_text())
    assert choose(settings) == DEFAULT == INT8  # a new index
    report = ingest(settings, [settings.corpus_dir], ingest_encoder(settings))
    assert recorded_kind(settings) == INT8 and choose(settings) == INT8
    assert cached_keys(settings) == {cache_key(BUNDLED_MODEL, INT8)} == {f"{BUNDLED_MODEL}#onnx-int8"}

    # torch into an int8 index: refused with what to do, and nothing indexed is lost
    write(settings.corpus_dir / "falls.md", (CORPUS / "medlineplus-falls.md").read_text())
    with pytest.raises(ModelMismatch, match="--rebuild"):
        ingest(settings, [settings.corpus_dir], embedder)
    index = open_index(settings)
    try:
        assert index.catalog.chunk_count() == report.chunks and index.vectors.count() == report.chunks
    finally:
        index.close()

    # a rebuild with torch re-embeds everything (no int8 vector is taken from the cache) and records torch
    before = embedder.texts_encoded
    rebuilt = ingest(settings, [settings.corpus_dir], embedder, rebuild=True)
    assert embedder.texts_encoded - before == rebuilt.embedded > report.embedded
    assert recorded_kind(settings) == TORCH and choose(settings) == TORCH
    assert cached_keys(settings) == {BUNDLED_MODEL, f"{BUNDLED_MODEL}#onnx-int8"}
    db = sqlite3.connect(settings.sqlite_path)
    try:
        pairs = db.execute("SELECT a.vector, b.vector FROM embed_cache a JOIN embed_cache b USING (text_hash) "
                           "WHERE a.model = ? AND b.model = ?", (BUNDLED_MODEL, f"{BUNDLED_MODEL}#onnx-int8")).fetchall()
    finally:
        db.close()
    assert pairs and any(not np.array_equal(np.frombuffer(a, np.float32), np.frombuffer(b, np.float32))
                         for a, b in pairs)


def test_the_setting_picks_the_encoder_and_a_wrong_one_is_one_line(tmp_path: Path) -> None:
    settings = IndexSettings(index_dir=tmp_path / "index")
    assert choose(replace(settings, encoder=TORCH)) == TORCH
    with pytest.raises(ConfigError, match="MEDCITE_INGEST_ENCODER must be one of"):
        choose(replace(settings, encoder="gpu"))
    assert IndexSettings.from_env({"MEDCITE_INGEST_ENCODER": "torch"}).encoder == TORCH


def test_answers_from_an_int8_index_take_its_statement_vectors_from_the_cache(tmp_path: Path, int8) -> None:
    from app.answer.engine import Engine
    from app.answer.settings import Settings
    from ingest.onnx_encoder import query_encoder

    settings = IndexSettings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus")
    write(settings.corpus_dir / "calcium.md", (CORPUS / "medlineplus-calcium.md").read_text())
    ingest(settings, [settings.corpus_dir], int8)
    questions = query_encoder(BUNDLED_MODEL)
    engine = Engine(Settings(index=settings), embedder=questions)
    before = questions.texts_encoded
    answer = engine.ask("How much calcium do adults need?")
    assert not answer.abstained
    assert questions.texts_encoded - before == 1  # the question only: every statement vector was cached


def test_an_int8_vector_does_not_depend_on_the_texts_embedded_with_it(int8) -> None:
    texts = [block.strip() for path in sorted(CORPUS.glob("*.md")) for block in path.read_text().split("\n\n")
             if len(block.split()) > 3][:60]
    together = int8.encode(texts)
    apart = int8.encode(texts[::3])
    assert np.allclose(together[::3], apart, atol=1e-5)


def test_int8_that_cannot_be_made_is_an_error_where_it_is_required(tmp_path: Path, capsys) -> None:
    settings = IndexSettings(index_dir=tmp_path / "index", embed_model=str(tmp_path / "not-a-model"))
    with pytest.raises(ConfigError, match="MEDCITE_INGEST_ENCODER=torch medcite ingest --rebuild"):
        ingest_encoder(replace(settings, encoder=INT8))  # asked for by name
    fallback = ingest_encoder(settings)  # a new index: torch embeds, saying so in one line
    assert fallback.encoder == TORCH
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
