"""Copy user files into the corpus under safe names, never overwriting a different file."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ingest.errors import BadDocument
from ingest.load import SUPPORTED


def safe_name(name: str) -> str:
    """A plain file name: no folders, no leading dots, only [A-Za-z0-9._-]."""
    base = Path(name.replace("\\", "/")).name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-_") or "document"
    if suffix not in SUPPORTED:
        raise BadDocument(f"unsupported file type {suffix or '(none)'!r}; use one of {', '.join(SUPPORTED)}")
    return f"{stem[:100]}{suffix}"


def place(data: bytes, name: str, corpus_dir: Path) -> tuple[Path, bool]:
    """Write `data` into corpus_dir under a safe, unused name; (path, created). The same content reuses
    its file (created is False), so undoing a failed add never deletes a file that was already there."""
    corpus_dir.mkdir(parents=True, exist_ok=True)
    candidate = corpus_dir / safe_name(name)
    digest = hashlib.sha256(data).hexdigest()
    n = 1
    while candidate.exists():
        if hashlib.sha256(candidate.read_bytes()).hexdigest() == digest:
            return candidate, False
        n += 1
        candidate = corpus_dir / f"{Path(safe_name(name)).stem}-{n}{Path(safe_name(name)).suffix}"
    tmp = candidate.with_name(f".{candidate.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(candidate)
    return candidate, True


def remove_placed(path: Path) -> None:
    """Undo a `place` whose file then failed to ingest, so corpus/ holds only indexable files."""
    if path.exists():
        path.unlink()

