"""A kind of a condition named by its negation. "Aspirin dose in non-ST-elevation MI?" beside a guideline on
ST-elevation myocardial infarction: every word of the question is written there, and its statements are close in
meaning, but they are about the kind the question excludes. And the other way: "valvular AF" beside a guideline
that writes "valvular" only as "non-valvular atrial fibrillation". Only a qualifier standing before a condition's
word counts ("non-severe asthma"; not "non-pregnant women with cystitis", "non-drug options for back pain")."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# "non-" written before a word, hyphened, spaced or joined ("non-valvular", "non ST elevation", "nonvalvular")
_WORD = re.compile(r"\b(non(?:-|\s+)?)?([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)", re.I)
_NEGATED_BEFORE = r"\bnon(?:-|\s+)?"
_NEGATIONS = ("non", "not", "no", "never", "without")
MIN_QUALIFIER = 2  # letters of the shortest qualifier judged ("ST")
LONGEST = 3  # words of the longest qualifier read after a spaced "non" ("non ST elevation")


@dataclass(frozen=True)
class Opposite:
    asked: str  # what the question says ("non-ST-elevation", "valvular")
    written: str  # how the documents write it ("ST-elevation", "non-valvular")


def opposite_kinds(question: str, written: Callable[[list[str]], dict[str, int]],
                   negations: Callable[[str], tuple[int, int]],
                   before_condition: Callable[[str], bool]) -> list[Opposite]:
    """The question's qualifiers of a condition the documents write only as the opposite kind. `written` counts
    the chunks holding each phrase word for word; `negations(phrase)` counts, in the chunks holding the phrase,
    its uses with and without "non" before it; `before_condition(words)` says whether a condition word the
    documents write stands within a few words after those words in the question."""
    found = list(_qualifiers(question))
    negated_forms = {runs[0][0]: _spaced(f"non {runs[0][0]}") for negated, runs in found if not negated}
    uses = written(sorted(set(negated_forms.values()))) if negated_forms else {}
    out = []
    for negated, runs in found:
        if negated:
            # "non-ST-elevation": the documents write "ST elevation" and never with "non" before it; of a spaced
            # "non ST elevation MI", the shortest run of words a condition's word follows
            qualifier = next((run for run, end in runs if before_condition(question[end:])), None)
            if qualifier is None:
                continue
            forms = [_spaced(f"non {qualifier}"), f"non{_spaced(qualifier).replace(' ', '')}"]
            counts = written([_spaced(qualifier), *forms])
            if counts[_spaced(qualifier)] and not any(counts[f] for f in forms):
                # shown with the next word when it is only letters ("non-ST elevation", not "non-ST")
                shown = [run for run, _ in runs if len(run) >= len(qualifier)]
                if len(qualifier) <= MIN_QUALIFIER and len(shown) > 1:
                    qualifier = shown[1]
                out.append(Opposite(f"non-{qualifier}", qualifier))
        elif uses.get(negated_forms[runs[0][0]]) and before_condition(question[runs[0][1]:]):
            # "valvular": every use the documents make of it has "non" before it
            with_non, without = negations(runs[0][0])
            if with_non and not without:
                out.append(Opposite(runs[0][0], f"non-{runs[0][0]}"))
    return out


def _qualifiers(question: str) -> Iterator[tuple[bool, list[tuple[str, int]]]]:
    """Each word of the question, whether "non" negates it, and the runs of up to LONGEST words it starts, each
    with where it ends (after "non", "ST elevation" may be one qualifier written with a space)."""
    for match in _WORD.finditer(question):
        negated, word = bool(match.group(1)), match.group(2)
        if len(word.replace("-", "")) < MIN_QUALIFIER or word.lower() in _NEGATIONS or \
                not negated and re.search(r"\b(?:%s)\s+$" % "|".join(_NEGATIONS), question[:match.start()], re.I):
            continue  # "an ulcer not healing" is the documents' "non-healing ulcer"
        runs = [(word, match.end())]
        if negated:
            for following in re.finditer(r"\s+[A-Za-z][\w-]*", question[match.end():]):
                if len(runs) == LONGEST or following.start() != runs[-1][1] - match.end():
                    break
                runs.append((f"{runs[-1][0]} {following.group(0).strip()}", match.end() + following.end()))
        yield negated, runs


def _spaced(phrase: str) -> str:
    return " ".join(re.findall(r"[A-Za-z0-9]+", phrase)).lower()


def negated_uses(texts: list[str], phrase: str) -> tuple[int, int]:
    """The uses of a phrase in the texts with "non" before it and without ("non-valvular" and "valvular")."""
    pattern = r"[\s-]+".join(re.escape(p) for p in _spaced(phrase).split())
    with_non = without = 0
    for text in texts:
        for match in re.finditer(rf"(?<!\w){pattern}\b", text, re.I):
            if re.search(rf"{_NEGATED_BEFORE}$", text[:match.start()], re.I):
                with_non += 1
            else:
                without += 1
        with_non += len(re.findall(rf"\bnon{pattern}\b", text, re.I))
    return with_non, without
