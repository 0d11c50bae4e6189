"""Abbreviations the documents spell out: "CAP" is the "community-acquired pneumonia" of the pneumonia guideline.

A clinician writes CAP, IDA, VTE; a guideline often writes the words. An abbreviation of the question that the
corpus never uses is matched to the most frequent run of corpus words whose initials spell it (hyphenated
words count each part: community-acquired -> c, a). The map is learned from the indexed text itself, once per
index state, and only when a question needs it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from app.answer.text import GENERIC, STOP

MAX_SKIPPED = 2  # stop words a spelled-out form may hold between its initials
MIN_SEEN = 2  # times a spelled-out form must occur (one more for a two-letter abbreviation)
_ALTERNATIVES = frozenset({"or", "nor"})  # words between two things no name joins ("ear, nose and throat" is ENT)
_ABBREVIATION = re.compile(r"\b([A-Z][A-Za-z0-9]{1,5})\b")
_VALUE = r"\s*(?:is|was|of|at|=|:)?\s*\d"  # what follows a symbol of a measured value: its value
_SYMBOL = re.compile(r"(?:\b([A-Za-z]+)\s+)?(?<![\w./-])([A-Z][a-z]?)(?![\w./-])(?=" + _VALUE + ")")
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_SHORTHAND = re.compile(r"(?<![\w-])[A-Z]x(?![\w-])")  # "Rx?", not "Ex-smoker"
_TOKEN_RUN = re.compile(r"[A-Za-z0-9'-]+")  # a word as a definition writes it ("low-molecular-weight")
DEFINED_CHARS = 200  # characters before "(PMR)" that may hold its definition


def symbols_in(question: str) -> list[tuple[str, str]]:
    """A capital, or a capital and a small letter, that stands for a measured value ("K is 6.8", "Na 128"), each
    with the word before it (a name such as "vitamin K 10 mg" writes its letter so too: the caller asks the
    corpus which it is)."""
    return [(m.group(2), (m.group(1) or "").lower()) for m in _SYMBOL.finditer(question)]


def symbol_pattern(symbol: str) -> str:
    """Where `symbols_in` found this symbol: standing alone before a value."""
    return rf"(?<![\w./-]){re.escape(symbol)}(?![\w./-])(?={_VALUE})"


def abbreviations_in(question: str) -> list[str]:
    """Words written as abbreviations: two or more capitals in at most six characters ("CAP", "T2DM", "CrCl"), or
    the shorthand of clinical notes, a capital and "x" ("Rx", "Mx", "Dx")."""
    shorthand = set(_SHORTHAND.findall(question))
    return [w for w in dict.fromkeys(_ABBREVIATION.findall(question)) if sum(c.isupper() for c in w) >= 2 or
            w in shorthand]


class Expansions:
    """Abbreviation -> the corpus's most frequent spelled-out form, looked for once per abbreviation."""

    def __init__(self, texts: Callable[[], list[str]]) -> None:
        self._texts = texts  # the indexed texts, read only when an abbreviation needs them
        self._known: dict[str, list[str]] = {}
        self._defined: dict[str, set[str]] = {}  # the forms a text defines the abbreviation by ("... (PMR)")

    def expand(self, abbreviation: str) -> str | None:
        """The most frequent form, or None."""
        forms = self.forms(abbreviation)
        return forms[0] if forms else None

    def forms(self, abbreviation: str) -> list[str]:
        """Every form seen often enough, the most frequent first ("HP": helicobacter pylori in a gastric
        guideline, human phenotype in a genetics page; which one a question means is its context's call)."""
        key = abbreviation.lower()
        if key not in self._known:
            counts: Counter[str] = Counter()
            self._defined[key] = set()
            for text in self._texts():
                for sentence in re.split(r"[.;:!?\n()]", text):
                    _collect(sentence, key, counts)
                for form in defined(text, key):  # "Polymyalgia rheumatica (PMR)": the author's own definition
                    counts[form] += MIN_SEEN + 1
                    self._defined[key].add(form)
            # a form seen once may be chance ("doses versus twice" for DVT); short keys need more
            least = MIN_SEEN if len(key) > 2 else MIN_SEEN + 1
            self._known[key] = [form for form, seen in counts.most_common() if seen >= least]
        return self._known[key]

    def is_defined(self, abbreviation: str, form: str) -> bool:
        """Whether some text defines the abbreviation by this form, in parentheses after it (see `defined`)."""
        self.forms(abbreviation)
        return form.lower() in self._defined.get(abbreviation.lower(), set())


def defined(text: str, key: str) -> list[str]:
    """The words a text defines the abbreviation by, written before it in parentheses ("polymyalgia rheumatica
    (PMR)", "low-molecular-weight heparin (LMWH)"): the shortest run of the words before it whose letters hold
    the abbreviation's in order, the first letter opening the run's first word (Schwartz and Hearst, 2003)."""
    out = []
    for m in re.finditer(rf"\(\s*{re.escape(key)}\s*\)", text, re.I):  # found first: a plain search, no backtracking
        before = re.split(r"[.;:!?\n()]", text[max(0, m.start() - DEFINED_CHARS):m.start()])[-1]
        words = _TOKEN_RUN.findall(before)[-(min(len(key) + 5, 2 * len(key))):]
        for start in range(len(words) - 1, -1, -1):
            run = " ".join(words[start:])
            if _spells(key, run.lower()):
                if words[start].lower() not in STOP:
                    out.append(run.lower().strip(" -"))
                break
    return out


def _spells(key: str, run: str) -> bool:
    """Whether the run's letters hold the key's in order, its first letter opening the run's first word."""
    at = len(run) - 1
    for i in range(len(key) - 1, -1, -1):
        c = key[i]
        while at >= 0 and (run[at] != c or (i == 0 and at > 0 and run[at - 1].isalnum())):
            at -= 1
        if at < 0:
            return False
        at -= 1
    return run[:at + 1].strip() == ""


def _collect(sentence: str, key: str, counts: Counter[str]) -> None:
    """Count the runs of words whose initials spell the key: content words only (a "with" or "of" inside is
    skipped, as in HFrEF = heart failure with reduced ejection fraction), starting and ending on one."""
    tokens = re.findall(rf"{_TOKEN.pattern}|,", sentence)
    for start, first in enumerate(tokens):
        if first == "," or first.lower() in STOP or first[0].lower() != key[0]:
            continue
        commas = 0
        for end in range(start + 1, len(tokens) + 1):
            commas += tokens[end - 1] == ","
            if end - start - commas > len(key) + MAX_SKIPPED:
                break
            run = tokens[start:end]
            if "," in run:  # a name runs over a comma only in a list it closes ("ear, nose and throat"), not
                after = run[len(run) - run[::-1].index(","):]  # into the next item ("blood pressure, heart rate"
                if "and" not in (t.lower() for t in after):  # spells no BPH)
                    continue
                run = [t for t in run if t != ","]
            generic = [t for t in run if t.lower() in GENERIC]
            if run[-1].lower() in STOP or run[0].lower() in GENERIC or 2 * len(generic) >= len(run):
                continue  # "much of this information" is not what MI stands for; "capillary refill time" is CRT
            if len(key) <= 2 and len(run) > len(key):
                continue  # two letters are two words side by side: "either from your diet" is no ED
            if any(t.lower() in _ALTERNATIVES for t in run):
                continue  # a name's words hold no alternative: "plastic or carpet runners" is no PCR
            initials = "".join(t if t.isdigit() else t[0] for t in run if t.lower() not in STOP).lower()
            if initials == key:
                counts[" ".join(run).lower()] += 1
            elif not key.startswith(initials):
                break
