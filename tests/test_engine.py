"""The answer engine over the shipped corpus: retrieval modes, follow-ups, extractive answers, abstention."""

from __future__ import annotations

import pytest

from app.answer import retrieve
from app.answer.engine import Conversation
from app.answer.retrieve import Retriever, document_passages, rrf
from app.answer.types import Answer
from tests.conftest import engine_over


def leaves(passages) -> list[str]:
    return [p.leaf for p in passages]


def test_words_in_more_chunks_than_the_keyword_limit_are_searched_by_meaning_alone(engine, monkeypatch) -> None:
    """At library scale a word in tens of thousands of chunks would make BM25 rank them all: its count stops at
    the limit, and a question made only of such words gets no keyword side (here the limit is lowered to 10 of
    the shipped corpus's chunks: "osteoporosis" is in far more, "vertebroplasty" in fewer)."""
    monkeypatch.setattr(retrieve, "MAX_POSTINGS", 10)
    fresh = Retriever(engine.index, engine.embedder)
    counts = fresh.postings(["osteoporosis", "vertebroplasty"])
    assert counts["osteoporosis"] == 11 and engine.retriever.doc_freq(["osteoporosis"])["osteoporosis"] > 11
    assert 0 < counts["vertebroplasty"] <= 10
    assert fresh.selective_terms(["osteoporosis"]) == []
    assert fresh.selective_terms(["osteoporosis", "vertebroplasty"]) == ["vertebroplasty"]
    assert fresh.keyword("osteoporosis", 5) == []
    passages = fresh.retrieve("osteoporosis", engine.config(k=3))
    assert len(passages) == 3 and all(p.keyword_score is None for p in passages)
    # keyword mode has no dense side: there the truly rarest word is searched, found by exact counts
    assert len(fresh.retrieve("osteoporosis", engine.config(k=3, mode="keyword"))) == 3
    exact = engine.retriever.doc_freq(["osteoporosis", "fracture", "bone"])
    rarest = min(exact, key=lambda w: exact[w])
    assert fresh.selective_terms(["osteoporosis", "fracture", "bone"], alone=True) == [rarest]


@pytest.mark.parametrize("mode", ["hybrid", "dense", "keyword"])
def test_each_mode_finds_vertebroplasty(engine, mode: str) -> None:
    passages = engine.retrieve("Is vertebroplasty recommended?", k=5, mode=mode)
    assert len(passages) == 5 and passages[0].leaf == "Vertebroplasty"
    assert [p.rank for p in passages] == [1, 2, 3, 4, 5]
    assert all(a.score >= b.score for a, b in zip(passages, passages[1:]))
    if mode == "dense":
        assert passages[0].keyword_score is None and passages[0].dense_score > 0.5
    if mode == "keyword":
        assert passages[0].dense_score is None and passages[0].keyword_score > 0


def test_hybrid_carries_both_scores_and_fuses_them(engine) -> None:
    top = engine.retrieve("calcitonin side effects dizziness", k=3, mode="hybrid")[0]
    assert top.dense_score is not None and top.keyword_score is not None
    rrf_k = engine.settings.rrf_k
    assert top.score == pytest.approx(1 / (rrf_k + 1) + 1 / (rrf_k + 1))


def test_rrf_rewards_agreement() -> None:
    fused = rrf([(["a", "b", "c"], 1.0), (["b", "d", "e"], 1.0)], 60)
    assert max(fused, key=fused.get) == "b" and fused["a"] == pytest.approx(1 / 61)
    assert rrf([(["a"], 2.0), (["b"], 1.0)], 60)["a"] == pytest.approx(2 * fused["a"])


@pytest.mark.parametrize("query", ['"unbalanced quote', "(paren AND", "star*", "col:on", "-minus", "NEAR(a b)",
                                   "AND OR NOT", "ünïcödé façade", "", "   ", "?!", "calcitonin\" OR \"x",
                                   "vertebroplasty NOT kyphoplasty", "bone-density: t-score*"])
def test_keyword_side_takes_any_text(engine, query: str) -> None:
    passages = engine.retrieve(query, k=3, mode="keyword")
    assert isinstance(passages, list) and len(passages) <= 3
    if "calcitonin" in query:
        assert passages and "Calcitonin" in passages[0].section + passages[0].text


def test_passages_carry_resolved_and_unresolved_references(engine) -> None:
    chronic = next(p for p in engine.retrieve("chronic phase kyphoplasty intrathecal", k=5)
                   if p.leaf.startswith("Chronic Phase"))
    refs = {r["n"]: r for r in chronic.references}
    assert refs[1]["title"] == "Guideline Directed Topic Overview" and refs[1]["year"] == 2025
    assert refs[5] == {"n": 5, "unresolved": True} and refs[6] == {"n": 6, "unresolved": True}


def test_extractive_answer_keeps_negations_with_subject(engine) -> None:
    answer = engine.ask("Is vertebroplasty recommended?")
    assert not answer.abstained
    assert "Vertebroplasty: not recommended based on high-quality evidence [1]" in answer.text
    assert "vertebroplasty is recommended" not in answer.text.lower()
    assert answer.citations[0].passage.leaf == "Vertebroplasty"


def test_extractive_answer_keeps_numbers(engine) -> None:
    answer = engine.ask("How much does alendronate reduce the risk of new vertebral fractures?")
    assert "47%" in answer.text and "54%" in answer.text


def test_calcitonin_is_not_continued_for_chronic_pain(engine) -> None:
    text = engine.ask("Should calcitonin be continued for chronic pain?").text
    assert "should not be continued for chronic pain" in text
    assert "calcitonin should be continued" not in text.lower()


