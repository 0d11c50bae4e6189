"""The embedding model without torch: an ONNX export of the same model, run by ONNX Runtime with the model's own
tokenizer (mean pooling and normalization as sentence-transformers does them), for the question path.

The export is made once per model, offline, from the model's folder, at the first ingest (torch is loaded there
anyway) and kept in a cache keyed by the model: `<MEDCITE_CACHE_DIR>/encoders/<model>-<fingerprint>/`
(model.onnx, tokenizer.json, encoder.json). sentence-transformers stays the ingest encoder and the reference;
tests/test_onnx.py checks that the two agree (cosine >= 0.999). Where no export exists or it cannot be read, the
question path falls back to sentence-transformers, saying so in one line.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import threading
from pathlib import Path

import numpy as np

from ingest.settings import BUNDLED_MODEL

FORMAT = 1  # bump when the export's layout or pooling changes
_FILES = ("model.onnx", "tokenizer.json", "encoder.json")
# a question is one short text: one thread encodes it about as fast (5 against 3.5 ms) and leaves the other core
# to the keyword search the retrieval runs beside it (`medcite bench scale` at 1M, hybrid p95 14.1 and 14.6 ms
# with one thread, 16.4 to 18.6 ms with ONNX Runtime's default of one per core; README, Measured figures)
QUERY_THREADS = 1
INT8_FILE = "model-int8.onnx"  # the ingest encoder's model (ingest/encoders.py), made from model.onnx
# model.onnx with ONNX Runtime's graph optimizations applied once and saved: a session opens it without
# optimizing again (about 0.1 s instead of 0.2 s on the cold question path). The extended level fuses operators
# for the CPU provider without fitting the model to this CPU's instruction set; the fused operators are the
# runtime's own, so the file is named by the runtime's version (optimized_file).
OPTIMIZED_FILE = "model-optimized-ort{}.onnx"


def cache_root() -> Path:
    return Path(os.environ.get("MEDCITE_CACHE_DIR") or Path.home() / ".cache" / "medcite")


def export_dir(model: str) -> Path | None:
    """Where this model's export lives: keyed by the model's name and a fingerprint of its folder (its config,
    and its weights by size), so that another model or other weights never share it. None for a model that
    is not a local folder with a fast tokenizer (a hub name that was never resolved to one)."""
    from ingest.embedder import resolve_model

    try:
        folder = Path(resolve_model(model))
    except Exception:  # noqa: BLE001 - a missing bundled package: nothing to export
        return None
    if not (folder / "config.json").is_file() or not (folder / "tokenizer.json").is_file():
        return None
    fingerprint = hashlib.sha256()
    fingerprint.update(f"{FORMAT}:{model}".encode())
    fingerprint.update((folder / "config.json").read_bytes())
    for weights in sorted(folder.glob("*.safetensors")) + sorted(folder.glob("pytorch_model*.bin")):
        fingerprint.update(f"{weights.name}:{weights.stat().st_size}".encode())
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(model).name or model).strip("-") or "model"
    return cache_root() / "encoders" / f"{slug}-{fingerprint.hexdigest()[:16]}"


def ensure_export(embedder, int8: bool = False) -> Path | None:
    """Export the embedder's model once (None when it cannot be: then questions use sentence-transformers);
    with `int8`, also its int8 quantization (None when that cannot be made)."""
    target = export_dir(embedder.name)
    if target is None:
        return None
    if not all((target / f).is_file() for f in _FILES):
        try:
            _export(embedder, target)
        except Exception:  # noqa: BLE001 - no `onnx` package, an unusual architecture: the fallback answers
            shutil.rmtree(target.with_name(target.name + ".tmp"), ignore_errors=True)
            return None
    if int8 and not (target / INT8_FILE).is_file():
        try:
            _quantize(target)
        except Exception:  # noqa: BLE001 - the caller embeds with torch, saying so
            return None
    return target


def _quantize(folder: Path) -> None:
    """The int8 model: per-channel dynamic quantization of the export's weights (from the ONNX file alone)."""
    import logging
    import tempfile

    from onnxruntime.quantization import QuantType, quantize_dynamic

    handle, name = tempfile.mkstemp(prefix=f"{INT8_FILE}.", suffix=".tmp", dir=folder)  # two writers never share
    os.close(handle)
    work = Path(name)
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # its advice to pre-process first: measured without it
    try:
        quantize_dynamic(str(folder / "model.onnx"), str(work), weight_type=QuantType.QInt8, per_channel=True)
        work.replace(folder / INT8_FILE)
    finally:
        root.setLevel(level)
        work.unlink(missing_ok=True)


