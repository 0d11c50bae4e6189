"""Run evaluation sets through the engine, one or several configurations, with a progress bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.answer.engine import Engine
from app.cli.progress import ProgressBar
from app.answer.types import Answer
from eval.dataset import Conversation
from eval.metrics import TurnResult, compute

COMPARE = [("hybrid", 5), ("dense", 5), ("keyword", 5), ("hybrid", 3), ("dense", 3), ("keyword", 3),
           ("hybrid", 10), ("dense", 10), ("keyword", 10)]


@dataclass(frozen=True)
class Config:
    mode: str
    k: int

    @property
    def name(self) -> str:
        return f"{self.mode} k={self.k}"


@dataclass
class RunResult:
    config: Config
    results: list[TurnResult]

    def metrics(self, set_name: str | None = None) -> dict[str, float]:
        picked = [r for r in self.results if set_name is None or r.set_name == set_name]
        return compute(picked)


def run(engine: Engine, conversations: list[Conversation], config: Config,
        tick: Callable[[], None] | None = None) -> RunResult:
    """Ask every turn; later turns of a conversation are asked with the earlier answers as history."""
    results = []
    for conv in conversations:
        history: list[Answer] = []
        for i, turn in enumerate(conv.turns):
            answer = engine.ask(turn.ask, history, k=config.k, mode=config.mode, use_llm=True)
            history.append(answer)
            results.append(TurnResult(conv.id, conv.set_name, i, turn, answer))
            if tick:
                tick()
    return RunResult(config, results)


def run_all(engine: Engine, conversations: list[Conversation], configs: list[Config],
            show_progress: bool = True) -> list[RunResult]:
    total = sum(len(c.turns) for c in conversations) * len(configs)
    done = [0]
    with ProgressBar("Evaluating", disabled=not show_progress) as tick:
        def advance() -> None:
            done[0] += 1
            tick(done[0], total)

        return [run(engine, conversations, c, advance) for c in configs]


def check_bounds(metrics: dict[str, float], minimums: dict[str, float], maximums: dict[str, float]) -> list[str]:
    """The bounds not met, as 'metric = value < bound' lines."""
    out = [f"{m} = {metrics[m]:.3f} < {v}" for m, v in minimums.items() if metrics[m] < v]
    out += [f"{m} = {metrics[m]:.3f} > {v}" for m, v in maximums.items() if metrics[m] > v]
    return out
