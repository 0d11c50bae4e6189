"""Decide from the evidence whether the corpus covers a question.

Three signals, calibrated on eval/sets/core.jsonl: a key term of the question that the corpus never
mentions and that is not a common word (a drug or disease it does not name: "amoxicillin", "otitis"); too
few key terms found in the retrieved passages; and a dense similarity too low to be about the question.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.text import in_corpus_terms, key_terms, stem, stems
from app.types import Passage

MIN_COVERAGE = 0.6  # share of the question's key terms found in the retrieved passages
MIN_DENSE = 0.30  # cosine similarity of the best passage, when the dense retriever ran


@dataclass(frozen=True)
class Verdict:
    abstain: bool
    missing: tuple[str, ...] = ()  # key terms absent from the corpus or from the passages
    reason: str = ""


def judge(question: str, standalone: str, passages: list[Passage],
          in_corpus: Callable[[list[str]], dict[str, bool]], is_common: Callable[[str], bool]) -> Verdict:
    if not passages:
        return Verdict(True, (), "nothing was retrieved")
    terms = key_terms(standalone)  # the question's own terms plus those a follow-up inherited
    parts = sorted({p for t in terms for p in in_corpus_terms(t)})
    present = in_corpus(parts) if parts else {}
    unknown = [t for t in terms if not all(present.get(p, False) for p in in_corpus_terms(t))
               and not all(is_common(p) for p in in_corpus_terms(t))]
    if unknown:
        return Verdict(True, tuple(unknown), "not in the corpus")
    passage_stems = set().union(*(stems(f"{p.section} {p.text}") for p in passages))
    absent = [t for t in terms if stem(t) not in passage_stems and not (stems(t) & passage_stems)]
    if terms and (len(terms) - len(absent)) / len(terms) < MIN_COVERAGE:
        return Verdict(True, tuple(absent), "not in the retrieved passages")
    best_dense = max((p.dense_score for p in passages if p.dense_score is not None), default=None)
    if best_dense is not None and best_dense < MIN_DENSE and len(absent) > 0:
        return Verdict(True, tuple(absent), "no passage is close to the question")
    return Verdict(False)


def abstention_text(question: str, verdict: Verdict) -> str:
    q = question.strip().rstrip("?")
    detail = f" (no indexed passage mentions {', '.join(verdict.missing)})" if verdict.missing else ""
    return f"The indexed documents do not cover this question: \u201c{q}?\u201d{detail}."
