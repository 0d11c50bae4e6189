"""Add documents from bytes (the chat's upload) or paths (`medcite add`): validate, place safely, ingest."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from ingest.add import place, remove_placed, safe_name
from ingest.document import build_document
from ingest.embedder import Embedder
from ingest.errors import BadDocument
from ingest.pipeline import IngestReport, ingest
from ingest.settings import IndexSettings


def validate(name: str, data: bytes, settings: IndexSettings) -> None:
    """Raise BadDocument with the reason when these bytes cannot be indexed; nothing is written to corpus/."""
    if len(data) > settings.max_file_bytes:
        raise BadDocument(f"file is {len(data) / 1e6:.1f} MB, over the {settings.max_file_mb:.0f} MB limit "
                          "(MEDCITE_MAX_FILE_MB)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / safe_name(name)
        path.write_bytes(data)
        try:
            build_document(path, settings.max_file_bytes, settings.chunk_chars, settings.max_doc_chunks)
        except BadDocument:
            raise
        except Exception as exc:  # a parser library's own failure: report it as this file's reason
            raise BadDocument(f"could not parse the file ({type(exc).__name__})") from None


def add_files(settings: IndexSettings, files: list[tuple[str, bytes]], embedder: Embedder,
              progress: Callable[[int, int], None] | None = None,
              wait_s: float = 120.0) -> tuple[list[Path], list[tuple[str, str]], IngestReport | None]:
    """Place the good files in corpus/ and ingest them; bad ones are reported and never placed."""
    placed, created, failed = [], set(), []
    for name, data in files:
        try:
            validate(name, data, settings)
            path, new = place(data, name, settings.corpus_dir)
            placed.append(path)
            if new:
                created.add(path)
        except BadDocument as exc:
            failed.append((name, str(exc)))
    if not placed:
        return [], failed, None
    report = ingest(settings, placed, embedder, progress=progress, wait_s=wait_s)
    for path, reason in report.failed:
        if Path(path) in created:
            remove_placed(Path(path))
        failed.append((Path(path).name, reason))
    good = [p for p in placed if str(p) not in {f for f, _ in report.failed}]
    return good, failed, report
