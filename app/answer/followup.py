"""Deterministic follow-up rewriting: a follow-up inherits the topic of the previous turns, a new topic does not.

The topic is a subject (a short item heading of the corpus, e.g. "Calcitonin", "Orthoses/Bracing") and a
context (the other content words of the previous standalone question, e.g. "acute compression fracture pain").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.answer.common_words import is_common
from app.answer.measures import question_values
from app.answer.populations import asked_about
from app.answer.text import (ANAPHORA, STOP, content_words, key_terms, pointing_words, stem, stems, without_parentheses,
                             words)

_CUES = ("and ", "what about", "how about", "why not", "why", "what else", "also", "but ", "so ", "then ",
         "how long", "how often", "how much", "any other", "is there", "are there", "compared")
_SHIFT_CUES = ("what about", "how about", "and what about", "and ")
# a relative of the patient's ("Her brother has scarlet fever"), or another patient
RELATIVE = (r"(?:brother|sister|sibling|twin|mother|mum|mom|father|dad|parent|son|daughter|child|baby|wife|husband|"
            r"partner|\w*friend|fianc\w+|cousin|aunt|uncle|niece|nephew|neighbour|neighbor|colleague|flatmate|"
            r"housemate|grand\w+)s?")
SOMEONE_ELSE = re.compile(rf"\b(?:his|her|their)\s+(?:\w+\s+)?{RELATIVE}\b|"
                          r"\b(?:another|different|next|new|other)\s+(?:patient|pt|case)\b", re.I)


def about_someone_else(own: str) -> bool:
    """Whether a follow-up's own words turn to someone else: a relative of the patient's, named with "his"/"her" or
    opening a sentence ("Dad has it as well, 42 - same dose?"), or another patient."""
    return bool(SOMEONE_ELSE.search(own) or re.search(rf"(?:^|[.?!]\s+){RELATIVE}\b", own.strip(), re.I))


# the user says the topic changes: nothing of the earlier turns is carried over
# ("Another question: what is its dose?" asks more about the same topic: not a cue)
# "What if the patient has …", "and if my patient is …": the one the conversation is about has something more,
# so what the question adds is theirs; not "What should I offer the patient for a migraine?", a question of its own
THE_PATIENT = re.compile(r"\b(?:what|and|but)?\s*if\s+(?:the|this|my|our|your)\s+(?:patient|pt)\b", re.I)
PATIENT_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
# before a drug the patient takes ("on ramipril", "takes gabapentin"): theirs, not what is asked about (is_taken)
# ... and the drugs listed after it ("on ramipril, furosemide and metformin", "takes Zocor 40 and amlodipine"),
# each right after its separator ("on ramipril and is ibuprofen OK?" lists no ibuprofen)
_LISTED = (r"(?:\s+(?:\w+\s+)?[\w-]+(?:\s+\d[\d./]*\s*(?:mg|mcg|micrograms?|g|units?|ml)?)?"
           r"(?:\s*,\s*|\s+and\s+|\s*&\s*|\s*\+\s*))")

# "on" after a verb of starting or changing asks about the drug ("Should I start him on allopurinol?", "keep her on
# it?"), as "take" does where "takes" would say it ("Could she take Nurtec?"): not taken yet
_TO_START = re.compile(r"\b(?:start\w*|put\w*|switch\w*|chang\w*|mov\w*|begin\w*|began|commenc\w*|convert\w*|"
                       r"tr(?:y|ies|ied|ying)|keep\w*|stay\w*|stays|go|goes|going|get|gets|getting|come|back)"
                       r"\s+(?:\w+\s+)?$", re.I)
# ("Unrelated: ..."; not "Different patient: ...", who is often asked about on the same guideline: "Different
# patient: 22 weeks pregnant - same loading regimen?")
_NEW_TOPIC = re.compile(r"^\W*(an? )?((different|separate|unrelated) (question|topic|subject)|new (topic|subject))\b"
                        r"|^\W*(on another note|changing (the )?(topic|subject)|switching (topics?|subjects?))\b"
                        r"|^\W*unrelated\s*[:,-]", re.I)


def is_taken(phrase: str, text: str) -> bool:
    """Whether the text says the patient takes the drug: "on ramipril", "takes his gabapentin", "on ramipril,
    furosemide and metformin"; not "start him on allopurinol", "Could she take Nurtec?"."""
    name = re.escape(phrase)
    return any(not (m.group(1).lower() == "on" and _TO_START.search(text[:m.start()]))
               for m in re.finditer(rf"\b(takes|taking|took|on|using|uses|prescribed)(?:\s+(?:\w+\s+)?{name}\b|"
                                    rf"{_LISTED}+{name}\b)", text, re.I))


