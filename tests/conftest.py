"""Shared fixtures: a clean environment per test, the real bundled model once, a real corpus index once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ingest.embedder import Embedder
from ingest.settings import BUNDLED_MODEL, IndexSettings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SEED_TXT = SHARED / "seed" / "000_a017f3db93094e1e.txt"
SEED_MD = CORPUS / "guideline-compression-fracture-pain.md"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for key in list(os.environ):
        if key.startswith("MEDCITE_") or key.endswith("_API_KEY"):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("MEDCITE_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    model = Embedder(BUNDLED_MODEL)
    assert model.dim == 384
    return model


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> IndexSettings:
    """An index of the shipped corpus, built once per session; tests must not write to it."""
    from ingest.pipeline import ingest

    base = tmp_path_factory.mktemp("corpus-index")
    settings = IndexSettings(index_dir=base / "index", corpus_dir=base / "corpus")
    shutil.copytree(CORPUS, settings.corpus_dir)
    report = ingest(settings, [settings.corpus_dir], embedder)
    assert not report.failed
    return settings


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.fixture(scope="session")
def engine(corpus_settings: IndexSettings, embedder: Embedder):
    from app.answer.engine import Engine
    from app.answer.settings import Settings

    return Engine(Settings(index=corpus_settings), embedder=embedder)


def engine_over(base: Path, embedder: Embedder, documents: dict[str, str]):
    """An engine over an index of these documents only (file name -> text), built in `base` through ingest."""
    from app.answer.engine import Engine
    from app.answer.settings import Settings
    from ingest.pipeline import ingest

    settings = IndexSettings(index_dir=base / "index", corpus_dir=base / "corpus")
    for name, text in documents.items():
        write(settings.corpus_dir / name, text)
    assert not ingest(settings, [settings.corpus_dir], embedder).failed
    return Engine(Settings(index=settings), embedder=embedder)


def collection_gone(monkeypatch: pytest.MonkeyPatch, failures: int = 10**6) -> None:
    """Make the Chroma store fail the way a `--rebuild` in another process makes it fail, `failures` times."""
    from chromadb.errors import NotFoundError

    from ingest.store.vectors import VectorStore

    original, left = VectorStore.query, [failures]

    def query(self, vector, n):
        left[0] -= 1
        if left[0] >= 0:
            raise NotFoundError("Collection 5f1c0a does not exist.")
        return original(self, vector, n)

    monkeypatch.setattr(VectorStore, "query", query)
