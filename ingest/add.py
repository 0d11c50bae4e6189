"""Copy user files into the corpus under safe names, never overwriting a different file."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from ingest.errors import BadDocument
from ingest.load import SUPPORTED

# names Windows reserves, whatever the extension
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"{port}{i}" for port in ("COM", "LPT") for i in range(1, 10))}
_STEM_CHARS, _STEM_BYTES = 100, 150  # room for "-2" and the suffix within the usual 255-byte name limit


def safe_name(name: str) -> str:
    """A plain file name that keeps its letters: NFC, no folders, no leading dots, no reserved names."""
    base = Path(unicodedata.normalize("NFC", name).replace("\\", "/")).name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    if suffix not in SUPPORTED:
        raise BadDocument(f"unsupported file type {suffix or '(none)'!r}; use one of {', '.join(SUPPORTED)}")
    kept = "".join(ch if _keeps(ch) else "-" for ch in stem)
    stem = re.sub(r"-{2,}", "-", kept).strip(".-_ ") or "document"
    first, dot, rest = stem.partition(".")
    if first.upper() in _RESERVED:
        stem = f"{first}-file{dot}{rest}"  # Windows will not create "CON.md", "nul.txt" or "aux.v2.md"
    return f"{_cut(stem[:_STEM_CHARS], _STEM_BYTES)}{suffix}"


def _keeps(ch: str) -> bool:
    """Letters, marks and digits of any script, and "._-"; everything else (separators, quotes,
    control and shell characters, spaces) is replaced."""
    return ch in "._-" or unicodedata.category(ch)[0] in "LMN"


def _cut(stem: str, limit: int) -> str:
    """At most `limit` UTF-8 bytes (file systems count bytes), never half a character."""
    return stem.encode("utf-8")[:limit].decode("utf-8", errors="ignore").rstrip(".-_") or "document"


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