_TRIED = re.compile(r"\b(?:tried|trialled|trialed|failed|despite|(?:had|has\s+had)\s+(?:a\s+)?(?:trial|course|go)\s+"
                    r"(?:of|with|on))", re.I)
_NOT_TRIED = re.compile(r"(?:\b(?:never|not|no)|n't|\b(?:has|have|had|did)\s+"
                        r"(?:he|she|they|you|we|the\s+(?:patient|pt)))\s*(?:yet\s+|already\s+|ever\s+)?$", re.I)
TRIED_WINDOW = 120  # characters read after a word of trying, and before it for a negation


def was_tried(phrase: str, text: str) -> bool:
    """Whether the text says the patient has already tried the drug: "She's tried Fybogel and Movicol", "failed
    amitriptyline", "had a trial of gabapentin", "despite heel cups and 2/52 of ibuprofen"; not "despite all that,
    is Dupixent an option?". What was tried is the case's history: "What next?" after it asks for something else."""
    name = re.escape(phrase)
    filler = r"(?:(?!(?:is|are|was|were|can|could|would|should|will|does|do|did|may|might|for|to|in|at|by)\b)" \
        r"[\w/-]+\s+){0,2}"  # "2/52 of"; not "What can be tried for refractory ..."
    for m in _TRIED.finditer(text):
        # not "never tried", "hasn't tried", "Has she tried ...?", "Tried pizotifen?" (a question)
        if _NOT_TRIED.search(text[max(0, m.start() - TRIED_WINDOW):m.start()]) or \
                re.match(r"[^.?!]*\?", text[m.start():]) and not re.search(r"[.!?-]\s", text[m.start():].split("?")[0]):
            continue
        after = text[m.end():m.end() + TRIED_WINDOW]  # a short window: a long text is read in linear time
        found = re.search(rf"^(?:\s+{filler}{name}\b|{_LISTED}+{filler}{name}\b)", after, re.I)
        if found and not re.match(r"\s+(?:being|is|was)\b", after[found.end():], re.I):  # "despite X being ..."
            return True
    return False


def history_only(drug: str, question: str) -> bool:
    """Whether the question tells the drug as one the patient has already tried and its ask neither names it nor
    points back at it ("She's tried Fybogel and Movicol ... What next?"; not "... Is it worth another go?")."""
    if not was_tried(drug, question):
        return False
    ask = vignette_ask(question) or question  # a question of one sentence is all ask
    return not re.search(rf"(?<!\w){re.escape(drug)}(?!\w)", ask, re.I) and not pointing_words(ask) & ANAPHORA


TITLE_TERMS = 3  # naming words of the quoted document's title a follow-up carries
_WIDTH = {"name": 0, "heading": 0, "topic": 1, "title": 2}  # narrower subjects are the better topic


@dataclass(frozen=True)
class Topic:
    subject: str | None  # e.g. "Calcitonin"
    context: list[str]  # content words of the previous standalone question, minus the subject's
    # "it" is replaced by the subject when that is an item (a drug, a short heading); a title, a heading of the
    # whole document or the turn's first words are carried as context instead ("How often can I repeat it?"
    # after a steroid injection for knee osteoarthritis is not about "Management of Knee Osteoarthritis")
    pronoun: bool = True
    told: bool = False  # the previous turn told a case before asking ("45M, 2 days of vertigo. What antiemetic?"),
    # or carried one: a follow-up that names its subject by a pronoun is still about that patient


