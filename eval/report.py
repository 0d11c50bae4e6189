"""Reports: a Markdown table and failed turns, an HTML page with an inline SVG chart, and JSON."""

from __future__ import annotations

import html
import json

from eval.metrics import HIGHER_IS_BETTER, failed
from eval.runner import RunResult

SHOWN = ("evidence_recall@k", "mrr", "fact_recall", "fact_at_1", "statements_per_answer", "forbidden_rate",
         "citation_validity", "citation_support", "abstention_precision", "abstention_recall", "latency_p50_ms",
         "latency_p95_ms")


def as_json(runs: list[RunResult], sets: list[str], indexes: list[dict] | None = None) -> dict:
    """Per configuration its metrics, per set and failed turns; `indexes`: which index answered each set."""
    return {"indexes": indexes or [], "configs": [{"config": r.config.name, "mode": r.config.mode, "k": r.config.k,
                         "metrics": _named(r.metrics(), r.config.k),
                         "per_set": {s: _named(r.metrics(s), r.config.k) for s in sets},
                         "failed": [_failure(t) for t in r.results if failed(t)]} for r in runs]}


def _named(metrics: dict[str, float], k: int) -> dict[str, float]:
    return {(f"evidence_recall@{k}" if m == "evidence_recall@k" else m): round(v, 4) for m, v in metrics.items()}


def _failure(t) -> dict:
    return {"set": t.set_name, "conversation": t.conversation, "turn": t.index + 1, "question": t.turn.ask,
            "standalone_question": t.answer.standalone_question, "reasons": failed(t),
            "expected_evidence": list(t.turn.evidence), "expected_facts": [list(g) for g in t.turn.facts],
            "expected_abstain": t.turn.abstain, "abstained": t.answer.abstained, "answer": t.answer.text,
            "passages": [f"{p.rank}. {p.title} › {p.section}" for p in t.answer.passages]}


def table(runs: list[RunResult], set_name: str | None = None) -> str:
    head = "| config | " + " | ".join(SHOWN) + " |"
    rows = [head, "|" + " --- |" * (len(SHOWN) + 1)]
    for r in runs:
        m = r.metrics(set_name)
        rows.append(f"| {r.config.name} | " + " | ".join(_fmt(s, m[s]) for s in SHOWN) + " |")
    return "\n".join(rows)


def markdown(runs: list[RunResult], sets: list[str], indexes: list[dict] | None = None) -> str:
    summary = (f"Sets: {', '.join(sets)}; turns per configuration: {len(runs[0].results)}. "
               "evidence_recall@k uses each configuration's k.")
    out = ["# medcite evaluation", "", summary, ""]
    out += [_index_line(i) for i in indexes or []] + ([""] if indexes else []) + [table(runs), ""]
    if len(sets) > 1:
        for s in sets:
            out += [f"## Set {s}", "", table(runs, s), ""]
    first = runs[0]
    failures = [t for t in first.results if failed(t)]
    out += [f"## Failed turns ({first.config.name}): {len(failures)}", ""]
    for t in failures:
        f = _failure(t)
        out += [f"### {f['conversation']} turn {f['turn']}: {f['question']}", "",
                f"- standalone query: {f['standalone_question']}", f"- why: {'; '.join(f['reasons'])}",
                f"- expected evidence: {f['expected_evidence']}", f"- expected facts: {f['expected_facts']}",
                f"- expected abstain: {f['expected_abstain']}, abstained: {f['abstained']}",
                "- answer:", "", "```", t.answer.text, "```", "", "- passages: " + "; ".join(f["passages"]), ""]
    return "\n".join(out)


def _index_line(entry: dict) -> str:
    """'- added: index .../eval/added/index; documents eval/sets/added: 9 added, 0 unchanged, 1 failed'."""
    line = f"- {entry['set']}: index {entry['index_dir']}"
    if "added_files" in entry:
        outcomes = [f["outcome"] for f in entry["added_files"]]
        line += (f"; documents {entry['documents']}: " +
                 ", ".join(f"{outcomes.count(o)} {o}" for o in ("added", "unchanged", "failed")))
        line += "".join(f"\n  - failed {f['file']}: {f['reason']}" for f in entry["added_files"] if "reason" in f)
    return line


def html_report(runs: list[RunResult], sets: list[str], indexes: list[dict] | None = None) -> str:
    md = html.escape(markdown(runs, sets, indexes))
    charts = [_chart(runs, None, "All sets")] + ([_chart(runs, s, f"Set {s}") for s in sets] if len(sets) > 1 else [])
    return ("<!doctype html><html><head><meta charset='utf-8'><title>medcite evaluation</title>"
            "<style>body{font-family:sans-serif;margin:2em}pre{white-space:pre-wrap}</style></head><body>"
            "<h1>medcite evaluation</h1>" + "".join(charts) + f"<pre>{md}</pre></body></html>")


def _chart(runs: list[RunResult], set_name: str | None, title: str) -> str:
    """Grouped bars: one group per metric (0..1 scale), one bar per configuration."""
    metrics = [m for m in SHOWN if m in HIGHER_IS_BETTER or m == "forbidden_rate"]
    colors = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"]
    bar, gap, height = 10, 18, 200
    group = bar * len(runs) + gap
    width = 60 + group * len(metrics)
    parts = [f"<h2>{html.escape(title)}</h2><svg width='{width}' height='{height + 120}' role='img'>"]
    for i, metric in enumerate(metrics):
        x0 = 50 + i * group
        for j, r in enumerate(runs):
            value = r.metrics(set_name)[metric]
            h = value * height
            parts.append(f"<rect x='{x0 + j * bar}' y='{height - h + 10}' width='{bar - 1}' height='{h}' "
                         f"fill='{colors[j % len(colors)]}'><title>{html.escape(r.config.name)} {metric}: "
                         f"{value:.3f}</title></rect>")
        parts.append(f"<text x='{x0}' y='{height + 25}' font-size='10' transform='rotate(30 {x0} {height + 25})'>"
                     f"{metric}</text>")
    parts.append(f"<line x1='45' y1='{height + 10}' x2='{width}' y2='{height + 10}' stroke='#333'/>")
    legend = " ".join(f"<tspan fill='{colors[j % len(colors)]}'>■ {html.escape(r.config.name)}</tspan>"
                      for j, r in enumerate(runs))
    parts.append(f"<text x='50' y='{height + 110}' font-size='11'>{legend}</text></svg>")
    return "".join(parts)


def _fmt(metric: str, value: float) -> str:
    if metric.startswith("latency"):
        return f"{value:.0f}"
    return f"{value:.2f}" if metric == "statements_per_answer" else f"{value:.3f}"


def dumps(runs: list[RunResult], sets: list[str], indexes: list[dict] | None = None) -> str:
    return json.dumps(as_json(runs, sets, indexes), indent=2, ensure_ascii=False)
