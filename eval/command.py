"""`medcite eval`: run sets, print the table, write reports, enforce --min/--max bounds."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from app.answer.engine import Engine
from app.answer.settings import Settings
from eval.dataset import BadEvalSet, load_set
from eval.metrics import HIGHER_IS_BETTER, LOWER_IS_BETTER
from eval.report import dumps, html_report, markdown, table
from eval.runner import COMPARE, Config, check_bounds, run_all


def parse_bounds(pairs: list[str], k: int, upper: bool) -> tuple[dict[str, float], dict[str, float]]:
    """'evidence_recall@5=0.9' -> floors {'evidence_recall@k': 0.9}. Returns (floors, ceilings): with --min a
    lower-is-better metric (forbidden_rate, latencies) is a ceiling, as in `--min forbidden_rate=0`."""
    floors: dict[str, float] = {}
    ceilings: dict[str, float] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        match = re.fullmatch(r"evidence_recall@(\d+)", name)
        if match and int(match.group(1)) != k:
            raise BadEvalSet(f"{name} needs --k {match.group(1)} (this run uses k={k}).")
        metric = "evidence_recall@k" if match else name
        flag = "--max" if upper else "--min"
        if not sep or metric not in HIGHER_IS_BETTER + LOWER_IS_BETTER or (upper and metric in HIGHER_IS_BETTER):
            hint = f" ({name} is bounded with --min)" if metric in HIGHER_IS_BETTER else ""
            raise BadEvalSet(f"{flag} {pair!r}: use METRIC=VALUE with one of "
                             f"{', '.join(HIGHER_IS_BETTER + LOWER_IS_BETTER)}{hint}.")
        try:
            bound = float(value)
        except ValueError:
            raise BadEvalSet(f"{flag} {pair!r}: {value!r} is not a number.") from None
        (ceilings if metric in LOWER_IS_BETTER else floors)[metric] = bound
    return floors, ceilings


def run_eval(settings: Settings, sets: list[Path], *, compare: bool, json_path: Path | None,
             report_path: Path | None, html_path: Path | None, minimums: list[str], maximums: list[str],
             engine: Engine | None = None, progress: bool = True) -> int:
    lows, highs = parse_bounds(minimums, settings.k, False)
    highs.update(parse_bounds(maximums, settings.k, True)[1])
    conversations = [c for path in sets for c in load_set(path)]
    names = list(dict.fromkeys(c.set_name for c in conversations))
    engine = engine or Engine(settings)
    first = Config(settings.mode, settings.k)
    configs = [first] + [Config(m, k) for m, k in COMPARE if compare and Config(m, k) != first]
    runs = run_all(engine, conversations, configs, show_progress=progress)
    typer.echo(table(runs))
    md, data = markdown(runs, names), dumps(runs, names)
    latest = settings.index.index_dir / "reports"
    latest.mkdir(parents=True, exist_ok=True)
    (latest / "latest.md").write_text(md)
    (latest / "latest.json").write_text(data)
    for path, text in ((json_path, data), (report_path, md), (html_path, html_report(runs, names))):
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    failures = sum(1 for line in md.splitlines() if line.startswith("### "))
    typer.echo(f"{failures} failed turns in {first.name}; full report: {report_path or latest / 'latest.md'}")
    unmet = check_bounds(runs[0].metrics(), lows, highs)
    for line in unmet:
        typer.echo(f"NOT MET: {line}", err=True)
    return 1 if unmet else 0