class SubjectVocabulary:
    """The things a clinician asks about, from every document: titles, headings, and the drugs they name.

    A subject is a short phrase matched by stems. Its kind says how wide it is: "name" (a drug) and
    "heading" (a short item heading) are items of a document; "topic" (the naming words of a long or
    question heading) and "title" are what a whole document or section is about.
    """

    def __init__(self, sections: list[str], titles: list[str] = (), names: list[str] = ()) -> None:
        self.subjects: dict[str, set[str]] = {}
        self.kinds: dict[str, str] = {}
        self._telling: dict[str, set[str]] = {}  # a name's uncommon words: what names it
        for title in titles:
            self._add(subject_phrase(re.sub(r"\s*\([^)]*\)\s*$", "", title)), "title")
        for name in names:
            self._add(name, "name")
        for section in sections:
            leaf = section.split(" › ")[-1]
            phrase = subject_phrase(leaf)
            self._add(phrase, "heading" if phrase == leaf.strip() else "topic")

    def _add(self, phrase: str | None, kind: str) -> None:
        if not phrase or phrase.lower() in ("references", "reference list", "bibliography"):
            return
        subject_stems = {stem(w) for w in key_terms(phrase)}
        if subject_stems and phrase not in self.subjects:
            self.subjects[phrase] = subject_stems
            self.kinds[phrase] = kind
            self._telling[phrase] = {stem(w) for w in key_terms(phrase) if not is_common(w)} or subject_stems

    def of_kind(self, *kinds: str) -> list[str]:
        """The subjects of these kinds, in the order they were found (titles first)."""
        return [s for s, kind in self.kinds.items() if kind in kinds]

    def find(self, text: str) -> list[str]:
        """Subjects named in `text` (at least half of a heading's or title's stems, of a title one uncommon if it
        has one; every uncommon word of a drug's name: "acid" names no "acetic acid", "valproate" names "sodium
        valproate"), in order of first mention."""
        tokens = words(text)
        text_stems = [stem(w) for w in tokens]
        said = set(text_stems)
        found = []
        for subject, subject_stems in self.subjects.items():
            positions = [i for i, s in enumerate(text_stems) if s in subject_stems]
            # a heading or title by half its words; a document's title by one that tells it from others too:
            # "orals" of "tolerating orals" names no "Oral thrush" (a heading is an item of a document the
            # search found: "brace" names "Orthoses/Bracing")
            enough = self._telling[subject] <= said if self.kinds[subject] == "name" else \
                2 * len(subject_stems & said) >= len(subject_stems) and \
                (self.kinds[subject] != "title" or bool(self._telling[subject] & said))
            if positions and enough and _said(subject, tokens):
                found.append((positions[0], -len(subject_stems), subject))
        return [s for _, _, s in sorted(found)]


def _marks(subject: str) -> list[tuple[str, str]]:
    """The (word, word) pairs that tell a subject from its namesakes by a letter or a number ("vitamin d" of
    "Calcium and vitamin D", "b vitamins", "vitamin b12"), each with the word it marks second."""
    tokens = words(without_parentheses(subject))
    out = []
    for i, w in enumerate(tokens):
        if (len(w) == 1 and (w != "a" or i > 0)) or any(ch.isdigit() for ch in w):
            if i > 0:
                out.append(((tokens[i - 1], w), tokens[i - 1]))
            elif len(tokens) > 1:
                out.append(((w, tokens[1]), tokens[1]))
    return out


def _said(subject: str, tokens: list[str]) -> bool:
    """A word the subject marks is said with its mark when the text says it at all: "vitamin" must be "vitamin d"
    for "Calcium and vitamin D", while "calcium" alone still names it."""
    pairs = {(tokens[i], tokens[i + 1]) for i in range(len(tokens) - 1)}
    said = {stem(t) for t in tokens}
    return all(pair in pairs or stem(marked) not in said for pair, marked in _marks(subject))


def subject_phrase(text: str) -> str | None:
    """A heading or title as a subject: itself when short ("Calcitonin"), else its few naming words
    ("What are the symptoms of Rickets ?" -> "rickets"); None when it names nothing or too much."""
    text = text.strip()
    if not text:
        return None
    if len(text.split()) <= 4 and not re.search(r"[?\d:]", text):
        return text
    terms = key_terms(text)
    return " ".join(terms) if 1 <= len(terms) <= 3 else None


def is_followup(question: str, vocabulary: SubjectVocabulary) -> bool | None:
    """True when the question leans on an earlier turn (a pronoun, a cue such as "And for ..." or
    "Why not?", or no subject of its own); False when it names a document-wide subject (a title); None
    when it names only an item or a drug, which may be a new topic or a facet of the old one: the engine
    decides that by meaning (and, before asking, whether the user said the topic changes: is_new_topic)."""
    q = question.strip().lower()
    tokens = words(q)
    if not tokens:
        return False
    if pointing_words(q) & ANAPHORA or q.startswith(_CUES) or THE_PATIENT.search(q):
        return True  # "What if the patient is lactose intolerant?" after calcium: the calcium advice for them
    own = vocabulary.find(question)
    if any(_WIDTH[vocabulary.kinds[s]] > 0 for s in own):
        return False
    if own or (len(key_terms(question)) > 1 and len(tokens) > 3):
        return None  # an item of its own, or words enough to stand alone: decided by meaning
    return True


def is_new_topic(question: str) -> bool:
    return bool(_NEW_TOPIC.search(question.strip()))


def without_topic_cue(question: str) -> str:
    """The question without a leading "Different question:" (the cue says what to forget, not what to find)."""
    match = _NEW_TOPIC.search(question.strip())
    if not match:
        return question.strip()
    rest = question.strip()[match.end():].lstrip(" :,;.-–—")
    return rest[:1].upper() + rest[1:] if rest else question.strip()


