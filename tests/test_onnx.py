"""The question path without torch: the ONNX export of the embedding model agrees with sentence-transformers,
`medcite ask` answers without importing torch or sentence-transformers, and a missing export falls back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from eval.dataset import load_set
from ingest.onnx_encoder import OnnxEncoder, ensure_export, export_dir, query_encoder
from ingest.settings import BUNDLED_MODEL
from tests.conftest import CORPUS, ROOT


@pytest.fixture(scope="module")
def onnx_encoder(embedder) -> OnnxEncoder:
    folder = ensure_export(embedder)
    assert folder is not None and folder == export_dir(BUNDLED_MODEL)
    return OnnxEncoder(folder, BUNDLED_MODEL)


def test_the_two_encoders_agree_on_corpus_and_question_texts(onnx_encoder, embedder) -> None:
    passages = [block.strip() for path in sorted(CORPUS.glob("*.md")) for block in path.read_text().split("\n\n")
                if len(block.split()) > 3]
    questions = [t.ask for c in load_set(ROOT / "eval" / "sets" / "core.jsonl") for t in c.turns]
    texts = (passages[:200] + questions)[:320]
    assert len(texts) >= 300
    reference = embedder.encode(texts)
    ours = onnx_encoder.encode(texts)
    cosines = (reference * ours).sum(axis=1)
    assert cosines.min() >= 0.999, f"worst {cosines.min():.5f}"
    assert np.allclose(onnx_encoder.encode_query(questions[0]), embedder.encode_query(questions[0]), atol=1e-3)


def test_ask_answers_without_torch(corpus_settings, onnx_encoder) -> None:
    script = ("import sys, json\n"
              "from app.cli import main\n"
              "sys.argv = ['medcite', 'ask', '--json', 'Is vertebroplasty recommended?']\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\n"
              "heavy = sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules)\n"
              "print(json.dumps(heavy), file=sys.stderr)\n")
    env = {"MEDCITE_INDEX_DIR": str(corpus_settings.index_dir), "MEDCITE_CORPUS_DIR": str(corpus_settings.corpus_dir),
           "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin", "HOME": str(Path.home())}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False, timeout=120)
    answer = json.loads(done.stdout)
    assert not answer["abstained"] and "not recommended" in answer["answer"]
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []  # none of them was imported


def test_without_an_export_questions_fall_back_with_one_line(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("MEDCITE_CACHE_DIR", str(tmp_path / "empty-cache"))
    encoder = query_encoder(BUNDLED_MODEL)
    assert type(encoder).__name__ == "Embedder"
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "no ONNX export" in lines[0] and "medcite ingest" in lines[0]


def test_the_export_is_keyed_by_the_model(tmp_path) -> None:
    other = tmp_path / "other-model"
    other.mkdir()
    (other / "config.json").write_text('{"hidden_size": 8}')
    (other / "tokenizer.json").write_text("{}")
    assert export_dir(str(other)) != export_dir(BUNDLED_MODEL) and export_dir(str(tmp_path / "missing")) is None


def test_the_question_path_opens_a_once_optimized_copy_that_encodes_alike(onnx_encoder, tmp_path) -> None:
    import shutil

    from ingest.onnx_encoder import optimized_file

    folder = tmp_path / "export"
    shutil.copytree(onnx_encoder.folder, folder, ignore=shutil.ignore_patterns("model-optimized*", "model-int8.onnx"))
    texts = ["Is vertebroplasty recommended?", "Calcitonin 100 IU daily for 4 weeks relieves acute pain."]
    assert not optimized_file(folder).exists()
    fresh = OnnxEncoder(folder, BUNDLED_MODEL)
    assert optimized_file(folder).is_file()  # made once, beside the export, and no temporary file left
    assert not list(folder.glob(".optimized-*"))
    again = OnnxEncoder(folder, BUNDLED_MODEL)
    # the same vectors as the export the other tests check against sentence-transformers
    assert np.abs(fresh.encode(texts) - onnx_encoder.encode(texts)).max() < 1e-5
    assert np.abs(again.encode(texts) - fresh.encode(texts)).max() < 1e-6
    # a damaged copy: the plain model answers alike, and the copy is made anew on the next start
    optimized_file(folder).write_bytes(b"not a model")
    damaged = OnnxEncoder(folder, BUNDLED_MODEL)
    assert np.abs(damaged.encode(texts) - fresh.encode(texts)).max() < 1e-5
    assert not optimized_file(folder).exists() or optimized_file(folder).stat().st_size > 1000


def test_a_question_is_encoded_on_one_thread_leaving_a_core_to_the_keyword_search(onnx_encoder) -> None:
    """The retrieval runs its keyword search beside the question's encoding: the encoder takes one thread (the
    default, one per core, is what the LangChain baseline of `medcite bench scale` gets)."""
    questions = query_encoder(BUNDLED_MODEL)
    assert isinstance(questions, OnnxEncoder)
    assert questions.session.get_session_options().intra_op_num_threads == 1
    default = query_encoder(BUNDLED_MODEL, threads=None)
    assert default.session.get_session_options().intra_op_num_threads == 0
    assert np.allclose(questions.encode_query("lumbar fracture pain"), default.encode_query("lumbar fracture pain"),
                       atol=1e-5)
