"""The default answerer: quote the statements that answer the question, the best first, each cited.

Statements are quoted, never reworded, so negations and numbers survive. Each retrieved statement is
scored by meaning (cosine of question and statement, embedded with its item heading) plus the share of the
question's rare words it names, plus a bonus when it has the asked-for shape (an amount for a dose, a
duration for "how long"). Statements well below the best one only share the subject, and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.answer.advice import asks_what_to_do, directs
from app.answer.ages import fits, question_age, statement_ranges, unaged_adults, unaged_group
from app.answer.amounts import AMOUNT, asks_for_amount, routes, states_amount
from app.answer.common_words import is_common
from app.answer.followup import about_someone_else, strip_context, vignette_ask
from app.answer.gestation import question_week, statement_bands
from app.answer.measures import fits as fits_values
from app.answer.measures import question_units, question_values
from app.answer.measures import statement_bands as measure_bands
from app.answer.populations import asked_about, spoken_of
from app.answer.scope import about_the_document, asks_about_the_document
from app.answer.statements import Candidate
from app.answer.text import (ANAPHORA, GENERIC, GENERIC_STEMS, STOP, content_words, key_terms, stem, stems,
                             without_parentheses, words)
from app.answer.types import Citation, Passage

MAX_STATEMENTS = 5
LEXICAL_WEIGHT = 0.6  # a statement naming every rare word of the question gains this much
SHAPE_BONUS = 0.12  # a statement of the asked-for shape (an amount, a duration) gains this much
AGE_BONUS = 0.12  # a statement whose age range holds the patient's age gains this much; one excluding it loses it
# ... and likewise a statement whose weeks of pregnancy hold the question's (app.answer.gestation), or whose band
# of a measure holds the value the question gives (app.answer.measures)
CASE_WEIGHT = 0.5  # a case that closes with an ask naming what it wants: the case's own words count this much
RANK_WEIGHT = 0.05  # a statement of the first-ranked passage gains this much, of the second half as much
ADVICE_BONUS = 0.2  # a statement saying what (not) to do gains this much where the question asks what to do,
# in the answer's order only: the abstention bar (unranked) and the quoting margin (select) read scores without it
DOCUMENT_PENALTY = 1.0  # a statement about its document (scope, audience, byline) loses this much, unless asked
SECTION_BONUS = 0.3  # a statement of a section the question asks for as such ("What does the acute phase include?"),
# or one that speaks of the special population it asks about ("14 weeks pregnant - which antihistamine?")
SECTION_NAMED = 0.6  # ... naming at least this share of the heading's own words
MAX_SECTION = 10  # such a section, if no longer, is quoted whole and in order
MARGIN = 0.45  # statements more than this below the best one are not quoted
SAME_WORDS = 6  # a sentence inside another of at least this many words is the same sentence
MAX_ITEMS, ITEM_WORDS = 10, 25  # a lead-in quotes at most this many following list items this short
LABEL_WORDS, MAX_SCAN = 4, 15  # a definition list's labels ("Family History.") among the next statements
_DASH_END = re.compile(r"\s[-–]\s*$")  # "… can be changed. -": a flattened list's first marker
# "These include", or "They are" with a list marker after it ("They are: - …"), not "They are well tolerated."
_OPENER = re.compile(r"^(?:these|they|those)\s+(?:(?:include|includes)\b\s*([:–—-])?|are\s*([:–—-]))\s*", re.I)
# A statement that announces a list ends so ("... include", "... such as", "...:").
_LEAD_IN = re.compile(r"(:|\b(include|includes|including|are|such as|the following|if he or she|if you))\s*$", re.I)
# A question about the literature may quote reference entries; others quote clinical statements only.
LITERATURE = {"study", "studies", "meta", "analysis", "meta-analysis", "review", "trial", "trials", "reference",
              "references", "source", "sources", "published", "journal", "paper", "article", "author", "cite",
              "cited", "citation", "citations", "literature", "evidence", "supports", "supported", "support"}
# The kinds of source a question may ask for by name ("Which 2013 guideline is that from?").
SOURCE_NOUNS = {"study", "studies", "trial", "trials", "guideline", "guidelines", "paper", "papers", "reference",
                "references", "source", "sources", "journal", "article", "review", "consensus", "publication",
                "meta-analysis", "statement", "report"}
_FILLER = frozenset(stem(w) for w in STOP)  # "proton pump inhibitors" is named by its words, not by an "of"
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "which"/"what" right before a kind of source, a year or an adjective between, no verb ("What does the ...")
_WHICH_SOURCE = re.compile(r"\b(?:which|what)\s+(?:(?!(?:is|are|was|were|do|does|did|can|should)\b)[\w-]+\s+){0,2}?"
                           r"(" + "|".join(sorted(SOURCE_NOUNS, key=len, reverse=True)) + r")\b", re.I)
# What a question asks for, and what a statement that answers it contains.
_SPAN = r"\d+(\s*(-|–|to)\s*\d+)?\s*(hours?|days?|weeks?|months?|years?)|\d+-(hour|day|week|month|year)"
_PERIODS = r"(?:hours|days|weeks|months|years)"
# a question asking what else to use, and the drug it would replace ("instead of glibenclamide", "switch from X")
# (or what comes after the treatment that failed: "What's next line?", "Second-line options?")
ALTERNATIVE = re.compile(r"\b(instead|alternatives?|other options?|what else|next[\s-]line|second[\s-]line|"
                         r"what(?:['’]s|\s+is)?\s+next|next\s+(?:step|option)s?)\b", re.I)
REPLACING = (r"\b(?:instead\s+of|rather\s+than|in\s+place\s+of|alternatives?\s+to|"
             r"(?:switch|swap|chang|mov)\w*\s+(?:\w+\s+)?from|(?:can['’]?t|cannot|unable\s+to)\s+(?:take|tolerate)|"
             r"intolerant\s+(?:of|to))")
# ... or after it: "bisoprolol didn't help", "sertraline failed", "metformin was not tolerated"
_FAILED = (r"\s+(?:(?:did|does|has|have)\s*n['’]?o?t\s+(?:help|work)\w*|failed|(?:was|is)\s+ineffective|"
           r"(?:was\s+)?not\s+tolerated)\b")
REPLACED = re.compile(REPLACING + r"\s+(?:the\s+|his\s+|her\s+|their\s+)?[\w/-]+", re.I)
FAILED = re.compile(r"\b[\w/-]+(?:\s+\([^()]*\))?" + _FAILED, re.I)
_ANSWER_TYPES = [
    (re.compile(rf"\b(dose|doses|dosage|dosing|regimen|regimens|how much|how many(?!\s+{_PERIODS})|mg)\b", re.I),
     AMOUNT),
    # how long is a span of time ("for 5 days", "7-day course"), how often a frequency ("four times daily"): a
    # question asking both a dose and how many days is answered by the statement of each
    (re.compile(rf"\b(how long|duration|how soon|how many\s+{_PERIODS}|for what period|when)\b", re.I),
     re.compile(rf"\b({_SPAN})\b", re.I)),
    (re.compile(r"\b(how often|how frequently|frequency)\b", re.I),
     re.compile(rf"\b({_SPAN}|once|twice|daily|weekly|yearly|annually|every)\b", re.I)),
    # what else to use is an alternative ("What can she use instead?": "... can be used when triptans are
    # contraindicated", "... is an alternative")
    (ALTERNATIVE,
     re.compile(r"\b(alternatives?|instead|contraindicated|not tolerated|cannot (?:be )?(?:use|used|take|taken|"
                r"tolerate|tolerated)|unable to (?:take|tolerate)|"
                r"unsuitable|intolerant|intolerance|allergy|allergic|not effective|ineffective|second[\s-]line|"
                r"third[\s-]line)\b", re.I)),
]


# a question that asks which medicine to give: "Which antibiotic?", "Antibiotic choice?", "Which oral regimen?",
# "What do I give?", "Which antihypertensive first?", "Which abx?", "What meds?"; not "What's first line?" or "What
# treatment?", whose answer may be an operation or advice
_MEDICINE_NOUN = r"(?:drugs?|medications?|medicines?|meds|abx|agents?|regimens?|anti[a-z]+s?)"
_CHOICE = re.compile(rf"\b(?:which|what)\s+(?:[\w-]+\s+){{0,2}}?{_MEDICINE_NOUN}\b|"
                     rf"\b{_MEDICINE_NOUN}\s+(?:of\s+)?choice\b|"
                     r"\bwhat\s+(?:do|should|can|would)\s+(?:i|we|you|she|he)\s+(?:give|prescribe)\b", re.I)


def asks_for_treatment(question: str) -> bool:
    """Asks which medicine to give ("Which antibiotic and how long for?", "Antibiotic choice?", "What do I
    give?"): a statement naming a medicine the documents write is of the asked shape."""
    own = strip_context(question)
    return _CHOICE.search(vignette_ask(own) or own) is not None


class Medicines:
    """The medicines the documents name (their drug and class names as written), less names made only of general
    English words ("water"; "calcium" stays, no general word): `search` says whether a text names one, by looking
    its runs of up to LONGEST words up in a set (a pattern of thousands of names would be slow)."""

    LONGEST = 4

    def __init__(self, names: list[str]) -> None:
        self.names = {" ".join(_TOKEN.findall(n.lower())) for n in names
                      if len(n) >= 4 and not all(is_common(w) for w in words(n))} - {""}

    def search(self, text: str) -> bool:
        tokens = _TOKEN.findall(text.lower())
        return any(" ".join(tokens[i:i + n]) in self.names
                   for n in range(1, self.LONGEST + 1) for i in range(len(tokens) - n + 1))

    def found(self, text: str) -> set[str]:
        """The medicines a text names."""
        tokens = _TOKEN.findall(text.lower())
        return {run for n in range(1, self.LONGEST + 1) for i in range(len(tokens) - n + 1)
                if (run := " ".join(tokens[i:i + n])) in self.names}


_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Scored:
    score: float
    candidate: Candidate
    ordering: float = 0.0  # the part of the score that only orders the answer (ADVICE_BONUS): not read by the
    # abstention bar, nor by the margin that decides which statements are quoted

    @property
    def passage(self) -> Passage:
        return self.candidate.passage

    @property
    def text(self) -> str:
        return self.candidate.text


_REGIMEN = re.compile(r"\b(?:how long|how often|course|courses|take|taking|duration|stop|restart)\b", re.I)


def asks_for_regimen(question: str) -> bool:
    """Asks about how a drug is taken: an amount ("What dose for his kidney function?"), how long or how often
    ("How long would she need to take a course?")."""
    return _ANSWER_TYPES[0][0].search(question) is not None or _REGIMEN.search(question) is not None


def years(text: str) -> list[str]:
    """The years a text names ("Which 2013 guideline ...?" -> ["2013"])."""
    return _YEAR.findall(text)


# The words of a question about the sources that ask where something comes from, or name what it asks about in
# general ("Which study backs that?", "What's that recommendation based on?"), rather than name a statement's
# content: beside the kinds of source, they are no words the last answer should have said (Engine.sources_of).
SOURCE_VERBS = {"back", "backs", "backed", "based", "basis", "base", "show", "shows", "showed", "shown", "prove",
                "proves", "proved", "proven", "found", "find", "finds", "come", "comes", "came", "from", "say", "says",
                "said", "recommendation", "recommendations", "figure", "figures", "claim", "data"}
# "Where's that from?", "What's that recommendation based on?"; not "Where does it come from?" (a cause)
_FROM = re.compile(r"^\s*(?:where|what)(?:['’]s|\s+is|\s+was|\s+are)?\s+(?:that|this|these|those|it)\b"
                   r"(?:\s+\w+){0,2}?\s+(?:from|based\s+on)\W*$"
                   r"|^\s*where\s+(?:does|did|do)\s+(?:that|this|these|those)\b(?:\s+\w+){0,3}?\s+come\s+from\W*$",
                   re.I)  # "Where does that apixaban regimen come from?"


def asks_for_source(question: str) -> bool:
    """Asks which source what it points back to comes from ("Which 2013 guideline is that from?", "What study
    supports this?", "What's the evidence for that?", "Where's that from?", "What's that recommendation based
    on?"): a source noun (or "evidence"), or a short question that ends asking where from, with a question word
    and a word that points back (or "the"); not how strong the evidence is. Only a follow-up is asked so
    (Engine.assess); one naming what the last answer did not say asks about another source (Engine.sources_of)."""
    said = {re.sub(r"['’]s$", "", w) for w in words(question)}  # "What's", "Where's"
    if not said & {"which", "what", "where", "who"}:
        return False
    if said & SOURCE_NOUNS:  # what it points back to: "that", or "the" what the last answer said ("What's the
        return bool(said & (ANAPHORA | {"the"}))  # source for the 5 days?")
    if "evidence" in said:  # "What's the evidence for that?"; not "What is the evidence for steroids?"
        return bool(said & ANAPHORA)
    return _FROM.search(question) is not None


def asks_which_source(question: str) -> bool:
    """Asks which source says something ("Which guideline is the AKI advice from?", "What study supports
    symptom-triggered dosing?"): "which" or "what" right before a kind of source (a year or a word may stand
    between); not "What does the guideline recommend for …?" or "What are the guidelines for …?", which ask
    what the sources say."""
    return _WHICH_SOURCE.search(strip_context(question)) is not None


def names_source(question: str) -> bool:
    """Names a kind of source or a year ("Which 2012 study ...?"), not only a word such as "support"."""
    return bool(set(words(question)) & SOURCE_NOUNS) or bool(years(question))


def is_literature(question: str) -> bool:
    """A question about the sources: a study, a reference, a year of publication."""
    return bool(LITERATURE & set(words(question))) or bool(years(question))


def score(question: str, candidates: list[Candidate],
          idf: Callable[[list[str]], dict[str, float]] | None = None,
          roots: Callable[[list[str]], dict[str, str]] | None = None,
          synonyms: dict[str, dict[str, float]] | None = None, ask: str | None = None,
          dosed: tuple[tuple[frozenset[str], ...], ...] = (), context_weight: float = 1.0,
          medicines: Medicines | None = None) -> list[Scored]:
    """Every candidate statement with its score (meaning + rare words + asked-for shape), best first. A word
    the corpus writes only as part of a compound counts by that part (roots); a name counts by the other names
    `synonyms` gives it (app.answer.names.synonyms, app.answer.engine.spelled_out): "epinephrine" is named by
    "adrenaline", ibuprofen in part by "NSAIDs", "COPD" by what it stands for. `dosed`: the drugs whose amount
    the question asks (each as the stems of its names): a statement dosing another drug is not of the asked
    shape ("Failed topiramate. Is Aimovig an option, and what dose?" is not answered by topiramate's dose).
    `context_weight`: what a follow-up's inherited context weighs beside its own words. `medicines`: the
    medicines the documents name (Medicines); a statement naming one is of the shape a question asking
    which medicine to give wants (asks_for_treatment)."""
    terms = key_terms(question)
    if is_literature(question):  # "Which 2020 guideline ...": the year names the source
        terms += [y for y in years(question) if y not in terms]
    if roots:
        found = roots(terms)
        terms = list(dict.fromkeys(found.get(t, t) for t in terms))
    weights = idf(terms) if idf else {t: 1.0 for t in terms}
    key = {stem(t): weights.get(t, 1.0) for t in terms}
    if context_weight != 1.0:  # a follow-up's inherited words, which only say its topic, weigh this much
        mine = {stem(t) for t in key_terms(strip_context(question))}
        key = {t: w if t in mine else context_weight * w for t, w in key.items()}
    if ask:  # a case closing with its ask ("... stridor at rest - dex dose?"): the case says who the patient is, the
        # ask what is wanted; the statements the case's words describe (its severity grading) are not the answer
        asked = {stem(t) for t in key_terms(ask)}
        key = {t: w if t in asked else CASE_WEIGHT * w for t, w in key.items()}
    subject = set(key)  # what the question is about, before a condition's words become one term
    grouped = {t: names for t, names in (synonyms or {}).items() if _is_concept(t, _shares(names))}
    alike = {stem(t): [(stems(n) - _FILLER, share) for n, share in _shares(names).items()]
             for t, names in (synonyms or {}).items() if t not in grouped}
    concepts = _concepts(grouped, key)
    total = (sum(key.values()) + sum(w for _, w in concepts)) or 1.0
    wanted = [shape for asks, shape in _ANSWER_TYPES if asks.search(question)]
    if medicines is not None and medicines.names and asks_for_treatment(question):
        wanted.append(medicines)
    age, week = _own_first(question_age, question), _own_first(question_week, question)
    values = question_values(strip_context(question)) or question_values(question)  # "INR 11.4", "eGFR 25"
    units = question_units(question)
    # a value the case gives and its ask does not name ("Ferritin 6. Wondering about coeliac - which blood test?")
    # was measured already: a statement naming the measure without a band for it ("check a full blood count,
    # ferritin, ...") is not about this value; one giving a band ("INR above 10") is, as `fits_values` judges
    # (not when the question names nothing else: "Hb 85, MCV 70, ferritin 6. Management?" is about the values)
    closing = ask or vignette_ask(strip_context(question))
    wants = {stem(t) for t in key_terms(closing)} if closing else set()
    measured = {m for m in values if m.rstrip("%") in key and m.rstrip("%") not in wants}
    if not set(key) - {m.rstrip("%") for m in values}:
        measured = set()
    groups = asked_about(strip_context(question))  # "14 weeks pregnant": a statement on pregnancy is about her
    # the headings a question names, unless it asks about the sources (their statements only lead to entries)
    own = set() if is_literature(question) else {stem(w) for w in content_words(strip_context(question))}
    # what a document says of itself ("This guideline covers ...", "Applies to adults ...") answers only a question
    # about the document: the answer to a clinical one comes first
    document_asked = asks_about_the_document(strip_context(question))
    action = asks_what_to_do(question)  # "Giardia confirmed - what do I treat with?": the advice, not the case
    # the route an amount is asked for, in the sentence that asks it ("What dose of IM naloxone?"; not "She
    # refuses injections. Can she have glyburide, and what dose?"): a statement dosing by it comes first
    by_route = routes(" ".join(q for q in re.split(r"(?<=[.?!])\s+", strip_context(question)) if asks_for_amount(q)))
    out = []
    for c in candidates:
        if len(words(c.text)) < 3 or c.text.rstrip().endswith("?"):
            continue  # a heading fragment, or a question, is never an answer
        named = stems(c.text) | stems(c.passage.leaf) | stems(c.passage.title) | carried(c)
        if measured and not _banded(measured, c):
            named -= {m.rstrip("%") for m in measured}
        lexical = (sum(w * _named(t, named, alike) for t, w in key.items()) +
                   sum(w * _coverage(forms, named) for forms, w in concepts)) / total
        shape = SHAPE_BONUS * sum(1 for s in wanted if s.search(c.text) and
                                  (s is not AMOUNT or not dosed or any(f <= named for d in dosed for f in d)))
        if age is not None:  # "and if she were 78?": "For adults aged 65 or over ..." is about her
            # (adults, with no age, say only whom it is not for: no lift for an adult)
            fit = fits(age, statement_ranges(c.text))
            shape += -AGE_BONUS if fit is False else 0.0 if not fit or unaged_adults(c.text) else AGE_BONUS
        if week is not None:  # "at 10 weeks": "in the first 12 weeks" is about her pregnancy
            shape += {True: AGE_BONUS, False: -AGE_BONUS, None: 0.0}[fits(week, statement_bands(c.text))]
        if values:  # "INR 11.4": "3. INR Above 10" is about him, "INR 4.5 to 10" about another patient
            shape += {True: AGE_BONUS, False: -AGE_BONUS, None: 0.0}[fits_values(values, c.text, c.passage.leaf, units)]
        if _about_population(groups, c.passage, c.text):
            shape += SECTION_BONUS  # what the question turns on, as labels and formularies give it a section
        ordering = ADVICE_BONUS if action and directs(c.text) else 0.0
        ordering += ADVICE_BONUS if by_route & routes(f"{c.passage.leaf} {c.text}") else 0.0
        if not document_asked and about_the_document(c.text):
            shape -= DOCUMENT_PENALTY
        rank = RANK_WEIGHT / c.passage.rank if c.passage.rank else 0.0  # the passage retrieval ranked first
        section = SECTION_BONUS if asks_for_section(own, subject, c.passage) else 0.0
        out.append(Scored(c.similarity + LEXICAL_WEIGHT * lexical + shape + rank + section + ordering, c, ordering))
    return _unique(in_reading_order(sorted(out, key=lambda s: -s.score), own, subject))


def _banded(measures: set[str], c: Candidate) -> bool:
    """Whether the statement, or else its heading, gives one of these measures a band."""
    return any(m in bands for bands in (measure_bands(c.text), measure_bands(c.passage.leaf)) for m in measures)


def unranked(scored: Scored, document_asked: bool) -> float:
    """A statement's score as the abstention bar reads it: without the penalty and the bonus that only order the
    answer (a statement about its document comes after the answer, but still shows the question is covered; one
    saying what to do comes first for "What should I give?", but says no more that the question is covered);
    `document_asked`: the question asks about the document (asks_about_the_document), and no penalty was given."""
    demoted = not document_asked and about_the_document(scored.text)
    return scored.score + (DOCUMENT_PENALTY if demoted else 0.0) - scored.ordering


def _own_first(read: Callable[[str], float | None], question: str) -> float | None:
    """What the question's own words give (an age, a week of pregnancy), else what its inherited context does."""
    value = read(strip_context(question))
    return read(question) if value is None else value


def _shares(names: dict[str, float] | set[str]) -> dict[str, float]:
    return names if isinstance(names, dict) else dict.fromkeys(names, 1.0)


def _named(term: str, named: frozenset[str], alike: dict[str, list[tuple[frozenset[str], float]]]) -> float:
    """How fully a statement names a question's word: 1 by the word, else by another name of it, in part by its
    class (see app.answer.names.synonyms)."""
    if term in named:
        return 1.0
    return max((share for forms, share in alike.get(term, ()) if forms <= named), default=0.0)


def asks_for_section(own: set[str], subject: set[str], passage: Passage) -> bool:
    """Does the question ask for this passage's section as such? It names a word of the heading itself and, with
    its inherited context, at least SECTION_NAMED of the heading's own words (not its document's title words,
    not what its parentheses say); it names nothing but words of the heading path, the title and generic
    question words; and (with its context) the document's subject, or the rest of the heading. "What does the
    acute phase include?" asks for "Acute Phase (0-4 weeks)"; "Remind me of the criteria?" after a question on
    qSOFA asks for "qSOFA criteria"; "How much potassium goes in the bag?" asks one thing of the section
    "Potassium"; "Is prednisone as good as an NSAID?" compares, and asks for neither drug's section."""
    title = stems(passage.title)
    heading = {stem(w) for w in content_words(without_parentheses(passage.leaf))} - title  # not "(0-4 weeks)"
    if not heading or passage.kind != "text" or not heading & own:
        return False
    if not subject & title and not (heading - own) & subject:  # about another document's section of that name
        return False
    if own - stems(passage.section) - title - GENERIC_STEMS:
        return False
    return len(heading & (own | subject)) >= SECTION_NAMED * len(heading)


def _is_concept(phrase: str, names: dict[str, float]) -> bool:
    """A name of several words, or one whose other name (the same thing, not its class) has several: "high blood
    pressure" / "hypertension", "COPD" / "chronic obstructive pulmonary disease"."""
    return " " in phrase or any(" " in n for n, share in names.items() if share == 1.0)


def _concepts(synonyms: dict[str, dict[str, float]],
              key: dict[str, float]) -> list[tuple[list[dict[str, float]], float]]:
    """A name and the other names the documents write for the same thing, one of them of several words, as one
    term of the question ("high blood pressure" or "hypertension"; "COPD" or what it stands for): its words
    leave `key`, and a statement names it as fully as it names one form (`_coverage`), weighed as the rarest
    word of any form. Otherwise "blood" and "pressure" would outweigh the "hypertension" of the statement that
    answers, and the words a dictionary spelled out would count against every statement that says "COPD"."""
    out = []
    for phrase, others in synonyms.items():
        names = (phrase, *(n for n, share in _shares(others).items() if share == 1.0))
        forms = [{stem(w): key.get(stem(w), 0.0) for w in key_terms(n)} for n in names]
        forms = [f for f in forms if sum(f.values())]  # a form no chunk has a word of names nothing
        weight = max((w for f in forms for w in f.values()), default=0.0)
        for f in forms:
            for s in f:
                key.pop(s, None)
        if forms and weight:
            out.append((forms, weight))
    return out


def _coverage(forms: list[dict[str, float]], named: frozenset[str]) -> float:
    """How fully a statement names a concept: the best share of one form's words it names, each word weighed by
    its rarity ("acute exacerbation" names most of "acute exacerbations of chronic obstructive pulmonary
    disease" beside a guideline that says "COPD" for the rest)."""
    return max((sum(w for s, w in f.items() if s in named) / sum(f.values()) for f in forms), default=0.0)


def in_reading_order(scored: list[Scored], own: set[str], subject: set[str]) -> list[Scored]:
    """A short section (at most MAX_SECTION statements) that the question asks for as such is quoted in the
    document's order, at the place of its best statement ("Acute phase: calcitonin, NSAIDs, bracing,
    mobilization" as written), not by each statement's closeness to the question. Not a section headed by a
    question ("What are the treatments for …?"): that is a page of prose answers (or of links), whose best
    sentences are quoted."""
    out: list[Scored] = []
    done: set[tuple[str, str]] = set()
    for s in scored:
        where = (s.passage.chunk_id, s.passage.section)
        if where in done:
            continue
        if len(s.passage.statements) <= MAX_SECTION and "?" not in s.passage.leaf and \
                asks_for_section(own, subject, s.passage):
            done.add(where)
            members = sorted((m for m in scored if (m.passage.chunk_id, m.passage.section) == where),
                             key=lambda m: m.candidate.index)
            out.extend(Scored(s.score, m.candidate, s.ordering) for m in members)
        else:
            out.append(s)
    return out


CARRY_BACK = 3  # statements a leaning statement may reach back over


def carried(c: Candidate) -> frozenset[str]:
    """The words of the statements it leans back on, for a statement that opens with a pronoun or "the <generic
    noun>" ("Use of the drug for more than 2 years ..." after the drug's name): the statement before, and, while
    that one leans too, the one before it (up to CARRY_BACK), so "It was not designed for ..." after "The rule
    identified ..." after "Its high-risk features ..." still names the rule that "The Canadian CT Head Rule
    applies ..." introduced. A "the <noun>" opening leans when an earlier statement of the passage has the noun."""
    statements = c.passage.statements
    if not _leans(c.text, statements[max(0, c.index - CARRY_BACK):c.index]) or c.index == 0:
        return frozenset()
    out: set[str] = set()
    for i in range(c.index - 1, max(-1, c.index - 1 - CARRY_BACK), -1):
        out |= stems(statements[i].text)
        if not _leans(statements[i].text, statements[max(0, i - CARRY_BACK):i]):
            break
    return frozenset(out)


def _leans(text: str, before: list) -> bool:
    opening = words(text)[:5]
    if any(w in ANAPHORA for w in opening):
        return True
    earlier = set().union(*(stems(s.text) for s in before))
    if any(a == "the" and b in GENERIC for a, b in zip(opening, opening[1:])):
        return True
    return opening[:1] == ["the"] and len(opening) > 1 and stem(opening[1]) in earlier


def _unique(scored: list[Scored]) -> list[Scored]:
    """The same sentence in two passages is quoted once, from the better one (the list is best first): also when
    one copy carries more words around it ("Risk Factors You Can't Change Some risk factors ... cannot be
    changed." beside the sentence alone), if the shorter has at least SAME_WORDS words."""
    seen: list[str] = []
    out = []
    for s in scored:
        key = f" {' '.join(words(s.text))} "
        if not any(key == k or _within(key, k) for k in seen):
            seen.append(key)
            out.append(s)
    return out


def _within(a: str, b: str) -> bool:
    """One word sequence inside the other, the shorter at least SAME_WORDS words long."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return short.count(" ") - 1 >= SAME_WORDS and short in long


def select(scored: list[Scored], limit: int = MAX_STATEMENTS, question: str = "") -> list[Scored]:
    """The statements that answer: within MARGIN of the best one, at most `limit`, best first; a section asked
    for as such, quoted first in its reading order (in_reading_order), is quoted whole, up to MAX_SECTION. Those
    that speak of the special population the question asks about come first: "16 weeks pregnant - which
    antihistamine?" is answered by the statement on pregnancy, though the case's other words match the others
    more."""
    if not scored:
        return []
    best = scored[0].score
    first = scored[0]
    block = 0
    while block < len(scored) and scored[block].score == best and _place(scored[block]) == _place(first):
        block += 1
    # the margin is measured from the best score without what only orders them: a warning that describes ("NSAIDs
    # in chickenpox are associated with severe skin infection") is quoted beside the advice that outranks it for
    # "What should I give?", as it would be without the bonus
    floor = max(x.score - x.ordering for x in scored) - MARGIN
    within = [s for s in scored if s.score >= floor]
    groups = asked_about(strip_context(question)) if question else ()
    if groups:
        about = [s for s in within if _about_population(groups, s.passage, s.text)]
        within = about + [s for s in within if s not in about]
    # an amount asked for: another group's, named without an age, is not quoted beside what answers ("Offer adults
    # acetaminophen 1,000 mg" for a 2-year-old of 12 kg); an age written as a number may be one of several criteria
    # ("under 2 or in day care"), or the answer itself ("from 6 months"): it stays
    # (the age a follow-up inherited is not that of someone else it turns to: "Dad has it as well - same dose?"; the
    # best statement stays: it answers, and the age already weighed on it)
    own = strip_context(question)
    age = question_age(own) if about_someone_else(own) else _own_first(question_age, question)
    if age is not None and asks_for_amount(own):
        within = within[:1] + [s for s in within[1:] if not (states_amount(s.text) and unaged_group(s.text)
                                                              and fits(age, statement_ranges(s.text)) is False)]
    return within[:max(limit, block)]


def _about_population(groups: tuple[str, ...], passage: Passage, text: str) -> bool:
    """Whether a statement, under its heading and title, speaks of one of these special populations."""
    return any(spoken_of(g, f"{passage.title} › {passage.leaf}: {text}") for g in groups)


def _place(s: Scored) -> tuple[str, str]:
    return s.passage.chunk_id, s.passage.section


def render(picked: list[Scored], subject_stems: set[str]) -> tuple[str, list[Citation]]:
    """Answer text with [n] markers (n in order of first use), and the citations they point to."""
    numbers: dict[str, int] = {}
    quoted: dict[str, list[str]] = {}
    passages: dict[str, Passage] = {}
    lines = []
    for s in picked:
        if s.passage.chunk_id == "":
            lines.append(s.text)  # a group heading of an overview
            continue
        if s.text in quoted.get(s.passage.chunk_id, []):
            continue  # already quoted as an item or the continuation of a statement above
        n = numbers.setdefault(s.passage.chunk_id, len(numbers) + 1)
        items, then = list_items(s.candidate), continuation(s.candidate)
        quoted.setdefault(s.passage.chunk_id, []).extend([s.text, *([then] if then else []), *items])
        passages[s.passage.chunk_id] = s.passage
        text = f"{s.text} {then}" if then else s.text
        text = f"{_DASH_END.sub('', text).rstrip(' :.')}: {'; '.join(items)}" if items else text
        lines.append(f"- {with_subject(text, s.passage, subject_stems)} [{n}]")
    citations = [Citation(n, passages[cid], tuple(quoted[cid])) for cid, n in numbers.items()]
    return "\n".join(lines), citations


def list_items(c: Candidate) -> list[str]:
    """The items a lead-in statement introduces ("Foods rich in calcium include" -> its list; one that ends in a
    flattened list's dash, "… can be changed. -"), also when the next statement opens the list ("Some risk
    factors cannot be changed." + "These include"; + "These include - Gender."), else []. A definition list
    (each short label followed by its explanation: "Gender.", "Women are at higher risk …", "Age.") gives its
    labels."""
    statements = c.passage.statements
    start = c.index + 1
    if not _LEAD_IN.search(c.text) and not _DASH_END.search(c.text):
        opener = _opener(c)
        if opener is None:
            return []
        rest = opener.string[opener.end():].strip(" .;,")
        marked = bool(opener.group(1) or opener.group(2))
        if rest and (len(words(rest)) > LABEL_WORDS or not marked):
            return []  # "These include a type of steroid ...": a sentence (continuation), not a list
        if rest:  # "These include - Gender.": the first label
            return [rest, *_labels(statements[start + 1:start + 1 + MAX_SCAN])][:MAX_ITEMS]
        start += 1  # "These include" alone: its items follow
    following = statements[start:start + MAX_SCAN]
    if _definition_list(following):
        return _labels(following)[:MAX_ITEMS]
    items: list[str] = []
    for st in following[:MAX_ITEMS]:
        size = len(words(st.text))
        if size > ITEM_WORDS or (size > LABEL_WORDS and items and st.text.rstrip().endswith(".") and
                                 not any(i.endswith(".") for i in items)):
            break  # a sentence after items written without a full stop ("Strains", "Bursitis") ends the list
        items.append(st.text.rstrip(" ;,"))
    return items


def _definition_list(statements) -> bool:
    """Short labels with a full stop, each followed by a longer explanation, at least twice ("Age." "Bones thin
    with age …" "Sex." "Women …"): not a list whose items are of mixed length ("Pain", "Swelling of the joint …")."""
    pairs = 0
    for label, explanation in zip(statements, statements[1:]):
        if len(words(label.text)) <= LABEL_WORDS < len(words(explanation.text)) and label.text.rstrip().endswith("."):
            pairs += 1
    return pairs >= 2 and len(words(statements[0].text)) <= LABEL_WORDS


def _labels(statements) -> list[str]:
    """The short labels of a definition list, without their explanations, up to the next list's lead-in."""
    out = []
    for st in statements:
        if _DASH_END.search(st.text) or _LEAD_IN.search(st.text) or _OPENER.match(st.text):
            break
        if len(words(st.text)) <= LABEL_WORDS:
            out.append(st.text.rstrip(" .;,"))
    return out


def continuation(c: Candidate) -> str:
    """The sentence that says what a statement only announces, when the next one opens with "These include"
    and goes on in prose ("Some commonly used medicines can cause loss of bone mass." + "These include a type of
    steroid called glucocorticoids, ..."), else ""."""
    opener = _opener(c)
    if opener is None or _LEAD_IN.search(c.text) or _DASH_END.search(c.text):
        return ""
    rest = opener.string[opener.end():].strip()
    return opener.string if len(words(rest)) > LABEL_WORDS or (rest and not (opener.group(1) or opener.group(2))) \
        else ""


def _opener(c: Candidate) -> re.Match[str] | None:
    """The next statement's "These include" (or "They include", "These are"), when it opens a list or says
    what this statement announces."""
    statements = c.passage.statements
    if c.index + 1 >= len(statements):
        return None
    return _OPENER.match(statements[c.index + 1].text)


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