def all_stems(vocabulary: SubjectVocabulary, kinds: tuple[str, ...] = ("title", "heading", "name")) -> set[str]:
    """The stems of every subject of these kinds."""
    return set().union(set(), *(s for name, s in vocabulary.subjects.items() if vocabulary.kinds[name] in kinds))


def topic_of(previous_standalone: str, cited: list[tuple[str, str]], vocabulary: SubjectVocabulary,
             informative: Callable[[str], bool] = lambda w: False, asked: str | None = None,
             naming: Callable[[str], bool] | None = None, written: frozenset[str] = frozenset()) -> Topic:
    """The subject of the previous turn, first found of: an item heading it names in full; the item heading
    or the short document title of the passage that answered it (cited = [(section, title)], the document
    quoted first: another one quoted lower down is not what the turn was about); its own key terms. `asked`:
    the turn as typed, when known: a follow-up whose pronoun was replaced inherited no "(about ...)", but is a
    follow-up all the same. `naming`: whether a word of the cited document's title names something (its
    subject, not "This summary covers ..."); by default, `informative`. A name the case gives a value ("Ferritin
    6") is its subject only when it names no other, and its closing sentence names nothing wider."""
    plain = strip_context(previous_standalone)
    said = stems(previous_standalone)
    named = []  # the turn's own words first, then what it inherited, then the spelled-out names
    parts = _parts(previous_standalone)
    for part in parts:
        named += [s for s in vocabulary.find(part) if vocabulary.subjects[s] <= said and s not in named]
    # what the engine spelled an abbreviation out as, in words the document that answered never writes, is its
    # guess ("ER (estrogen receptor)" of "active and passive ER" beside a frozen shoulder guideline): a subject
    # to carry, never what a pronoun stands for (`written`: that document's stems, when known)
    guessed = {s for s in named if all(s not in vocabulary.find(p) for p in parts[:-1]) and
               not (written and vocabulary.subjects[s] <= written)}
    # "ferritin 5", "INR 7.2": the patient's values, a subject only when the turn names no other but what the
    # patient takes ("Lithium level 1.9 on ramipril - stop it?" is about lithium)
    measured = set(question_values(plain))
    taken = [s for s in named if is_taken(s, plain)]
    # what the patient has already tried is the case's history, a subject only when nothing else is ("55M, heel
    # pain despite heel cups and 2/52 of ibuprofen. Would you inject?" is about the injection)
    tried = [s for s in named if vocabulary.kinds[s] == "name" and was_tried(s, plain) and s not in taken]
    named = [s for s in named if not vocabulary.subjects[s] <= measured and s not in taken and s not in tried] + \
        [s for s in named if vocabulary.subjects[s] <= measured and s not in tried] + \
        [s for s in taken if not vocabulary.subjects[s] <= measured]
    cited = [(section, title) for section, title in cited if title == cited[0][1]]  # what its best answer quoted
    # the subjects the item headings of what answered it name; of headings, only theirs, as written (not another
    # document's "Other Injections", whose one word "Corticosteroid Injection" holds)
    answered = {part.strip().lower() for section, _ in cited for part in section.split(" › ")}
    leaves = [s for section, _ in cited for s in vocabulary.find(section.split(" › ")[-1])
              if vocabulary.kinds[s] != "heading" or s.lower() in answered]
    # narrow first: a drug, then an item the turn named, then the item that answered it, then wider subjects
    # (a heading of the document that answered it: "inject" names another guideline's "Other Injections" only by
    # a word, and the answer did not come from there; and first one that names an item of it, not the whole
    # document: "Corticosteroid Injection" before "Treatment of Plantar Fasciitis")
    subject_of_title = stems(cited[0][1]) if cited else frozenset()
    headings = [s for s in named if vocabulary.kinds[s] == "heading" and (s.lower() in answered or not cited)]
    narrow = [s for s in named if vocabulary.kinds[s] == "name"] + \
        sorted(headings, key=lambda s: vocabulary.subjects[s] <= subject_of_title)  # a drug is what "it" continues
    wide = sorted((s for s in named if _WIDTH[vocabulary.kinds[s]] > 0), key=lambda s: _WIDTH[vocabulary.kinds[s]])
    # ... and only when the sentence that closes the case names nothing wider either: "Ferritin 6. Wondering about
    # coeliac - which blood test?" is about coeliac disease, the ferritin a finding of the case ("Bipolar disorder,
    # lithium 1.6 and a coarse tremor. Stop it?" is about lithium: its closing sentence names nothing)
    values = [s for s in narrow if vocabulary.kinds[s] == "name" and vocabulary.subjects[s] <= measured]
    titles = [t for _, title in cited if (t := _title_subject(title, plain))]
    found = set().union(*(vocabulary.subjects[s] for s in values))  # (a title that names the value itself,
    # "Lithium monitoring" for "Lithium 1.6 ... Stop it?", names nothing else)
    sentences = re.split(r"(?<=[.!?])\s+", plain.strip())
    closing = stems(sentences[-1]) - found if len(sentences) > 1 else set()
    demoted = bool(values) and len(values) == len(narrow) and (
        any(stems(t) & closing for t in titles) or
        any(_WIDTH[vocabulary.kinds[s]] > 0 and vocabulary.subjects[s] & closing for s in named))
    if demoted:
        narrow = []
    candidates = narrow + [s for s in leaves if vocabulary.subjects[s] <= said]
    # a heading the turn named only in part, by a word of its own, not by its document's subject: "Pulmonary
    # rehabilitation" quoted in the answer to "How is an acute exacerbation of chronic obstructive pulmonary
    # disease managed?" shares only the title's "pulmonary", and is not what the turn was about
    # (nor by the meaning the engine spelled out in parentheses: "AECOPD (... pulmonary disease)")
    own = stems(without_parentheses(plain))
    candidates += [s for s in leaves if vocabulary.subjects[s] & own - subject_of_title] + wide + titles + \
        [s for s in values if not narrow] + tried
    subject = candidates[0] if candidates else None
    # a heading that names the document's own subject ("Management of Knee Osteoarthritis" in a guideline on
    # knee osteoarthritis) is as wide as its title
    kind = vocabulary.kinds.get(subject or "", "name")
    wide = subject is not None and (subject in titles or _WIDTH[kind] > 0 or kind == "heading" and
                                    2 * len(vocabulary.subjects[subject] & subject_of_title) >=
                                    len(vocabulary.subjects[subject]))
    pronoun = not wide and subject not in guessed
    if subject is None:  # its first words: a context to carry, not an item a pronoun can stand for
        own = key_terms(plain) or key_terms(previous_standalone)
        subject, pronoun = " ".join(own[:3]) or None, False
    subject_stems = stems(subject) if subject else set()
    subject_stems |= _aliases(plain, subject_stems)  # "Lokelma (sodium zirconium cyclosilicate)": one subject
    history = set().union(set(), *(vocabulary.subjects[s] for s in tried if s != subject))  # not carried on,
    # nor a value of the case that is not its subject: without its number, the next turn would take it for one
    history |= set().union(*(vocabulary.subjects[s] for s in values if demoted and s != subject))
    context = [_as_written(w, plain) for w in content_words(plain) if stem(w) not in subject_stems | history
               and (w in key_terms(w) or informative(w))]
    rewritten = asked is not None and without_parentheses(asked).split() != without_parentheses(plain).split()
    if plain != previous_standalone or rewritten:  # a follow-up itself: its own words may no longer name the subject
        said = subject_stems | {stem(w) for w in context}
        context += [w for w in _document_terms(cited, naming or informative, informative) if stem(w) not in said]
    told = plain != previous_standalone or any(not s.rstrip().endswith("?") for s in SENTENCE_END.split(plain.strip())
                                               if s.strip())
    return Topic(subject, context, pronoun, told)


