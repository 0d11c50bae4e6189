"""Hybrid retrieval: dense (Chroma) + BM25 (SQLite FTS5), fused by weighted reciprocal rank fusion."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from app.answer.text import keyword_terms
from app.answer.types import Passage
from ingest.embedder import Embedder
from ingest.store import Index
from ingest.store.records import references_of, statements_of


@dataclass(frozen=True)
class RetrievalConfig:
    k: int = 5
    candidates: int = 30
    mode: str = "hybrid"
    rrf_k: int = 60
    dense_weight: float = 1.0
    keyword_weight: float = 1.0
    kinds: tuple[str, ...] | None = None  # chunk kinds wanted ("text", "reference"); None: every kind


COMMON_SHARE = 0.2
# a keyword query costs what it ranks: a word in more chunks than this weighs little in BM25 (its idf is low
# at any corpus size where it is reached) but would make one query rank tens of thousands of rows at 100k+
MAX_POSTINGS = 3000
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="keyword-search")


def rrf(rankings: list[tuple[list[str], float]], rrf_k: int) -> dict[str, float]:
    """Weighted reciprocal rank fusion: id -> sum of weight / (rrf_k + rank), ranks from 1."""
    fused: dict[str, float] = {}
    for ids, weight in rankings:
        for rank, cid in enumerate(ids, start=1):
            fused[cid] = fused.get(cid, 0.0) + weight / (rrf_k + rank)
    return fused


class Retriever:
    def __init__(self, index: Index, embedder: Embedder) -> None:
        self.index = index
        self.embedder = embedder
        self._df: dict[str, int] = {}  # word -> chunks containing it
        self._postings: dict[str, int] = {}  # word -> chunks containing it, counted up to MAX_POSTINGS + 1
        self._total: int | None = None

    def dense(self, query: str, n: int, vector: np.ndarray | None = None) -> list[tuple[str, float]]:
        return self.index.query(self.embedder.encode_query(query) if vector is None else vector, n)

    def keyword(self, query: str, n: int, alone: bool = False) -> list[tuple[str, float]]:
        """BM25 over the selective words; `alone`: there is no dense side, so the rarest word is always kept."""
        return self.index.catalog.keyword_search(self.selective_terms(keyword_terms(query), alone), n)

    def doc_freq(self, words: list[str]) -> dict[str, int]:
        """Chunks containing each word, cached (the engine makes a new Retriever when the index changes)."""
        todo = [w for w in words if w not in self._df]
        if todo:
            self._df.update(self.index.catalog.doc_freq(todo))
        return {w: self._df[w] for w in words}

    @property
    def chunk_total(self) -> int:
        if self._total is None:
            self._total = max(self.index.catalog.keyword_count(), 1)  # a full count: once per index state
        return self._total

    def postings(self, words: list[str]) -> dict[str, int]:
        """Chunks containing each word, counted only up to MAX_POSTINGS + 1 (exact below it), cached: a count
        stops early, where an exact one of a word in 200,000 of 1M chunks costs ~10 ms."""
        todo = [w for w in words if w not in self._postings]
        if todo:
            self._postings.update(self.index.catalog.doc_freq(todo, cap=MAX_POSTINGS + 1))
        return {w: self._postings[w] for w in words}

    def selective_terms(self, terms: list[str], alone: bool = False) -> list[str]:
        """Drop words found in more than COMMON_SHARE of the chunks, or in more than MAX_POSTINGS of them
        (near-zero BM25 weight, yet they make the search rank most of the corpus). When none is left, keep the
        rarest if it is under MAX_POSTINGS; a question made only of words each in more chunks than that (at
        library scale: "What is leukemia?" among 1M chunks) is searched by meaning alone in hybrid mode (in
        keyword mode, `alone`, its rarest word is still searched, whatever it costs)."""
        if not terms:
            return terms
        df = self.postings(terms)
        limit = min(COMMON_SHARE * self.chunk_total, MAX_POSTINGS)
        kept = [t for t in terms if df[t] <= limit]
        if kept:
            return kept
        rarest = min(terms, key=lambda t: df[t])
        if df[rarest] <= MAX_POSTINGS:
            return [rarest]
        if alone:  # capped counts tie above the limit: the rarest word needs exact ones
            exact = self.doc_freq(terms)
            return [min(terms, key=lambda t: exact[t])]
        return []

    def retrieve(self, query: str, config: RetrievalConfig, vector: np.ndarray | None = None) -> list[Passage]:
        """The top-k passages for `query` (its vector when already encoded), best first, with scores."""
        # the keyword search runs beside the query embedding (both release the GIL)
        pending = _POOL.submit(self.keyword, query, config.candidates, config.mode == "keyword") \
            if config.mode != "dense" else None
        dense = self.dense(query, config.candidates, vector) if config.mode in ("hybrid", "dense") else []
        keyword = pending.result() if pending else []
        if config.mode == "dense":
            scores = dict(dense)
        elif config.mode == "keyword":
            scores = dict(keyword)
        else:
            scores = rrf([([c for c, _ in dense], config.dense_weight),
                          ([c for c, _ in keyword], config.keyword_weight)], config.rrf_k)
        top, records = self._best(sorted(scores, key=lambda c: -scores[c]), config)
        dense_by, keyword_by = dict(dense), dict(keyword)
        return [_passage(rank, cid, *records[cid], scores[cid], dense_by.get(cid), keyword_by.get(cid))
                for rank, cid in enumerate(top, start=1)]

    def _best(self, ranked: list[str], config: RetrievalConfig) -> tuple[list[str], dict[str, tuple[str, dict]]]:
        """The first k ranked ids of the wanted kinds, with their records: a reference list whose titles repeat
        the question's words must not fill the passages of a clinical question. Fetched in two rounds, the
        second only when the first held too few of the kinds."""
        records = self.index.fetch(ranked[: 2 * config.k])
        if config.kinds is not None and len(ranked) > 2 * config.k and \
                sum(_kind(r) in config.kinds for r in records.values()) < config.k:
            records.update(self.index.fetch(ranked[2 * config.k:]))
        wanted = [c for c in ranked if c in records and (config.kinds is None or _kind(records[c]) in config.kinds)]
        return wanted[: config.k], records


def document_passages(index: Index, doc_id: str, start_rank: int, kind: str = "text") -> list[Passage]:
    """Every chunk of one kind of one document as passages, in reading order, ranked after the retrieved ones."""
    rows = [r for r in index.catalog.doc_records(doc_id) if _kind(r[1:]) == kind]
    return [_passage(start_rank + i, cid, document, meta, 0.0, None, None)
            for i, (cid, document, meta) in enumerate(rows)]


def _kind(record: tuple[str, dict]) -> str:
    return record[1].get("chunk_kind", "text")


def _passage(rank: int, cid: str, document: str, meta: dict, score: float, dense: float | None,
             keyword: float | None) -> Passage:
    page = meta.get("page", -1)
    return Passage(rank=rank, chunk_id=cid, doc_id=meta["doc_id"], title=meta.get("title", ""),
                   section=meta.get("section", ""), text=document, statements=tuple(statements_of(meta)),
                   references=tuple(references_of(meta)), page=None if page == -1 else page,
                   kind=meta.get("chunk_kind", "text"), score=score, dense_score=dense, keyword_score=keyword)
