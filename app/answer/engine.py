"""The engine: ask(question, history) -> Answer, used alike by the CLI, the Streamlit app and the eval runner.

One question: the standalone query (a follow-up inherits its topic; drug names and spellings the corpus
uses differently are added), hybrid retrieval, every retrieved statement scored by meaning and words, the
abstention decision on that evidence, then the answer: the best statements first, or for an overview
question the document's summary and one statement per section.
"""

from __future__ import annotations

import itertools
import math
import os
import re
import threading
import time
from collections.abc import Iterator, Set as AbstractSet
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from app.answer.ages import ADULT_AGE, fits, question_age, statement_ranges
from app.answer.abbreviations import Expansions, abbreviations_in, symbol_pattern, symbols_in
from app.answer.abstain import ANSWER_SCORE, Evidence, Verdict, abstention_text, judge
from app.answer.advice import asks_what_to_do
from app.answer.amounts import (AMOUNT, DOSAGE_FORM, asks_for_amount, asks_for_most, routes, routes_of, states_amount,
                                 states_most)
from app.answer.common_words import is_common
from app.answer.comorbidity import asks_if_suitable, had_clauses, named_span
from app.answer.extractive import (ALTERNATIVE, FAILED, LITERATURE, MARGIN, MAX_SECTION, REPLACED, REPLACING,
                                   SOURCE_NOUNS, SOURCE_VERBS, Scored, asks_for_regimen, asks_for_source,
                                   asks_which_source, carried, is_literature, Medicines, names_source, render,
                                   score, select, unranked, years)
from app.answer.followup import (PATIENT_PRONOUNS, PERSONAL, SENTENCE_END, SOMEONE_ELSE, THE_PATIENT, SubjectVocabulary,
                                 Topic, all_stems, history_only, is_followup, is_new_topic, is_taken, rewrite,
                                 strip_context, title_head, topic_of, vignette_ask, without_topic_cue)
from app.answer.indications import asked_for
from app.answer.llm import failure_notice
from app.answer.names import DRUG_KINDS, Names, class_members, components, expand, is_class, resolve, synonyms
from app.answer.overview import is_overview, overview
from app.answer.parts import asks, case_of, context_of
from app.answer.polarity import negated_uses, opposite_kinds
from app.answer.populations import (asked_about as populations_asked, asks_a_child_dose, doses_a_child, names_adults,
                                    names_population, unaddressed as populations_unaddressed)
from app.answer.retrieve import RetrievalConfig, Retriever, document_passages
from app.answer.scope import asks_about_the_document, excluded, leaves_out
from app.answer.spelling import respelt
from app.answer.settings import Settings
from app.answer.statements import Candidate, StatementVectors
from app.answer.text import (ANAPHORA, PREFIXES, STOP, WORD, compound_splits, content_words, in_corpus_terms, key_terms,
                             keyword_terms, pointing_words, stem, stems, without_parentheses, words)
from app.answer.types import Answer, Citation, Passage, Statement
from ingest.chunk import reference_entry
from ingest.drug_classes import classes_of, groups_of, stems_of
from ingest.embedder import Embedder
from ingest.encoders import cache_key
from ingest.lexicon import ENDING, american, phrases as lexicon_phrases, words as name_words
from ingest.onnx_encoder import query_encoder
from ingest.store import Index, open_index

_START = ThreadPoolExecutor(max_workers=1, thread_name_prefix="encoder-load")
DRUG_TOP = 3  # a drug named by one of this many best statements counts as quoted
POPULATION_TOP = 8  # a special population the question asks about must be spoken of by one of these statements
_NOUN_ENDINGS = frozenset({"", "a", "ia", "y", "sy", "sis", "es", "is", "e", "ma"})  # of a condition (adjective_of)
ADJECTIVE_ROOT = 5  # letters an adjective shares at least with the condition it is formed from (adjective_of)
SHARED_PREFIX = 4  # letters a word shares with a corpus word to be a form of it (novel_words)
# a condition a follow-up gives them; "pt" as a clinician shortens "patient", not PT (prothrombin time)
_PATIENT = re.compile(r"\b(?:(?i:he|she|his|her|him|patient)|[Pp]t)\b")
# ... unless the follow-up is about someone else (followup.SOMEONE_ELSE: "Her brother has scarlet fever"), a relative
# who may only tell of the patient's: "His mum says he has eczema" is his
_PATIENT_HAS = re.compile(r"\b(?:says|said|thinks|reports|reported|tells\s+\w+|told\s+\w+|mentions|mentioned|worries)"
                          r"\s+(?:that\s+)?(?:he|she)(?:\s+(?:has|had|is|was|gets|got)\b|['’]s\b)", re.I)
FOLLOW_K = 3  # a question is about the last answer's document when it is among its best passages
CONTEXT_SHARE = 0.3  # a previous question's word found in at most this share of chunks carries its topic
MEANING_MEMO = 256  # abbreviation meanings remembered per index state
MAX_FORMS = 5  # runs of corpus words weighed as an abbreviation's meaning
MAX_CONTEXT = 12  # question words that weigh them
SCAN_CHUNKS, SCAN_HITS, SCAN_DOCUMENTS = 2_000, 20, 5  # where those runs are looked for (corpus_forms)
SOURCE_LEAD, SOURCE_STEP = 1.0, 0.01  # the cited entries come first, in citation order
MIN_CLIPPED = 3  # letters of a short form a clinician writes for a longer word ("neb", "bicarb", "benzo")
FAMILY_SHARE = 0.9  # of the chunks with a word that begins so, those of the one family it stands for
SOURCE_STATEMENTS = 3  # "Which guideline says X?": the entries cited by the best statements saying X, of these
DOSED_HITS = 20  # chunks read for a line that doses a drug the search's statements did not
ENTRY_WORDS = 2  # words of its own a question about the entry the last answer quoted may name (_cited_source)
# the order of a follow-up's answer: its own words' share of the meaning, and what its inherited words weigh
# (chosen by fact_at_1 summed over the probes p15-p27, 0.5 against 1.0 for the inherited words; the gated sets
# and p28-p29 are reported, not chosen on)
OWN_SHARE, CONTEXT_WEIGHT = 0.5, 0.5
ASK_POOL = 8  # the whole question's best statements each ask of it picks from (each_ask)
LIFT = 0.001  # what lifts the best statement of each ask of a question above the one after it (each_ask)
OFF_TOPIC = 0.1  # a follow-up's statement of another document than its topic's loses this much in its answer's order
ROOT_SPARE = 4  # letters at its end a word may differ by from the documents' form of it (qualifies_known)
USES_READ = 200  # chunks read for the uses of a qualifier (opposite_kinds)
MEASURE_READ = 50  # chunks read for a value after an abbreviation's meaning (measured)
QUALIFIED = 2  # words after a qualifier in which a condition's word makes it part of that condition's name
MAX_SIBLINGS = 5  # other chunks of the found passages' sections read too
SIBLING_SECTION = 3  # ... of sections cut into at most this many chunks
SOURCE_TERMS = 8  # the words of a cited reference entry's title that name it in a follow-up
MARKED_WORDS = 3  # words of a thing set before a question by a dash ("GTN ointment - how does he use it?")


@dataclass(frozen=True)
class Assessment:
    """A question looked up but not yet answered (the eval calibration reads its evidence)."""

    standalone: str
    vector: np.ndarray
    passages: list[Passage]
    scored: list[Scored]
    evidence: Evidence