def _as_written(word: str, text: str) -> str:
    """A case's age and sex as the turn wrote them ("34M", not "34m", which may be 34 months or metres): the age
    rules read a follow-up's inherited context too."""
    if re.fullmatch(r"\d{1,3}[mf]", word) and re.search(rf"(?<![\w.]){word[:-1]}{word[-1].upper()}\b", text):
        return word[:-1] + word[-1].upper()
    return word


def _aliases(text: str, subject_stems: set[str]) -> set[str]:
    """The stems of a name written before the subject in parentheses ("Lokelma (sodium zirconium
    cyclosilicate)"): the question's word for the subject, not context to carry beside it."""
    out: set[str] = set()
    for name, spelled in re.findall(r"([\w-]+)\s+\(([^)]*)\)", text):
        if subject_stems and stems(spelled) & subject_stems:
            out |= stems(name)
    return out


def _document_terms(cited: list[tuple[str, str]], naming: Callable[[str], bool],
                    informative: Callable[[str], bool]) -> list[str]:
    """The naming words of the title of the document the last answer quoted first, before a colon or dash
    ("Helicobacter pylori infection: testing and eradication" -> helicobacter, pylori, infection): it stays
    about that document's subject however many follow-ups lean on the one before ("Which test is best?" after
    "Who should I test for H. pylori?", then "Does omeprazole matter?"). A short title whose words are all common
    ones is its subject all the same ("Piles (haemorrhoids)")."""
    if not cited:
        return []
    head = title_head(cited[0][1])
    terms = [w for w in key_terms(head) if naming(w)] or \
        [w for w in key_terms(head) if len(head.split()) <= SHORT_TITLE and informative(w)]  # "Piles (haemorrhoids)"
    return terms[:TITLE_TERMS]