def test_every_marker_points_to_a_citation_in_order(engine) -> None:
    import re

    answer = engine.ask("What does the treatment algorithm say for the acute phase?")
    numbers = [int(n) for n in re.findall(r"\[(\d+)\]", answer.text)]
    assert numbers and sorted(set(numbers)) == [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    ids = {p.chunk_id for p in answer.passages}
    for c in answer.citations:
        assert c.passage.chunk_id in ids and all(q in c.passage.text for q in c.quoted)


@pytest.mark.parametrize("question", [
    "What is the pediatric dose of amoxicillin for otitis media?",
    "Is gabapentin recommended for compression fracture pain?",
    "What is the recommended insulin regimen for type 1 diabetes?",
    "What is the capital of France?",
    "How do I bake sourdough bread?",
])
def test_abstains_when_the_corpus_does_not_cover_it(engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.abstained and answer.text.startswith("The indexed documents do not cover")
    assert answer.citations == ()


@pytest.mark.parametrize("question", ["Is vertebroplasty recommended?", "How is osteoporosis diagnosed?",
                                      "What are the symptoms of rickets?"])
def test_answers_what_the_corpus_covers(engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained and answer.citations


def test_standing_note_and_timings(engine) -> None:
    answer = engine.ask("Is kyphoplasty recommended?")
    assert "not medical advice" in answer.note
    assert set(answer.timings_ms) == {"retrieve", "answer", "total"}
    assert answer.timings_ms["total"] >= answer.timings_ms["retrieve"]


def converse(engine, *questions: str) -> list[Answer]:
    conversation = Conversation(engine)
    return [conversation.ask(q) for q in questions]


def test_follow_up_inherits_the_treatment(engine) -> None:
    first, side = converse(engine, "Does calcitonin help acute compression fracture pain?", "What are its side effects?")
    assert "calcitonin" in side.standalone_question.lower()
    assert "dizziness" in side.text


@pytest.mark.parametrize("first, follow, expect_leaf", [
    ("Does calcitonin help acute compression fracture pain?", "And for chronic pain?", "Calcitonin"),
    ("Is vertebroplasty recommended?", "Why not?", "Vertebroplasty"),
    ("Is kyphoplasty an option?", "How long does the relief last?", "Kyphoplasty"),
    ("Does calcitonin help acute compression fracture pain?", "What about bracing?", "Orthoses/Bracing"),
    ("What are the nerve block options?", "Is it effective?", "Nerve Blocks"),
])
def test_follow_ups_retrieve_the_inherited_topic(engine, first: str, follow: str, expect_leaf: str) -> None:
    _, answer = converse(engine, first, follow)
    assert expect_leaf in leaves(answer.passages[:3]), answer.standalone_question
    assert not answer.abstained


def test_new_topic_does_not_inherit(engine) -> None:
    _, answer = converse(engine, "Is kyphoplasty recommended?",
                         "What is the recommended insulin regimen for type 1 diabetes?")
    assert "kyphoplasty" not in answer.standalone_question.lower()
    assert not any("kyphoplasty" in (p.section + p.text).lower() for p in answer.passages)
    assert answer.abstained


def test_new_topic_inside_the_corpus_does_not_inherit(engine) -> None:
    _, answer = converse(engine, "Is kyphoplasty recommended?", "How is osteoporosis diagnosed?")
    assert answer.standalone_question == "How is osteoporosis diagnosed?"


def test_reference_entries_are_found_and_quoted(engine) -> None:
    answer = engine.ask("What did the 2012 calcitonin meta-analysis review?")
    assert answer.passages[0].kind == "reference" and "2012" in answer.passages[0].text
    assert "meta-analysis" in answer.text


def test_langchain_retriever_returns_documents(engine) -> None:
    from langchain_core.documents import Document

    from app.answer.lc_retriever import MedciteRetriever

    docs = MedciteRetriever(engine=engine, k=3).invoke("Is vertebroplasty recommended?")
    assert len(docs) == 3 and isinstance(docs[0], Document)
    assert docs[0].metadata["section"].endswith("Vertebroplasty") and docs[0].metadata["references"]


@pytest.mark.parametrize("question, expect", [
    ("What dose of calcitonin is used?", "200 IU"),
    ("How long can parathyroid hormone be used?", "2 years"),
])
def test_answers_of_the_asked_shape_are_preferred(engine, question: str, expect: str) -> None:
    assert expect in engine.ask(question).text


def _section(heading: str, statements: list[str]) -> str:
    return f"## {heading}\n" + "".join(f"- {s}\n" for s in statements)


def test_a_short_section_cut_in_two_is_read_whole_and_a_long_one_is_not(tmp_path, embedder) -> None:
    """The search finds one chunk of a section; its other chunk is read too when the section is short (the first
    names the first-choice drug, the second the course's length), not when it is a long page's section."""
    choice = [f"Option {n}: the agent of choice number {n} is given at a dose of {n * 100} mg twice daily, "
              f"with food, for adults with an uncomplicated wound infection." for n in range(1, 10)]
    history = [f"In the year {1900 + n} the surgeons of the hospital wrote a report on wound healing, number {n}, "
               f"which is of historical interest only." for n in range(40)]
    text = "# Wound infection\n\n" + _section("Antibiotic choice", choice) + "\n" + _section("History", history)
    engine = engine_over(tmp_path, embedder, {"wounds.md": text})
    chunks = document_passages(engine.index, "wounds", 0)
    short = [c for c in chunks if c.section.endswith("Antibiotic choice")]
    long = [c for c in chunks if c.section.endswith("History")]
    assert len(short) == 2 and len(long) > 3
    siblings = engine.section_siblings([short[1]], ("text",))
    assert [s.chunk_id for s in siblings] == [short[0].chunk_id] and siblings[0].rank == 2
    assert engine.section_siblings([long[1]], ("text",)) == []
