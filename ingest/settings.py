"""Where the index lives and which embedding model builds it, read from MEDCITE_* at the edges."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import ConfigError

BUNDLED_MODEL = "all-MiniLM-L6-v2"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class IndexSettings:
    index_dir: Path = PROJECT_ROOT / ".medcite"
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    embed_model: str = BUNDLED_MODEL
    chroma_url: str | None = None
    max_file_mb: float = 20.0
    chunk_chars: int = 900
    max_doc_chunks: int = 5000  # the most chunks one document may add; more is refused with a reason
    collection: str = "medcite"
    encoder: str | None = None  # the ingest encoder (ingest/encoders.py); None: the index's own, else the default

    @property
    def sqlite_path(self) -> Path:
        return self.index_dir / "medcite.sqlite3"

    @property
    def chroma_dir(self) -> Path:
        return self.index_dir / "chroma"

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1_000_000)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> IndexSettings:
        """Build from MEDCITE_* variables; called only at the edges (CLI, Streamlit script, eval runner)."""
        env = dict(os.environ if env is None else env)
        base = cls()
        return cls(
            index_dir=Path(env.get("MEDCITE_INDEX_DIR") or base.index_dir),
            corpus_dir=Path(env.get("MEDCITE_CORPUS_DIR") or base.corpus_dir),
            embed_model=env.get("MEDCITE_EMBED_MODEL") or base.embed_model,
            chroma_url=env.get("MEDCITE_CHROMA_URL") or None,
            max_file_mb=_number(env, "MEDCITE_MAX_FILE_MB", base.max_file_mb),
            chunk_chars=int(_number(env, "MEDCITE_CHUNK_CHARS", base.chunk_chars)),
            max_doc_chunks=int(_number(env, "MEDCITE_MAX_DOC_CHUNKS", base.max_doc_chunks)),
            encoder=env.get("MEDCITE_INGEST_ENCODER") or None,
        )


def _number(env: dict[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number; set it to e.g. {default}.") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {raw}.")
    return value
