"""Words: tokenizing, stop words, a light stemmer, and the generic vocabulary of clinical questions."""

from __future__ import annotations

import re
from functools import lru_cache

STOP = set("""a an the and or but if then else of to in on at by for with without from into onto over under
about above below between after before during since until up down out off again further once here there when
where why how what which who whom whose this that these those is are was were be been being am do does did doing
have has had having i me my we our you your he him his she her it its they them their what's whats can could
should would will shall may might must not no nor only own same so than too very s t just don now also any all
both each few more most other some such please tell me about vs versus per via etc as""".split())

# Words that carry no topic of their own in a clinical question: never a reason to abstain or to start a topic.
GENERIC = set("""recommended recommend recommendation recommendations treatment treatments treat treating treated
therapy therapies dose doses dosage dosing regimen regimens use used using uses help helps helpful effective
effectiveness efficacy work works working patient patients people person adult adults best option options
first-line second-line line side effect effects risk risks benefit benefits evidence guideline guidelines safe
safety long often much many take taking taken given give giving start starting stop stopping continue continued
continuing avoid avoided management manage managing symptom symptoms cause causes caused common good bad better
worse drug drugs medication medications medicine medicines approach approaches procedure procedures study studies
data information know explain describe list need needed needs happen happens type types kind kinds role first
second third time times day days week weeks month months year years duration last lasts get gets make makes
recommended? indicated indication indications considered consider prescribe prescribed appropriate available
way ways mean means called definition define difference different prevent prevention preventing reduce reduces
improve improves relief relieve pain true false yes okay ok else still really actually generally usually typical
typically anything something someone thing things new current currently latest year-old old important
consideration considerations pitfall pitfalls throughout overview introduction summary background conclusion
general expected expect expectation frame timeframe timing matter matters plan plans part include includes
including involve involves contain contains consist consists comprise comprises entail entails remind
""".split())

ANAPHORA = {"it", "its", "they", "them", "their", "this", "these", "those", "that", "he", "she", "his", "her"}
WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)  # a word, as words() reads it
_SUFFIXES = ("ational", "ations", "ation", "ated", "ates", "ments", "ment", "ings", "ing", "ances", "ance",
             "ences", "ence", "ancies", "encies", "ancy", "ency", "ants", "ant", "ents", "ent", "ions", "ion",
             "ives", "ive", "ies", "ied", "ness", "ed", "es", "s", "ly", "ate", "e")
_NOUN_FORMS = ("ancies", "encies")  # "pregnancies" stems as "pregnancy" does, before the -ies rule


def words(text: str) -> list[str]:
    """Lower-cased word tokens, any script; hyphenated words kept whole."""
    return [w.lower() for w in WORD.findall(text)]


_PERSONS_CONTRACTED = frozenset({"he", "she", "they"})


def pointing_words(text: str) -> set[str]:
    """The words of the text, and a person's pronoun contracted with its verb without its ending ("he's" -> "he",
    "they're" -> "they"): "What if he's had anaphylaxis to penicillin?" points back as surely as "What if he has
    ...?". Not "it's" nor "that's", which open new questions too ("It's a different patient: ...")."""
    tokens = words(text)
    return set(tokens) | ({t.split("'")[0] for t in tokens if "'" in t} & _PERSONS_CONTRACTED)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix stripper, the same on both sides of every comparison."""
    word = word.lower().replace("'", "")
    if word.endswith(("ies", "ied")) and len(word) > 5 and not word.endswith(_NOUN_FORMS):
        return word[:-3] + "i"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            if suffix in ("ed", "ing", "ings") and re.search(r"([bgmnprt])\1$", word):
                word = word[:-1]  # "admitted", "stopping", "referred": the verb's consonant, doubled to add it
            elif suffix in ("ion", "ions") and word.endswith("miss"):
                word = word[:-2] + "t"  # "admission", "omission", "permission": admit, omit, permit
            break
    if word.endswith("y") and len(word) > 4:
        word = word[:-1] + "i"
    return word


def content_words(text: str) -> list[str]:
    """Words that are not stop words, in order, without repeats."""
    seen, out = set(), []
    for w in words(text):
        if w not in STOP and w not in seen and not w.isdigit():
            seen.add(w)
            out.append(w)
    return out


def key_terms(text: str) -> list[str]:
    """Content words that name something: not generic question vocabulary."""
    return [w for w in content_words(text) if w not in GENERIC and stem(w) not in GENERIC_STEMS and len(w) > 2]


def in_corpus_terms(term: str) -> list[str]:
    """The parts of a word as the keyword index tokenizes it ("meta-analysis" -> ["meta", "analysis"])."""
    return [p for p in re.split(r"[-']", term) if p]


@lru_cache(maxsize=8192)
def stems(text: str) -> frozenset[str]:
    """Stems of every word and of each part of a hyphenated word (memoized: passages recur across calls)."""
    out = set()
    for w in words(text):
        out.add(stem(w))
        out.update(stem(part) for part in w.split("-") if part)
    return frozenset(out)


def keyword_terms(text: str) -> list[str]:
    """Terms for the keyword index: content words split on hyphens and apostrophes (FTS5 tokenizes so)."""
    out: list[str] = []
    for w in content_words(text):
        for part in re.split(r"[-']", w):
            if part and part not in STOP and part not in out:
                out.append(part)
    return out


GENERIC_STEMS = frozenset(stem(w) for w in GENERIC)
_PARENTHESES = re.compile(r"\([^)]*\)")


def without_parentheses(text: str) -> str:
    """The text with what it says in parentheses blanked out: "Acute Phase (0-4 weeks)" -> "Acute Phase  ", a
    name the engine spelled out after the user's ("AECOPD (acute exacerbations ...)") -> "AECOPD  "."""
    return _PARENTHESES.sub(" ", text)


# Prefixes of English (and medical) word formation: "thromboprophylaxis" is prophylaxis against clots,
# "antihypertensive" is about hypertension. A word so formed from a medical word the corpus uses names nothing new.
PREFIXES = ("re", "pre", "post", "non", "anti", "un", "co", "de", "dis", "mis", "over", "under", "sub", "super",
            "hyper", "hypo", "inter", "intra", "peri", "multi", "poly", "semi", "self", "thrombo", "neuro", "cardio")
MIN_ROOT = 5  # the shortest word a prefix is split from


def compound_splits(word: str) -> list[tuple[str, str]]:
    """Ways to read an unhyphenated word as prefix + word ("preeclampsia": pre + eclampsia); the caller checks
    which words the corpus uses."""
    w = word.lower()
    if not w.isalpha():
        return []
    return [(p, w[len(p):]) for p in PREFIXES if w.startswith(p) and len(w) - len(p) >= MIN_ROOT]
