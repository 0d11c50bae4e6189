"""Statements by meaning: each retrieved statement's vector (embedded at ingest) against the question's.

A statement is embedded with its item heading ("Vertebroplasty: Not recommended based on ...") because a
bullet never repeats the subject it is about. Vectors come from the index's embedding cache; a statement
the cache lacks (an index built before statement vectors existed) is embedded once and kept in memory.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from app.answer.types import Passage
from ingest.embedder import Embedder
from ingest.store import Index
from ingest.store.records import statement_embed_text, text_hash

MEMO_SIZE = 20_000


@dataclass(frozen=True)
class Candidate:
    """One statement of a retrieved passage, with its similarity to the question."""

    passage: Passage
    index: int  # position of the statement in its passage
    text: str
    similarity: float  # cosine of question and statement (with its item heading)


class StatementVectors:
    """Cosine similarity of a question vector to the statements of passages."""

    def __init__(self, index: Index, embedder: Embedder, model: str) -> None:
        self.index, self.embedder, self.model = index, embedder, model
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def candidates(self, question_vector: np.ndarray, passages: list[Passage],
                   kinds: tuple[str, ...] = ("text",)) -> list[Candidate]:
        """Every statement of the passages of these kinds, in passage then reading order, with its similarity."""
        slots = [(p, i, st.text, statement_embed_text(p.leaf, st.text))
                 for p in passages if p.kind in kinds for i, st in enumerate(p.statements)]
        if not slots:
            return []
        vectors = self.vectors([embedded for *_, embedded in slots])
        sims = vectors @ question_vector
        return [Candidate(p, i, text, float(s)) for (p, i, text, _), s in zip(slots, sims)]

    def vectors(self, texts: list[str]) -> np.ndarray:
        """Vectors of embedded statement texts: the cache first, then the memo, then the model."""
        hashes = [text_hash(t) for t in texts]
        with self._lock:
            found = {h: self._memo[h] for h in hashes if h in self._memo}
        missing = sorted(set(hashes) - set(found))
        if missing:
            found.update(self.index.catalog.cached_vectors(self.model, missing))
        todo = {h: t for h, t in zip(hashes, texts) if h not in found}
        if todo:
            found.update(zip(todo, self.embedder.encode(list(todo.values()))))
        with self._lock:
            for h in hashes:
                self._memo[h] = found[h]
                self._memo.move_to_end(h)
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return np.vstack([found[h] for h in hashes]).astype(np.float32)
