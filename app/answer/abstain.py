"""Decide from the evidence whether the corpus covers a question.

Signals, calibrated on eval/sets/core.jsonl: a key term the corpus never mentions that is not a common
English word (a drug or disease it does not name: "amoxicillin", "otitis"); a common word the corpus never
uses ("insulin", "capital") when at most half the key terms are in the retrieved passages and no passage is
close in meaning; and no key term at all in the retrieved passages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.answer.text import content_words, in_corpus_terms, key_terms, stem, stems
from app.answer.types import Passage

MAX_FOUND_SHARE = 0.5  # with a common word the corpus never uses, this share or less of terms found...
MIN_DENSE = 0.45  # ...and no passage this close (cosine) means the question is about something else


@dataclass(frozen=True)
class Verdict:
    abstain: bool
    missing: tuple[str, ...] = ()  # key terms absent from the corpus or from the passages
    reason: str = ""


def judge(question: str, standalone: str, passages: list[Passage],
          in_corpus: Callable[[list[str]], dict[str, bool]], is_common: Callable[[str], bool]) -> Verdict:
    """Abstain when the corpus does not cover the question; the standalone query carries a follow-up's topic."""
    if not passages:
        return Verdict(True, (), "nothing was retrieved")
    if not content_words(standalone):
        return Verdict(True, (), "the question names no topic")
    terms = key_terms(standalone)
    parts = sorted({p for t in terms for p in in_corpus_terms(t)})
    present = in_corpus(parts) if parts else {}
    absent = [t for t in terms if not all(present.get(p, False) for p in in_corpus_terms(t))]
    rare = [t for t in absent if not all(_common(p, is_common) for p in in_corpus_terms(t))]
    if rare:
        return Verdict(True, tuple(rare), "not in the corpus")
    passage_stems = set().union(*(stems(f"{p.section} {p.text}") for p in passages))
    found = [t for t in terms if stem(t) in passage_stems or stems(t) <= passage_stems]
    share = len(found) / len(terms) if terms else 1.0
    best_dense = max((p.dense_score for p in passages if p.dense_score is not None), default=1.0)
    if absent and share <= MAX_FOUND_SHARE and best_dense < MIN_DENSE:
        return Verdict(True, tuple(absent), "not in the corpus")
    if terms and not found:
        return Verdict(True, tuple(terms), "not in the retrieved passages")
    return Verdict(False)


def _common(word: str, is_common: Callable[[str], bool]) -> bool:
    """A common word, also in its plural or -ed form ("formulations", "switched")."""
    forms = {word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith(("es", "ed")) else word}
    return any(is_common(f) for f in forms)


def abstention_text(question: str, verdict: Verdict) -> str:
    if verdict.reason == "the question names no topic":
        return ("The indexed documents do not cover a question that names no topic: ask about a treatment, "
                "a condition or a test.")
    q = question.strip().rstrip("?")
    where = "the indexed documents never mention" if verdict.reason == "not in the corpus" else \
        "the passages retrieved for it do not mention"
    detail = f" ({where} {', '.join(verdict.missing)})" if verdict.missing else ""
    return f"The indexed documents do not cover this question: \u201c{q}?\u201d{detail}."
