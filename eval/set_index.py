"""A set with documents beside it (eval/sets/added.jsonl + eval/sets/added/) is run the way a user works: the
shipped corpus is copied into an index of its own, beside the user's, and the set's documents are added to it
with `medcite add`'s pipeline. Re-runs are incremental: unchanged files are neither copied nor embedded again.

Layout, under the user's index dir: eval/<set stem>/corpus/shipped/ (a mirror of MEDCITE_CORPUS_DIR),
eval/<set stem>/corpus/*.ext (the added files, placed by ingest.add), eval/<set stem>/index/.
"""

from __future__ import annotations

import filecmp
import hashlib
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ingest.add import safe_name
from ingest.embedder import Embedder
from ingest.encoders import kind_of, recorded_kind
from ingest.errors import BadDocument, ConfigError
from ingest.pipeline import ingest
from ingest.settings import IndexSettings
from ingest.store.vectors import release_embedded
from ingest.upload import add_files

SKIP_NAMES = {"SOURCES.md", "README.md"}  # notes about the documents, not documents
SKIP_SUFFIXES = {".py", ".pyc"}  # scripts that build the documents
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class AddedFile:
    file: str  # path relative to the set's folder
    outcome: str  # "added" (indexed in this run), "unchanged" (indexed by an earlier run) or "failed"
    reason: str = ""


@dataclass
class SetIndex:
    settings: IndexSettings
    folder: Path
    files: list[AddedFile] = field(default_factory=list)
    corpus_failed: list[tuple[str, str]] = field(default_factory=list)  # (shipped file, reason)
    embedded: int = 0  # chunks embedded by this run

    def failures(self) -> list[tuple[str, str]]:
        """(file, reason) for every set document that could not be added."""
        return [(str(self.folder / f.file), f.reason) for f in self.files if f.outcome == "failed"]

    def as_json(self) -> dict:
        return {"index_dir": str(self.settings.index_dir), "corpus_dir": str(self.settings.corpus_dir),
                "documents": str(self.folder), "embedded": self.embedded,
                "corpus_failed": [{"file": p, "reason": r} for p, r in self.corpus_failed],
                "added_files": [{"file": f.file, "outcome": f.outcome, **({"reason": f.reason} if f.reason else {})}
                                for f in self.files]}


def documents_folder(set_path: Path) -> Path | None:
    """The folder with the set's stem beside it (eval/sets/added/ for eval/sets/added.jsonl), if there is one."""
    folder = set_path.with_suffix("")
    return folder if folder != set_path and folder.is_dir() else None


def set_documents(folder: Path) -> list[Path]:
    """The folder's documents: hidden files, notes (SOURCES.md, README.md) and scripts left out."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in SKIP_NAMES
                  and p.suffix.lower() not in SKIP_SUFFIXES
                  and not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(folder).parts))


def index_settings_for(base: IndexSettings, stem: str) -> IndexSettings:
    """The set's own index and corpus, under the user's index dir; always a local Chroma, never the server's."""
    root = base.index_dir / "eval" / stem
    return replace(base, index_dir=root / "index", corpus_dir=root / "corpus", chroma_url=None)


def build_set_index(base: IndexSettings, set_path: Path, embedder: Embedder,
                    progress: Progress | None = None) -> SetIndex | None:
    """Index the shipped corpus plus the set's documents; None when the set has no folder of documents."""
    folder = documents_folder(set_path)
    if folder is None:
        return None
    if not base.corpus_dir.is_dir():
        raise ConfigError(f"The corpus folder {base.corpus_dir} does not exist; set MEDCITE_CORPUS_DIR to the "
                          f"folder of guidelines that {set_path.name} adds its documents to.")
    settings = index_settings_for(base, set_path.stem)
    forget_other_encoder(settings, embedder)
    files = [(p, p.read_bytes()) for p in set_documents(folder)]
    mirror(base.corpus_dir, settings.corpus_dir / "shipped")
    before = prune_placed(settings.corpus_dir, {_placed_name(p.name): _digest(d) for p, d in files})
    shipped = ingest(settings, [settings.corpus_dir], embedder, progress=progress)
    placed, failed, report = add_files(settings, [(p.name, d) for p, d in files], embedder, progress=progress)
    good = {_digest(p.read_bytes()) for p in placed}
    out = SetIndex(settings, folder, corpus_failed=shipped.failed,
                   embedded=shipped.embedded + (report.embedded if report else 0))
    for path, data in files:
        rel, digest = str(path.relative_to(folder)), _digest(data)
        if digest in good:
            out.files.append(AddedFile(rel, "unchanged" if digest in before else "added"))
        else:
            out.files.append(AddedFile(rel, "failed", _reason(path.name, failed)))
    return out


def forget_other_encoder(settings: IndexSettings, embedder: Embedder) -> None:
    """An evaluation's own index embedded by another encoder than this run's is started over (it is derived from
    the corpus and the set's documents; the user's index is never touched)."""
    recorded = recorded_kind(settings)
    if recorded is not None and recorded != kind_of(embedder):
        release_embedded(settings.chroma_dir)  # this process's Chroma client must not outlive the files
        shutil.rmtree(settings.index_dir, ignore_errors=True)


def mirror(source: Path, target: Path) -> None:
    """Make target hold exactly source's files; files already equal are left alone."""
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        dst = target / rel
        if not (dst.is_file() and filecmp.cmp(source / rel, dst, shallow=False)):
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / rel, dst)
    for path in list(target.rglob("*")):
        if path.is_file() and path.relative_to(target) not in wanted:
            path.unlink()


def prune_placed(corpus_dir: Path, keep: dict[str | None, str]) -> set[str]:
    """Delete the added files (top level of corpus_dir) that no longer match a set document by name and content,
    so the next ingest drops them from the index; returns the digests of the files kept."""
    kept = set()
    for path in corpus_dir.iterdir() if corpus_dir.is_dir() else []:
        if path.is_file():
            digest = _digest(path.read_bytes())
            if keep.get(path.name) == digest:
                kept.add(digest)
            else:
                path.unlink()
    return kept


def _reason(name: str, failed: list[tuple[str, str]]) -> str:
    """add_files names a failure by the name given or by the placed file's name (`x.md`, `x-2.md`)."""
    placed = _placed_name(name) or name
    pattern = re.escape(Path(placed).stem) + r"(-\d+)?" + re.escape(Path(placed).suffix)
    for failed_name, reason in failed:
        if failed_name == name or re.fullmatch(pattern, Path(failed_name).name):
            return reason
    return "not indexed"


def _placed_name(name: str) -> str | None:
    try:
        return safe_name(name)
    except BadDocument:
        return None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
