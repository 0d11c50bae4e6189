"""Common words: the whole-word entries of the bundled MiniLM's WordPiece vocabulary (about 20k English words).

A word the corpus never mentions is a reason to abstain only when it is not common (a drug or disease name
such as "amoxicillin" or "otitis" splits into word pieces); a common word ("say", "capital") merely counts
against the coverage of the question by the retrieved passages.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    from ingest.embedder import resolve_model
    from ingest.settings import BUNDLED_MODEL

    vocab = Path(resolve_model(BUNDLED_MODEL)) / "vocab.txt"
    if not vocab.exists():
        return frozenset()
    return frozenset(w for w in vocab.read_text(encoding="utf-8").split() if w.isalpha() and len(w) > 1)


def is_common(word: str) -> bool:
    return word.lower() in common_words()