class Engine:
    def __init__(self, settings: Settings, *, embedder: Embedder | None = None, index: Index | None = None,
                 chat_model=None) -> None:
        settings.validate()
        self.settings = settings
        # questions are encoded by the ONNX export of the model when there is one: no torch on this path; it
        # loads while Chroma starts (both mostly outside the GIL)
        loading = None if embedder else _START.submit(query_encoder, settings.index.embed_model)
        self.index = index or open_index(settings.index, model=settings.index.embed_model)
        self.embedder = embedder or loading.result()
        self._lock = threading.Lock()
        self._reopen()
        self.llm = None
        if chat_model is not None or settings.llm:
            from app.answer.llm import LLMAnswerer

            self.llm = LLMAnswerer(chat_model if chat_model is not None else settings.llm, settings.llm_api_key,
                                   settings.llm_timeout)

    def _reopen(self) -> None:
        self.retriever = Retriever(self.index, self.embedder)
        # statements were embedded at ingest by the index's encoder: their cached vectors are under its key
        self.statements = StatementVectors(self.index, self.embedder,
                                           cache_key(self.settings.index.embed_model, self.index.catalog.get("encoder")))
        self.expansions = Expansions(lambda: self.index.catalog.titles() + self.index.catalog.sections() +
                                     [document for _, document, _ in self.index.catalog.records()])
        self._meanings: dict[tuple[str, str], str | None] = {}  # (abbreviation, question) -> meaning
        self._compounds: dict[str, str | None] = {}  # word -> the corpus word it is a compound of, likewise
        self._apart: dict[str, bool] = {}  # word -> whether the documents write it as two (written_apart), likewise
        self._members: dict = {}  # a drug class's members the documents write (names.class_members), likewise
        self._document_stems: dict[str, frozenset[str]] = {}  # doc_id -> its stems (document_stems), likewise
        self._headings: str | None = None  # every title and heading, lower case (headings)
        names = self.index.catalog.corpus_names() if hasattr(self.index.catalog, "corpus_names") else []
        self.vocabulary = self._vocabulary(names)
        self.medicines = Medicines(names)
        self.subject_stems = all_stems(self.vocabulary, kinds=("heading", "name"))

    def _vocabulary(self, names: list[str]) -> SubjectVocabulary:
        catalog = self.index.catalog
        sections = catalog.sections() or [m.get("section", "") for _, _, m in self.index.vectors.records()]
        return SubjectVocabulary(sections, catalog.titles(), names)

    def idf(self, words: list[str]) -> dict[str, float]:
        """Inverse document frequency of words over the chunks (a hyphenated word counts by its rarest part);
        0 for a word no chunk contains: no statement can name it, so it tells statements apart no more than
        it weighs them all down (whether its absence means the corpus does not cover the question is the
        abstention rules' decision)."""
        parts = {w: in_corpus_terms(w) for w in words}
        freq = self.retriever.doc_freq(sorted({p for ps in parts.values() for p in ps}))
        total = self.retriever.chunk_total
        rarest = {w: min((freq[p] for p in ps), default=0) for w, ps in parts.items()}
        return {w: math.log((total + 1) / (n + 1)) + 1.0 if n else 0.0 for w, n in rarest.items()}

    def names_something(self, ask: str) -> bool:
        """An ask that names what it asks about ("Flomax?", "dex dose?"): an uncommon word, or a word of at most
        MIN_CLIPPED letters the corpus never writes (a clinician's short form: dex, abx, neb); not "What should I
        add?", "Next step?" or "Antibiotics straight away?", which leave what they ask about to the case."""
        terms = key_terms(ask)
        if any(not _common(t) for t in terms):
            return True
        short = [t for t in terms if len(t) <= MIN_CLIPPED]
        return bool(short) and not all(self.index.catalog.terms_present(short).values())

    def only_drugs(self, ask: str, names: Names) -> bool:
        """An ask whose every word names a drug, under any of its names ("Flomax (tamsulosin)?")."""
        drugs = {w for phrase, (canonical, kind) in names.resolved.items() if kind == "drug"
                 for w in key_terms(f"{phrase} {canonical} {names.variants.get(phrase, '')}")}
        terms = key_terms(ask)
        return bool(terms) and all(t in drugs for t in terms)

    def informative(self, word: str) -> bool:
        """A word the corpus uses, but in few chunks: it says what a question was about."""
        parts = in_corpus_terms(word)
        freq = self.retriever.doc_freq(parts)
        return all(0 < freq[p] <= CONTEXT_SHARE * self.retriever.chunk_total for p in parts)

    def naming(self, word: str) -> bool:
        """An informative word that names something: not a common English word ("This summary covers ..."), or one
        the drug and condition dictionaries know ("migraine", "infection")."""
        return self.informative(word) and (not _common(word) or bool(self.index.catalog.resolve_names([word])))

    def refresh(self) -> bool:
        """Reopen the index if another process committed an ingest since; True when it did."""
        with self._lock:
            if self.index.refresh_if_changed():
                self._reopen()
                return True
        return False

    def standalone(self, question: str, history: list[Answer]) -> str:
        """The retrieval query: the question itself, or a follow-up rewritten with the topic of the history."""
        if not history or is_new_topic(question):
            return without_topic_cue(question)
        if self.llm is not None:
            rewritten = self.llm.rewrite(question, history)
            if rewritten:
                return rewritten
        # a brand the vocabulary lacks is still a subject of the question's own: "Can a patient on Veltassa take
        # it with other meds?" is about patiromer, which the documents name; its "it" is Veltassa
        asked = question.strip()
        question = expand(question, resolve(question, self.index.catalog))
        leans = is_followup(question, self.vocabulary)
        last = history[-1]
        # after a refusal, a question that names a subject of its own and does not point back with a pronoun
        # ("And steroids?" after a refused drug; "When would you send her to the surgeons?": "her" is the
        # patient, unless it asks about a regimen: a dose, how long, a course) goes on from the last answer;
        # "What dose for his kidneys?", "How long would she take a course?" or "Is
        # there evidence for it in pregnancy?" is still about what was refused; "Which consensus is this from?"
        # asks for the sources of what was quoted
        pointing = ANAPHORA - {"that"} - (set() if asks_for_regimen(question) else PATIENT_PRONOUNS)
        moves_on = bool(key_terms(strip_context(question))) and not pointing_words(question) & pointing
        # ... and one whose pronoun comes after a thing it names itself, which the documents write and the
        # refused question did not ("GTN ointment - how does he use it?" after refused co-codamol; "How long
        # before he can play football after it?" after a refused anticoagulant): the pronoun is that thing's
        own_item = last.abstained and not moves_on and self.named_before_pronoun(question, last.question)
        if last.abstained and (moves_on or own_item or asks_for_source(question)):
            last = next((a for a in reversed(history) if not a.abstained), last)
            if own_item and last.abstained:
                return asked  # nothing answered before: its own question
        cited_last = last
        last = _about(history, last)
        topic = None
        facet = False  # True when only the old topic leads the question to its document
        drugs = [self.vocabulary.subjects[s] for s in self.vocabulary.find(question)
                 if self.vocabulary.kinds[s] == "name"] if leans is None and is_literature(question) else []
        if drugs:
            # "Which trial showed harm from combining ramipril with telmisartan?" says what it asks about: of the
            # topic, only the subject of the document it follows ("What study supports doxycycline over
            # amoxicillin?" after erythema migrans is about Lyme disease's evidence, not a chest infection's)
            # ... when that document names the drug ("What study supports empagliflozin?" after asthma is its own)
            cited = last.citations
            if not cited or not any(d <= self.document_stems(cited[0].passage.doc_id) for d in drugs):
                return asked
            head = [w for w in key_terms(title_head(cited[0].passage.title)) if self.naming(w)]
            return f"{asked} (about {' '.join(head)})" if head else asked
        if leans is None:
            vector = self.embedder.encode_query(question)  # once, for both comparisons
            leans = self.same_document(question, last, vector)
            if not leans:
                topic = self.topic(last)
                leans = facet = self.closer_with_topic(question, last, topic, vector)
        if not leans:
            return asked  # its own question: what it names is resolved when it is looked up
        facet = facet or self.elsewhere(question, last, topic or self.topic(last))
        chosen = _cited_source(question, cited_last) or topic or self.topic(last)
        # a thing set before the question about it ("Not settling. GTN ointment - how does he use it?") is its "it"
        own_item = own_item or self.named_before_pronoun(question, chosen.subject or "", marked=True)
        return rewrite(question, replace(chosen, pronoun=False) if own_item else chosen, self.vocabulary, facet)

    def named_before_pronoun(self, question: str, said: str, marked: bool = False) -> bool:
        """Whether a word before the question's first pronoun ("it", "they", ...) names something the documents
        write in few passages (informative) that `said` (the refused question, or the topic's subject) did not:
        the pronoun points at it. `marked`: only a word of a short phrase set before the question by a dash or
        a colon ("GTN ointment - how does he use it?"; not "Her rash is worse - should I increase it?")."""
        first = next((m for m in WORD.finditer(question) if m.group(0).lower() in PERSONAL), None)
        if first is None:
            return False
        before = question[:first.start()]
        if marked:  # the phrase before the last separator, when that is a dash or a colon (not a full stop:
            # "Not settling. Should I increase it?")
            pieces = re.split(r"((?<=[.?!])\s+|\s+[-–—]\s+|:\s+)", before.strip())
            if len(pieces) < 3 or not re.fullmatch(r"\s+[-–—]\s+|:\s+", pieces[-2]):
                return False
            head = pieces[-3]
            if len(words(head)) > MARKED_WORDS or pointing_words(head) & ANAPHORA:
                return False
            before = head
        known = stems(said)
        named = self.naming if marked else self.informative  # a marked phrase names a thing ("GTN ointment"; not
        return any(named(t) for t in key_terms(before) if t.isalpha() and stem(t) not in known)  # "Still itchy")

    def elsewhere(self, question: str, last: Answer, topic: Topic) -> bool:
        """Does the follow-up name only headings of other documents than the one the last answer quoted ("And for
        oral prophylaxis?" after the section on thiamine for Wernicke's, beside a guideline headed "Post-exposure
        prophylaxis")? Then it asks about that facet of the topic, not for another document's section: the
        section it followed stays its subject. Not a drug it followed ("And for long-term prevention?" after
        colchicine for a flare is about gout, not colchicine), nor a heading that names a condition."""
        found = self.vocabulary.find(question)
        own = [o for o in found if self.vocabulary.kinds.get(o) in ("heading", "topic")]
        cited = sorted({c.passage.doc_id for c in last.citations})
        if not own or not cited or len(own) < len(found) or \
                self.vocabulary.kinds.get(topic.subject or "") == "name":
            return False
        if any(self.names_condition(w, o) for o in own for w in key_terms(o)):
            return False  # "And for migraine?" after a gout flare names another condition: a new topic
        here = [self.vocabulary.find(s.split(" › ")[-1]) for s in self.index.catalog.doc_sections(cited)]
        return not any(o in found for o in own for found in here)

    def topic(self, last: Answer) -> Topic:
        """The subject and context of the last turn (see app.answer.followup.topic_of); of a turn refused for a
        drug no document names, that drug: "Is there evidence for it in pregnancy?" after "Is fosfomycin an
        option?" is still about fosfomycin."""
        if last.abstained and (unknown := resolve(strip_context(last.standalone_question),
                                                  self.index.catalog).unknown_drugs):
            return Topic(unknown[0], [])
        cited = [(c.passage.section, c.passage.title) for c in last.citations]  # none when it abstained
        written = self.document_stems(last.citations[0].passage.doc_id) if last.citations else frozenset()
        return topic_of(last.standalone_question, cited, self.vocabulary, self.informative, last.question,
                        self.naming, written)

    def same_document(self, question: str, last: Answer, vector: np.ndarray | None = None) -> bool:
        """By meaning: does the question alone find one of its best passages in a document the last answer cited?
        Then the item it names is a facet of that topic; otherwise it may start a new one (closer_with_topic)."""
        cited = {c.passage.doc_id for c in last.citations}
        return bool(cited) and any(p.doc_id in cited for p in self.retriever.retrieve(
            question, self.config(k=FOLLOW_K), vector))

    def closer_with_topic(self, question: str, last: Answer, topic: Topic | None = None,
                          vector: np.ndarray | None = None) -> bool:
        """By meaning: does the question find the corpus closer with the last answer's topic than alone? Then it
        is a facet that needs that topic ("Any dietary advice needed?" after bisoprolol in heart failure: alone
        it matches nothing well); a question that alone finds something closer starts a new topic ("Which bone
        diseases affect children?"), and so does one that names a drug or a word no document has (the topic
        would always bring it closer: it is about neither)."""
        if not last.citations:
            return False
        names = resolve(question, self.index.catalog)
        own = self.evidence(question, names, [])
        if own.unknown_drugs or own.absent_rare or any(kind in DRUG_KINDS for _, kind in names.resolved.values()):
            return False  # it names a drug or a word of its own: a subject, not a facet of the old one
        dense = self.config(k=FOLLOW_K, mode="dense")
        joined = rewrite(question, topic or self.topic(last), self.vocabulary, facet=True)
        return _best(self.retriever.retrieve(joined, dense)) > _best(self.retriever.retrieve(question, dense, vector))

    def config(self, k: int | None = None, mode: str | None = None,
               kinds: tuple[str, ...] | None = None) -> RetrievalConfig:
        s = self.settings
        return RetrievalConfig(k=k or s.k, candidates=max(s.candidates, k or s.k), mode=mode or s.mode,
                               rrf_k=s.rrf_k, dense_weight=s.dense_weight, keyword_weight=s.keyword_weight,
                               kinds=kinds)

    def retrieve(self, query: str, k: int | None = None, mode: str | None = None) -> list[Passage]:
        return self.retriever.retrieve(query, self.config(k, mode))

    def respelt(self, question: str) -> str:
        """The question with each word that is a slip from one the documents write followed by that word in
        parentheses (app.answer.spelling): "Happy to start lisinipril?" -> "Happy to start lisinipril
        (lisinopril)?"."""
        catalog = self.index.catalog

        def known(word: str) -> bool:
            names = resolve(word, catalog)
            return _common(word) or bool(names.resolved or names.unknown_drugs) or self.names_condition(word, word)
        for word, fix in respelt(strip_context(question), catalog.terms_present, catalog.completions, known,
                                 catalog.dictionary_words).items():
            question = re.sub(rf"\b{re.escape(word)}\b(?!\s*\()", lambda m, f=fix: f"{m.group(0)} ({f})", question,
                              count=1, flags=re.I)
        return question

    def spell_out(self, query: str) -> str:
        """Each abbreviation the corpus never uses, followed by what it stands for there:
        "first-line for CAP" -> "first-line for CAP (community acquired pneumonia)"; and each symbol of a
        measured value whose meaning the documents write: "K is 6.8" -> "K (potassium) is 6.8"; and each short
        form of a word the documents use: "bicarb" -> "bicarb (bicarbonate)"; and each adjective of one:
        "asthmatic" -> "asthmatic (asthma)"."""
        # not one letter-run of a name written with a hyphen ("NB-UVB" phototherapy, "IL-6", "COVID-19"): the name
        # is the whole, and its parts spelled out one by one ("NB (non biological)") are other things
        joined = {m.group(0) for m in _HYPHENATED.finditer(query)}
        wanted = [a for a in abbreviations_in(strip_context(query)) if a not in joined]
        # ... nor a word of a name the drug dictionary knows whole ("Anusol HC" is hydrocortisone, its "HC" no
        # hydroxycarbamide): looked up only for a question that has an abbreviation
        whole = {w for phrase in resolve(strip_context(query), self.index.catalog).resolved if " " in phrase
                 for w in phrase.split()} if wanted else set()
        wanted = [a for a in wanted if a.lower() not in whole]
        present = self.index.catalog.terms_present([a.lower() for a in wanted]) if wanted else {}
        for abbreviation in wanted:
            # one the documents use too is spelled out when they write what it stands for in as many chunks as
            # they write it: a guideline that defines "GDM" once and says "gestational diabetes" throughout
            form = self.meaning(abbreviation, query) if not present.get(abbreviation.lower()) else \
                self._more_written(abbreviation, query)
            # before a value it names a measure: a run of the documents' words that merely has its initials ("HR
            # (hormone replacement) 100") gives way to a meaning they give a value of ("heart rate is above 130"),
            # else to none; a dictionary meaning stays ("TIA 2 days ago", "RR (respiratory rate) 32" beside a
            # "relative risk 0.48")
            if form and re.search(rf"\b{re.escape(abbreviation)}{_VALUE}", query) and \
                    form not in self.index.catalog.meanings(abbreviation) and not self.measured(form):
                form = self.measure_meaning(abbreviation, query)
            if form and not (not present.get(abbreviation.lower()) and self.guessed(abbreviation, query) and
                             form in self.index.catalog.meanings(abbreviation)):  # not "PV (polycythemia vera)"
                query = re.sub(rf"\b{re.escape(abbreviation)}\b", f"{abbreviation} ({form})", query, count=1)
        for word, whole in self.clipped(strip_context(query)).items():  # "bicarb" -> "bicarb (bicarbonate)"
            if re.search(rf"\b{re.escape(word)}\s*\(", query, re.I):
                continue  # already named ("Cipro (ciprofloxacin)": the drug dictionary's brand)
            query = re.sub(rf"\b{re.escape(word)}\b", lambda m, w=whole: f"{m.group(0)} ({w})", query, count=1,
                           flags=re.I)  # as the user wrote it: "Bicarb (bicarbonate)"
        adjectives = [w for w in key_terms(strip_context(query)) if w.isalpha() and not _common(w)]
        present = self.index.catalog.terms_present(adjectives) if adjectives else {}
        for word in (w for w in adjectives if not present[w]):  # "asthmatic" -> "asthmatic (asthma)"
            root = self.adjective_of(word)
            if root and not re.search(rf"\b{re.escape(word)}\s*\(", query, re.I):
                query = re.sub(rf"\b{re.escape(word)}\b", lambda m, r=root: f"{m.group(0)} ({r})", query, count=1,
                               flags=re.I)
        for symbol in self.symbols(strip_context(query)):
            form = self.symbol_meaning(symbol, query)
            if form:  # at the symbol itself, not at the same letter earlier ("vitamin K antagonist and K is 6.8")
                query = re.sub(symbol_pattern(symbol), f"{symbol} ({form})", query, count=1)
        return query

    def measured(self, meaning: str) -> bool:
        """Whether the documents write a value after the meaning, as of a measure ("heart rate above 100",
        "haemoglobin of 80 g/L", "blood pressure 140/90"), in the first MEASURE_READ chunks that hold it."""
        pattern = r"[\s-]+".join(re.escape(w) for w in meaning.lower().split())
        return any(re.search(rf"\b{pattern}{_VALUE}", body, re.I)
                   for body in self.index.catalog.bodies_with(meaning, MEASURE_READ))

    def measure_meaning(self, abbreviation: str, context: str) -> str | None:
        """Of an abbreviation's meanings (the dictionary's, the corpus's runs of its initials), the first one the
        documents give a value of."""
        meanings = self.index.catalog.meanings(abbreviation)
        options = dict.fromkeys(self._written(meanings) + meanings +
                                self.corpus_forms(abbreviation, context)[:MAX_FORMS])
        return next((o for o in options if o.lower() != abbreviation.lower() and self.measured(o)), None)

    def clipped(self, text: str) -> dict[str, str]:
        """Words of the text that no document has but that begin exactly one family of words the documents
        use, with that word ("bicarb": bicarbonate, "benzo": benzodiazepines): a clinician's short form. Not a
        common word, nor a prefix of words of several families ("pred": prednisone, predict), unless one family
        holds nearly all of them (a glued "bicarbonatean" of one page is not another word)."""
        candidates = [w for w in key_terms(text) if w.isalpha() and len(w) >= MIN_CLIPPED and not _common(w)]
        present = self.index.catalog.terms_present(candidates) if candidates else {}
        # a word of a name the dictionary knows whole ("uric" of "uric acid") is no short form
        absent = [w for w in candidates if not present.get(w)]
        names = self.index.catalog.resolve_names(lexicon_phrases(text)) if absent else {}
        inside = {w for phrase in names if " " in phrase for w in phrase.split()}
        out, paired = self.clipped_pairs(text, [w for w in absent if w not in inside])
        for word in (w for w in absent if w not in inside and w not in paired):
            meant = self.index.catalog.meanings(word.upper()) if len(word) <= MIN_CLIPPED else []
            found = {w: n for w, n in self.index.catalog.completions(word).items() if w != word}
            families: dict[str, int] = {}
            for w, n in found.items():
                families[stem(w)] = families.get(stem(w), 0) + n
            top = max(families, key=lambda f: families[f], default=None)
            if top and families[top] < FAMILY_SHARE * sum(families.values()):
                # of the families, the one drug the documents name: "epi" beside "episode" is epinephrine, "nitro"
                # beside "nitrogen" nitrofurantoin (a clinician shortens medicines' names, not other words)
                drugs = self.index.catalog.resolve_names(sorted(found))
                named = {stem(w) for w in found if drugs.get(w, ("", ""))[1] == "drug"}
                top = next(iter(named)) if len(named) == 1 else None
            if top and not any(_common(w) for w in found if stem(w) == top):
                whole = max((w for w in found if stem(w) == top), key=lambda w: found[w])
                if meant and not any(len(os.path.commonprefix([whole, m.split()[0].lower()])) > MIN_CLIPPED
                                     for m in meant):
                    continue  # a three-letter abbreviation of something else ("aki": acute kidney injury)
                out[word] = whole
        return out

    def clipped_pairs(self, text: str, absent: list[str]) -> tuple[dict[str, str], set[str]]:
        """Two short forms side by side that begin the two words of one name the documents write ("mag sulf":
        magnesium sulfate, not sulfasalazine, the one drug "sulf" begins): of the pairs of the words each begins,
        the one the documents write most, word for word. One of them may be a common word ("mag"), but neither one
        the documents write ("Her vit D" is not "hereditary vitamin"). With the
        words of the pairs: those of a pair that are both absent from the documents and begin no name they write
        together are one short name they do not write ("pip taz": piperacillin with tazobactam), and neither is
        spelled out alone ("taz" is not the tazarotene of a psoriasis guideline)."""
        out, paired = {}, set()
        for match in re.finditer(r"\b(?=([A-Za-z]{%d,})\s+([A-Za-z]{%d,})\b)" % (MIN_CLIPPED, MIN_CLIPPED), text):
            first, second = match.group(1).lower(), match.group(2).lower()
            if first not in absent and second not in absent:
                continue
            catalog = self.index.catalog
            written = catalog.terms_present([first, second])
            if any(written.values()):  # a word the documents write is itself ("Her vit D" is no "hereditary vitamin")
                continue
            starts = [[first, *catalog.completions(first)], [second, *catalog.completions(second)]]
            phrases = sorted({f"{a} {b}" for a in starts[0] for b in starts[1]} - {f"{first} {second}"})
            counts = catalog.phrases_present(phrases) if phrases else {}
            best = max(phrases, key=lambda p: counts[p], default=None)
            if best and counts[best]:
                out[f"{first} {second}"] = best
                paired |= {first, second}
            elif not _whole(first) and not _whole(second):  # two short forms of one name, not a short form
                paired |= {first, second}  # beside a whole word ("doxy staining": doxy is doxycycline)
        return out, paired

    def symbols(self, text: str) -> list[str]:
        """The symbols of the text that stand for a measured value the dictionary knows, written so ("K is 6.8":
        potassium; "Na 128": sodium), not a letter of a name the documents write ("vitamin K 10 mg")."""
        out = []
        for letter, before in symbols_in(text):
            named = before and self.index.catalog.phrases_present([f"{before} {letter}"])[f"{before} {letter}"]
            if not named and self.index.catalog.meanings(letter, exact_case=True) and letter not in out:
                out.append(letter)
        return out

    def symbol_meaning(self, symbol: str, context: str) -> str | None:
        """A symbol's meaning among the dictionary's (written exactly so) that the documents write; none else: a
        letter's runs of corpus words are chance ("T 39" is not "thousand")."""
        written = self._written(self.index.catalog.meanings(symbol, exact_case=True))
        return written[0] if len(written) == 1 else self._closest(written, context, symbol)

    def meaning(self, abbreviation: str, context: str = "") -> str | None:
        """What an abbreviation stands for here: the dictionary's meanings the corpus writes, else every meaning
        the dictionary has and the most frequent runs of corpus words with its initials; among several, the
        one the documents write beside the question's words, its inherited context included ("HP" in
        "first-line eradication therapy for HP" beside a gastric guideline is helicobacter pylori, not the
        dictionary's hypopharynx or a genetics page's human phenotype; PE is physical examination in a
        document that examines and writes it). Written beside none of them: the dictionary's meaning when it
        has only one ("MI": myocardial infarction), else the corpus's most frequent run. A plural ("DTs") means
        what its singular does."""
        key = (abbreviation, context)
        if key not in self._meanings and re.fullmatch(r"[A-Z][A-Z0-9]+s", abbreviation) and \
                not self.index.catalog.meanings(abbreviation, exact_case=True) and not self.defines(abbreviation):
            # a plural ("DNs", "UTIs") means what its singular does, not another abbreviation that differs from it
            # only in the case of its last letter ("DNS": deviated nasal septum), unless the dictionary writes it so
            # or a document defines it ("community nurses (CNs)")
            self._meanings[key] = self.meaning(abbreviation[:-1], context)
        if key not in self._meanings:  # spell_out and the evidence both ask, once per question
            meanings = self.index.catalog.meanings(abbreviation)
            written = self._written(meanings)
            forms = self.corpus_forms(abbreviation, context)[:MAX_FORMS] if not written else []
            if meanings and len(abbreviation) <= 2:  # two letters are weak evidence: the dictionary's meanings over
                # two words that merely share them ("AF": atrial fibrillation, not a vitamin page's "active form"),
                # unless a text defines the abbreviation so, they name a condition ("CD": the coeliac disease of a
                # guideline that never writes Crohn's) or a title or heading ("RT": "Rapid tranquillisation"); three
                # or more initials in a row are seldom chance ("CGA": comprehensive geriatric assessment)
                forms = [f for f in forms if self._stands_for(abbreviation, f)]
            options = written or list(dict.fromkeys(meanings + forms if len(meanings) == 1 else forms + meanings))
            options = [o for o in options if o.lower() != abbreviation.lower()]
            if not options and re.fullmatch(r"[A-Z][A-Z0-9]+s", abbreviation):  # "DTs", "UTIs": the plural
                self._meanings[key] = self.meaning(abbreviation[:-1], context)
            else:
                self._meanings[key] = options[0] if len(options) == 1 else \
                    self._closest(options, context, abbreviation)
            if len(self._meanings) > MEANING_MEMO:
                self._meanings.pop(next(iter(self._meanings)))
        return self._meanings[key]

    def defines(self, abbreviation: str) -> bool:
        """Whether a text of the corpus defines the abbreviation, in parentheses after its words (in an index small
        enough to read them all)."""
        return self.retriever.chunk_total <= SCAN_CHUNKS and \
            any(self.expansions.is_defined(abbreviation, f) for f in self.expansions.forms(abbreviation))

    def _stands_for(self, abbreviation: str, form: str) -> bool:
        """Whether a text of the corpus defines the abbreviation by this form ("active form (AF)"), the form
        names a condition ("coeliac disease"), or a title or heading names it ("Rapid tranquillisation")."""
        if any(self.names_condition(t, form) for t in key_terms(form)):
            return True
        if self.retriever.chunk_total > SCAN_CHUNKS:
            return True  # a large index reads only some documents' texts: what they give stands
        return self.expansions.is_defined(abbreviation, form) or \
            re.search(rf"\b{re.escape(form.lower().replace('-', ' '))}\b", self.headings()) is not None

    def headings(self) -> str:
        """Every title and heading, lower case, hyphens as spaces: read once per index state."""
        if self._headings is None:
            self._headings = "\n".join(self.index.catalog.titles() + self.index.catalog.sections()).lower() \
                .replace("-", " ")
        return self._headings

    def _more_written(self, abbreviation: str, context: str) -> str | None:
        """What an abbreviation the documents use stands for (`meaning`), when they write it in as many chunks as the
        abbreviation itself (as a whole, or by its first two words: a guideline says "gestational diabetes" for
        the dictionary's "gestational diabetes mellitus"), else None."""
        key = (f"written:{abbreviation}", context)  # memoized with the meanings: spell_out and the evidence ask
        if key in self._meanings:
            return self._meanings[key]
        meaning = self.meaning(abbreviation, context)
        meanings = [meaning] if meaning else []
        heads = {m: " ".join(m.split()[:2]) for m in meanings}  # "gestational diabetes" of "... mellitus"
        counts = self.index.catalog.phrases_present(sorted(set(meanings) | set(heads.values()))) if meanings else {}
        written = {m: max(counts[m], counts[heads[m]]) for m in meanings}
        best = max(written, key=lambda m: written[m], default=None)
        used = self.retriever.doc_freq([abbreviation.lower()]).get(abbreviation.lower(), 0)
        # ... and, for words of the documents that merely have its initials (not a meaning the dictionary gives it),
        # some passage writes the two together: "CT normal" beside a head injury page's "CT" is not the "carpal
        # tunnel" of another guideline
        self._meanings[key] = best if best and written[best] >= used and (
            best in self.index.catalog.meanings(abbreviation) or
            self.index.catalog.together(best, [abbreviation.lower()])[abbreviation.lower()]) else None
        return self._meanings[key]

    def _written(self, meanings: list[str]) -> list[str]:
        """The meanings the documents write, the most written first."""
        counts = self.index.catalog.phrases_present(meanings) if meanings else {}
        return sorted((m for m in meanings if counts[m]), key=lambda m: -counts[m])

    def corpus_forms(self, abbreviation: str, context: str) -> list[str]:
        """The runs of corpus words whose initials spell the abbreviation, most frequent first: read from every
        chunk, title and heading in an index of up to SCAN_CHUNKS chunks (once per index state: a title may be
        the one place that spells it out); in a larger one, from the
        documents whose chunks best match the question's other words (reading a million chunks would take
        half a minute)."""
        if self.retriever.chunk_total <= SCAN_CHUNKS:
            return self.expansions.forms(abbreviation)
        hits = self.retriever.keyword(context.replace(abbreviation, " "), SCAN_HITS)
        records = self.index.fetch([cid for cid, _ in hits])
        documents = list(dict.fromkeys(meta.get("doc_id", "") for _, meta in records.values()))[:SCAN_DOCUMENTS]
        records = [r for doc_id in documents for r in self.index.catalog.doc_records(doc_id)]
        texts = list(dict.fromkeys(part for _, _, meta in records for part in (meta.get("title", ""),
                                                                               meta.get("section", "")) if part))
        texts += [document for _, document, _ in records]  # titles and headings spell words out too
        return Expansions(lambda: texts).forms(abbreviation)

    def _closest(self, options: list[str], context: str, abbreviation: str) -> str | None:
        """The option the documents write beside the question's other words (the rarer a word, the more it
        counts); with none written so, the first option (`meaning` orders them)."""
        return self._beside(options, context, abbreviation)[0]

    def _beside(self, options: list[str], context: str, abbreviation: str) -> tuple[str | None, float]:
        """_closest's option, with how much of the question's words the documents write beside it (0: none)."""
        others = [t for t in key_terms(context) if t != abbreviation.lower()][:MAX_CONTEXT]
        weights = self.idf(others) if others else {}
        best, best_weight = options[0] if options else None, 0.0
        for option in options:
            near = self.index.catalog.together(option, [t for t in others if weights.get(t)])
            weight = sum(weights[t] for t, hit in near.items() if hit)
            if weight > best_weight:
                best, best_weight = option, weight
        return best, best_weight

    def guessed(self, abbreviation: str, context: str) -> bool:
        """Whether the meaning of an abbreviation the corpus never writes is the dictionary's first of several,
        none of them written beside the question's words: a guess, not shown as its meaning ("PV spotting at 8
        weeks": the dictionary's polycythemia vera, pulmonary vein, pressure-volume, prostate volume; not the per
        vaginam it means)."""
        meanings = [m for m in self.index.catalog.meanings(abbreviation) if m.lower() != abbreviation.lower()]
        return len(meanings) > 1 and not self._written(meanings) and \
            self._beside(meanings, context, abbreviation)[1] == 0.0

    def evidence(self, query: str, names: Names, scored: list[Scored], inherited: bool = False,
                 asked: str = "", by_ask: list[Scored] = (), spelled: frozenset[str] = frozenset(),
                 topic_docs: frozenset[str] = frozenset(), own_found: frozenset[str] = frozenset(),
                 spelled_drugs: frozenset[str] = frozenset(), spelled_query: str = "") -> Evidence:
        """What the abstention decision rests on (see app.answer.abstain). Only the question's own words
        count: the "(about ...)" context of a follow-up was judged when it was asked. `by_ask`: a case's
        statements scored by the closer of the case and its ask (assess). `spelled`: abbreviations the engine
        spelled out in the documents' words ("DAPT (dual antiplatelet therapy)"), which are that meaning, not a
        drug the dictionary happens to list under the same letters. `topic_docs`: for a follow-up, the documents
        the answer it follows quoted; `own_found`: the chunks only its own words found, about that topic;
        `spelled_drugs`: the drugs its abbreviations and short forms were spelled out as ("TXA (tranexamic acid)"),
        in `spelled_query`."""
        own = strip_context(query)
        # the evidence reads the statements in their order before those speaking of their document were put after
        # the answer: a scope note ("for women aged 16 and over") still says whom the documents are for
        document_asked = asks_about_the_document(own)
        scored = sorted(scored, key=lambda s: -unranked(s, document_asked))
        owned = [re.sub(r"['’]s$", "", t) for t in key_terms(own)]  # "Huntington's" is Huntington
        # (a hyphenated name is the dictionary's phrase: "co-codamol" is its "co codamol")
        terms = [t for t in dict.fromkeys(owned) if t not in names.known and t not in names.resolved
                 and t.replace("-", " ") not in names.resolved
                 and (not _unverifiable(t, own) or _short_condition(t, own) and self.names_condition(t, own))]
        forms = {t: hyphen_forms(t) for t in terms}
        parts = sorted({p for t in terms for form in forms[t] for p in form})
        present = self.index.catalog.terms_present(parts) if parts else {}
        absent = [t for t in terms if not any(all(present.get(p, False) for p in form) for form in forms[t])]
        absent = [t for t in absent if self.compound(t) is None and self.adjective_of(t) is None and
                  not self.written_apart(t)]
        # a condition a follow-up gives the patient ("What if he had angina?", "She's asthmatic. Adalat
        # instead?") is theirs: the subject is the topic it inherited ("And for Lyme disease?" has no patient)
        patient = inherited and _PATIENT.search(own) is not None and \
            not (SOMEONE_ELSE.search(own) and not _PATIENT_HAS.search(own)) and \
            not self.asks_to_treat_it(own)  # ... unless it asks how to treat what it adds
        # a population ("toddler", "neonate") is judged by the population rules, which read a guideline's
        # words for it ("children", "under 2 years"), not as a condition no document names
        rare = () if patient else tuple(t for t in absent
                                        if not names_population(t) and self.names_condition(t, own))
        rare += () if patient else self.unnamed_conditions(own, names, rare)
        # an abbreviation no document writes, for a condition, is judged as such a word is: in a case beside a
        # condition the documents name, a finding of the case ("8 weeks pregnant, PV spotting, two previous
        # miscarriages. Anything to offer her?")
        rare = self.beside_known_condition(own, rare + self.unexplained(own, query), names)
        # a kind of a condition the documents name, by a word they never write ("latent tuberculosis" beside a
        # guideline on active tuberculosis): the search finds that condition's statements, close in meaning to the
        # question, but about another kind of it
        kinds = tuple(t for t in rare if " " not in t and self.qualifies_known(t, own))
        # "D-mannose" is said as the dictionary's "d mannose"; a name the engine added in parentheses is not said
        said = f" {' '.join(name_words(_without_added(own, asked or own)))} "
        # ... nor one the patient has already tried ("She's tried Fybogel and Movicol ... What next?" asks for
        # something else), unless the ask that closes the case names it again or points back at it ("... Is it worth
        # another go?")
        unknown = tuple(d for d in names.unknown_drugs if f" {' '.join(name_words(d))} " in said
                        and d.lower() not in spelled and not history_only(d, own))
        drugs = {part for phrase, (canonical, kind) in names.resolved.items() if kind in DRUG_KINDS
                 and phrase in own.lower() for n in (phrase, canonical, names.variants.get(phrase, canonical))
                 for part in {n.lower(), *components(n.lower())}} | spelled_drugs
        best = " ".join(s.text.lower() for s in scored[:DRUG_TOP])
        quoted = any(re.search(rf"\b{re.escape(d)}\b", best) for d in drugs)
        # "What if the patient is lactose intolerant?": what the patient has may be another document's subject
        outside = self.outside_topic(own, names, topic_docs) \
            if topic_docs and not THE_PATIENT.search(own) else ()
        novel = tuple(t for t in self.novel_words(own, names)
                      if not (patient and self.names_condition(t, own))) if inherited else ()
        # ... nor a finding a follow-up tells before its ask ("Libido's still on the floor. Anything else I can
        # try?"): what the patient has, as in a case (beside_known_condition)
        ask = vignette_ask(own) if novel else None
        if ask:
            told = {t for t in novel if not re.search(rf"\b{re.escape(t)}\b", ask, re.I)}
            novel = tuple(t for t in novel if t not in self.findings(told))
        # a name no document has in any form that is all the follow-up names ("What about Veoza?") is what it
        # asks about: refused like a drug the dictionary knows and no document names, however close its topic
        unknown += tuple(t for t in novel if _proper(t, own) and set(key_terms(without_parentheses(own))) == {t})
        # a follow-up's population is spoken of by its topic's documents: after valaciclovir for shingles, "His
        # eGFR is 20 - do I need to adjust that?" is not answered by another guideline's varenicline in renal
        # impairment (a document about the population speaks of it in every statement: "Epilepsy in pregnancy")
        on_topic = [s for s in scored if s.passage.doc_id in topic_docs and s.passage.chunk_id not in own_found]
        # the eight best, and any other the answer could quote (within MARGIN of the best)
        pool = on_topic or [s for s in scored if s.passage.chunk_id not in own_found]
        best = pool[:max(POPULATION_TOP, sum(1 for s in pool if pool and s.score >= pool[0].score - MARGIN))]
        if topic_docs and not on_topic:  # no statement of its topic's documents was found ("His wife is 30 weeks
            inherited = False  # pregnant - is pred safe in pregnancy?"): it has left them, judged as a question
        # a drug's population is spoken of by a document that names the drug (or its class): "is rifampicin safe
        # through breast milk?" is not answered by a hypertension guideline's enalapril while breastfeeding
        # (and by the name a short form was spelled out as: "is the doxy ok?" asks about doxycycline)
        with_spelled = names.with_names(resolve(", ".join(sorted(spelled_drugs)), self.index.catalog)) \
            if spelled_drugs else names
        best = self.naming_drugs(best, strip_context(spelled_query) if spelled_drugs else own, with_spelled)
        # a statement that says its document does not cover a population speaks of none (app.answer.scope)
        spoken = [f"{s.passage.title} › {s.passage.section}: {s.text}" for s in best if not leaves_out(s.text)]
        unaddressed = populations_unaddressed(own, spoken)
        # a condition of the patient's own that a question on a drug's suitability asks about, likewise
        if drugs and asks_if_suitable(own):
            unaddressed += self.comorbidities_unaddressed(own, query, spoken, drugs)
            # ... and a drug they take, with the one asked about ("He's on warfarin - is metronidazole OK?"), when
            # that is all the question says of them: a case that also gives a population or a condition ("78F,
            # eGFR 25, on warfarin. Is naproxen OK?") is answered by a statement on either, judged by their rules;
            # the statements are the best of any document: an interaction may be written in the other drug's
            if not populations_asked(own) and not had_clauses(own):
                anywhere = [f"{s.passage.title} › {s.passage.section}: {s.text}" for s in
                            scored[:max(POPULATION_TOP, sum(1 for s in scored if s.score >= scored[0].score - MARGIN))]]
                unaddressed += self.comedications_unaddressed(own, spoken + anywhere, names)
        # the amount of a drug asked by a short form the engine spelled out ("What dose of azithro?") is that drug's
        amount = self.amount_unstated(strip_context(spelled_query or query), with_spelled, scored, topic_docs) \
            if asks_for_amount(own) else ()
        left_out = excluded(own, [(s.passage.doc_id, s.text, f"{s.passage.title} {s.passage.section}") for s in scored])
        best_score = unranked(scored[0], document_asked) if scored else 0.0
        if by_ask and not rare:  # a case's ask may lift the score bar, never the bars on meaning: they read the case
            best_score = max(best_score, max(unranked(s, document_asked) for s in by_ask))
        return Evidence(best_score=best_score,
                        best_similarity=max((s.candidate.similarity for s in scored), default=0.0),
                        unknown_drugs=unknown, absent_rare=rare, has_topic=bool(content_words(query)),
                        drug_quoted=quoted, inherited=inherited, novel=novel, unaddressed=unaddressed,
                        outside_topic=outside, amount_unstated=amount, excluded=left_out, kind_unnamed=kinds,
                        told=tells_of_a_patient(own))

    def comedications_unaddressed(self, own: str, statements: list[str], names: Names) -> tuple[str, ...]:
        """The drugs the patient is said to take ("He's on warfarin", "taking methotrexate") that no one of these
        statements names together with a drug the question asks about, by any of their names, classes or groups:
        "He's also on warfarin - does the metronidazole interact with it?" is not answered by a statement on
        metronidazole and alcohol, nor by another medicine's interaction with warfarin. Warfarin is spoken of by
        "Do not offer an NSAID to people taking warfarin" for ibuprofen. A question naming only the
        drugs taken ("He's on Imdur - problem?") asks about its topic's drug and is not judged here."""
        drugs = {p: {stems(_spelled(f)) for f in forms} - {frozenset()}
                 for p, forms in self.named_drugs(names, own, with_classes=True).items()}
        taken = {p for p in drugs if is_taken(p, own)}
        # a name of a drug taken is that drug ("takes Ranexa (ranolazine)")
        canonical = {p: names.resolved[p][0].lower() if p in names.resolved else p for p in drugs}
        asked_names = [p for p in drugs if p not in taken and canonical[p] not in {canonical[t] for t in taken}
                       # nor the class the engine put after one ("takes ibuprofen (NSAIDs)")
                       and not any(re.search(rf"\b{re.escape(t)}\s*\([^)]*\b{re.escape(p)}\b", own, re.I)
                                   for t in taken)]
        asked = [drugs[p] for p in asked_names]
        if not taken or not asked:
            return ()
        said = [stems(_spelled(s.lower())) for s in statements]
        return tuple(f"{' or '.join(asked_names)} with {p}" for p in sorted(taken)
                     if not any(any(f <= s for f in drugs[p]) and any(f <= s for forms in asked for f in forms)
                                for s in said))

    def comorbidities_unaddressed(self, own: str, query: str, statements: list[str],
                                  drugs: set[str]) -> tuple[str, ...]:
        """The conditions the patient is said to have (app.answer.comorbidity) that none of these statements
        speaks of, by any of their words, in either spelling, nor the topic it follows or the statements' titles
        and headings name (the condition treated: "He has a fever and cough" after pneumonia): "He has
        myasthenia gravis. Is clarithromycin OK?" beside a pneumonia guideline's clarithromycin doses. A word names
        a condition when the condition dictionary has it, as a word or as the last word of its names ("asthma",
        "syndrome"), or by names_condition's rules; an adjective ("asthmatic") by the word it is formed from. A
        list ("diabetes, hypertension and asthma") is spoken of when one of its conditions is. A population ("She
        has stage 4 CKD") is the population rules' to judge; a clause that names no condition ("He had a hip
        replacement") asks about none, nor do the `drugs` the question names ("a penicillin allergy")."""
        said = [stems(s) for s in statements]
        topic = stems(" ".join(re.findall(r"\(about ([^)]*)\)", query) + [s.split(":", 1)[0] for s in statements]))
        out = []
        for items in had_clauses(own):
            named = {}
            for item in items:
                if populations_asked(item):
                    continue
                terms = [t for t in dict.fromkeys(key_terms(item))
                         if t.isalpha() and not names_population(t) and t.lower() not in drugs]
                nouns = {t: self.adjective_of(t.lower()) or t for t in terms}
                known = (self.index.catalog.condition_words(list(nouns.values())) or set()) | \
                    self.index.catalog.condition_heads(list(nouns.values())) if terms else set()
                terms = [t for t in terms if nouns[t] in known or self.names_condition(nouns[t], own, qualifying=True)]
                # the condition treated ("He has a fever and cough" after pneumonia) is the topic's, not another
                terms = [t for t in terms if stem(nouns[t]) not in topic]
                if terms:
                    named[named_span(item, terms)] = [nouns[t] for t in terms]
            if named and not any(stem(t) in s or stem(american(t) or t) in s
                                 for terms in named.values() for t in terms for s in said):
                out.append(" or ".join(named))
        return tuple(out)

    def asks_to_treat_it(self, own: str) -> bool:
        """Whether a follow-up asks how to treat, or what to do, about what it adds, not about a condition the
        documents write: "She also has a dry cough and sounds like sarcoidosis. How should I treat that?" asks
        about sarcoidosis; "She has epilepsy too - how should I treat her migraine?" about migraine."""
        if not (is_overview(own) or asks_what_to_do(own)):
            return False
        ask = vignette_ask(own) or own
        terms = [t for t in key_terms(ask) if self.names_condition(t, ask)]
        present = self.index.catalog.terms_present(terms) if terms else {}
        return not any(present.values())

    def names_elsewhere(self, own: str, topic: frozenset[str]) -> bool:
        """Whether a follow-up's own words name a condition, or an abbreviation, that its topic's documents never
        write and another document does ("And what about for a DVT?" after apixaban for AF)."""
        terms = [t for t in key_terms(own) if t.isalpha() and not _common(t) and self.names_condition(t, own)]
        terms += [a.lower() for a in abbreviations_in(own)]  # as another document writes it ("PE"), whatever it means
        written = set().union(*(self.document_stems(d) for d in topic))
        outside = [t for t in terms if stem(american(t) or t) not in written and stem(t) not in written]
        return bool(outside) and any(self.index.catalog.terms_present(outside).values())

    def document_stems(self, doc_id: str) -> frozenset[str]:
        """The stems of a document's words, headings and title, American spellings: read once per index state
        (a conversation's follow-ups ask about the same documents). By stems, "ACE inhibitors" is the guideline's
        "an ACE inhibitor", "calcium channel blockers" its "calcium-channel blocker"."""
        if doc_id not in self._document_stems:
            text = _spelled(" ".join(f"{meta.get('title', '')} {meta.get('section', '')} {document}"
                                     for _, document, meta in self.index.catalog.doc_records(doc_id)).lower())
            self._document_stems[doc_id] = frozenset(stem(part) for w in words(text)
                                                     for part in {w, *w.split("-")} if part)
        return self._document_stems[doc_id]

    def other_use(self, own: str, names: Names) -> tuple[str, ...]:
        """For a follow-up, the drugs it asks for a condition that no document naming the drug (or its class)
        names in any form (app.answer.indications): after an answer on the drug, "He also has HFrEF - is 16 mg the
        right candesartan dose for his heart failure too?" asks about a use the documents do not give. Only when
        every drug it asks for a condition is so, and only a drug some document names. `own`: the question's own
        words, abbreviations spelled out ("paroxysmal AF (atrial fibrillation)"). A first question is not judged:
        it names the condition its search is for, in words the documents may write otherwise ("UTI")."""
        out, asked = [], 0
        catalog = self.index.catalog
        for phrase, forms in self.named_drugs(names, own, with_classes=True).items():
            if is_class(names.resolved[phrase][0]):
                continue
            conditions = [c for c in (self.condition_forms(span, names, forms) for span in asked_for(own, phrase)) if c]
            if not conditions:
                continue
            drug_documents = set().union(*(catalog.documents_with(_spelled(f)) for f in sorted(forms) if f))
            if not drug_documents:
                continue
            asked += 1
            if not drug_documents & set().union(*(catalog.documents_with(f) for c in conditions for f in c)):
                out.append(phrase)
        return tuple(out) if out and len(out) == asked else ()

    def condition_forms(self, span: str, names: Names, drug: set[str]) -> list[str]:
        """The conditions a text names, each in the forms the documents may write it: a name the dictionary
        resolved (its canonical and the names documents write), else a word that names a condition."""
        forms: list[str] = []
        inside: set[str] = set()
        for phrase, (canonical, kind) in names.resolved.items():
            if kind in ("condition", "synonym") and re.search(rf"\b{re.escape(phrase)}\b", span, re.I):
                forms += [phrase, canonical, names.variants.get(phrase, canonical),
                          *self.index.catalog.written_names(canonical)]
                inside |= set(words(phrase))
        forms += [p for p in names.unnamed_conditions if re.search(rf"\b{re.escape(p)}\b", span, re.I)]
        inside |= {w for p in names.unnamed_conditions for w in words(p)} | {w for f in drug for w in words(f)}
        single = [t for t in key_terms(span) if t not in inside and not _common(t) and self.names_condition(t, span)]
        # "diabetic", "diabetics": diabetes
        forms += single + [root for t in single for root in [self.adjective_of(re.sub(r"s$", "", t))] if root]
        return list(dict.fromkeys(_spelled(f.lower()) for f in forms if f))

    def named_drugs(self, names: Names, text: str, with_classes: bool = False,
                    with_groups: bool = True) -> dict[str, set[str]]:
        """The drugs a text names, each with every name it goes by and their parts, lower case: its dictionary
        names (with `with_classes`, its class and, unless not `with_groups`, its group too). A medicine by its
        name: not a name made only of common words (a food, "lactose"; a form, "nasal spray")."""
        out = {}
        for phrase, (canonical, kind) in names.resolved.items():
            if kind != "drug" or phrase not in text.lower() or all(map(is_common, words(phrase))):
                continue
            parts = components(canonical)
            wider = [*(c for part in parts for c in classes_of(part)),
                     *(g for part in parts for g in groups_of(part)[0] if with_groups)] if with_classes else []
            out[phrase] = {part for n in (phrase, canonical, names.variants.get(phrase, canonical),
                                          *self.index.catalog.names_of(canonical), *wider)
                           for part in {n.lower(), *components(n.lower())}}
        return out

    def outside_topic(self, own: str, names: Names, topic_docs: frozenset[str]) -> tuple[str, ...]:
        """The drugs a follow-up names that the documents of its topic never name, under any of their names, their
        class or its group, in any number or spelling (all the words of one of its names, anywhere in them):
        "Would Cymbalta work for it?" after the treatment of postherpetic neuralgia, beside a knee osteoarthritis
        guideline that offers duloxetine, asks what the neuralgia guideline does not say."""
        wanted = {phrase: {_spelled(f) for f in forms}
                  for phrase, forms in self.named_drugs(names, own, with_classes=True).items()}
        if not wanted:  # a medicine by its name, not a food ("lactose") nor a form ("nasal spray")
            return ()
        text = frozenset().union(*(self.document_stems(doc) for doc in sorted(topic_docs)))
        if not text:
            return ()  # a conversation whose documents have since been removed judges nothing by them
        # one that names another document's subject in words its topic's documents never use ("And how much
        # colchicine for her gout flare?" after anticoagulation in AF) is about that document
        said = stems(without_parentheses(own))
        drugs = stems(" ".join(f for forms in wanted.values() for f in forms))  # a heading that names the drug is it
        if any(self.vocabulary.kinds[s] != "name" and not (self.vocabulary.subjects[s] & said) <= text | drugs
               for s in self.vocabulary.find(without_parentheses(own))):
            return ()
        absent = [phrase for phrase, forms in wanted.items() if not any(stems(f) and stems(f) <= text for f in forms)]
        # a drug the patient takes, in a question about the topic's own treatment ("She takes gabapentin - how
        # long should it be left on?"), is theirs; one they are to stop or start ("He's on propranolol - should
        # we stop it?") is what is asked about
        absent = [phrase for phrase in absent if not ((is_taken(phrase, own) or history_only(phrase, own)) and
                                                      not _REGIMEN_IT.search(own))]
        # the drug it would replace is the patient's: "What about leflunomide instead of the methotrexate?" asks
        # about leflunomide whatever the topic says of methotrexate
        replaced = {phrase for phrase in wanted if re.search(rf"{REPLACING}\s+(?:\w+\s+)?{re.escape(phrase)}\b",
                                                             own, re.I)}
        if replaced and len(replaced) < len(wanted):
            wanted = {p: f for p, f in wanted.items() if p not in replaced}
            absent = [p for p in absent if p not in replaced]
        # one it names is the topic's ("Piriton and hydrocortisone?", "switching his statin to fenofibrate"):
        # the others are what the patient takes, not what is asked about
        return tuple(absent) if len(absent) == len(wanted) else ()

    def unnamed_conditions(self, own: str, names: Names, rare: tuple[str, ...]) -> tuple[str, ...]:
        """The question's condition names of several words that no document names, under any of its names or
        word for word ("scarlet fever", "Rocky Mountain spotted fever"), whose words do not already say it (a
        condition word no document has) and hold no condition word a document has ("acute cystitis" beside a
        guideline on cystitis is that condition, qualified)."""
        phrases = [p for p in names.unnamed_conditions if re.search(rf"\b{re.escape(p)}\b", own, re.I)
                   and not any(t in rare for t in key_terms(p))]
        # shaped as condition names are, ending in a word that ends them ("fever", "elbow"); a lay phrase of two
        # common words ("heavy periods") is as likely the documents' condition in other words ("heavy menstrual
        # bleeding")
        heads = self.index.catalog.condition_heads([p.split()[-1] for p in phrases]) if phrases else set()
        # and not a head a title or heading writes: "tennis elbow" beside "Lateral elbow tendinopathy" is that
        # guideline's subject in the lay name ICD-10-CM gives another description
        phrases = [p for p in phrases if p.split()[-1] in heads and
                   not re.search(rf"\b{re.escape(p.split()[-1])}\b", self.headings())]
        if not phrases:
            return ()
        written = self.index.catalog.phrases_present(phrases)
        out = []
        for phrase in (p for p in phrases if not written[p]):
            named = [t for t in key_terms(phrase) if not _common(t) and self.names_condition(t, phrase)]
            present = self.index.catalog.terms_present(named) if named else {}
            if not any(present.values()):
                out.append(phrase)
        return tuple(out)

    def beside_known_condition(self, own: str, rare: tuple[str, ...], names: Names) -> tuple[str, ...]:
        """The condition words no document names, less those that only describe the patient of a case naming a
        condition the documents do ("Asthma flare, green sputum, CXR clear. Should I add Augmentin?": the
        sputum is the case's, asthma its subject); the words of its ask stay ("Known asthmatic. What do I give for
        her psoriasis?"), and so do a second diagnosis the case gives ("now has pityriasis rosea") and those of a
        case whose every condition is one no document names."""
        ask = vignette_ask(own)
        if not rare or ask is None:
            return rare
        case = own[:len(own) - len(ask)]
        # a condition by the dictionary's word for it, a word that qualifies one ("vaginal dryness"), or by a name
        # the condition dictionary lists ("asthma")
        named = [t for t in key_terms(case) if t not in rare and not _common(t)
                 and self.names_condition(t, own, qualifying=True)]
        named += [w for phrase, (_, kind) in names.resolved.items() if kind in ("condition", "synonym")
                  and re.search(rf"\b{re.escape(phrase)}\b", case, re.I) for w in key_terms(phrase)]
        # or by an abbreviation that stands for a condition ("HFpEF"; not a test's, a role's or a measure's: "ECG",
        # "GP", "EF 62%")
        named += [a.lower() for a in abbreviations_in(case) if not re.search(rf"\b{re.escape(a)}\W*\d", case)
                  and self.names_a_condition(self.meaning(a, own) or "")]
        present = self.index.catalog.terms_present(sorted(set(named))) if named else {}
        # a finding is one word the case mentions ("green sputum", "ketotic"); a second diagnosis the case gives
        # the patient is named as one ("Known gout, now has pityriasis rosea. What cream?": its words side by
        # side, or after "has", "new", "diagnosed") and is what the ask is about
        # or one it suspects ("?Rocky Mountain spotted fever", "suspected meningitis")
        diagnosis = {t for t in rare if re.search(rf"\b(?:has|have|had|with new|new|diagnosed with|developed|known|"
                                                   rf"suspected|suspect|query|probable|possible|likely|"
                                                   rf"(?:worried|concerned|thinking)\s+(?:about|of))\s+"
                                                   rf"(?:\w+\s+)?{re.escape(t)}\b", case, re.I)
                     # "?Rocky Mountain spotted fever": a question mark on the name itself, its capitals before it
                     or re.search(rf"(?:^|[\s,(])\?(?:[A-Z][\w'’-]*\s+){{0,2}}(?i:{re.escape(t)})\b", case)
                     or any(re.search(rf"\b{re.escape(t)}\W+{re.escape(u)}\b|\b{re.escape(u)}\W+{re.escape(t)}\b",
                                      case, re.I) for u in rare if u != t)}
        asked = {t for t in rare if t in diagnosis or re.search(rf"\b{re.escape(t)}\b", ask, re.I)}
        # (a drug the ask names does not make the case's words findings: "Farmer with brucellosis. What doxycycline
        # dose?" asks the dose for brucellosis, which a pneumonia guideline's doxycycline does not give) ... but a
        # word the condition dictionary names only symptoms, signs or injuries with is the case's finding whatever
        # else it names ("45M woke up with R facial droop, can't shut R eye. Pred regimen?": the droop is what he
        # has, not what is asked about)
        if not any(present.values()):
            findings = self.findings(rare)
            return tuple(t for t in rare if t in asked or t not in findings)
        return tuple(t for t in rare if t in asked)

    def findings(self, terms: AbstractSet[str] | tuple[str, ...]) -> set[str]:
        """Of these words, those the condition dictionary writes in the names of symptoms, signs or injuries, in
        any British or American form ("droop", "dysuria", "oesophagitis")."""
        found = self.index.catalog.condition_findings(sorted({f for t in terms for f in (t, american(t) or t)}))
        return {t for t in terms if {t, american(t) or t} & found}

    def amount_unstated(self, own: str, names: Names, scored: list[Scored],
                        topic_docs: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """The drugs a question asks an amount of that no retrieved statement naming them (under any of their
        names, in its words or its headings) gives an amount for: "How much Calpol can she have?" beside an
        otitis media guideline that names paracetamol for pain but doses only amoxicillin. The drugs of the
        sentences that ask it ("Wheals despite cetirizine. How much montelukast?"), and only when every one of
        them is so ("Amoxicillin dose with her warfarin?" asks about amoxicillin's). A follow-up whose topic's
        statements found name the drug asks its amount there or in a document about no condition (a dose table):
        after propranolol for varices, "What dose should he be on?" is not answered by a thyrotoxicosis
        guideline's dose; so does a question naming its condition, whose topic is the documents naming it."""
        # a question that names its condition ("Different child, 22 kg, with impetigo - what Augmentin dose?") asks
        # the dose for it, as a follow-up asks it for its topic: the documents naming the condition are its topic
        if not topic_docs:
            terms = [re.sub(r"['’]s$", "", t) for t in key_terms(own)]  # "Paget's disease": Paget
            conditions = [t for t in terms if t.isalpha() and self.names_condition(t, own)]
            topic_docs = frozenset().union(*(self.index.catalog.documents_with(t) for t in conditions))
        # not a drug the answer would replace: "What instead of glibenclamide, and at what dose?"
        sentences = " ".join(q for p in SENTENCE_END.split(own) for q in re.split(r"(?<=\?)\s+", p)
                             if asks_for_amount(q))
        # a drug that failed is replaced too ("bisoprolol didn't help. ARB - which and what dose?"), unless the ask
        # points back at it ("Ondansetron didn't help - can I give more of it, how much?")
        replaced = (lambda text: FAILED.sub(" ", REPLACED.sub(" ", text))) \
            if not _MORE_OF_IT.search(sentences) else (lambda text: REPLACED.sub(" ", text))
        asking = replaced(sentences).lower()
        if not any(phrase in asking for phrase in names.resolved):  # "Could I use trazodone instead - what dose?"
            if ALTERNATIVE.search(sentences):  # "Should he stay on the glibenclamide? If not, what instead and what
                return ()  # starting dose?": the amount of what the answer offers, whatever it is
            asking = replaced(own).lower()
        wanted = {phrase: forms for phrase, forms in self.named_drugs(names, asking).items()
                  if not is_class(names.resolved[phrase][0])}  # "trazodone as the antidepressant": what it is
        if not wanted:
            return ()
        most = asks_for_most(asking)  # "What's the max I can push it to?": a ceiling, not any amount
        # each statement's words, with its headings and the statement it leans on
        named = [stems(_spelled(f"{s.passage.title} {s.passage.section} {s.text}".lower())) | carried(s.candidate)
                 for s in scored]
        on_topic = any(stems(_spelled(f)) and stems(_spelled(f)) <= words for s, words in zip(scored, named)
                       if s.passage.doc_id in topic_docs for forms in wanted.values() for f in forms)
        # ... or the topic's documents name it by its class only ("You may be given antibiotics while the packing
        # is in place" asked "What dose of amoxicillin while the packing is in?")
        on_topic = on_topic or bool(topic_docs) and self.class_in(asking, names, topic_docs)
        # beside the topic's documents, one about no condition (a dose table: "Antibiotic doses in adults") doses
        # for any; one about another condition ("Thyrotoxicosis") doses for that (each title judged once)
        titles = {s.passage.title for s in scored if s.passage.doc_id not in topic_docs} if on_topic else set()
        about = {t for t in titles if self.names_a_condition(t)}
        found = {s.passage.doc_id for s in scored if s.passage.doc_id in topic_docs or s.passage.title not in about}
        # a statement for other ages doses nothing for this patient ("children aged 1 to 11 months" for a
        # 10-day-old); one that names no age doses an adult: a child's dose is one a statement gives children
        # (app.answer.populations.doses_a_child)
        age = question_age(own)
        child = asks_a_child_dose(own)
        dosed = [(words, s.text.lower()) for s, words in zip(scored, named) if s.passage.kind == "text" and
                 states_amount(s.text) and (not most or states_most(s.text)) and s.passage.doc_id in found
                 and not _for_other_ages(f"{s.passage.section} {s.text}", age) and
                 (not child or doses_a_child(f"{s.passage.title} › {s.passage.section}: {s.text}"))]
        # a statement that names the drug only by its class doses it unless it names another drug of that class:
        # "an angiotensin II receptor blocker such as candesartan 4 mg" gives no dose of losartan
        members = {phrase: {st for part in components(names.resolved[phrase][0]) for st in stems_of(part)}
                   for phrase in wanted}
        # (the documents' word for the drug is its class where they write only the class: "ACE inhibitors" for
        # ramipril; not where it is the drug's other spelling, "valacyclovir" for valaciclovir)
        own_names = {phrase: {n.lower() for n in (names.resolved[phrase][0],
                                                  *self.index.catalog.names_of(names.resolved[phrase][0]))}
                     for phrase in wanted}
        classes = {phrase: {f for part in components(names.resolved[phrase][0])
                            for c in (*classes_of(part), *groups_of(part)[0]) for f in {c.lower(), names.variants.get(
                                phrase, "").lower()} if f and f not in own_names[phrase]} for phrase in wanted}

        def doses(phrase: str, forms: set[str], named: frozenset[str], text: str) -> bool:
            own = [f for f in forms if f not in classes[phrase]]
            if any(stems(_spelled(f)) and stems(_spelled(f)) <= named for f in own):
                return True
            other = members[phrase] and any(set(stems_of(w)) & members[phrase] for w in words(text)
                                            if w not in forms) or self.names_another(text, forms)
            return not other and any(stems(_spelled(f)) and stems(_spelled(f)) <= named for f in classes[phrase])

        unstated = [phrase for phrase, forms in wanted.items()
                    if not any(doses(phrase, forms, named, text) for named, text in dosed)]
        # a route or form asked ("Butrans patch - what strength?") is dosed by a statement that names it; one the
        # documents dose only by other routes ("4 mg sublingually", "weekly injections") gives it no amount, a
        # statement naming no route being in their usual form (a drug they dose by no route at all is not judged)
        asked_routes = {p: routes_of(p, asking) for p in wanted}
        dosing = [(named, text) for named, text in dosed if any(doses(p, wanted[p], named, text) for p in wanted)]
        if len(unstated) < len(wanted):
            return self.route_unstated(wanted, asked_routes, dosing, found)
        # the search may have missed the statement that doses it ("Rivaroxaban | 15 mg twice daily ..." in a
        # table): only a drug that no line of the documents it found doses is refused (another document's dose
        # is for its own condition: propranolol's for thyrotoxicosis says nothing of varices)
        missing = tuple(p for p in unstated
                        if not self.dosed_anywhere(wanted[p], most, found, age, classes[p], members[p], child))
        return missing or self.route_unstated(wanted, asked_routes, dosing, found)

    def route_unstated(self, wanted: dict[str, set[str]], routes_asked: dict[str, frozenset[str]],
                       dosed: list[tuple[frozenset[str], str]], documents: AbstractSet[str]) -> tuple[str, ...]:
        """The drugs asked by a route (app.answer.amounts.routes_of) whose dosing statements found name only other
        routes, and no line of the documents found doses by the route asked: "Butrans patch - what strength?"
        beside "give 4 mg sublingually" and "prolonged-release injections", each as "butrans (transdermal)"."""
        out = []
        for phrase, forms in wanted.items():
            asked = routes_asked.get(phrase)
            if not asked:
                continue
            mine = [text for named, text in dosed if any(stems(_spelled(f)) and stems(_spelled(f)) <= named
                                                         for f in forms)] or [text for _, text in dosed]
            said = [routes(text) for text in mine]
            if any(r & asked for r in said) or not any(said):
                continue
            if not self.dosed_anywhere(forms, False, documents, routes_asked=asked):
                out.append(f"{phrase} ({', '.join(sorted(asked))})")
        return tuple(out)

    def names_another(self, text: str, forms: AbstractSet[str]) -> bool:
        """Whether a statement names a medicine that is none of these forms of a drug (nor its class): one that
        names the class a drug belongs to only in its heading ("Antibiotic doses") and gives "Doxycycline: 100 mg
        twice daily" doses doxycycline, not ceftriaxone."""
        mine = [stems(f) for f in forms if f]
        return any(not any(m and m <= stems(name) or stems(name) <= m for m in mine)
                   for name in self.medicines.found(text))

    def naming_drugs(self, scored: list[Scored], own: str, names: Names) -> list[Scored]:
        """The statements of the documents that name a drug the question names (by any of its names or its class;
        not its group: a mastitis guideline's "antibiotics" says nothing of doxycycline while breastfeeding); all
        of them when it names none, or no document found names one."""
        # not a drug the patient takes or cannot take ("She is pregnant and on warfarin. Can she have the flu
        # vaccine?", "UTI in pregnancy with penicillin allergy - what to give?")
        wanted = {phrase: forms for phrase, forms in self.named_drugs(names, own, with_classes=True,
                                                                      with_groups=False).items()
                  if not is_taken(phrase, own)
                  and not re.search(rf"\b{re.escape(phrase)}\s+(?:allerg|intoleran|hypersensitiv|reaction)|"
                                    rf"\b(?:allergic|intolerant|hypersensitive|reaction)\s+(?:to|of)\s+(?:\w+\s+)?"
                                    rf"{re.escape(phrase)}\b", own, re.I)}
        if not wanted:
            return scored
        forms = [stems(_spelled(f)) for fs in wanted.values() for f in fs if f]
        naming = {d for d in {s.passage.doc_id for s in scored}
                  if any(f and f <= self.document_stems(d) for f in forms)}
        return [s for s in scored if s.passage.doc_id in naming] or scored

    def class_in(self, asking: str, names: Names, documents: frozenset[str]) -> bool:
        """Whether these documents name a drug the question asks about by its class or group ("antibiotics" for
        amoxicillin), all the words of one of them."""
        text = frozenset().union(*(self.document_stems(doc) for doc in sorted(documents)))
        plain = self.named_drugs(names, asking)
        wider = self.named_drugs(names, asking, with_classes=True)
        return any(stems(_spelled(f)) and stems(_spelled(f)) <= text
                   for phrase, forms in wider.items() for f in forms - plain.get(phrase, set()))

    def names_a_condition(self, text: str) -> bool:
        """Whether a text (a title) names a condition: a name of the condition dictionary, in common words too
        ("Anxiety", "Heart failure"), or a word that names one ("Oesophageal varices")."""
        found = self.index.catalog.resolve_names(lexicon_phrases(text))
        return any(kind in ("condition", "synonym") for _, kind in found.values()) or \
            any(self.names_condition(t, text) for t in key_terms(text) if not _common(t))

    def dosed_anywhere(self, forms: set[str], most: bool, documents: AbstractSet[str],
                       age: float | None = None, classes: AbstractSet[str] = frozenset(),
                       members: AbstractSet[str] = frozenset(), child: bool = False,
                       routes_asked: frozenset[str] = frozenset()) -> bool:
        """Whether a line of one of these documents names one of these forms of a drug and gives an amount (a
        ceiling), for a patient of this age if it names ages, and a child's dose for a `child`; by one of its
        `classes` only when the line names no other drug whose name has the class's `members` stems ("an ARB such
        as candesartan 4 mg"); by one of the `routes_asked`, when given."""
        for form in sorted(f for f in forms if f):
            hits = self.index.catalog.keyword_search(keyword_terms(form), DOSED_HITS)
            for document, meta in self.index.fetch([cid for cid, _ in hits]).values():
                if meta.get("doc_id") not in documents:
                    continue
                for line in re.split(r"(?<=[.;!?])\s+|\n", document):
                    named = stems(_spelled(f"{meta.get('section', '')} {line}".lower()))
                    if routes_asked and not routes(f"{meta.get('section', '')} {line}") & routes_asked:
                        continue
                    if stems(_spelled(form)) <= named and states_amount(line) and (not most or states_most(line)) \
                            and not _for_other_ages(line, age) and (not child or doses_a_child(
                                f"{meta.get('title', '')} › {meta.get('section', '')}: {line}")) and not (
                                form in classes and (members and any(set(stems_of(w)) & members
                                                                     for w in words(line.lower()) if w not in forms)
                                                     or self.names_another(line, forms))):
                        return True
        return False

    def novel_words(self, own: str, names: Names) -> tuple[str, ...]:
        """What a follow-up's own words add that no document has in any form: an uncommon word (not in the
        model's English vocabulary), not a name (the name rules judge a drug's or condition's, and a word
        written with a capital may be a brand no dictionary lists), not an abbreviation or a number, that the
        corpus holds neither as written, in its other spelling, as a compound's root, nor in a form it begins
        or ends ("neb": nebulised; "steamy": steam), nor after a prefix ("retest": test). Nor a word that
        describes the patient or what happened rather than names what is asked about ("tachycardic",
        "relapsed"), nor a form a medicine is made up in ("ampoule", "linctus": how it is given, not what is asked).
        "Any role for heliox?" after an answer on croup: the topic it inherited finds statements
        on croup, which say nothing of heliox."""
        resolved = {w for phrase in names.resolved for w in words(phrase)} | set(names.known) | \
            {phrase.replace(" ", "-") for phrase in names.resolved}  # "co-codamol" is the dictionary's "co codamol"
        terms = [re.sub(r"['’]s$", "", t) for t in key_terms(without_parentheses(own))]
        # a name with a capital may be a brand no dictionary lists, beside what is asked; but when it is all the
        # follow-up names ("What about Veoza?"), it is what is asked about
        alone = len(set(terms)) == 1
        terms = [t for t in dict.fromkeys(terms) if t not in resolved and not _common(t) and not names_population(t) and
                 not all(map(_common, t.split("-"))) and not _describes(t) and not DOSAGE_FORM.fullmatch(t) and
                 not _who(t) and not _said_of_them(t, own) and
                 not _unverifiable(t, own) and (alone or not _proper(t, own))]  # "post-op"; "relapsed" says what
        # happened
        joined = {t: " ".join(in_corpus_terms(t)) for t in terms if "-" in t}
        # a hyphenated word is there when its words are, together ("platelet-rich" is not "platelet")
        together = self.index.catalog.phrases_present(sorted(set(joined.values()))) if joined else {}
        # a plural the stemmer does not bring to its singular's stem ("boluses": "bolus", stemmed "bolu")
        forms = {t: {p for p in in_corpus_terms(t)} | {american(t) or t} | ({t[:-2]} if t.endswith("ses") else set())
                 for t in terms if t not in joined}
        present = self.index.catalog.terms_present(sorted({f for fs in forms.values() for f in fs})) if forms else {}
        # or when the documents write it joined ("postherpetic") or without its prefix ("ex-smoker": smokers)
        other = {t: hyphen_forms(t)[1:] for t in joined}
        written = self.index.catalog.terms_present(sorted({p for fs in other.values() for f in fs for p in f})) \
            if joined else {}
        out = [t for t in joined if not together[joined[t]] and
               not any(all(written.get(p) for p in f) for f in other[t])]
        for term in forms:
            roots = [term[len(p):] for p in PREFIXES if term.startswith(p) and len(term) - len(p) >= SHARED_PREFIX]
            if any(present.get(f) for f in forms[term]) or self.compound(term) is not None or \
                    roots and any(self.index.catalog.terms_present(roots).values()) or self.written_apart(term):
                continue
            family = self.index.catalog.completions(term[:max(SHARED_PREFIX, len(term) - 2)])
            if not any(_same_word(term, w) for w in family):
                out.append(term)
        return tuple(out)

    def names_condition(self, term: str, question: str, qualifying: bool = False) -> bool:
        """A word a condition is named with: the condition dictionary's, in any plural or British spelling
        ("cirrhosis", "haemorrhoids", "Lyme"; a general English one only written as a name, "Huntington's"), one
        ending as many of them do ("leiomyomatosis", "trigonobrachycephaly"), or
        a name written with a capital before a word that ends condition names ("Bethlem myopathy", "Martsolf
        syndrome"). Not, unless `qualifying`, a word the dictionary writes only before the word a name ends with
        where it describes a case's patient (describes_case: "dry mucous membranes", "Febrile 2m baby"). Not any
        uncommon word: "stuffy", "relapsed", "benzo" or a brand the drug dictionary lacks, missing from every
        document, prove nothing about what the documents cover. An index whose lexicon has no condition
        dictionary: a name written with a capital, or any uncommon word."""
        parts = in_corpus_terms(term)
        forms = {f for p in parts for f in (p, p[:-1] if p.endswith("s") else p, p[:-2] if p.endswith("es") else p,
                                            p[:-2] + "is" if p.endswith("es") else p, american(p) or p)}  # -oses
        proper = _proper(term, question)
        uncommon = {f for f in forms if not _common(f)}  # a general English word names a condition only as a name
        endings = {f"-{f[-ENDING:]}" for f in uncommon if len(f) >= ENDING + 3}
        found = self.index.catalog.condition_words(sorted(uncommon | endings), sorted(forms) if proper else [])
        if found is None:
            return proper or not all(_common(p) for p in parts)
        if found and not proper and not qualifying and self.describes_case(term, question) and \
                self.index.catalog.condition_qualifiers(sorted({term.lower(), *forms} - {""})):
            return False  # only qualifies conditions: a finding of the case
        if found:
            return True
        after = re.search(rf"\b{re.escape(term)}(?:['’]s)?\s+(\w+)", question, re.I)
        return proper and after is not None and bool(self.index.catalog.condition_heads([after.group(1).lower()]))

    def qualifies_known(self, term: str, question: str) -> bool:
        """Whether a word stands before, within QUALIFIED words, a word the documents write that names a
        condition ("latent" in "latent tuberculosis", "haemolytic" in "How should haemolytic anaemia be treated?")."""
        after = re.search(rf"\b{re.escape(term)}\b((?:\s+[\w'’-]+){{1,{QUALIFIED}}})", question, re.I)
        following = [w.lower() for w in re.findall(r"[\w'’-]+", after.group(1))] if after else []
        # up to a word that joins two ("Day 2 postpartum after pre-eclampsia": a time, not a kind of it)
        following = list(itertools.takewhile(lambda w: w not in STOP, following))
        # not a condition's own noun ("gastroenteritis glucose 16"), nor a form of a word the documents write
        # ("anaphylactic reaction" beside "anaphylaxis": one its letters up to the last ROOT_SPARE share)
        if not following or self.index.catalog.condition_heads(sorted({term, american(term) or term})) or \
                self.index.catalog.completions(term[:max(SHARED_PREFIX + 2, len(term) - ROOT_SPARE)]):
            return False
        return self.condition_written(following, question)

    def condition_written(self, following: list[str], question: str) -> bool:
        """Whether one of the words names a condition and the documents write it ("tuberculosis", "anaemia")."""
        following = [w for w in following if re.search(r"[a-z]{3}", w, re.I)]  # not "3" of "for 3 weeks"
        present = self.index.catalog.terms_present([p for w in following for p in in_corpus_terms(w)])
        written = [w for w in following if all(present.get(p) for p in in_corpus_terms(w))]
        # a word condition names end with ("tuberculosis", "anaemia"), or one the condition dictionary lists
        ends = self.index.catalog.condition_heads(sorted({f for w in written for f in (w, american(w) or w)}))
        return any(w in ends or (american(w) or w) in ends or self.names_condition(w, question, qualifying=True)
                   for w in written)

    def opposite_kinds(self, own: str) -> tuple[str, ...]:
        """The question's qualifiers of a condition that the documents write only as the opposite kind
        (app.answer.polarity): "non-ST-elevation MI" beside a guideline on ST-elevation myocardial infarction. An
        abbreviation is read as the meaning the engine spelled out after it ("NSTEMI (non-ST elevation ...)")."""
        text = re.sub(r"\b[A-Za-z][\w-]*\s+\(([^()]*)\)", r"\1", own)
        catalog = self.index.catalog
        titles = catalog.titles()
        # either kind needs a "non": the question's, or a title's (the documents are about the negated kind)
        if not re.search(r"\bnon", text, re.I) and not any(re.search(r"\bnon", t, re.I) for t in titles):
            return ()

        def following(after: str) -> list[str]:
            return [w.lower() for w in re.findall(r"[\w'’-]+", after)[:QUALIFIED]]

        def before_condition(after: str) -> bool:
            return bool(following(after)) and self.condition_written(following(after), text)

        def before_head(after: str) -> bool:
            return bool(catalog.condition_heads(sorted({f for w in following(after) for f in (w, american(w) or w)})))

        def uses(phrase: str) -> list[tuple[bool, str]]:
            return negated_uses(catalog.bodies_with(phrase, USES_READ), phrase)

        def titled(phrase: str) -> list[tuple[bool, str]]:
            return negated_uses(titles, phrase)

        found = opposite_kinds(text, catalog.phrases_present, uses, before_condition, before_head, titled)
        return tuple(f"{o.asked}, only {o.written}" for o in found)

    def describes_case(self, term: str, question: str) -> bool:
        """Whether a word is in the case of a question that closes with its ask, not in the ask, and not before a
        word that names a condition within QUALIFIED words ("dry mucous membranes", "Febrile 2m baby"; not
        "megaloblastic anaemia", "paroxysmal positional vertigo", which name a condition of their own)."""
        ask = vignette_ask(question)
        if ask is None or re.search(rf"\b{re.escape(term)}\b", ask, re.I):
            return False
        case = question[:len(question) - len(ask)]
        after = re.search(rf"\b{re.escape(term)}\b((?:\W+[\w'’-]+){{1,{QUALIFIED}}})", case, re.I)
        following = {w.lower() for w in re.findall(r"[\w'’-]+", after.group(1))} if after else set()
        forms = sorted({f for w in following for f in (w, american(w) or w, w[:-1] if w.endswith("s") else w)})
        named = (self.index.catalog.condition_words(forms, forms=False) or set()) if forms else set()
        return not named - self.index.catalog.condition_qualifiers(sorted(named))

    def compound(self, word: str) -> str | None:
        """The medical word the corpus uses inside one it never writes whole, after a prefix of word formation
        ("thromboprophylaxis": prophylaxis, "antihypertensive": hypertensive); else None. Only an uncommon
        word counts: a common one is there by accident ("hypotension" is not about "tension")."""
        if word not in self._compounds:
            roots = [root for _, root in compound_splits(word) if not _common(root)]
            present = self.index.catalog.terms_present(roots) if roots else {}
            self._compounds[word] = next((r for r in roots if present[r]), None)
        return self._compounds[word]

    def written_apart(self, word: str) -> bool:
        """Whether the documents write the word as two ("shockwave": "shock wave", "eyedrops": "eye drops"), each
        part of at least MIN_CLIPPED letters, the two side by side."""
        if not word.isalpha() or len(word) < 2 * MIN_CLIPPED:
            return False
        if word not in self._apart:  # asked by the evidence's absent words and by novel_words, once per index state
            phrases = [f"{word[:cut]} {word[cut:]}" for cut in range(MIN_CLIPPED, len(word) - MIN_CLIPPED + 1)]
            self._apart[word] = any(self.index.catalog.phrases_present(phrases).values())
        return self._apart[word]

    def adjective_of(self, word: str) -> str | None:
        """The corpus word an adjective is formed from ("asthmatic": asthma, "anaemic": anaemia, "diabetic":
        diabetes, "epileptic": epilepsy, "psoriatic": psoriasis), or None: a word ending in -ic or -ous that shares
        all but its last three letters with a word the corpus writes, the adjective keeping an ending of its own
        and the corpus word ending, after the shared letters, as nouns of conditions do (-a, -ia, -y, -sy, -sis,
        -es, -is, -e, -ma; "arthritic": arthritis). Not "haemophilic" beside "Haemophilus", "rheumatic" beside "polymyalgia
        rheumatica", "epileptic" beside "status epilepticus", "enteric" beside "enteral", nor "gastric" beside
        "gastritis". (A species may still pass: "pyogenic" beside "Streptococcus pyogenes".)"""
        if not word.endswith(("ic", "ous")) or len(word) < ADJECTIVE_ROOT + 2:
            return None
        stem_length = max(ADJECTIVE_ROOT, len(word) - 3)
        for written in self.index.catalog.completions(word[:stem_length]):
            shared = len(os.path.commonprefix([word, written]))
            if stem_length <= shared < len(word) and (written[shared:] in _NOUN_ENDINGS or
                                                     word.endswith("itic") and written == f"{word[:-1]}s"):
                return written
        return None

    def roots(self, terms: list[str]) -> dict[str, str]:
        """For each word no chunk contains that is a prefix and a medical word the corpus uses, or an adjective
        of a word it uses, the word to look for in statements instead ("antihypertensive" -> "hypertensive",
        "asthmatic" -> "asthma")."""
        freq = self.retriever.postings(sorted({p for t in terms for p in in_corpus_terms(t)}))
        out = {}
        for t in terms:
            if not any(freq[p] for p in in_corpus_terms(t)):
                root = self.compound(t) or self.adjective_of(t)
                if root:
                    out[t] = root
        return out

    def unexplained(self, text: str, context: str | None = None) -> tuple[str, ...]:
        """Abbreviations of the text that the corpus never uses and whose meaning, a condition, it does not write
        either (fewer than half of the meaning's words anywhere): "GERD" beside no reflux document. An
        abbreviation with a meaning the documents use ("T2DM": type, 2, diabetes; "IM": "intramuscularly"), that
        no dictionary knows, or that names no condition ("CT": computed tomography) proves nothing."""
        wanted = abbreviations_in(text)
        used = self.index.catalog.terms_present([a.lower() for a in wanted]) if wanted else {}
        out = []
        for abbreviation in wanted:
            meaning = None if used.get(abbreviation.lower()) else self.meaning(abbreviation, context or text)
            parts = sorted({p for w in key_terms(meaning) for p in in_corpus_terms(w)}) if meaning else []
            present = self.index.catalog.terms_present(parts) if parts else {}
            # ... or in a longer form of the word ("intramuscularly" for the "intramuscular" of "IM")
            present = {p: n or (len(p) >= ADJECTIVE_ROOT + 1 and bool(self.index.catalog.completions(p)))
                       for p, n in present.items()}
            if parts and 2 * sum(map(bool, present.values())) < len(parts) and \
                    any(self.names_condition(w, meaning) for w in key_terms(meaning)):
                out.append(abbreviation.lower())  # "GERD"; not "CT": a test no document names proves nothing
        return tuple(out)

    def assess(self, question: str, history: list[Answer] | None = None, *, k: int | None = None,
               mode: str | None = None) -> Assessment:
        """Everything short of answering: the standalone query, passages, scored statements, evidence."""
        question = self.respelt(question)  # "lisinipril" -> "lisinipril (lisinopril)"
        plain = self.standalone(question, history or [])
        names = resolve(plain, self.index.catalog)
        named = expand(plain, names)
        standalone = self.spell_out(named)
        own = strip_context(standalone)  # a follow-up's own words, without the topic it inherited
        vector = self.embedder.encode_query(standalone)
        # only a question about the sources is answered from reference lists
        kinds = ("text", "reference") if is_literature(standalone) else ("text",)
        passages = self.retriever.retrieve(standalone, self.config(k, mode, kinds), vector)
        by_ask: list[Candidate] = []
        # a case that closes with a short question (not a follow-up: that has its topic): the ask, about the
        # document the case led to, finds passages the case's words do not ("... Hallpike positive on the right.
        # What's first line?" finds the treatment, where the case's words find the diagnosis)
        ask = vignette_ask(standalone) if standalone == own else None
        if ask and asks_for_regimen(ask) and not self.names_something(ask):  # "Starting Eliquis - what dose?": the
            ask = " ".join([ask, *dict.fromkeys(n for p, (canonical, kind) in names.resolved.items()  # dose of the
                                                if kind == "drug" and p in standalone.lower()  # case's drug
                                                for n in (p, canonical))])
        if ask and passages:
            query = f"{ask} (about {title_head(passages[0].title)})"
            ask_vector = self.embedder.encode_query(query)
            more = [p for p in self.retriever.retrieve(query, self.config(k, mode, kinds), ask_vector)
                    if p.chunk_id not in {q.chunk_id for q in passages}]
            passages = passages + [replace(p, rank=len(passages) + 1 + i) for i, p in enumerate(more)]
        passages = passages + self.section_siblings(passages, kinds)
        # a follow-up's own words, about its topic's document: the context it inherited (the case, the drug of
        # the last answer) outweighs them in the search ("Could we just use baby aspirin instead?" after an
        # apixaban dose for AF finds the pre-eclampsia guideline's aspirin, not the AF one's "aspirin is not
        # recommended"). What they say of a population the question asks about is not judged (evidence): they
        # were found by its words ("eGFR", "adjust"), whatever drug they speak of
        topic = self.topic_docs(question, plain, history or [])
        titles = [c.passage.title for a in (history or [])[-1:] for c in a.citations if c.passage.doc_id in topic]
        own_found: frozenset[str] = frozenset()
        kept = bool(topic) and own != standalone and not self.names_elsewhere(own, topic)  # (see OFF_TOPIC below)
        if titles and kept and passages:
            query = f"{own} (about {title_head(titles[0])})"
            more = [p for p in self.retriever.retrieve(query, self.config(k, mode, kinds))
                    if p.chunk_id not in {q.chunk_id for q in passages} and p.doc_id in topic]
            passages = passages + [replace(p, rank=len(passages) + 1 + i) for i, p in enumerate(more)]
            own_found = frozenset(p.chunk_id for p in more)
        if ask and passages:
            by_ask = self.statements.candidates(ask_vector, passages, kinds)
        candidates = self.statements.candidates(vector, passages, kinds)
        same = class_members(own, self.index.catalog, self._members) | \
            synonyms(names, self.index.catalog) | spelled_out(standalone)
        dosed = self.dosed_asked(standalone, names)
        # an overview asks for the section of options, not for any statement naming a medicine (app.answer.overview)
        medicines = None if is_overview(own) else self.medicines
        scored = score(standalone, candidates, self.idf, self.roots, same, dosed=dosed, medicines=medicines)
        # whether a statement answers clears the score bar by the case or by its ask (a statement may answer
        # "What's first line?" in words that share little with the case); the bars on meaning (a condition no
        # document names) read the case alone: the ask is about the document retrieval found, so it is always
        # close to it. The entries a question about its sources is given first (below) do not vouch for it. The
        # answer's order is the whole case's, unless its ask names what it wants (below).
        closer = [replace(c, similarity=max(c.similarity, a.similarity)) for c, a in zip(candidates, by_ask)]
        lifted = score(standalone, closer, self.idf, self.roots, same, dosed=dosed,
                       medicines=medicines) if by_ask else []
        judged = scored
        # a follow-up asks in its own words; what it inherited only says the topic: "Should I give her some
        # Antivert for the spinning? (about BPPV treated)" is answered by the statement on meclizine before the
        # one defining BPPV (the order only: whether it is answered reads the whole query, judged above)
        mine = None  # the statements scored by the follow-up's own words alone, when they are
        # (not "What if the patient is lactose intolerant?": the topic, for this patient)
        if own != standalone and candidates and not THE_PATIENT.search(own):
            mine = self.statements.candidates(self.embedder.encode_query(own), passages, kinds)
            blended = [replace(c, similarity=OWN_SHARE * o.similarity + (1 - OWN_SHARE) * c.similarity)
                       for c, o in zip(candidates, mine)]
            scored = score(standalone, blended, self.idf, self.roots, same, dosed=dosed, medicines=medicines,
                           context_weight=CONTEXT_WEIGHT)
        # the answer ranks statements by an ask that names what it wants and asks how much, how long or how often
        # of it, or names only a drug ("... dex dose?", "... Flomax?"); whether to do something ("Worth checking
        # B12?") turns on the case, and the case ranks them
        if by_ask and self.names_something(ask) and (asks_for_regimen(ask) or self.only_drugs(ask, names)):
            scored = score(standalone, closer, self.idf, self.roots, same, ask=ask, dosed=dosed,
                           medicines=medicines)
        # a follow-up that keeps its topic is answered from its topic's documents before others: another
        # guideline's statement must beat theirs by OFF_TOPIC ("Could we just use baby aspirin instead?" after
        # apixaban for AF: the AF guideline's "Aspirin monotherapy is not recommended", not the pre-eclampsia
        # guideline's aspirin from 12 weeks, which shares "baby" and "daily"); not one whose own words name a
        # condition only another document writes ("And what about for a DVT?" after apixaban for AF)
        if kept:
            if any(x.passage.doc_id in topic for x in scored):
                scored = sorted(scored, key=lambda x: -(x.score - (0.0 if x.passage.doc_id in topic else OFF_TOPIC)))
            # an amount of its topic is its documents' when they give one: another guideline's dose is for that
            # guideline's condition ("How much Botox do they use?" after an anal fissure is not answered by "the
            # usual dose is 50 units per axilla"); whatever it asks, another guideline's amount of a drug it names
            # is not quoted ("Any evidence ibuprofen works for that?" after altitude sickness, beside a sprain
            # guideline's "ibuprofen 400 mg three times a day"; a monitoring schedule it names no drug of stays)
            if any(x.passage.doc_id in topic and states_amount(x.text) for x in scored):
                # (the drugs it names are looked up only when it asks no amount: an amount asked drops them all)
                drug_forms = None if asks_for_amount(own) else \
                    {f for forms in self.named_drugs(names, own).values() for f in forms if len(f) > 2}
                scored = [x for x in scored if x.passage.doc_id in topic or not states_amount(x.text) or
                          drug_forms is not None and
                          not any(re.search(rf"\b{re.escape(f)}\b", x.text, re.I) for f in drug_forms)]
        scored = self.each_ask(standalone, scored, passages, kinds, same, dosed, medicines)
        if plain != question.strip() and asks_for_source(question):  # "Which 2013 guideline is that from?"
            scored = self.sources_of(question, history or [], scored) + scored
            judged = scored  # a follow-up: what the last answer quoted was judged when it was asked
        elif asks_which_source(standalone):  # "Which guideline is the AKI advice from?"
            scored = self.sources_named(question, scored) + scored
        inherited = bool(history) and not history[-1].abstained and not is_new_topic(question) and \
            plain != question.strip()
        # a dictionary meaning is not the user's word: "mellitus" absent from the corpus proves nothing
        evidence = self.evidence(named, names, judged, inherited, asked=question, by_ask=lifted,
                                 spelled=self.spelled_in_documents(named, standalone),
                                 topic_docs=topic, own_found=own_found,
                                 spelled_drugs=self.spelled_drugs(named, standalone), spelled_query=standalone)
        # a kind of a condition named by its opposite ("non-ST-elevation MI", "NSTEMI" spelled out, beside a
        # guideline on ST-elevation myocardial infarction)
        opposite = self.opposite_kinds(own)
        if opposite:
            evidence = replace(evidence, kind_unnamed=evidence.kind_unnamed + opposite)
        if evidence.inherited and evidence.absent_rare:
            evidence = replace(evidence, own_similarity=self.own_similarity(standalone, passages, kinds, mine))
        if evidence.inherited:  # what a follow-up asks its drug for, read with its abbreviations spelled out
            evidence = replace(evidence, other_use=self.other_use(own, names))
        return Assessment(standalone, vector, passages, scored, evidence)

    def each_ask(self, standalone: str, scored: list[Scored], passages: list[Passage], kinds: tuple[str, ...],
                 same: dict[str, dict[str, float]], dosed: tuple[tuple[frozenset[str], ...], ...],
                 medicines: Medicines | None) -> list[Scored]:
        """A question asking two things at once (app.answer.parts) is answered first by the best statement of each
        ask, scored by its own words about the case told before them (and the context a follow-up inherited, which
        weighs less), in the order asked, the statement that answers the whole question best first (it answers one
        of the asks): "Starting dose of Li and what level am I aiming for?" quotes the starting dose,
        then the target level, before the other doses the whole question's words find. Only the order moves: the
        lift is an ordering bonus, which the abstention bar and the quoting margin do not read."""
        parts = asks(standalone) if scored else []
        if not parts:
            return scored
        case, context = case_of(standalone), context_of(standalone)
        # each ask picks among the statements the whole question found: its own words alone may find another
        # drug's "starting dose" where the question's "Li" and "lithium" find lithium's
        pool = {(s.passage.chunk_id, s.text) for s in
                scored[:max(ASK_POOL, sum(1 for s in scored if s.score >= scored[0].score - MARGIN))]}
        ranked: list[list[tuple[str, str]]] = []
        for part in parts:
            query = " ".join(x for x in (case, part, context) if x)
            # by the ask's own meaning as much as by the case's: "which blood tests should I monitor?" about a
            # case of MRSA bacteraemia is read, by the case's words alone, as another drug for it; the order
            # retrieval gave the passages is the whole question's, not the ask's
            alone = self.statements.candidates(self.embedder.encode_query(part), passages, kinds)
            whole = self.statements.candidates(self.embedder.encode_query(query), passages, kinds)
            candidates = [replace(c, similarity=OWN_SHARE * a.similarity + (1 - OWN_SHARE) * c.similarity,
                                  passage=replace(c.passage, rank=0)) for c, a in zip(whole, alone)
                          if (c.passage.chunk_id, c.text) in pool and (is_literature(part) or c.passage.kind == "text")]
            ranked.append([((x.passage.chunk_id, x.text), x.score - x.ordering) for x in score(
                query, candidates, self.idf, self.roots, same, ask=part, dosed=dosed, medicines=medicines,
                context_weight=CONTEXT_WEIGHT if context else 1.0)])
        # the statement that answers the whole question best answers the ask it is among the best two for, the one
        # it ranks highest for; each other ask adds its best statement after it, in the order asked, when it
        # answers that ask as a question of its own would be answered (ANSWER_SCORE), or the quoting margin would
        # quote it without the lift: not another drug's dose for "... and how should I store the vials?"
        top = (scored[0].passage.chunk_id, scored[0].text)
        orders = [[key for key, _ in order] for order in ranked]
        place = [order.index(top) if top in order[:2] else len(pool) for order in orders]
        covered = min(range(len(parts)), key=lambda i: place[i]) if min(place) < len(pool) else None
        floor = max(s.score - s.ordering for s in scored) - MARGIN
        quotable = {(s.passage.chunk_id, s.text) for s in scored if s.score - s.ordering >= floor}
        firsts = [top]
        for i, order in enumerate(ranked):
            best = next(((key, value) for key, value in order if key not in firsts), None)
            if i != covered and best is not None and (best[0] in quotable or best[1] >= ANSWER_SCORE):
                firsts.append(best[0])
        by_key = {(s.passage.chunk_id, s.text): s for s in scored}
        lifted = [by_key[key] for key in firsts]
        lifted = [replace(s, score=to, ordering=s.ordering + to - s.score)
                  for i, s in enumerate(lifted) for to in [scored[0].score + LIFT * (len(lifted) - i)]]
        # the rest keep the order they had (a follow-up's topic first, a section in its reading order)
        return lifted + [s for s in scored if (s.passage.chunk_id, s.text) not in firsts]

    def section_siblings(self, passages: list[Passage], kinds: tuple[str, ...]) -> list[Passage]:
        """The other chunks of the sections the passages found were cut from, at most MAX_SIBLINGS, best first, in
        reading order, ranked after every retrieved passage: a short section's statements are read together (its
        first chunk names the first-choice drug, the search found its second on the course's length). Not those
        of a section of more than SIBLING_SECTION chunks (a patient page's "What are the treatments for ...?")."""
        seen, out, chunks = {p.chunk_id for p in passages}, [], {}
        for passage in passages:
            if passage.kind != "text" or "text" not in kinds or not passage.section:
                continue
            if passage.doc_id not in chunks:  # each document's chunks read once
                chunks[passage.doc_id] = document_passages(self.index, passage.doc_id, 0, passage.kind)
            section = [c for c in chunks[passage.doc_id] if c.section == passage.section]
            if len(section) > SIBLING_SECTION:
                continue
            for chunk in section:
                if chunk.chunk_id not in seen:
                    seen.add(chunk.chunk_id)
                    out.append(chunk)
        return [replace(p, rank=len(passages) + 1 + i) for i, p in enumerate(out[:MAX_SIBLINGS])]

    def dosed_asked(self, standalone: str, names: Names) -> tuple[tuple[frozenset[str], ...], ...]:
        """The drugs (not classes) whose amount the question's own sentences ask, each as the stems of its names;
        () when it asks no amount or names no drug where it asks."""
        own = strip_context(standalone)
        asking = " ".join(p for p in SENTENCE_END.split(own) if asks_for_amount(p))
        if not asking:
            return ()
        drugs = {p: forms for p, forms in self.named_drugs(names, asking).items()
                 if not is_class(names.resolved[p][0])}
        return tuple(tuple(frozenset(stems(_spelled(f))) for f in forms if stems(_spelled(f)))
                     for forms in drugs.values())

    def own_similarity(self, standalone: str, passages: list[Passage], kinds: tuple[str, ...],
                       mine: list | None = None) -> float:
        """The best cosine of a follow-up's own words, without the topic it inherited, and the statements its
        search found (`mine`: those statements already scored by its own words, not encoded again). The bar on
        meaning for a condition no document names reads what the follow-up says: "And for otitis externa?" after
        acute otitis media is close to the otitis media statements only through the "(about ...)" it was given."""
        if mine is None:
            mine = self.statements.candidates(self.embedder.encode_query(strip_context(standalone)), passages, kinds)
        return max((c.similarity for c in mine), default=0.0)

    @staticmethod
    def topic_docs(question: str, plain: str, history: list[Answer]) -> frozenset[str]:
        """The documents a follow-up continues: those the last answer quoted, or after a refusal, those of the
        last answer it took its topic from ("What about leflunomide instead of the methotrexate?" after a
        refused question, about the polymyalgia guideline the answer before quoted)."""
        if not history or plain == question.strip() or is_new_topic(question):
            return frozenset()
        last = next((a for a in reversed(history) if not a.abstained), None)
        return frozenset(c.passage.doc_id for c in last.citations) if last else frozenset()

    def spelled_in_documents(self, before: str, after: str) -> frozenset[str]:
        """The abbreviations spell_out gave a meaning the documents write (parentheses in `after`, not in
        `before`)."""
        pairs = [(a, m) for a, m in re.findall(r"\b([A-Za-z][A-Za-z0-9]{1,7}) \(([^()]+)\)", after)
                 if not re.search(rf"\b{re.escape(a)} \(", before)]
        written = self.index.catalog.phrases_present(sorted({m.lower() for _, m in pairs})) if pairs else {}
        return frozenset(a.lower() for a, m in pairs if written.get(m.lower()))

    def spelled_drugs(self, before: str, after: str) -> frozenset[str]:
        """The meanings spell_out gave the question's own abbreviations that the drug dictionary names ("TXA
        (tranexamic acid)"): the question names that drug as surely as in full."""
        meanings = sorted({m.lower() for a, m in re.findall(r"\b([A-Za-z][A-Za-z0-9]{1,7}) \(([^()]+)\)",
                                                            strip_context(after))
                           if not re.search(rf"\b{re.escape(a)} \(", before)})
        found = self.index.catalog.resolve_names(meanings) if meanings else {}
        return frozenset(m for m in meanings if found.get(m, ("", ""))[1] in DRUG_KINDS)

    def sources_of(self, question: str, history: list[Answer], scored: list[Scored]) -> list[Scored]:
        """The reference entries that the statements of the last answer cite, first: a follow-up about the
        sources asks where what it just read comes from. Only those of the year it names, if it names one;
        none when no cited entry is of that year, or when no statement of the last answer says half of what it
        names (the words few chunks use): it asks about another source, and retrieval finds it. Naming one of
        the statements ("Which study showed that cefalexin ...?"), it asks about the entries that one cites."""
        last = next((a for a in reversed(history) if not a.abstained), None)
        if last is None or not last.citations or last.citations[0].passage.kind == "reference":
            return []  # it quoted the sources themselves: the question is about one of them, found by its words
        quoted = [(c.passage.doc_id, st) for c in last.citations if c.passage.kind == "text"
                  for st in c.passage.statements if st.text in c.quoted]
        telling = {stem(t) for t in key_terms(strip_context(question))  # a year names the entry, not a statement
                   if t not in SOURCE_NOUNS | SOURCE_VERBS and not any(ch.isdigit() for ch in t) and
                   self.informative(t)}
        shared = [len(telling & stems(st.text)) for _, st in quoted]
        most = max(shared, default=0)
        if telling and 2 * most < len(telling):
            return []  # "Which study showed that donor feces help ...?" names what the last answer did not say
        named = [q for q, n in zip(quoted, shared) if n and n == most]
        return self._entries(question, named or quoted, scored)  # "Which study showed that cefalexin ...?"

    def sources_named(self, question: str, scored: list[Scored]) -> list[Scored]:
        """For a question that asks which source says something ("Which guideline is the AKI advice from?",
        "What study supports symptom-triggered dosing?"), the reference entries that the statements saying it
        cite, first: those of the best text statement's document among the best three."""
        text = [s for s in scored if s.passage.kind == "text"][:SOURCE_STATEMENTS]
        if not text or scored[0].passage.kind == "reference":
            return []  # an entry that says what the question names answers it ("Which trial showed harm from ...?")
        doc_id = text[0].passage.doc_id
        said = [(doc_id, s.passage.statements[s.candidate.index]) for s in text if s.passage.doc_id == doc_id
                and s.candidate.index < len(s.passage.statements)]
        return self._entries(question, said, scored)

    def _entries(self, question: str, said: list[tuple[str, Statement]], scored: list[Scored]) -> list[Scored]:
        """The reference entries these statements cite, in their order, of the year the question names if it
        names one, scored above the best statement."""
        cited: dict[str, list[int]] = {}
        for doc_id, st in said:
            cited.setdefault(doc_id, []).extend(n for n in st.cites if n not in cited.get(doc_id, []))
        named_years = set(years(question))
        top = (scored[0].score if scored else 0.0) + SOURCE_LEAD
        out = []
        for doc_id, numbers in cited.items():
            entries = {p.statements[0].cites[0]: p for p in document_passages(self.index, doc_id, 0, "reference")
                       if p.statements and p.statements[0].cites}
            for n in numbers:
                entry = entries.get(n)
                if entry and (not named_years or any(y in entry.text for y in named_years)):
                    candidate = Candidate(entry, 0, entry.statements[0].text, 1.0)
                    out.append(Scored(top - SOURCE_STEP * len(out), candidate))
        # a question for the study behind a statement gets the studies it cites before the guidelines it cites
        # ("Which trial showed that?": the randomised trial, not the society's guideline cited beside it)
        if _ASKS_STUDY.search(question) and not _ASKS_GUIDANCE.search(question):
            ordered = sorted(out, key=lambda s: bool(_GUIDANCE.search(s.text)))
            out = [Scored(top - SOURCE_STEP * i, s.candidate) for i, s in enumerate(ordered)]
        return out

    def ask(self, question: str, history: list[Answer] | None = None, *, k: int | None = None,
            mode: str | None = None, use_llm: bool = True) -> Answer:
        answer = None
        for item in self.ask_stream(question, history, k=k, mode=mode, use_llm=use_llm):
            if isinstance(item, Answer):
                answer = item
        assert answer is not None
        return answer

    def ask_stream(self, question: str, history: list[Answer] | None = None, *, k: int | None = None,
                   mode: str | None = None, use_llm: bool = True) -> Iterator[str | Answer]:
        """Yield pieces of answer text as they are produced, then the finished Answer."""
        self.refresh()
        start = time.perf_counter()
        found = self.assess(question, history, k=k, mode=mode)
        standalone, vector, passages, scored = found.standalone, found.vector, found.passages, found.scored
        verdict = judge(found.evidence) if passages else Verdict(True, (), "nothing was retrieved")
        retrieved = time.perf_counter()
        flagged: tuple[str, ...] = ()
        answerer = "extractive"
        citations: list[Citation] = []
        if verdict.abstain:
            text = abstention_text(question, verdict)
            yield text
        elif self.llm is not None and use_llm:
            answerer = "llm"
            try:
                text, citations, flagged = yield from self.llm.stream_answer(standalone, passages)
            except Exception as exc:  # unreachable, an error reply, a stall or a dropped stream: quote instead
                notice = failure_notice(self.llm.where, exc, self.llm.timeout)
                yield f"\n\n{notice}\n\n"  # what was streamed so far is not the answer
                answerer, flagged = "extractive", ()
                text, citations, passages = self.extract(standalone, vector, scored, passages)
                yield text
                text = f"{notice}\n\n{text}"
            if not citations and text.upper().startswith("NOT COVERED"):
                verdict = Verdict(True, (), "the model found no answer in the passages")
                text = abstention_text(question, verdict)
        else:
            text, citations, passages = self.extract(standalone, vector, scored, passages)
            for line in text.splitlines(keepends=True):
                yield line
        done = time.perf_counter()
        yield Answer(question=question, standalone_question=standalone, text=text, abstained=verdict.abstain,
                     citations=tuple(citations), passages=tuple(passages),
                     timings_ms={"retrieve": (retrieved - start) * 1000, "answer": (done - retrieved) * 1000,
                                 "total": (done - start) * 1000},
                     flagged=flagged, answerer=answerer)

    def extract(self, query: str, vector: np.ndarray, scored: list[Scored],
                passages: list[Passage]) -> tuple[str, list[Citation], list[Passage]]:
        """The extractive answer; an overview adds the document's other passages it quotes."""
        overview = is_overview(query) and not names_source(query)  # "Which 2012 study supports the management ..."
        picked = self.overview(query, vector, scored, passages) if overview and scored else []
        # an overview names every item it lists; a direct answer names it unless the statement names a subject
        text, citations = render(picked, set()) if picked else render(select(scored, question=query),
                                                                      self.subject_stems)
        retrieved = {p.chunk_id for p in passages}
        extra = [c.passage for c in citations if c.passage.chunk_id not in retrieved]
        return text, citations, passages + extra

    def overview(self, query: str, vector: np.ndarray, scored: list[Scored],
                 passages: list[Passage]) -> list[Scored]:
        """Summary and options of the document that answers best; [] when it has no sections to list, or when
        the question names no more than half of its subject words in the document's title or summary and the
        others in the rest of it: it asks about a part of it ("How is fulminant colitis treated?" beside an
        infection guideline's sections; "What are the options for PHN?" beside a shingles guideline's "pain
        relief"). Words the document does not have ("How do you manage croup in a toddler?" beside "Croup in
        children") only say whom it is about."""
        top = scored[0].passage
        if "?" in top.leaf and top.leaf.strip() != top.title.strip():
            return []  # a section written as this very question answers it directly (not the document's title)
        by_id = {p.chunk_id: p for p in passages}
        document = [by_id.get(p.chunk_id, p) for p in document_passages(self.index, top.doc_id, len(passages) + 1)]
        summary = next((st.text for p in document[:1] for st in p.statements[:1]), "")
        terms = key_terms(strip_context(query))
        known = stems(top.title) | stems(summary)
        said = stems(strip_context(query))
        for abbreviation in abbreviations_in(f"{top.title} {summary}"):  # "COPD" says chronic obstructive ...
            for meaning in self.index.catalog.meanings(abbreviation):
                if stems(meaning) <= said:  # ... when the question says so
                    known |= stems(meaning)
        written = {w for p in document for w in stems(p.section) | stems(p.text)} - stems(top.title)
        unnamed = [t for t in terms if stem(t) not in known]
        statements = self.statements.candidates(vector, document)
        if terms and 2 * len(unnamed) >= len(terms) and any(stem(t) in written for t in unnamed):
            # "How is fulminant colitis treated?" asks about a part of the document: the section of the
            # statement that answers best, whole and in order when it is short enough to read at once, then
            # what else answers from elsewhere (a case told before the question may have drawn the best one)
            part = [c for c in statements if c.passage.section == top.section and not c.text.rstrip().endswith("?")]
            if not 1 < len(part) <= MAX_SECTION:
                return []
            return [Scored(c.similarity, c) for c in part] + [s for s in select(scored)
                                                              if s.passage.section != top.section]
        return overview(scored, statements)


def spelled_out(standalone: str) -> dict[str, dict[str, float]]:
    """The abbreviations of a standalone query with the meaning spelled out after them ("COPD (chronic obstructive
    pulmonary disease)"): one thing, named either way."""
    return {m.group(1).lower(): {m.group(2): 1.0} for m in _SPELLED.finditer(strip_context(standalone))
            if abbreviations_in(m.group(1))}


_SPELLED = re.compile(r"\b([A-Za-z][A-Za-z0-9]{1,9})\s\(([^()]+)\)")


# a letter run joined by a hyphen to another ("NB-UVB", "IL-6", "COVID-19"): a part of one name
_HYPHENATED = re.compile(r"\b[A-Z][A-Za-z0-9]*(?=-[A-Z0-9]+\b)|(?<=[A-Z0-9]-)[A-Z][A-Za-z0-9]*\b")
_REGIMEN_IT = re.compile(r"\b(?:stop|start|continu|hold|withhold|restart|switch|chang|increas|reduc|taper|swap)\w*\s+"
                         r"(?:it|that|this|them)\b", re.I)


def _spelled(text: str) -> str:
    """The text with its British spellings made American ("ferrous sulphate" -> "ferrous sulfate")."""
    return re.sub(r"[a-z]{6,}", lambda m: american(m.group()) or m.group(), text).replace("sulph", "sulf")


def _about(history: list[Answer], last: Answer) -> Answer:
    """The turn whose topic a follow-up continues: after a question about the sources of an answer ("Which study
    supports that?"), the answer it asked about; its own words ("study", "supports") name no topic."""
    at = next((i for i in range(len(history) - 1, -1, -1) if history[i] is last), None)
    while at is not None and at > 0 and asks_for_source(history[at].question) and \
            strip_context(history[at].standalone_question) == history[at].question.strip():
        at -= 1
    return history[at] if at is not None else last


def _cited_source(question: str, last: Answer) -> Topic | None:
    """A question about the sources after an answer that quoted a reference entry first ("When was it
    published?", "Who wrote it?") is about that entry: its title words are the subject."""
    first = last.citations[0] if last.citations else None
    if first is None or first.passage.kind != "reference" or not first.quoted or not is_literature(question):
        return None
    entry = reference_entry(first.quoted[0])
    # one that names more of its own than a word or two before its "it" ("Mum wants to give him cranberry juice -
    # any evidence it helps?") asks about what it names, not about the entry; an "it" first points at the entry
    # ("Was it a double-blind randomised controlled trial?")
    named = stems(entry)
    own = [t for t in key_terms(question) if t not in LITERATURE | SOURCE_NOUNS | SOURCE_VERBS and stem(t) not in named]
    tokens = words(question)
    pronoun = next((i for i, t in enumerate(tokens) if t in PERSONAL), None)
    if len(own) > ENTRY_WORDS and pronoun is not None and set(own) & set(tokens[:pronoun]):
        return None
    terms = key_terms(entry)[:SOURCE_TERMS]
    return Topic(" ".join(terms), []) if terms else None


def _best(passages: list[Passage]) -> float:
    return max((p.dense_score or 0.0 for p in passages), default=0.0)


def _for_other_ages(text: str, age: float | None) -> bool:
    """Whether a dosing statement is for other ages than the patient's: ages it names all exclude theirs ("adults"
    counting as 18 and over), and it gives one amount (a line of bands, "under 1 year 62.5 mg; 1 to 4 years 125
    mg", or a dose with an exception for an age, may hold the patient's band in words no pattern reads)."""
    if age is None:
        return False
    ranges = statement_ranges(text, adults=False) + ([(ADULT_AGE, math.inf)] if names_adults(text) else [])
    return fits(age, ranges) is False and len(AMOUNT.findall(text)) <= 1


# a question for a study, or for a guideline; an entry that is a guideline (its kind, or its title's words)
_ASKS_STUDY = re.compile(r"\b(?:trials?|stud(?:y|ies)|rcts?|meta-analys[ie]s|systematic\s+review|evidence|data|"
                         r"papers?|research|cohort)\b", re.I)
_ASKS_GUIDANCE = re.compile(r"\b(?:guidelines?|guidance|society|college|body|organi[sz]ation|consensus)\b", re.I)
_GUIDANCE = re.compile(r"\((?:guideline|consensus)\)|\b(?:guidelines?|guidance|consensus|recommendations?|"
                       r"position\s+statement|practice\s+parameters?|standards\s+of\s+(?:medical\s+)?care)\b", re.I)
# an ask that points back at the drug named before it: "more of it", "the max dose", "increase it"
_MORE_OF_IT = re.compile(r"\b(?:it|more|higher|increase|max|maximum|ceiling)\b", re.I)
# a value after a measure's name ("HR 100", "Hb of 66", "heart rate is above 100", "BP: 150/100")
_VALUE = r"\s*(?:(?:of|is|was|at|above|below|over|under|>|<|=|:|≥|≤)\s*){0,2}\d"
HYPHEN_PREFIXES = frozenset({"ex", "re", "co"})  # not one that negates: "non-small cell" is not "small cell"
ANTIGEN_LETTERS = 4  # "anti-" before a short name of an antigen (2 to 4 letters) is the antibody the documents name
# by it ("anti-TTG": "IgA tTG"); not before a longer word ("anti-inflammatory" is not "inflammatory")


def hyphen_forms(term: str) -> list[list[str]]:
    """The ways a corpus may write a word, each as the parts the keyword index holds: as written; for a
    hyphenated word, also joined ("post-herpetic": postherpetic) and without a prefix that leaves its meaning
    ("ex-smoker": smoker; not "non-small cell", "pseudo-gout"), or an antibody without its "anti-" ("anti-TTG":
    tTG, ANTIGEN_LETTERS)."""
    parts = in_corpus_terms(term)
    if "-" not in term or len(parts) < 2:
        return [parts]
    rooted = [p for p in parts if p not in HYPHEN_PREFIXES and
              not (p == "anti" and len(parts) == 2 and 2 <= len(parts[1]) <= ANTIGEN_LETTERS)]
    return [parts, ["".join(parts)]] + ([rooted] if rooted and len(rooted) < len(parts) else [])


def _unverifiable(term: str, query: str) -> bool:
    """A word whose absence proves nothing: a number or age ("78-year-old"), a contraction or possessive,
    or an abbreviation ("UTI", "CrCl", "abx", "wks") that a document may spell out in full."""
    if any(ch.isdigit() for ch in term) or "'" in term or "’" in term or len(term) <= 4:
        return True
    written = re.search(rf"\b({re.escape(term)})\b", query, re.I)
    token = written.group(1) if written else term
    return len(token) <= 6 and sum(ch.isupper() for ch in token) >= 2


def _short_condition(term: str, query: str) -> bool:
    """A short word not written in capitals ("Lyme", "gout", "acne"): a condition name may be short, an
    abbreviation ("UTI", "abx") proves nothing."""
    written = re.search(rf"\b({re.escape(term)})\b", query, re.I)
    return term.isalpha() and len(term) >= 3 and written is not None and sum(c.isupper() for c in written.group(1)) <= 1


def _proper(term: str, text: str) -> bool:
    """Written with a capital inside the sentence: a name ("Kawasaki disease"), however common the word."""
    return re.search(rf"(?<=[\w,] )({re.escape(term)})\b", text, re.I) is not None and \
        bool(re.search(rf"(?<=[\w,] ){re.escape(term[:1].upper() + term[1:])}\b", text))


def _without_added(text: str, asked: str) -> str:
    """The text without the parentheses the engine added (what they hold is not in the user's question)."""
    return re.sub(r"\s*\(([^()]*)\)", lambda m: m.group(0) if m.group(1).lower() in asked.lower() else " ", text)


def _describes(word: str) -> bool:
    """A word that describes rather than names: a verb's -ed or -ing form ("relapsed", "bleeding"; not
    "breastfeed"), an adjective's ending ("tachycardic", "afebrile", "hypotensive", "pleural"), or a common
    word made an adjective by -y ("gritty": grit, "blurry": blur, "chesty": chest)."""
    return word.endswith("ing") and len(word) > 5 or word.endswith("ed") and not word.endswith("eed") or \
        word.endswith(_ADJECTIVE_ENDINGS) or _made_adjective(word)


def tells_of_a_patient(question: str) -> bool:
    """Says "he", "she", "my patient", or tells a case before the question that closes it ("34M, 3/52 of ...
    Is this acute or chronic?"); not a request without a question ("Do you have information about Cosmetics")."""
    return bool(_PATIENT.search(question) or question.rstrip().endswith("?") and case_of(question))


def _who(word: str) -> bool:
    """A specialist ("urologist", "physician", "podiatrist"): who the patient saw or will see, not what is asked
    about (not a specialty's "-ology": serology and histology are tests)."""
    return word.endswith(("ologist", "ologists", "ician", "icians", "iatrist", "iatrists"))


# what a case says the patient is or is like ("She's a barista", "He works outdoors as a roofer", "his mouth is like
# sandpaper"): a word that describes them, not a thing asked about
_SAID_OF_THEM = re.compile(r"\b(?:(?:he|she|they)(?:['’]s|['’]re| is| was| are)\s+an?|"
                           r"(?:he|she|they|who)\s+(?:works?|worked|working)(?:\s+\w+){0,2}?\s+as\s+an?|"
                           r"(?:is|are|was|feels?|felt)\s+like(?:\s+an?)?)\s+(\w+)(?:\s+(\w+))?", re.I)


def _said_of_them(word: str, text: str) -> bool:
    """Whether the text uses the word to say who the patient is or what they are like ("She's a barista", "his
    mouth is like sandpaper"), not to name what is asked about."""
    return any(word in (m.group(1).lower(), (m.group(2) or "").lower()) for m in _SAID_OF_THEM.finditer(text))


def _made_adjective(word: str) -> bool:
    """A common word with -y after it, its final e dropped or its last consonant doubled ("scaly", "gritty")."""
    if not word.endswith("y") or len(word) < 5:
        return False
    base = word[:-1]
    forms = {base, base + "e"} | ({base[:-1]} if len(base) > 3 and base[-1] == base[-2] else set())
    return any(is_common(f) for f in forms)


_ADJECTIVE_ENDINGS = ("ic", "ous", "ive", "ile", "al", "ary", "oid", "ful", "less", "ish")


def _same_word(term: str, word: str) -> bool:
    """A clipped or derived form of the word ("neb": "nebulised"; "steamy": "steam"; "relapsed": "relapse")."""
    if word.startswith(term) and len(term) >= 3:
        return True
    return len(os.path.commonprefix([term, word])) >= max(SHARED_PREFIX, min(len(term), len(word)) - 2)


def _whole(word: str) -> bool:
    """A common English word, also in its -ing form ("staining"): a whole word, not a short form."""
    return _common(word) or word.endswith("ing") and (_common(word[:-3]) or _common(f"{word[:-3]}e"))


def _common(word: str) -> bool:
    """A common English word, also in its plural or -ed form ("formulations", "switched")."""
    forms = {word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith(("es", "ed")) else word}
    return any(is_common(f) for f in forms)


class Conversation:
    """The turns of one conversation, owned here (not by Streamlit): follow-ups are asked with them."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.turns: list[Answer] = []

    def ask(self, question: str, **options) -> Answer:
        answer = self.engine.ask(question, self.turns, **options)
        self.turns.append(answer)
        return answer

    def ask_stream(self, question: str, **options) -> Iterator[str | Answer]:
        for item in self.engine.ask_stream(question, self.turns, **options):
            if isinstance(item, Answer):
                self.turns.append(item)
            yield item

    def reset(self) -> None:
        self.turns = []