def title_head(title: str) -> str:
    """A title without its trailing "(source)" and what follows a colon or dash: the subject, before what the
    document says of it."""
    plain = re.sub(r"\s*\([^)]*\)\s*$", "", title)
    return re.split(r"\s*(?::|;|\s[-–—]\s)\s*", plain)[0].strip()


SENTENCE_END = re.compile(r"(?<=[.!])\s+|(?<!\d)\s+[-–—]\s+(?!\d)")  # not "20 - 24 weeks"
_ABBREVIATED = re.compile(r"\b(?:dr|st|mr|mrs|ms|prof|vs|e\.g|i\.e|approx|cf|no)\.$", re.I)  # "St. John's wort"
SHORT_TITLE = 5  # words of a title that is only its subject's name (_document_terms)
MAX_ASK = 12  # words of the question that closes a case for it to be its ask


def vignette_ask(question: str) -> str | None:
    """The short question that closes a case ("Elderly lady, vertigo when she rolls over in bed, Hallpike
    positive on the right. What's first line?" -> "What's first line?"), else None."""
    parts: list[str] = []
    for piece in (p for p in SENTENCE_END.split(question.strip()) if p.strip()):
        if parts and _ABBREVIATED.search(parts[-1]):
            parts[-1] = f"{parts[-1]} {piece}"  # the full stop of an abbreviation ends no sentence
        else:
            parts.append(piece)
    if len(parts) < 2 or not parts[-1].rstrip().endswith("?") or len(parts[-1].split()) > MAX_ASK:
        return None
    return parts[-1].strip()


def _parts(standalone: str) -> list[str]:
    """A standalone query's own words (a case's ask first), read also with the spellings and generic names it
    added ("Cipro (ciprofloxacin)"), its inherited "(about ...)" context, and the meanings it added to
    abbreviations ("CrCl (creatinine clearance)"): a turn's subject is what the user named, by their word or its
    generic name, else what the turn inherited ("Is Cipro a good first-line choice instead?" after Bactrim is
    about ciprofloxacin), else what an abbreviation stands for."""
    inherited = " ".join(re.findall(r"\(about ([^)]*)\)", standalone))
    plain = strip_context(standalone)
    added = " ".join(re.findall(r"\(([^)]*)\)", plain))
    # a case's ask, with the names spelled out in it, names its subject before the case does ("Still no BM after
    # senna plus Movicol ... - Relistor (methylnaltrexone) dose?": methylnaltrexone)
    ask = vignette_ask(plain)
    own = [ask, without_parentheses(plain)] if ask else [without_parentheses(plain)]
    # ... each word read as the spelling or the generic name added after it ("ferrous sulphate (sulfate)" names
    # "ferrous sulfate", "Cipro (ciprofloxacin)" ciprofloxacin); an abbreviation's or a symbol's meaning ("K
    # (potassium)") is what it stands for, after what the turn inherited
    respelled = without_parentheses(re.sub(r"\b(?![A-Z0-9]+\s)[\w-]+\s+\(([^()]*)\)", r"\1", plain))
    return [*own, respelled, inherited, added]


def _title_subject(title: str, previous: str) -> str | None:
    """A short document title, or the subject before a long title's colon ("Calcium (MPlusHealthTopics)" ->
    "Calcium", "Helicobacter pylori infection: testing and eradication" -> "Helicobacter pylori infection"),
    that the previous turn named."""
    plain = title_head(title)
    if not plain or "?" in plain or len(plain.split()) > 5:
        return None
    return plain if stems(plain) & stems(previous) else None


