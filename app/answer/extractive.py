"""The default answerer: quote the statements of the top passages that answer the question, each cited.

Statements are quoted, never reworded, so negations and numbers survive. A bullet that does not name its
subject gets the passage's item heading in front ("Calcitonin: recommended for ...").
"""

from __future__ import annotations

from dataclasses import dataclass

import re
from collections.abc import Callable

from app.answer.followup import SubjectVocabulary, all_stems
from app.answer.text import GENERIC, STOP, content_words, key_terms, stem, stems, words
from app.answer.types import Citation, Passage

MAX_STATEMENTS = 5
# a question about the literature may quote reference entries; others quote clinical statements only
_LITERATURE = {"study", "studies", "meta", "analysis", "meta-analysis", "review", "trial", "trials", "reference",
               "references", "source", "sources", "published", "journal", "paper", "article", "author", "cite",
               "citation", "citations", "literature", "guideline", "guidelines"}
_LEANS_BACK = re.compile(r"^(it|its|this|these|they|such|the (drug|medicine|medication|treatment|procedure|"
                         r"test|condition|disease|therapy))\b|^(use|treatment|side effects) of (it|the drug)\b",
                         re.I)
# What a question asks for, and what a statement that answers it contains: a dose asks for amounts, a
# "how long" for durations.
_ANSWER_TYPES = [
    (re.compile(r"\b(dose|doses|dosage|dosing|how much|how many)\b", re.I),
     re.compile(r"\d\s*(mg|mcg|µg|g|iu|units?|ml)\b", re.I)),
    (re.compile(r"\b(how long|duration|how soon|how often|for what period)\b", re.I),
     re.compile(r"\b(\d+(-\d+)?\s*(days?|weeks?|months?|years?)|\d+-(day|week|month|year)|"
                r"shortest time|long[- ]term|once|daily|yearly|annually)\b", re.I)),
]
KEEP_RATIO = 0.4


@dataclass(frozen=True)
class Scored:
    score: float
    passage: Passage
    index: int  # position of the statement in its passage
    text: str


def answer(question: str, passages: list[Passage], vocabulary: SubjectVocabulary,
           idf: Callable[[list[str]], dict[str, float]] | None = None) -> tuple[str, list[Citation]]:
    """Answer text with [n] markers, and the citations they point to (n in order of first use)."""
    picked = select(question, passages, idf)
    subject_stems = all_stems(vocabulary)
    numbers: dict[str, int] = {}
    quoted: dict[str, list[str]] = {}
    lines = []
    for s in picked:
        n = numbers.setdefault(s.passage.chunk_id, len(numbers) + 1)
        quoted.setdefault(s.passage.chunk_id, []).append(s.text)
        lines.append(f"- {with_subject(s.text, s.passage, subject_stems)} [{n}]")
    by_id = {p.chunk_id: p for p in passages}
    citations = [Citation(n, by_id[cid], tuple(quoted[cid])) for cid, n in numbers.items()]
    return "\n".join(lines), citations


def select(question: str, passages: list[Passage],
           idf: Callable[[list[str]], dict[str, float]] | None = None) -> list[Scored]:
    """The statements that answer the question, in passage-rank order then reading order.

    A question word counts by its rarity in the corpus (idf), where the statement or its item heading names
    it (bullets never name their item); generic question words count half, and only inside the statement;
    the rest of the heading path counts a quarter.
    """
    words_ = content_words(question)
    weights = idf(words_) if idf else {w: 1.0 for w in words_}
    key = {stem(w): weights.get(w, 1.0) for w in key_terms(question)}
    wanted = [shape for asks, shape in _ANSWER_TYPES if asks.search(question)]
    bonus = max(key.values(), default=1.0)  # an answer of the asked-for shape counts as one more key term
    generic = {stem(w): 0.5 * weights.get(w, 1.0) for w in words_ if stem(w) not in key}
    literature = bool(_LITERATURE & set(words(question))) or re.search(r"\b(19|20)\d\d\b", question) is not None
    scored = []
    for p in passages:
        if p.kind == "reference" and not literature:
            continue
        leaf_stems, path_stems = stems(p.leaf), stems(p.section)
        previous: frozenset[str] = frozenset()
        for i, st in enumerate(p.statements):
            s_stems = stems(st.text)
            # "Use of the drug for more than 2 years ..." is about what the sentence before it named
            carried = previous if _LEANS_BACK.match(st.text) else frozenset()
            previous = s_stems
            if len(words(st.text)) < 3:
                continue  # a heading fragment such as "Calcitonin."
            score = sum(w for t, w in key.items() if t in s_stems or t in leaf_stems)
            score += 0.5 * sum(w for t, w in key.items() if t in carried - s_stems - leaf_stems)
            score += sum(w for t, w in generic.items() if t in s_stems)
            score += 0.25 * sum(w for t, w in {**generic, **key}.items() if t in path_stems - s_stems - leaf_stems)
            score += bonus * sum(1 for shape in wanted if shape.search(st.text))
            scored.append(Scored(score * (1.0 + 0.5 / p.rank), p, i, st.text))
    if not scored:
        return []
    unique: dict[str, Scored] = {}
    for s in scored:  # the same sentence in two passages is quoted once, from the better one
        key_text = " ".join(words(s.text))
        if key_text not in unique or s.score > unique[key_text].score:
            unique[key_text] = s
    scored = list(unique.values())
    best = max(s.score for s in scored)
    keep = sorted((s for s in scored if s.score >= best * KEEP_RATIO), key=lambda s: -s.score)[:MAX_STATEMENTS]
    return sorted(keep, key=lambda s: (s.passage.rank, s.index))


def with_subject(text: str, passage: Passage, subject_stems: set[str]) -> str:
    """Prefix the item heading when the statement names no subject ("Calcitonin: recommended for ...")."""
    leaf = passage.leaf
    if not leaf or "?" in leaf or len(leaf.split()) > 5 or passage.kind == "reference":
        return text
    text_stems = stems(text)
    leaf_stems = {stem(w) for w in content_words(leaf) if w not in GENERIC}
    if leaf_stems & text_stems or subject_stems & text_stems:
        return text
    first = words(text[:40])[:1]
    lower = bool(first) and (first[0] in GENERIC or first[0] in STOP) and text[1:2].islower()
    return f"{leaf}: {text[:1].lower() + text[1:] if lower else text}"