def _export(embedder, target: Path) -> None:
    import torch

    from ingest.embedder import resolve_model

    model = embedder.model  # the loaded SentenceTransformer
    transformer, pooling = model[0], model[1] if len(model) > 1 else None
    if pooling is not None and not getattr(pooling, "pooling_mode_mean_tokens", True):
        raise ValueError("only mean pooling is exported")

    class Hidden(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    work = target.with_name(target.name + ".tmp")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    sample = model.tokenizer(["an example sentence", "another"], padding=True, return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    import warnings

    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on shapes; the agreement test checks the result
        torch.onnx.export(Hidden(transformer.auto_model.eval()), tuple(sample[n] for n in names),
                          str(work / "model.onnx"), input_names=names, output_names=["hidden"],
                          dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "hidden"]},
                          opset_version=14, dynamo=False)
    shutil.copy(Path(resolve_model(embedder.name)) / "tokenizer.json", work / "tokenizer.json")
    (work / "encoder.json").write_text(json.dumps({
        "model": embedder.name, "format": FORMAT, "max_seq_length": int(model.get_max_seq_length() or 256),
        "dim": int(embedder.dim), "pooling": "mean", "normalize": True}))
    _optimized(work)  # the question path opens this copy
    shutil.rmtree(target, ignore_errors=True)
    work.rename(target)


class OnnxEncoder:
    """Embedder's interface (encode, encode_query, dim, texts_encoded) on ONNX Runtime and `tokenizers`."""

    def __init__(self, folder: Path, name: str = BUNDLED_MODEL, batch_size: int = 32, precision: str = "fp32",
                 threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        info = json.loads((folder / "encoder.json").read_text())
        # int8 runs one text at a time: dynamic quantization scales activations over the whole batch, so in a
        # batch a text's vector would depend on its batch-mates (cosine off by up to 0.02, measured); alone it
        # is also faster here (no padding: 131 against 97 texts/s)
        batch_size = 1 if precision == "int8" else batch_size
        self.name, self.batch_size, self.texts_encoded = name, batch_size, 0
        self.folder, self._dim = folder, int(info["dim"])
        self.encoder = "onnx-int8" if precision == "int8" else "onnx"  # as ingest/encoders.py records it
        options = ort.SessionOptions()
        options.log_severity_level = 3
        if threads:
            options.intra_op_num_threads = threads
        model = folder / (INT8_FILE if precision == "int8" else "model.onnx")
        self.session = None
        if precision != "int8" and _optimized(folder):
            fast = ort.SessionOptions()
            fast.log_severity_level = 3
            if threads:
                fast.intra_op_num_threads = threads
            fast.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
            try:
                self.session = ort.InferenceSession(str(optimized_file(folder)), fast,
                                                    providers=["CPUExecutionProvider"])
            except Exception:  # noqa: BLE001 - a damaged copy: the plain model answers, and the copy is made anew
                optimized_file(folder).unlink(missing_ok=True)
        if self.session is None:
            self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(int(info["max_seq_length"]))
        self.tokenizer.enable_padding()
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        return self._dim

    def encode(self, texts: list[str], progress=None) -> np.ndarray:
        """Embed in batches of texts of similar length (as sentence-transformers does: a batch is padded to
        its longest text), returned in the given order."""
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self.dim), np.float32)
        for start in range(0, len(texts), self.batch_size):
            picked = order[start:start + self.batch_size]
            out[picked] = self._encode([texts[i] for i in picked])
            self.texts_encoded += len(picked)
            if progress:
                progress(len(picked))
        return out

    def encode_query(self, text: str) -> np.ndarray:
        self.texts_encoded += 1
        return self._encode([text])[0]

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        types = np.array([e.type_ids for e in encoded], dtype=np.int64)
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        vectors = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
        vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
        return vectors.astype(np.float32)


def optimized_file(folder: Path) -> Path:
    """The optimized copy of the folder's model.onnx for this ONNX Runtime."""
    import onnxruntime as ort

    return folder / OPTIMIZED_FILE.format(ort.__version__)


def _optimized(folder: Path) -> bool:
    """Is there (or can there now be made) the optimized copy of the folder's model.onnx? Made once, next to
    it, through a temporary file of its own (two writers never share one) renamed into place; a folder that
    cannot be written to keeps the plain model."""
    import tempfile

    import onnxruntime as ort

    target = optimized_file(folder)
    if target.is_file():
        return True
    work = None
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=".optimized-", suffix=".onnx.tmp")
        os.close(handle)
        work = Path(name)
        options = ort.SessionOptions()
        options.log_severity_level = 3
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
        options.optimized_model_filepath = str(work)
        ort.InferenceSession(str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"])
        work.replace(target)
        return True
    except Exception:  # noqa: BLE001 - a read-only cache or an ONNX Runtime that cannot save: the plain model
        if work is not None:
            work.unlink(missing_ok=True)
        return False


def query_encoder(model: str, threads: int | None = QUERY_THREADS):
    """The question path's encoder: the ONNX export when there is one, else sentence-transformers (one line
    on stderr says so: the first question then pays for loading torch). `threads`: ONNX Runtime's threads for
    one encoding (None: its default, one per core)."""
    from ingest.embedder import Embedder

    folder = export_dir(model)
    if folder is not None and all((folder / f).is_file() for f in _FILES):
        try:
            return OnnxEncoder(folder, model, threads=threads)
        except Exception as exc:  # noqa: BLE001 - a damaged export: the reference encoder still answers
            reason = f"it could not be read ({type(exc).__name__})"
    else:
        reason = "none has been made yet (the next `medcite ingest` makes it)"
    print(f"medcite: no ONNX export of {model}: {reason}; encoding questions with sentence-transformers.",
          file=sys.stderr)
    return Embedder(model)
