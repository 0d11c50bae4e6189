"""Deterministic follow-up rewriting: a follow-up inherits the topic of the previous turns, a new topic does not.

The topic is a subject (a short item heading of the corpus, e.g. "Calcitonin", "Orthoses/Bracing") and a
context (the other content words of the previous standalone question, e.g. "acute compression fracture pain").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.answer.text import ANAPHORA, content_words, key_terms, stem, stems, words

_CUES = ("and ", "what about", "how about", "why not", "why", "what else", "also", "but ", "so ", "then ",
         "how long", "how often", "how much", "any other", "is there", "are there", "compared")
_SHIFT_CUES = ("what about", "how about", "and what about", "and ")


@dataclass(frozen=True)
class Topic:
    subject: str | None  # e.g. "Calcitonin"
    context: list[str]  # content words of the previous standalone question, minus the subject's


class SubjectVocabulary:
    """Short item headings of the corpus, matched by stem: the things a clinician asks about."""

    def __init__(self, sections: list[str]) -> None:
        self.subjects: dict[str, set[str]] = {}
        for section in sections:
            leaf = section.split(" › ")[-1].strip()
            if not leaf or len(leaf.split()) > 4 or re.search(r"[?()\d:]", leaf) or leaf.lower() == "references":
                continue
            subject_stems = {stem(w) for w in key_terms(leaf)}
            if subject_stems:
                self.subjects.setdefault(leaf, subject_stems)

    def find(self, text: str) -> list[str]:
        """Subjects named in `text`, in order of first mention."""
        text_stems = [stem(w) for w in words(text)]
        found = []
        for subject, subject_stems in self.subjects.items():
            positions = [i for i, s in enumerate(text_stems) if s in subject_stems]
            if positions:
                found.append((positions[0], -len(subject_stems), subject))
        return [s for _, _, s in sorted(found)]


def is_followup(question: str, vocabulary: SubjectVocabulary) -> bool:
    """A follow-up leans on an earlier turn: a pronoun, a cue ("And for ...", "Why not?"), or no subject."""
    q = question.strip().lower()
    tokens = words(q)
    if not tokens:
        return False
    if any(t in ANAPHORA for t in tokens):
        return True
    if q.startswith(_CUES):
        return True
    return not vocabulary.find(question) and len(key_terms(question)) <= 1 and len(tokens) <= 8


def all_stems(vocabulary: SubjectVocabulary) -> set[str]:
    return set().union(*vocabulary.subjects.values()) if vocabulary.subjects else set()


def topic_of(previous_standalone: str, cited: list[tuple[str, str]], vocabulary: SubjectVocabulary) -> Topic:
    """The subject of the previous turn, first found of: an item heading it names in full; the item heading
    or the short document title of the passage that answered it (cited = [(section, title)]); its own key
    terms."""
    plain = _strip_paren(previous_standalone)
    said = stems(previous_standalone)
    named = [s for s in vocabulary.find(previous_standalone) if vocabulary.subjects[s] <= said]
    leaves = [s for section, _ in cited for s in vocabulary.find(section.split(" › ")[-1])]
    titles = [t for _, title in cited if (t := _title_subject(title, plain))]
    candidates = named + [s for s in leaves if vocabulary.subjects[s] <= said] + titles
    candidates += [s for s in leaves if vocabulary.subjects[s] & stems(plain)]
    subject = candidates[0] if candidates else None
    if subject is None:
        own = key_terms(plain) or key_terms(previous_standalone)
        subject = " ".join(own[:3]) or None
    subject_stems = stems(subject) if subject else set()
    context = [w for w in content_words(plain) if stem(w) not in subject_stems
               and w in key_terms(w) + ["pain", "acute", "chronic"]]
    return Topic(subject, context)


def _title_subject(title: str, previous: str) -> str | None:
    """A short document title ("Calcium (MPlusHealthTopics)" -> "Calcium") that the previous turn named."""
    plain = re.sub(r"\s*\([^)]*\)\s*$", "", title).strip()
    if not plain or "?" in plain or len(plain.split()) > 5:
        return None
    return plain if stems(plain) & stems(previous) else None


def rewrite(question: str, topic: Topic, vocabulary: SubjectVocabulary) -> str:
    """The standalone retrieval query for a follow-up, e.g. "What are its side effects?" ->
    "What are Calcitonin side effects?"; "What about bracing?" -> "What about bracing? (about ... pain)".
    "And estrogen - should it be used?" names a new subject before its pronoun: the pronoun is that subject."""
    own = vocabulary.find(question)
    lowered = question.strip().lower()
    shift = lowered.startswith(_SHIFT_CUES) and bool(_new_terms(question, topic)) and \
        any(t in ANAPHORA for t in words(lowered))
    if topic.subject and not own and not shift:
        replaced = _replace_pronouns(question, topic.subject)
        if replaced != question:
            return replaced
        return f"{question.strip()} (about {' '.join([topic.subject, *topic.context])})"
    context = " ".join(topic.context if own or not topic.subject else [topic.subject, *topic.context])
    return f"{question.strip()} (about {context})" if context else question.strip()


def _new_terms(question: str, topic: Topic) -> list[str]:
    """Key terms of the question that name something new (not the topic, not a generic word)."""
    known = stems(" ".join([topic.subject or "", *topic.context]))
    return [t for t in key_terms(question) if stem(t) not in known and len(t) > 3]


def _replace_pronouns(question: str, subject: str) -> str:
    out = re.sub(r"\b(its|their)\b", subject, question, count=1, flags=re.I)
    if out == question:
        out = re.sub(r"\b(it|they|them|this|these|those)\b", subject, question, count=1, flags=re.I)
    return out


def _strip_paren(text: str) -> str:
    return re.sub(r"\s*\(about [^)]*\)", "", text)
