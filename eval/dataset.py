"""Evaluation sets: JSONL, one conversation per line (id, turns: ask, evidence, facts, forbid, abstain)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import MedciteError


class BadEvalSet(MedciteError):
    """A set file that cannot be read: the message names the file and line."""


@dataclass(frozen=True)
class Turn:
    ask: str
    evidence: tuple[str, ...] = ()
    facts: tuple[tuple[str, ...], ...] = ()
    forbid: tuple[str, ...] = ()
    abstain: bool = False


@dataclass(frozen=True)
class Conversation:
    id: str
    turns: tuple[Turn, ...]
    set_name: str


def load_set(path: Path) -> list[Conversation]:
    if not path.exists():
        raise BadEvalSet(f"{path} does not exist; give a JSONL set such as eval/sets/core.jsonl.")
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(_conversation(json.loads(line), path.stem, number))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise BadEvalSet(f"{path}:{number}: {exc.__class__.__name__}: {exc}; each line is "
                             '{"id": ..., "turns": [{"ask": ...}, ...]}') from None
    if not out:
        raise BadEvalSet(f"{path} holds no conversations.")
    return out


def _conversation(data: dict, set_name: str, number: int) -> Conversation:
    turns = tuple(_turn(t) for t in data["turns"])
    if not turns:
        raise ValueError("a conversation needs at least one turn")
    return Conversation(str(data.get("id") or f"{set_name}-{number}"), turns, set_name)


def _turn(t: dict) -> Turn:
    if not isinstance(t.get("ask"), str) or not t["ask"].strip():
        raise ValueError("every turn needs a non-empty 'ask'")
    facts = tuple(tuple(g) if isinstance(g, list) else (g,) for g in t.get("facts", []))
    return Turn(t["ask"], tuple(t.get("evidence", [])), facts, tuple(t.get("forbid", [])), bool(t.get("abstain", False)))
