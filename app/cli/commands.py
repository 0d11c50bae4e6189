"""The `medcite` command line: ingest, add, docs, ask, chat, eval, bench, feedback.

Imports of heavy libraries happen inside commands, so `medcite --help` and a cold `ask` start fast.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ingest.errors import MedciteError

if TYPE_CHECKING:
    from app.answer.engine import Engine
    from app.answer.settings import Settings

cli = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="medcite: cited answers from medical guideline articles and their references.")


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        cli()
    except MedciteError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(1)


def settings():
    from app.answer.settings import Settings

    return Settings.from_env()


@cli.command()
def ingest(paths: list[Path] = typer.Argument(None, help="Files or folders (default: corpus/)."),
           rebuild: bool = typer.Option(False, "--rebuild", help="Start the index over (embeddings come from the cache)."),
           as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
           wait: float = typer.Option(0.0, "--wait", help="Seconds to wait for another ingest to finish.")) -> None:
    """Index new or changed documents, drop deleted ones."""
    from app.cli.ingest import run_ingest

    code = run_ingest(settings().index, paths or [settings().index.corpus_dir], rebuild=rebuild,
                      as_json=as_json, wait_s=wait)
    raise typer.Exit(code)


@cli.command()
def add(files: list[Path] = typer.Argument(..., help="Documents to copy into corpus/ and index."),
        as_json: bool = typer.Option(False, "--json")) -> None:
    """Copy documents into corpus/ under safe names and index them."""
    from app.cli.ingest import run_add

    raise typer.Exit(run_add(settings().index, files, as_json=as_json))


@cli.command()
def docs(as_json: bool = typer.Option(False, "--json")) -> None:
    """List indexed documents with their chunk and reference counts."""
    from app.answer.corpus import corpus_overview

    rows = corpus_overview(settings().index)
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        typer.echo(f"{row['doc_id']:<55} {row['kind']:<20} {row['chunks']:>4} chunks {row['references']:>3} refs  "
                   f"{row['title']}")
    typer.echo(f"{len(rows)} documents")


def make_engine(base: Settings, k: int | None = None, mode: str | None = None) -> Engine:
    """The engine for `ask` and `chat`, with the command's --k and --mode."""
    from app.answer.engine import Engine

    changes = {key: value for key, value in (("k", k), ("mode", mode)) if value is not None}
    return Engine(base.with_(**changes) if changes else base)


@cli.command()
def ask(question: str = typer.Argument(..., help="The question, in quotes."),
        as_json: bool = typer.Option(False, "--json", help="Print the answer object as JSON."),
        k: int = typer.Option(None, "--k", help="Passages to retrieve (default 5)."),
        mode: str = typer.Option(None, "--mode", help="hybrid | dense | keyword")) -> None:
    """Answer one question with cited passages."""
    from app.cli.failure import one_line_errors
    from app.cli.render import answer_text

    base = settings()
    with one_line_errors(base.index.index_dir):
        answer = make_engine(base, k, mode).ask(question)
    typer.echo(json.dumps(answer.as_json(), ensure_ascii=False) if as_json else answer_text(answer))


@cli.command()
def chat(k: int = typer.Option(None, "--k"), mode: str = typer.Option(None, "--mode")) -> None:
    """A terminal conversation with follow-ups: /new starts over, /sources shows the last sources, Ctrl-D exits."""
    from app.cli.chat import run_chat
    from app.cli.failure import one_line_errors

    base = settings()
    with one_line_errors(base.index.index_dir):
        engine = make_engine(base, k, mode)
    run_chat(engine)


@cli.command("eval")
def evaluate(sets: list[str] = typer.Argument(..., help="JSONL sets, 'pubmedqa' / 'medquad' for the public "
                                                         "retrieval benchmarks, or 'calibrate' for the "
                                                         "abstention thresholds."),
             k: int = typer.Option(None, "--k"), mode: str = typer.Option(None, "--mode"),
             compare: bool = typer.Option(False, "--compare", help="Also run dense/keyword/hybrid at k=3,5,10."),
             json_path: Path = typer.Option(None, "--json"), report: Path = typer.Option(None, "--report"),
             html: Path = typer.Option(None, "--html"),
             minimum: list[str] = typer.Option([], "--min", help="METRIC=VALUE floor, e.g. fact_recall=0.85"),
             maximum: list[str] = typer.Option([], "--max", help="METRIC=VALUE ceiling, e.g. forbidden_rate=0")) -> None:
    """Evaluate answers on JSONL sets (or run a public retrieval benchmark)."""
    base = settings()
    changes = {key: value for key, value in (("k", k), ("mode", mode)) if value is not None}
    chosen = base.with_(**changes) if changes else base
    if sets == ["calibrate"]:
        from eval.calibrate import run_calibrate

        raise typer.Exit(run_calibrate(chosen, json_path=json_path))
    if sets and sets[0] in ("pubmedqa", "medquad"):
        from eval.public import run_public

        raise typer.Exit(run_public(sets[0], chosen, json_path=json_path, report_path=report))
    from eval.command import run_eval

    raise typer.Exit(run_eval(chosen, [Path(s) for s in sets], compare=compare, json_path=json_path,
                              report_path=report, html_path=html, minimums=minimum, maximums=maximum))


@cli.command()
def feedback(export: Path = typer.Option(..., "--export", help="Write every thumbs up/down as JSON lines.")) -> None:
    """Export the chat's answer feedback (question, standalone query, answer, citations, settings)."""
    from app.answer.history import ConversationStore, store_path

    rows = ConversationStore(store_path(settings().index.index_dir)).feedback()
    export.parent.mkdir(parents=True, exist_ok=True)
    export.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    typer.echo(f"{len(rows)} feedback records written to {export}")


@cli.command()
def bench(what: str = typer.Argument(..., help="ingest | encoders | query | start | load | scale"),
          sessions: int = typer.Option(8, "--sessions", help="load: concurrent browser sessions"),
          seconds: int = typer.Option(120, "--seconds", help="load: how long they ask"),
          sizes: str = typer.Option("100000", "--sizes", help="scale: chunk counts, e.g. 100000,1000000")) -> None:
    """Print speed figures: `ingest` (chunks/s vs raw encode, unchanged re-ingest), `encoders` (torch, ONNX and
    int8 ONNX: speed and PubMedQA nDCG@10), `query` (latency), `start` (the first answer in a browser after
    the Streamlit server starts), `load` (concurrent browser sessions while documents
    are added and the index rebuilt) or `scale` (100k/1M chunks through the real store)."""
    if what == "load":
        from eval.load import bench_load

        bench_load(settings(), sessions, seconds)
        return
    if what == "start":
        from eval.start import bench_start

        bench_start(settings())
        return
    if what == "encoders":
        from eval.encoders import bench_encoders

        bench_encoders(settings())
        return
    if what == "scale":
        from eval.scale import bench_scale, parse_sizes

        bench_scale(settings(), parse_sizes(sizes))
        return
    from eval.bench import bench_ingest, bench_query

    if what not in ("ingest", "query"):
        raise typer.BadParameter("use `medcite bench ingest`, `encoders`, `query`, `start`, `load` or `scale`")
    (bench_ingest if what == "ingest" else bench_query)(settings())
