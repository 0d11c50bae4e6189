"""The threshold search, the splits and the clinician questions of eval/calibrate.py, on hand-made evidence
(no model)."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from app.answer.abstain import Evidence
from eval.calibrate import (
    ADDED_SET,
    CLINICIAN,
    Item,
    Result,
    confusion,
    gated_questions,
    grid_search,
    load_clinician,
    markdown,
    similarity_stage,
    split_by_document,
    split_by_probe,
    split_by_question,
    uncovered,
)
from ingest.errors import ConfigError


def _item(score: float, covered: bool, doc: str = "", similarity: float = 0.5,
          rare: tuple[str, ...] = ()) -> Item:
    return Item(f"q{score}", doc or f"doc-{score}", covered, Evidence(score, similarity, absent_rare=rare))


def test_grid_search_finds_the_lowest_separating_answer_score() -> None:
    items = [_item(s, True) for s in (0.62, 0.70, 0.81)] + [_item(s, False) for s in (0.35, 0.48, 0.55)]
    a, strict, scores = grid_search(items)
    assert a == 0.56  # the lowest grid value above every uncovered score
    assert (scores.tp, scores.fp, scores.fn, scores.tn) == (3, 0, 0, 3) and scores.f1 == 1.0
    assert strict == 0.0  # no rare words: the rule changes nothing, so the tie goes to the lowest value


def test_grid_search_uses_the_rare_word_rule_when_scores_overlap() -> None:
    # an uncovered question scores high but names a rare word no document has; a covered one also has one
    items = [_item(0.8, True, similarity=0.7, rare=("zyx",)), _item(0.7, True),
             _item(0.9, False, similarity=0.5, rare=("qwv",)), _item(0.4, False)]
    a, strict, scores = grid_search(items)
    assert scores.f1 == 1.0 and a <= 0.7 and 0.5 < strict <= 0.7
    assert confusion(items, a, 0.0).fn == 1  # with the rule off the high-scoring one is answered


def test_split_keeps_each_document_in_one_half_and_both_kinds_in_each() -> None:
    rng = random.Random(1)
    items = [_item(rng.random(), d % 2 == 0, doc=f"d{d}") for d in range(20) for _ in range(3)]
    cal, rep = split_by_document(items, seed=7)
    assert len(cal) + len(rep) == len(items)
    assert not {i.doc for i in cal} & {i.doc for i in rep}
    for half in (cal, rep):
        assert {i.covered for i in half} == {True, False}
    assert split_by_document(items, seed=7) == (cal, rep)  # a fixed seed gives the same split


def test_document_never_indexes_its_questions_and_focus_test_is_by_whole_words() -> None:
    rows = [{"focus": "Fabry disease", "url": "u", "qtype": "symptoms",
             "question": "What are the symptoms of Fabry disease ?", "answer": "  Pain in the hands.\n\n  Rash. "}]
    text = markdown(rows)
    assert "## Fabry disease: symptoms" in text and "title: Fabry disease" in text
    assert "What are the symptoms" not in text and "Pain in the hands." in text
    held = {"a": [{"focus": "Fabry Disease"}], "b": [{"focus": "Gout"}], "c": [{"focus": "Fabry"}]}
    assert set(uncovered(held, [text, "Goutte and fabrymore"])) == {"b"}


def test_split_by_question_halves_each_kind_with_a_fixed_seed() -> None:
    items = [_item(i / 100, i % 3 != 0, doc=f"f{i % 4}") for i in range(1, 30)]
    cal, rep = split_by_question(items, seed=5)
    assert sorted(cal + rep, key=lambda i: i.question) == sorted(items, key=lambda i: i.question)
    for covered in (True, False):
        n = sum(i.covered == covered for i in items)
        assert sum(i.covered == covered for i in cal) == (n + 1) // 2  # stratified: each kind halved
    assert len({i.doc for i in cal} & {i.doc for i in rep}) > 0  # by question, not by document
    assert split_by_question(list(reversed(items)), seed=5) == (cal, rep)  # the order read does not matter


def test_load_clinician_checks_each_line_and_leaves_gated_questions_out(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "gout.md").write_text("Colchicine.")
    rows = [{"ask": "colchicine dose for a flare?", "covered": True, "doc": "gout.md"},
            {"ask": "Krystexxa for tophi?", "covered": False, "doc": None},
            {"ask": "What is gout?", "covered": True, "doc": "gout.md"}]
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "\n")
    items, dropped = load_clinician(path, [docs], skip={"what is gout"})
    assert dropped == 1 and [i.question for i in items] == ["colchicine dose for a flare?", "Krystexxa for tophi?"]
    assert [(i.doc, i.covered, i.source) for i in items] == [("gout.md", True, "clinician"), ("", False, "clinician")]
    for bad in ({"ask": "x?", "covered": True, "doc": "missing.md"}, {"ask": "x?", "covered": "yes", "doc": None},
                {"question": "x?"}):
        path.write_text(json.dumps(bad) + "\n")
        with pytest.raises(ConfigError):
            load_clinician(path, [docs])
    path.write_text(json.dumps(rows[1]) + "\n" + json.dumps(rows[1]) + "\n")
    with pytest.raises(ConfigError, match="repeats"):
        load_clinician(path, [docs])


def test_shipped_clinician_questions_are_valid_and_none_is_a_gated_question() -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    items, dropped = load_clinician(CLINICIAN, [corpus, ADDED_SET.with_suffix("")], gated_questions())
    assert dropped == 0
    assert sum(i.covered for i in items) >= 40 and sum(not i.covered for i in items) >= 20
    assert {i.doc for i in items if i.covered} & {p.name for p in ADDED_SET.with_suffix("").iterdir()}
    assert {i.doc for i in items if i.covered} & {p.name for p in corpus.iterdir()}


def test_result_scores_each_source_and_their_union() -> None:
    mq = [_item(0.9, True), _item(0.3, False)]
    cl = [replace(_item(0.5, True), source="clinician"), replace(_item(0.6, False), source="clinician")]
    result = Result((0.55, 0.0), (0.45, 0.75), {"calibration": mq + cl, "report": mq + cl})
    scores = result.scores()
    assert result.sources() == ["medquad", "clinician"]
    assert len(scores) == 2 * 2 * 3
    med, cli, union = (scores[f"chosen / report / {s}"] for s in ("medquad", "clinician", "union"))
    assert (med.tp, med.tn) == (1, 1) and (cli.fp, cli.fn) == (1, 1)  # 0.5 < 0.55 abstains, 0.6 answers
    assert union.tp + union.fp + union.fn + union.tn == 4 and union.tp == med.tp + cli.tp
    assert {e["source"] for e in result.as_json()["errors"]} == {"clinician"}


def test_the_third_stage_places_the_answer_cosine_between_cases_answered_and_not() -> None:
    """Cases told in the patient's words score under the answer bar: those the probes' documents answer lie
    closer in meaning than those they do not, and the stage puts the cosine between them (ties: the highest)."""
    def case(similarity: float, covered: bool, probe: str) -> Item:
        return Item(f"q{similarity}{covered}", probe, covered,
                    Evidence(0.6, similarity, told=True), source="probes")
    items = [case(s, True, "p1") for s in (0.48, 0.52, 0.61)] + [case(s, False, "p1") for s in (0.31, 0.38)]
    g = similarity_stage(items, 0.70, 0.62)
    assert g == 0.48  # the highest that still answers every covered case
    assert confusion(items, 0.70, 0.62, g).f1 == 1.0
    assert confusion(items, 0.70, 0.62, 1.0).fp == 3  # with the rule off the score bar refuses them all


def test_the_probes_are_split_whole() -> None:
    items = [Item(f"q{p}{n}", f"p{p}", n % 3 != 0, source="probes") for p in range(10) for n in range(6)]
    cal, rep = split_by_probe(items, seed=3)
    assert len(cal) + len(rep) == len(items) and len({i.doc for i in cal}) == 5
    assert not {i.doc for i in cal} & {i.doc for i in rep}
