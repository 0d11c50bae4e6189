"""A kind of a condition named by its negation. "Aspirin dose in non-ST-elevation MI?" beside a guideline on
ST-elevation myocardial infarction: every word of the question is written there, and its statements are close in
meaning, but they are about the kind the question excludes. And the other way: "valvular AF" beside a guideline
that writes "valvular" only as "non-valvular atrial fibrillation". Only a qualifier standing before a condition's
word counts ("non-severe asthma"; not "non-pregnant women with cystitis", "non-drug options for back pain"), and
only beside a document whose title names the other kind: a guideline titled by the condition alone covers both."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# "non-" written before a word, hyphened, spaced or joined ("non-valvular", "non ST elevation", "nonvalvular")
_WORD = re.compile(r"\b(non(?:-|\s+)?)?([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)", re.I)
_NEGATED_BEFORE = r"\bnon(?:-|\s+)?"
_NEGATIONS = ("non", "not", "no", "never", "without")
MIN_QUALIFIER = 2  # letters of the shortest qualifier judged ("ST")
LONGEST = 3  # words of the longest qualifier read after "non" ("non ST elevation")


@dataclass(frozen=True)
class Opposite:
    asked: str  # what the question says ("non-ST-elevation", "valvular")
    written: str  # how the documents write it ("ST-elevation", "non-valvular")


def opposite_kinds(question: str, written: Callable[[list[str]], dict[str, int]],
                   uses: Callable[[str], list[tuple[bool, str]]],
                   before_condition: Callable[[str], bool], before_head: Callable[[str], bool],
                   titled: Callable[[str], list[tuple[bool, str]]]) -> list[Opposite]:
    """The question's qualifiers of a condition that the documents write, before a condition, only as the
    opposite kind. `written` counts the chunks holding each phrase word for word; `uses(phrase)` gives, for each
    use of the phrase in the chunks holding it, whether "non" stands before it and the text after it;
    `before_condition(text)` says whether a condition's word the documents write begins the text, within a few
    words; `before_head(text)`, whether a word condition names end with does ("infarction", "pneumonia"): the
    documents' use must qualify a condition ("non-treponemal serology" qualifies a test: "treponemal syphilis" is
    not its opposite kind). `titled(phrase)` gives the same uses in the documents' titles: only a document about
    the kind, by its title ("ST-elevation myocardial infarction", "Severe community-acquired pneumonia in adults"),
    excludes the opposite kind; a guideline on diarrhoea that warns of bloody diarrhoea, or has a section on
    diabetic kidney disease, still covers the non-bloody and the non-diabetic."""
    found = list(_qualifiers(question))
    negated_forms = {runs[0][0]: _spaced(f"non {runs[0][0]}") for negated, runs in found if not negated}
    negated_written = written(sorted(set(negated_forms.values()))) if negated_forms else {}
    out = []
    for negated, runs in found:
        if negated:
            # "non-ST-elevation": the documents write "ST elevation" before a condition, never with "non"; of a
            # spaced "non ST elevation MI", the shortest run of words that does
            for qualifier in (run for run, end in runs if before_condition(question[end:])):
                forms = [_spaced(f"non {qualifier}"), f"non{_spaced(qualifier).replace(' ', '')}"]
                counts = written([_spaced(qualifier), *forms])
                if counts[_spaced(qualifier)] and not any(counts[f] for f in forms) and \
                        any(not non and before_head(after) for non, after in titled(qualifier)):
                    out.append(Opposite(f"non-{qualifier}", qualifier))
                    break
        elif negated_written.get(negated_forms[runs[0][0]]) and before_condition(question[runs[0][1]:]):
            # "valvular": every use the documents make of it has "non" before it, one of them before a condition
            found_uses = uses(runs[0][0])
            if found_uses and all(non for non, _ in found_uses) and \
                    any(non and before_head(after) for non, after in titled(runs[0][0])):
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


def negated_uses(texts: list[str], phrase: str) -> list[tuple[bool, str]]:
    """Each use of a phrase in the texts: whether "non" stands before it ("non-valvular", "nonvalvular"), and
    the text after it."""
    pattern = r"[\s-]+".join(re.escape(p) for p in _spaced(phrase).split())
    out = []
    for text in texts:
        for match in re.finditer(rf"(?<!\w){pattern}\b", text, re.I):
            out.append((re.search(rf"{_NEGATED_BEFORE}$", text[:match.start()], re.I) is not None,
                        text[match.end():]))
        out += [(True, text[m.end():]) for m in re.finditer(rf"\bnon{pattern}\b", text, re.I)]
    return out
