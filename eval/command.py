"""`medcite eval`: run sets, print the table, write reports, enforce --min/--max bounds."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from app.answer.engine import Engine
from app.answer.settings import Settings
from app.cli.progress import ProgressBar
from eval.dataset import BadEvalSet, load_set
from eval.metrics import HIGHER_IS_BETTER, LOWER_IS_BETTER, TWO_SIDED
from eval.report import dumps, html_report, markdown, table
from eval.runner import COMPARE, Config, RunResult, check_bounds, run_all
from eval.set_index import SetIndex, build_set_index
from ingest.embedder import Embedder
from ingest.encoders import ingest_encoder


def parse_bounds(pairs: list[str], k: int, upper: bool) -> tuple[dict[str, float], dict[str, float]]:
    """'evidence_recall@5=0.9' -> floors {'evidence_recall@k': 0.9}. Returns (floors, ceilings): with --min a
    lower-is-better metric (forbidden_rate, latencies) is a ceiling, as in `--min forbidden_rate=0`; a
    two-sided one (statements_per_answer) takes a floor with --min and a ceiling with --max."""
    floors: dict[str, float] = {}
    ceilings: dict[str, float] = {}
    known = HIGHER_IS_BETTER + LOWER_IS_BETTER + TWO_SIDED
    for pair in pairs:
        name, sep, value = pair.partition("=")
        match = re.fullmatch(r"evidence_recall@(\d+)", name)
        if match and int(match.group(1)) != k:
            raise BadEvalSet(f"{name} needs --k {match.group(1)} (this run uses k={k}).")
        metric = "evidence_recall@k" if match else name
        flag = "--max" if upper else "--min"
        if not sep or metric not in known or (upper and metric in HIGHER_IS_BETTER):
            hint = f" ({name} is bounded with --min)" if metric in HIGHER_IS_BETTER else ""
            raise BadEvalSet(f"{flag} {pair!r}: use METRIC=VALUE with one of {', '.join(known)}{hint}.")
        try:
            bound = float(value)
        except ValueError:
            raise BadEvalSet(f"{flag} {pair!r}: {value!r} is not a number.") from None
        ceiling = metric in LOWER_IS_BETTER or (upper and metric in TWO_SIDED)
        (ceilings if ceiling else floors)[metric] = bound
    return floors, ceilings


def run_eval(settings: Settings, sets: list[Path], *, compare: bool, json_path: Path | None,
             report_path: Path | None, html_path: Path | None, minimums: list[str], maximums: list[str],
             engine: Engine | None = None, progress: bool = True) -> int:
    """Run the sets (a set with documents beside it against its own index), report, check the bounds; the exit
    status is 1 when a bound is not met or a set document could not be added."""
    lows, highs = parse_bounds(minimums, settings.k, False)
    highs.update(parse_bounds(maximums, settings.k, True)[1])
    loaded = [(path, load_set(path)) for path in sets]  # every set is read before any index is built
    names = list(dict.fromkeys(c.set_name for _, convs in loaded for c in convs))
    first = Config(settings.mode, settings.k)
    configs = [first] + [Config(m, k) for m, k in COMPARE if compare and Config(m, k) != first]
    engines = Engines(settings, engine)
    parts, indexes, failures = [], [], []
    for path, conversations in loaded:
        set_engine, built = engines.for_set(path, progress)
        parts.append(run_all(set_engine, conversations, configs, show_progress=progress))
        indexes.append(_index_entry(settings, path, built))
        failures += _failures(built)
    runs = [RunResult(c, [t for part in parts for t in part[i].results]) for i, c in enumerate(configs)]
    typer.echo(table(runs))
    md = write_reports(settings, runs, names, indexes, json_path, report_path, html_path)
    failed_turns = sum(1 for line in md.splitlines() if line.startswith("### "))
    shown = report_path or _latest(settings) / "latest.md"
    typer.echo(f"{failed_turns} failed turns in {first.name}; full report: {shown}")
    unmet = check_bounds(runs[0].metrics(), lows, highs)
    for line in unmet:
        typer.echo(f"NOT MET: {line}", err=True)
    for file, reason in failures:
        typer.echo(f"FAILED to add {file}: {reason}", err=True)
    return 1 if unmet or failures else 0


class Engines:
    """One engine per index: the configured one (or the one given) and one per set with documents beside it."""

    def __init__(self, settings: Settings, engine: Engine | None = None) -> None:
        self.settings, self.configured = settings, engine
        # documents are embedded by the encoder a new index gets (as a user adding them would; torch when the
        # given engine's is torch), questions by the engine's: the ONNX export when there is one
        given = engine.embedder if engine else None
        self.embedder = given if isinstance(given, Embedder) else ingest_encoder(settings.index, rebuild=True)
        self.questions = given

    def for_set(self, path: Path, progress: bool = True) -> tuple[Engine, SetIndex | None]:
        """The engine that answers this set, with the set's own index when it has one (built or brought up to date)."""
        with ProgressBar(f"Indexing {path.stem} documents", disabled=not progress) as tick:
            built = build_set_index(self.settings.index, path, self.embedder, tick)
        if self.questions is None:
            from ingest.onnx_encoder import query_encoder

            self.questions = query_encoder(self.settings.index.embed_model)
        if built:
            return Engine(self.settings.with_(index=built.settings), embedder=self.questions), built
        if self.configured is None:
            self.configured = Engine(self.settings, embedder=self.questions)
        return self.configured, None


def write_reports(settings: Settings, runs: list[RunResult], names: list[str], indexes: list[dict],
                  json_path: Path | None, report_path: Path | None, html_path: Path | None) -> str:
    """latest.md/latest.json beside the user's index (the chat's report view), plus the paths asked for."""
    md, data = markdown(runs, names, indexes), dumps(runs, names, indexes)
    latest = _latest(settings)
    latest.mkdir(parents=True, exist_ok=True)
    (latest / "latest.md").write_text(md)
    (latest / "latest.json").write_text(data)
    for path, text in ((json_path, data), (report_path, md), (html_path, html_report(runs, names, indexes))):
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    return md


def _index_entry(settings: Settings, path: Path, built: SetIndex | None) -> dict:
    """Which index answered a set, and for a set with documents, each document's outcome."""
    where = built.as_json() if built else {"index_dir": str(settings.index.index_dir)}
    return {"set": path.stem, "path": str(path), **where}


def _failures(built: SetIndex | None) -> list[tuple[str, str]]:
    """The set documents that could not be added; corpus files skipped in the copy are only mentioned, as
    `medcite ingest` skips them in the user's own index too."""
    if built is None:
        return []
    for file, reason in built.corpus_failed:
        typer.echo(f"skipped {file} of the corpus copy: {reason}", err=True)
    return built.failures()


def _latest(settings: Settings) -> Path:
    return settings.index.index_dir / "reports"
