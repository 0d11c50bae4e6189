"""Deterministic follow-up rewriting: a follow-up inherits the topic of the previous turns, a new topic does not.

The topic is a subject (a short item heading of the corpus, e.g. "Calcitonin", "Orthoses/Bracing") and a
context (the other content words of the previous standalone question, e.g. "acute compression fracture pain").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.text import ANAPHORA, content_words, key_terms, stem, stems, words

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


def topic_of(previous_standalone: str, cited_sections: list[str], vocabulary: SubjectVocabulary) -> Topic:
    named = vocabulary.find(previous_standalone)
    subject = named[0] if named else None
    if subject is None:
        for section in cited_sections:
            leaf = vocabulary.find(section.split(" › ")[-1])
            if leaf:
                subject = leaf[0]
                break
    subject_stems = stems(subject) if subject else set()
    context = [w for w in content_words(_strip_paren(previous_standalone)) if stem(w) not in subject_stems
               and w in key_terms(w) + ["pain", "acute", "chronic"]]
    return Topic(subject, context)


def rewrite(question: str, topic: Topic, vocabulary: SubjectVocabulary) -> str:
    """The standalone retrieval query for a follow-up, e.g. "What are its side effects?" ->
    "What are Calcitonin side effects?"; "What about bracing?" -> "What about bracing? (about ... pain)"."""
    own = vocabulary.find(question)
    shifts = bool(own) and question.strip().lower().startswith(_SHIFT_CUES)
    if topic.subject and not own:
        replaced = _replace_pronouns(question, topic.subject)
        if replaced != question:
            return replaced
        return f"{question.strip()} (about {topic.subject})"
    if shifts or own:
        context = " ".join(topic.context)
        return f"{question.strip()} (about {context})" if context else question.strip()
    context = " ".join(topic.context)
    return f"{question.strip()} (about {context})" if context else question.strip()


def _replace_pronouns(question: str, subject: str) -> str:
    out = re.sub(r"\b(its|their)\b", subject, question, count=1, flags=re.I)
    if out == question:
        out = re.sub(r"\b(it|they|them|this|these|those)\b", subject, question, count=1, flags=re.I)
    return out


def _strip_paren(text: str) -> str:
    return re.sub(r"\s*\(about [^)]*\)", "", text)
