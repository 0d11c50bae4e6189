"""What `medcite ingest` and `medcite add` print: a progress bar, then a summary or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from app.cli.progress import ProgressBar

from ingest.errors import BadDocument
from ingest.settings import IndexSettings


def run_ingest(settings: IndexSettings, paths: list[Path], *, rebuild: bool = False, as_json: bool = False,
               wait_s: float = 0.0) -> int:
    from ingest.encoders import ingest_encoder
    from ingest.pipeline import ingest

    missing = [p for p in paths if not p.exists()]
    if missing:
        raise BadDocument(f"{missing[0]} does not exist; give a file or a folder such as corpus/")
    with ProgressBar("Embedding chunks", disabled=as_json) as tick:
        report = ingest(settings, paths, ingest_encoder(settings, rebuild), rebuild=rebuild, wait_s=wait_s,
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
    from ingest.upload import add_files
    from ingest.encoders import ingest_encoder

    readable, failed = [], []
    for file in files:
        if file.is_file() and file.stat().st_size > settings.max_file_bytes:
            failed.append((str(file), f"over the {settings.max_file_mb:.0f} MB limit (MEDCITE_MAX_FILE_MB)"))
        elif file.is_file():
            readable.append((file.name, file.read_bytes()))
        else:
            failed.append((str(file), "no such file"))
    with ProgressBar("Embedding chunks", disabled=as_json) as tick:
        placed, bad, report = add_files(settings, readable, ingest_encoder(settings), progress=tick)
    for name, reason in failed + bad:
        typer.echo(f"FAILED {name}: {reason}", err=True)
    if report and as_json:
        typer.echo(json.dumps(report.as_json()))
    elif placed:
        typer.echo("Added: " + ", ".join(str(p) for p in placed) + f"; {report.chunks} chunks in the index.")
    return 1 if failed or bad else 0

