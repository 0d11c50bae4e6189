"""Failures on the question path as one line on stderr; the traceback goes to <index>/medcite.log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
import typer

from ingest.errors import MedciteError, failure_line

LOG = logging.getLogger("medcite")


def log_to_file(index_dir: Path) -> Path:
    """Send medcite's log records to <index>/medcite.log (and nowhere else of ours); return that path."""
    path = (index_dir / "medcite.log").resolve()
    files = [h for h in LOG.handlers if isinstance(h, logging.FileHandler)]
    if [h.baseFilename for h in files] != [str(path)]:
        for old in files:
            LOG.removeHandler(old)
            old.close()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")  # opened now: an OSError is ours to catch
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        LOG.addHandler(handler)  # a handler here keeps Python's last-resort handler from printing to stderr
    return path


def report_failure(exc: Exception, index_dir: Path) -> None:
    """Print one line for `exc`; an unexpected one is logged with its traceback first."""
    details = ""
    if not isinstance(exc, MedciteError):
        try:
            details = f"the details are in {log_to_file(index_dir)}"
            LOG.exception("answering failed")
        except OSError:  # no log file (a read-only index folder): the one line still goes out
            details = "rerun with a writable MEDCITE_INDEX_DIR to keep the details in medcite.log"
    typer.echo(f"Error: {failure_line(exc, details)}", err=True)


@contextmanager
def one_line_errors(index_dir: Path, *, exit_code: int | None = 1) -> Iterator[None]:
    """Any exception in the block becomes one line on stderr, then exit `exit_code` (None: carry on)."""
    try:
        yield
    except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
        raise  # typer's own ways out: Exit is a RuntimeError
    except Exception as exc:  # noqa: BLE001 - no traceback reaches a user; the log keeps it
        report_failure(exc, index_dir)
        if exit_code is not None:
            raise typer.Exit(exit_code) from None