def rewrite(question: str, topic: Topic, vocabulary: SubjectVocabulary, facet: bool = False) -> str:
    """The standalone retrieval query for a follow-up, e.g. "What are its side effects?" ->
    "What are Calcitonin side effects?"; "What about bracing?" -> "What about bracing? (about ... pain)".
    "And estrogen - should it be used?" names a new subject before its pronoun: the pronoun is that subject.
    A facet (found by meaning to be about the old topic) that names no drug keeps the old subject: the
    heading word it shares with some other document is not a new item."""
    own = vocabulary.find(question)
    if any(vocabulary.kinds.get(o) in ("title", "topic") for o in own) and not _leans_back(question):
        return question.strip()  # another document's subject: a new topic
    lowered = question.strip().lower()
    shift = lowered.startswith(_SHIFT_CUES) and bool(_new_terms(question, topic)) and \
        bool(pointing_words(lowered) & ANAPHORA)
    if topic.subject and own and not shift and _pronoun_first(question, own, vocabulary) and \
            not vocabulary.subjects.get(topic.subject, stems(topic.subject)) <= stems(question):
        # "Is it as good as an NSAID?": the pronoun before the new item is still the old subject (a title or the
        # turn's first words stay context, as below)
        if not topic.pronoun:
            return f"{question.strip()} (about {' '.join([topic.subject, *topic.context])})"
        return f"{_replace_pronouns(question, topic.subject)} (about {' '.join(topic.context)})" \
            if topic.context else _replace_pronouns(question, topic.subject)
    if topic.subject and not own and not shift:
        # "it" is an item (a drug, a short heading), not a whole document: "How often can I repeat it?" after
        # "How long does a steroid injection into an OA knee last?" is not about "Management of Knee Osteoarthritis"
        replaced = _replace_pronouns(question, topic.subject) if topic.pronoun else question
        if replaced != question:  # with the case it was asked in ("How long should he take prochlorperazine
            # for? (about vertigo vomiting)"), as a pronoun before a new item keeps it (above)
            return f"{replaced} (about {' '.join(topic.context)})" if topic.context and topic.told else replaced
        return f"{question.strip()} (about {' '.join([topic.subject, *topic.context])})"
    # a new item replaces an item of the old topic, but stays inside a document-wide one
    facet = facet and not any(vocabulary.kinds.get(o) == "name" for o in own)
    # ... and a condition the patient has ("What if the patient is lactose intolerant?") replaces nothing
    # ... nor does a special population it asks the old subject for ("And in pregnancy?" after methotrexate)
    keep = topic.subject and (facet or not own or _WIDTH[vocabulary.kinds.get(topic.subject, "title")] > 0 or
                              about_the_patient(question) or
                              bool(asked_about(question)) and not any(vocabulary.kinds.get(o) == "name" for o in own))
    context = " ".join([topic.subject, *topic.context] if keep else topic.context)
    return f"{question.strip()} (about {context})" if context else question.strip()


def _pronoun_first(question: str, own: list[str], vocabulary: SubjectVocabulary) -> bool:
    """A pronoun comes before every subject the question names: it points back ("Is there good evidence for
    them in compression fractures?"), not forward ("And estrogen - should it be used?")."""
    if _DUMMY_IT.search(question):
        return False  # "Is it safe to ...": an "it" that points at nothing
    tokens = words(question)
    pronoun = next((i for i, t in enumerate(tokens) if t in PERSONAL), None)
    named = [i for i, t in enumerate(tokens) for s in own if stem(t) in vocabulary.subjects[s]]
    return pronoun is not None and bool(named) and pronoun < min(named)


def about_the_patient(question: str) -> bool:
    """Says what the patient of the conversation has: "what if the patient …", "and if my patient …", he, she,
    his, her."""
    return THE_PATIENT.search(question) is not None or bool(pointing_words(question) & PATIENT_PRONOUNS)


def _leans_back(question: str) -> bool:
    return bool(pointing_words(question) & ANAPHORA) or THE_PATIENT.search(question) is not None


def _new_terms(question: str, topic: Topic) -> list[str]:
    """Key terms of the question that name something new (not the topic, not a generic word)."""
    known = stems(" ".join([topic.subject or "", *topic.context]))
    return [t for t in key_terms(question) if stem(t) not in known and len(t) > 3]


PERSONAL = {"its", "their", "it", "they", "them"}  # "this/these/those" are often determiners ("this guideline")
_PLURAL = {"they", "them", "their", "these", "those"}


def _plural(phrase: str) -> bool:
    """A subject written in the plural ("NSAIDs", "bisphosphonates", "Orthoses/Bracing", "Children without
    clinical dehydration"), by its head noun: the last word before a preposition."""
    head = re.split(r"\s+(?:with|without|of|for|in|on|at|after|before|under|over|from|to)\s+",
                    re.split(r"[/,]", phrase)[0], maxsplit=1)[0] if phrase.strip() else ""
    last = words(head)[-1:]
    return bool(last) and (last[0] in _IRREGULAR_PLURALS or
                           last[0].endswith("s") and not last[0].endswith(("ss", "us", "is")))


