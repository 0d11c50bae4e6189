"""Which encoder embeds documents at ingest, and the name its vectors are cached under.

Two encoders of the same model: sentence-transformers on torch (the reference) and its ONNX export quantized
to int8 (per-channel dynamic quantization, made once from the export; no torch needed to run it). Measured
with `medcite bench encoders` on PubMedQA's 3,358 passages on the 2-core machine, int8 (one text per run)
embeds 2.7x as fast at PubMedQA nDCG@10 within 0.001 of torch, and a full ingest runs 1.9x as fast (README,
Speed), so it is the default for new indexes.

An index records the encoder that embedded it, and the embedding cache keys vectors by model and encoder, so
the two never mix silently: an existing index keeps its encoder; asking for another one (MEDCITE_INGEST_ENCODER)
without `--rebuild` is refused with what to do. Questions are always encoded by the fp32 export (or torch).
"""

from __future__ import annotations

import sqlite3
import sys

from ingest.errors import ConfigError, ModelMismatch
from ingest.settings import IndexSettings

TORCH = "torch"
INT8 = "onnx-int8"
CHOICES = (INT8, TORCH)
DEFAULT = INT8


def kind_of(encoder) -> str:
    """The encoder's name as recorded in the index: "torch" or "onnx-int8"."""
    return getattr(encoder, "encoder", TORCH)


def cache_key(model: str, kind: str | None) -> str:
    """The embedding cache's key: the model alone for torch (what every older index cached), else model#kind."""
    return model if kind in (None, TORCH) else f"{model}#{kind}"


def recorded_kind(settings: IndexSettings) -> str | None:
    """The encoder that embedded the index at settings.index_dir (None when there is no index yet); an index
    from before encoders were recorded was embedded by torch."""
    if not settings.sqlite_path.exists():
        return None
    try:
        db = sqlite3.connect(f"{settings.sqlite_path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            rows = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('encoder', 'embed_model')"))
        finally:
            db.close()
    except sqlite3.Error:
        return None  # a damaged or foreign file: the ingest repairs or reports it
    return recorded(rows.get("encoder"), rows.get("embed_model"))


def recorded(encoder: str | None, embed_model: str | None) -> str | None:
    """The encoder an index's meta names; torch for an index from before encoders were recorded."""
    return encoder or (TORCH if embed_model else None)


def choose(settings: IndexSettings, rebuild: bool = False) -> str:
    """MEDCITE_INGEST_ENCODER when set; else the encoder the existing index was embedded by (a rebuild starts
    over with the default)."""
    if settings.encoder:
        if settings.encoder not in CHOICES:
            raise ConfigError(f"MEDCITE_INGEST_ENCODER must be one of {', '.join(CHOICES)}, not "
                              f"{settings.encoder!r}.")
        return settings.encoder
    return (None if rebuild else recorded_kind(settings)) or DEFAULT


def ingest_encoder(settings: IndexSettings, rebuild: bool = False):
    """The encoder for an ingest or add into settings' index. int8 needs the model's ONNX export: made here once
    when missing (that one time loads torch); where it cannot be made, torch embeds, saying so in one line."""
    from ingest.embedder import Embedder
    from ingest.onnx_encoder import OnnxEncoder, ensure_export

    kind = choose(settings, rebuild)
    required = bool(settings.encoder) or (not rebuild and recorded_kind(settings) == INT8)
    reference = Embedder(settings.embed_model)  # loads nothing until asked to encode
    if kind == TORCH:
        return reference
    folder = ensure_export(reference, int8=True)
    if folder is not None:
        try:
            return OnnxEncoder(folder, settings.embed_model, batch_size=reference.batch_size, precision="int8")
        except Exception as exc:  # noqa: BLE001 - a damaged export: the reference encoder still embeds
            reason = f"it could not be read ({type(exc).__name__})"
    else:
        reason = "the model could not be exported"
    if required:  # the index was embedded by int8 (or int8 was asked for): torch would be refused anyway
        raise ConfigError(f"The int8 ONNX encoder for {settings.embed_model} is unavailable: {reason}. Reinstall "
                          "the dependencies (`make .venv/.deps-run`), or re-embed the index with torch: "
                          "MEDCITE_INGEST_ENCODER=torch medcite ingest --rebuild")
    print(f"medcite: no int8 ONNX encoder for {settings.embed_model}: {reason}; embedding with "
          "sentence-transformers.", file=sys.stderr)
    return reference


def encoder_mismatch(settings: IndexSettings, recorded: str, wanted: str) -> ModelMismatch:
    return ModelMismatch(f"The index at {settings.index_dir} was embedded by the {recorded} encoder, but this run "
                         f"embeds with {wanted}; run `medcite ingest --rebuild` to re-embed everything with "
                         f"{wanted}, or set MEDCITE_INGEST_ENCODER={recorded}.")
