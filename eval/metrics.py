"""Metric definitions, as pure functions over turn results (see the README for the exact wording)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.answer.text import content_words
from app.answer.types import Answer
from eval.dataset import Turn

HIGHER_IS_BETTER = ("evidence_recall@k", "mrr", "fact_recall", "fact_at_1", "citation_validity", "citation_support",
                    "abstention_precision", "abstention_recall")
LOWER_IS_BETTER = ("forbidden_rate", "latency_p50_ms", "latency_p95_ms")
TWO_SIDED = ("statements_per_answer",)  # neither direction is better: --min is a floor, --max a ceiling
_MARKER = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class TurnResult:
    conversation: str
    set_name: str
    index: int
    turn: Turn
    answer: Answer


def norm(text: str) -> str:
    """Case- and whitespace-insensitive, citation markers ignored."""
    return " ".join(_MARKER.sub(" ", text).lower().split())


def passage_text(p) -> str:
    return norm(f"{p.section}\n{p.text}")


def evidence_hits(r: TurnResult) -> list[bool]:
    texts = [passage_text(p) for p in r.answer.passages]
    return [any(norm(e) in t for t in texts) for e in r.turn.evidence]


def first_evidence_rank(r: TurnResult) -> int | None:
    snippets = [norm(e) for e in r.turn.evidence]
    for p in r.answer.passages:
        if any(s in passage_text(p) for s in snippets):
            return p.rank
    return None


def facts_met(r: TurnResult) -> list[bool]:
    return facts_in(r.answer.text, r.turn.facts)


def facts_in(text: str, facts: tuple[tuple[str, ...], ...]) -> list[bool]:
    """For each fact group, whether any alternative is in the text (case-insensitive)."""
    text = text.lower()
    return [any(alt.lower() in text for alt in group) for group in facts]


def statements(answer: Answer) -> list[str]:
    """The answer's lines that carry a [n] marker (a leading "- " bullet stripped); if none does, its first
    non-empty line."""
    lines = [line.strip().removeprefix("- ") for line in answer.text.splitlines() if line.strip()]
    return [line for line in lines if _MARKER.search(line)] or lines[:1]


def first_statement_has_fact(r: TurnResult) -> bool:
    """Whether the answer's first statement holds any alternative of any fact group."""
    first = statements(r.answer)[:1]
    return bool(first) and any(facts_in(first[0], r.turn.facts))


def forbidden_found(r: TurnResult) -> list[str]:
    text = r.answer.text.lower()
    return [f for f in r.turn.forbid if f.lower() in text]


def cited_statements(answer: Answer) -> list[tuple[str, list[int]]]:
    """(statement, marker numbers) for each line or sentence of the answer that carries markers."""
    out = []
    for part in re.split(r"\n|(?<=\])\s+(?=[A-Z])", answer.text):
        numbers = [int(n) for n in _MARKER.findall(part)]
        if numbers:
            out.append((_MARKER.sub("", part).strip(" -"), numbers))
    return out


def supported(statement: str, passage) -> bool:
    """The statement's words appear in the passage (heading path included): quoted, not invented."""
    words = content_words(statement)
    if not words:
        return True
    source = set(content_words(f"{passage.section} {passage.text}"))
    return sum(w in source for w in words) / len(words) >= 0.9


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    low, high = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def compute(results: list[TurnResult]) -> dict[str, float]:
    with_evidence = [r for r in results if r.turn.evidence]
    hits = [h for r in with_evidence for h in evidence_hits(r)]
    ranks = [first_evidence_rank(r) for r in with_evidence]
    answered = [r for r in results if r.turn.facts and not r.answer.abstained]
    facts = [f for r in answered for f in facts_met(r)]
    replied = [r for r in results if not r.answer.abstained]
    markers, valid, cited, backed = _citation_counts(results)
    predicted = [r for r in results if r.answer.abstained]
    truth = [r for r in results if r.turn.abstain]
    both = [r for r in predicted if r.turn.abstain]
    latencies = [r.answer.timings_ms.get("total", 0.0) for r in results]
    return {
        "turns": float(len(results)),
        "evidence_recall@k": _share(sum(hits), len(hits)),
        "mrr": _share(sum(1 / k for k in ranks if k), len(ranks)),
        "fact_recall": _share(sum(facts), len(facts)),
        "fact_at_1": _share(sum(first_statement_has_fact(r) for r in answered), len(answered)),
        "statements_per_answer": _share(sum(len(statements(r.answer)) for r in replied), len(replied), empty=0.0),
        "forbidden_rate": _share(sum(bool(forbidden_found(r)) for r in results), len(results), empty=0.0),
        "citation_validity": _share(valid, markers),
        "citation_support": _share(backed, cited),
        "abstention_precision": _share(len(both), len(predicted)),
        "abstention_recall": _share(len(both), len(truth)),
        "latency_p50_ms": percentile(latencies, 0.5),
        "latency_p95_ms": percentile(latencies, 0.95),
    }


def _citation_counts(results: list[TurnResult]) -> tuple[int, int, int, int]:
    """(markers, markers pointing to a retrieved passage, cited statements, statements their passage supports)."""
    markers, valid, cited, backed = 0, 0, 0, 0
    for r in results:
        by_n = {c.n: c.passage for c in r.answer.citations}
        retrieved = {p.chunk_id for p in r.answer.passages}
        for statement, numbers in cited_statements(r.answer):
            markers += len(numbers)
            valid += sum(n in by_n and by_n[n].chunk_id in retrieved for n in numbers)
            cited += 1
            backed += any(n in by_n and supported(statement, by_n[n]) for n in numbers)
    return markers, valid, cited, backed


def failed(r: TurnResult) -> list[str]:
    """Why a turn fails, as short reasons; empty when it passes."""
    reasons = []
    missing = [e for e, hit in zip(r.turn.evidence, evidence_hits(r)) if not hit]
    if missing:
        reasons.append("evidence not retrieved: " + "; ".join(missing))
    if not r.answer.abstained:
        unmet = [" | ".join(g) for g, ok in zip(r.turn.facts, facts_met(r)) if not ok]
        if unmet:
            reasons.append("facts missing: " + "; ".join(unmet))
    if forbidden_found(r):
        reasons.append("forbidden text: " + "; ".join(forbidden_found(r)))
    if r.answer.abstained != r.turn.abstain:
        reasons.append("abstained but should answer" if r.answer.abstained else "answered but should abstain")
    return reasons


def _share(n: float, total: int, empty: float = 1.0) -> float:
    return n / total if total else empty
