"""The `medcite` command line (Typer): ingest, add, docs, ask, chat, eval, bench, feedback."""

from app.cli.commands import cli, main

__all__ = ["cli", "main"]
