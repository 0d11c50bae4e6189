"""What `medcite ingest` and `medcite add` print: a progress bar, then a summary or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ingest.errors import BadDocument
from ingest.settings import IndexSettings


def run_ingest(settings: IndexSettings, paths: list[Path], *, rebuild: bool = False, as_json: bool = False,
               wait_s: float = 0.0) -> int:
    from ingest.embedder import Embedder
    from ingest.pipeline import ingest

    missing = [p for p in paths if not p.exists()]
    if missing:
        raise BadDocument(f"{missing[0]} does not exist; give a file or a folder such as corpus/")
    with _progress(disabled=as_json) as tick:
        report = ingest(settings, paths, Embedder(settings.embed_model), rebuild=rebuild, wait_s=wait_s,
                        progress=tick)
    if report.repaired:
        typer.echo("Repaired: the Chroma collection would not open after an interrupted ingest; rebuilt it from "
                   "the manifest and the embedding cache.", err=True)
    if as_json:
        typer.echo(json.dumps(report.as_json()))
    else:
        for path, reason in report.failed:
            typer.echo(f"FAILED {path}: {reason}", err=True)
        typer.echo(f"{report.added} added, {report.updated} updated, {report.removed} removed, "
                   f"{report.unchanged} unchanged, {len(report.failed)} failed; {report.chunks} chunks in the "
                   f"index; {report.embedded} embedded in {report.seconds:.1f} s.")
    return 1 if report.failed else 0


def run_add(settings: IndexSettings, files: list[Path], *, as_json: bool = False) -> int:
    from ingest.add import copy_in
    from ingest.document import build_document

    placed, failed = [], []
    for file in files:
        try:
            if not file.is_file():
                raise BadDocument("no such file")
            build_document(file, settings.max_file_bytes, settings.chunk_chars)  # refuse before copying
            placed.append(copy_in(file, settings.corpus_dir))
        except BadDocument as exc:
            failed.append((str(file), str(exc)))
    code = run_ingest(settings, placed, as_json=as_json) if placed else 0
    for path, reason in failed:
        typer.echo(f"FAILED {path}: {reason}", err=True)
    if placed and not as_json:
        typer.echo("Added: " + ", ".join(str(p) for p in placed))
    return 1 if failed or code else 0


class _progress:
    """A rich progress bar over embedding; a no-op when output is JSON or nothing needs embedding."""

    def __init__(self, disabled: bool) -> None:
        self.disabled = disabled
        self.bar = None
        self.task = None

    def __enter__(self):
        return self.tick

    def tick(self, done: int, total: int) -> None:
        if self.disabled:
            return
        if self.bar is None:
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("Embedding chunks", total=total)
        self.bar.update(self.task, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
