"""Misspelt words: a word the documents never write that is one slip of the keyboard from one they do.

Clinicians type fast: "lithuim", "lisinipril", "amoxicilin", "tonsilectomy", "pregant". Such a word is in no
dictionary and no document, so it finds nothing and reads as a subject no document names. The word the documents
write one or two edits away (a letter missed, added, changed or two swapped; two edits only in a long word) is
what was meant, written after it in parentheses as the engine writes a spelled-out abbreviation ("lisinipril
(lisinopril)"): the names, the search and the abstention rules read it. A word a dictionary knows (a drug, a
condition, general English) is never respelt: "prednisone" is not the documents' "prednisolone". Nor is a word as
close to a word of the dictionaries as to the documents' word: "clobetasole" may be the clobetasol the documents
never name as well as their clobetasone, "dysphasic" the dysphasia as well as their dysphagia.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MIN_LENGTH = 6  # shorter words are too close to too many others to respell
LONG = 9  # from this length a word may be two edits from the one meant
PREFIX = 4  # the letters a misspelt word is taken to begin with as the meant one does
CANDIDATES = 50  # the documents' words with that beginning that are compared


def distance(a: str, b: str) -> int:
    """The edits from one word to the other: letters inserted, deleted or changed, and two neighbours swapped
    (optimal string alignment)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def meant(word: str, written: dict[str, int], named: set[str] = frozenset()) -> str | None:
    """The one word of the documents' (`written`: word -> chunks) within the edits a word of its length allows,
    the closest; None when there is none, when two are as close, or when a word of the dictionaries' (`named`)
    that is not it is as close (which was meant is not known)."""
    allowed = 2 if len(word) >= LONG else 1
    near: dict[int, list[str]] = {}
    for other in written:
        if other.lower() != word and abs(len(other) - len(word)) <= allowed:
            d = distance(word, other.lower())
            if d <= allowed:
                near.setdefault(d, []).append(other)
    if not near:
        return None
    closest = near[min(near)]
    if len({c.lower() for c in closest}) > 1:
        return None
    rivals = (n for n in named if n not in (word, closest[0].lower()) and abs(len(n) - len(word)) <= min(near))
    return None if any(distance(word, n) <= min(near) for n in rivals) else closest[0]


def respelt(text: str, present: Callable[[list[str]], dict[str, bool]],
            completions: Callable[[str, int], dict[str, int]], known: Callable[[str], bool],
            dictionary: Callable[[str, int], set[str]] = lambda prefix, limit: set()) -> dict[str, str]:
    """The words of a text the documents never write, that no dictionary knows (`known`; `dictionary`: the
    dictionaries' words with a beginning), each with the word of the documents it is a slip from ("lisinipril" ->
    "lisinopril")."""
    words = list(dict.fromkeys(w.lower() for w in re.findall(r"(?<![\w-])[A-Za-z]+(?![\w-])", text)
                               if len(w) >= MIN_LENGTH))
    found = present(words) if words else {}  # the index first; the dictionaries only for what it lacks
    out = {}
    for word in (w for w in words if not found.get(w) and not known(w)):
        named = dictionary(word[:PREFIX], CANDIDATES)
        if word in named:
            continue
        fix = meant(word, completions(word[:PREFIX], CANDIDATES), named)
        if fix:
            out[word] = fix.lower()
    return out