# the English adverbs and conjunctions that end in s, a closed class ("Are those always needed?"): not plural nouns
_ENDS_IN_S = frozenset({"always", "perhaps", "sometimes", "nowadays", "afterwards", "towards", "besides", "thus",
                        "unless", "whereas", "backwards", "forwards", "upwards", "downwards"})


def _adverb(word: str) -> bool:
    """An adverb or conjunction that ends in s ("always", "perhaps"): not a plural noun."""
    return word.lower() in _ENDS_IN_S


_IRREGULAR_PLURALS = {"children", "people", "women", "men", "feet", "teeth", "mice", "geese", "lice", "data", "criteria"}
_DUMMY_IT = re.compile(r"\b(is|was|would|will|isn't|it's|it is|it was)\s+(it\s+)?(be\s+)?(safe|ok|okay|fine|necessary|"
                       r"better|worth|reasonable|possible|appropriate|advisable|wise|acceptable|important|true)\s+"
                       r"(to|that|if|for)\b", re.I)


# "it" as the thing chosen, in a question between two ("Is Hartmann's OK or should it be normal saline?"), not
# a drug's "it" ("Should it be given IV or orally?", "Is it better taken at night or in the morning?")
_CHOSEN_IT = re.compile(r"\bit\s+(?:be|is|was)\s+(?!(?:\w+ed|\w+en|given|taken|done|kept|held|put|cut|run|safe|ok|"
                        r"okay|fine|better|best|worth|needed|necessary|enough|too|still|really|just|possible|"
                        r"used|any|as|more|less|also|only|always|ever|not|withheld|iv|im|sc|po|oral|orally|"
                        r"intravenous\w*|intramuscular\w*|subcut\w*|topical\w*|inhaled|nebuli[sz]ed|rectal\w*)\b)\w",
                        re.I)


# "it" that something would fix, cure or ease, or that comes back, goes away or spreads, is the patient's trouble,
# not an item of the answer before ("How likely is it to come back?" after a vitamin's dose is about the vertigo)
_CURED_IT = re.compile(r"\b(?:fix|fixes|fixed|cure|cures|cured|help|helps|improve|improves|resolve|resolves|relieve|"
                       r"relieves|settle|settles|ease|eases|get\s+rid\s+of|sort\s+out|go\s+away\s+with)\s+it\b|"
                       r"\bit\s+(?:\w+\s+){0,2}?(?:(?:come|comes|coming|came)\s+back|recur|recurs|recurring|return|"
                       r"returns|(?:go|goes|going)\s+away|(?:clear|clears|clearing)\s+up|spread|spreads|spreading)\b",
                       re.I)


def _replace_pronouns(question: str, subject: str) -> str:
    """The first pronoun replaced by the subject, when they agree: "they", "them" or "their" is never a single
    thing ("What do they need instead?" after a compression fracture is about the patients, not the fracture),
    nor "it" that names the thing chosen between two ("... or should it be normal saline?"), nor "it" that
    something would fix ("Would surgery fix it?": the trouble)."""
    tokens = words(question)
    at = next((i for i, t in enumerate(tokens) if t in PERSONAL | {"this", "these", "those"}), None)
    first = tokens[at] if at is not None else None
    if first in ("these", "those") and at + 1 < len(tokens) and (at == 0 or tokens[at - 1] != "of") and \
            tokens[at + 1] not in STOP and len(tokens[at + 1]) > 3 and _plural(tokens[at + 1]) and \
            not _adverb(tokens[at + 1]):
        return question  # a determiner before a plural noun ("Do those manoeuvres work?"; not "Which of these has
        # fewer side effects?", "Are those always needed?"): nothing to replace
    if first == "it" and re.search(r"\bor\b", question, re.I) and _CHOSEN_IT.search(question):
        return question
    if first == "it" and _CURED_IT.search(question):
        return question  # "Would taking the womb out fix it?": the patient's trouble, not the drug asked before
    if first in _PLURAL and not _plural(subject):
        return question
    if first in ("it", "this") and _plural(subject) and " " in subject.strip():
        return question  # "He keeps throwing it back up" is not about "Children without clinical dehydration"
    out = re.sub(r"\b(its|their)\b(?! own\b)", subject, question, count=1, flags=re.I)  # "on its own" stays
    if out == question:  # not one said with its verb ("They're flying on Friday": the family)
        # "it's" may be the drug ("It's OK with liver disease?"); "they're" is people
        out = re.sub(r"\b(?:it|this)\b|\b(?:they|them|these|those)\b(?!['’]\w)", subject, question, count=1,
                     flags=re.I)
    return out


def strip_context(text: str) -> str:
    """A standalone query without the \"(about ...)\" context a follow-up inherited."""
    return re.sub(r"\s*\(about [^)]*\)", "", text)
