"""Answers to and from plain dicts, so conversations survive a browser reload (stored in SQLite)."""

from __future__ import annotations

from app.answer.types import Answer, Citation, Passage
from ingest.types import Statement


def passage_to_dict(p: Passage) -> dict:
    return {"rank": p.rank, "chunk_id": p.chunk_id, "doc_id": p.doc_id, "title": p.title, "section": p.section,
            "text": p.text, "statements": [[s.text, list(s.cites), s.page] for s in p.statements],
            "references": list(p.references), "page": p.page, "kind": p.kind, "score": p.score,
            "dense_score": p.dense_score, "keyword_score": p.keyword_score}


def passage_from_dict(d: dict) -> Passage:
    return Passage(rank=d["rank"], chunk_id=d["chunk_id"], doc_id=d["doc_id"], title=d["title"],
                   section=d["section"], text=d["text"],
                   statements=tuple(Statement(t, tuple(c), pg) for t, c, pg in d["statements"]),
                   references=tuple(d["references"]), page=d["page"], kind=d["kind"], score=d["score"],
                   dense_score=d["dense_score"], keyword_score=d["keyword_score"])


def answer_to_dict(a: Answer) -> dict:
    return {"question": a.question, "standalone_question": a.standalone_question, "text": a.text,
            "abstained": a.abstained, "passages": [passage_to_dict(p) for p in a.passages],
            "citations": [{"n": c.n, "chunk_id": c.passage.chunk_id, "quoted": list(c.quoted)} for c in a.citations],
            "timings_ms": a.timings_ms, "flagged": list(a.flagged), "answerer": a.answerer}


def answer_from_dict(d: dict) -> Answer:
    passages = tuple(passage_from_dict(p) for p in d["passages"])
    by_id = {p.chunk_id: p for p in passages}
    citations = tuple(Citation(c["n"], by_id[c["chunk_id"]], tuple(c["quoted"])) for c in d["citations"]
                      if c["chunk_id"] in by_id)
    return Answer(question=d["question"], standalone_question=d["standalone_question"], text=d["text"],
                  abstained=d["abstained"], citations=citations, passages=passages, timings_ms=d["timings_ms"],
                  flagged=tuple(d["flagged"]), answerer=d["answerer"])
