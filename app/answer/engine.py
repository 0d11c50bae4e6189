"""The engine: ask(question, history) -> Answer, used alike by the CLI, the Streamlit app and the eval runner."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator

from app.answer.abstain import Verdict, abstention_text, judge
from app.answer.common_words import is_common
from app.answer.extractive import answer as extractive_answer
from app.answer.followup import SubjectVocabulary, is_followup, rewrite, topic_of
from app.answer.retrieve import RetrievalConfig, Retriever
from app.answer.settings import Settings
from app.answer.text import in_corpus_terms
from app.answer.types import Answer, Passage
from ingest.embedder import Embedder
from ingest.store import Index, open_index


class Engine:
    def __init__(self, settings: Settings, *, embedder: Embedder | None = None, index: Index | None = None,
                 chat_model=None) -> None:
        settings.validate()
        self.settings = settings
        self.index = index or open_index(settings.index, model=settings.index.embed_model)
        self.embedder = embedder or Embedder(settings.index.embed_model)
        self.retriever = Retriever(self.index, self.embedder)
        self._lock = threading.Lock()
        self.vocabulary = self._vocabulary()
        self.llm = None
        if chat_model is not None or settings.llm:
            from app.answer.llm import LLMAnswerer

            self.llm = LLMAnswerer(chat_model if chat_model is not None else settings.llm, settings.llm_api_key)

    def _vocabulary(self) -> SubjectVocabulary:
        sections = self.index.catalog.sections() or [m.get("section", "") for _, _, m in self.index.vectors.records()]
        return SubjectVocabulary(sections)

    def idf(self, words: list[str]) -> dict[str, float]:
        """Inverse document frequency of words over the chunks (a hyphenated word counts by its rarest part)."""
        parts = {w: in_corpus_terms(w) for w in words}
        freq = self.retriever.doc_freq(sorted({p for ps in parts.values() for p in ps}))
        total = self.retriever.chunk_total
        return {w: math.log((total + 1) / (min((freq[p] for p in ps), default=0) + 1)) + 1.0
                for w, ps in parts.items()}

    def refresh(self) -> bool:
        """Reopen the index if another process committed an ingest since; True when it did."""
        with self._lock:
            if self.index.refresh_if_changed():
                self.retriever = Retriever(self.index, self.embedder)
                self.vocabulary = self._vocabulary()
                return True
        return False

    def standalone(self, question: str, history: list[Answer]) -> str:
        """The retrieval query: the question itself, or a follow-up rewritten with the topic of the history."""
        if not history:
            return question.strip()
        if self.llm is not None:
            rewritten = self.llm.rewrite(question, history)
            if rewritten:
                return rewritten
        if not is_followup(question, self.vocabulary):
            return question.strip()
        last = history[-1]
        cited = [(c.passage.section, c.passage.title) for c in last.citations]  # none when it abstained
        return rewrite(question, topic_of(last.standalone_question, cited, self.vocabulary), self.vocabulary)

    def retrieve(self, query: str, k: int | None = None, mode: str | None = None) -> list[Passage]:
        s = self.settings
        config = RetrievalConfig(k=k or s.k, candidates=max(s.candidates, k or s.k), mode=mode or s.mode,
                                 rrf_k=s.rrf_k, dense_weight=s.dense_weight, keyword_weight=s.keyword_weight)
        return self.retriever.retrieve(query, config)

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
        standalone = self.standalone(question, history or [])
        passages = self.retrieve(standalone, k, mode)
        retrieved = time.perf_counter()
        verdict = judge(question, standalone, passages, self.index.catalog.terms_present, is_common)
        flagged: tuple[str, ...] = ()
        answerer = "extractive"
        if verdict.abstain:
            text, citations = abstention_text(question, verdict), []
            yield text
        elif self.llm is not None and use_llm:
            answerer = "llm"
            text, citations, flagged = yield from self.llm.stream_answer(standalone, passages)
            if not citations and text.upper().startswith("NOT COVERED"):
                verdict = Verdict(True, (), "the model found no answer in the passages")
                text = abstention_text(question, verdict)
        else:
            text, citations = extractive_answer(standalone, passages, self.vocabulary, self.idf)
            for line in text.splitlines(keepends=True):
                yield line
        done = time.perf_counter()
        yield Answer(question=question, standalone_question=standalone, text=text, abstained=verdict.abstain,
                     citations=tuple(citations), passages=tuple(passages),
                     timings_ms={"retrieve": (retrieved - start) * 1000, "answer": (done - retrieved) * 1000,
                                 "total": (done - start) * 1000},
                     flagged=flagged, answerer=answerer)


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
