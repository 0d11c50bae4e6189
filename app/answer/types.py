"""The records the engine hands to the CLI, the app and the eval runner."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.types import Statement

NOTE = ("Information from the indexed documents, not medical advice: check the cited sources and use clinical "
        "judgement.")


@dataclass(frozen=True)
class Passage:
    rank: int
    chunk_id: str
    doc_id: str
    title: str
    section: str
    text: str
    statements: tuple[Statement, ...]
    references: tuple[dict, ...]  # resolved entries cited by the passage; {"n", "unresolved": True} if absent
    page: int | None
    kind: str  # chunk kind: "text" or "reference"
    score: float
    dense_score: float | None = None
    keyword_score: float | None = None

    @property
    def leaf(self) -> str:
        return self.section.split(" › ")[-1] if self.section else ""


@dataclass(frozen=True)
class Citation:
    n: int
    passage: Passage
    quoted: tuple[str, ...] = ()  # the statements of the passage that the answer quotes


@dataclass(frozen=True)
class Answer:
    question: str
    standalone_question: str
    text: str
    abstained: bool
    citations: tuple[Citation, ...]
    passages: tuple[Passage, ...]
    timings_ms: dict[str, float] = field(default_factory=dict)
    flagged: tuple[str, ...] = ()  # sentences of an LLM answer left without a valid citation
    answerer: str = "extractive"
    note: str = NOTE

    def as_json(self) -> dict:
        return {
            "question": self.question, "standalone_question": self.standalone_question, "answer": self.text,
            "abstained": self.abstained,
            "citations": [{"n": c.n, "chunk_id": c.passage.chunk_id, "doc_id": c.passage.doc_id,
                           "title": c.passage.title, "section": c.passage.section, "text": c.passage.text,
                           "references": [_ref(r) for r in c.passage.references]} for c in self.citations],
            "passages": [{"rank": p.rank, "chunk_id": p.chunk_id, "doc_id": p.doc_id, "title": p.title,
                          "section": p.section, "text": p.text, "score": round(p.score, 6)} for p in self.passages],
            "timings_ms": {k: round(self.timings_ms.get(k, 0.0), 2) for k in ("retrieve", "answer", "total")},
        }


def _ref(r: dict) -> dict:
    if r.get("unresolved"):  # cited in the text, absent from the document's reference list
        return {"n": r["n"], "kind": "unresolved", "title": None, "source": None, "year": None, "authors": None}
    return {"n": r["n"], "kind": r.get("kind"), "title": r.get("title"), "source": r.get("source"),
            "year": r.get("year"), "authors": r.get("authors") or None}
