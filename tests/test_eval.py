"""The evaluation suite: set loading, metric definitions on hand-made results, reports, and the CI gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.answer.types import Answer, Citation, Passage
from app.cli import cli
from eval.command import parse_bounds
from eval.dataset import BadEvalSet, Turn, load_set
from eval.metrics import TurnResult, compute, failed, first_statement_has_fact, statements
from eval.set_index import index_settings_for
from ingest.settings import IndexSettings
from ingest.store import open_index
from ingest.types import Statement
from tests.conftest import CORPUS, ROOT, write

CORE = ROOT / "eval" / "sets" / "core.jsonl"
ADDED = ROOT / "eval" / "sets" / "added.jsonl"  # its documents sit beside it, in eval/sets/added/


def passage(rank: int, text: str, section: str = "A › B") -> Passage:
    return Passage(rank, f"c{rank}", "d", "Doc", section, text, (Statement(text),), (), None, "text", 1.0 / rank)


def result(turn: Turn, text: str, passages: list[Passage], abstained: bool = False, cite: int = 1) -> TurnResult:
    citations = (Citation(cite, passages[cite - 1]),) if passages and not abstained and cite <= len(passages) else ()
    answer = Answer(turn.ask, turn.ask, text, abstained, citations, tuple(passages), {"total": 10.0})
    return TurnResult("conv", "set", 0, turn, answer)


def test_metric_definitions() -> None:
    good = result(Turn("q1", evidence=("mild  DIZZINESS",), facts=(("dizziness",), ("nausea",)), forbid=("bad",)),
                  "- Side effects include mild dizziness [2]", [passage(1, "x"), passage(2, "Side effects include mild dizziness")],
                  cite=2)
    wrong = result(Turn("q2", evidence=("absent text",), abstain=True), "- a bad claim [3]", [passage(1, "a claim")])
    right_abstain = result(Turn("q3", abstain=True), "The indexed documents do not cover it.", [], abstained=True)
    m = compute([good, wrong, right_abstain])
    assert m["evidence_recall@k"] == 0.5 and m["mrr"] == pytest.approx(0.25)
    assert m["fact_recall"] == 0.5  # one of two groups met, over the turns the engine answered
    assert m["forbidden_rate"] == 0.0
    assert m["citation_validity"] == 0.5  # [2] is valid, [3] points to no retrieved passage
    assert m["citation_support"] == 0.5
    assert m["abstention_precision"] == 1.0 and m["abstention_recall"] == 0.5
    assert failed(wrong) == ["evidence not retrieved: absent text", "answered but should abstain"]


def test_statements_and_fact_at_1() -> None:
    facts = (("cholecalciferol", "vitamin d"), ("sunlight",))
    later = result(Turn("q1", facts=facts), "- Calcium keeps bones strong [1]\n- Vitamin D aids absorption [1]",
                   [passage(1, "x")])
    first = result(Turn("q2", facts=facts), "Intro without a marker\n- Take VITAMIN D daily [1] [2]\n",
                   [passage(1, "x")])
    plain = result(Turn("q3", facts=facts), "\n  - Sunlight makes vitamin D in the skin.\nA second line", [])
    abstained = result(Turn("q4", facts=facts), "vitamin d is not covered", [], abstained=True)
    no_facts = result(Turn("q5"), "- a [1]\n- b [1]\n- c [2]", [passage(1, "x"), passage(2, "y")])
    assert statements(later.answer) == ["Calcium keeps bones strong [1]", "Vitamin D aids absorption [1]"]
    assert statements(first.answer) == ["Take VITAMIN D daily [1] [2]"]  # unmarked lines are not statements
    assert statements(plain.answer) == ["Sunlight makes vitamin D in the skin."]  # no marker: the first line
    assert statements(result(Turn("q6"), " \n", []).answer) == []
    assert [first_statement_has_fact(r) for r in (later, first, plain)] == [False, True, True]
    m = compute([later, first, plain, abstained, no_facts])
    assert m["fact_at_1"] == pytest.approx(2 / 3)  # over answered turns with facts: not q4 (abstained), not q5
    assert m["statements_per_answer"] == pytest.approx((2 + 1 + 1 + 3) / 4)  # over answered turns
    assert compute([abstained])["statements_per_answer"] == 0.0


def test_new_metrics_take_bounds() -> None:
    assert parse_bounds(["fact_at_1=0.8", "statements_per_answer=2"], 5, False) == (
        {"fact_at_1": 0.8, "statements_per_answer": 2.0}, {})
    assert parse_bounds(["statements_per_answer=6"], 5, True) == ({}, {"statements_per_answer": 6.0})
    with pytest.raises(BadEvalSet, match="bounded with --min"):
        parse_bounds(["fact_at_1=0.5"], 5, True)


def test_bad_set_lines_are_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "turns": [{"ask": "ok"}]}\n{"id": "b", "turns": [{"evidence": []}]}\n')
    with pytest.raises(BadEvalSet, match="bad.jsonl:2"):
        load_set(bad)


def test_core_set_shape() -> None:
    conversations = load_set(CORE)
    turns = [t for c in conversations for t in c.turns]
    assert len(turns) >= 60 and sum(len(c.turns) > 1 for c in conversations) >= 12
    assert sum(t.abstain for t in turns) >= 10


def test_eval_cli_reports_and_bounds(tmp_path: Path, monkeypatch, corpus_settings) -> None:
    monkeypatch.setenv("MEDCITE_INDEX_DIR", str(corpus_settings.index_dir))
    small = tmp_path / "small.jsonl"
    small.write_text("\n".join(CORE.read_text().splitlines()[:3]) + "\n")
    out = CliRunner().invoke(cli, ["eval", str(small), "--compare", "--json", str(tmp_path / "r.json"),
                                   "--report", str(tmp_path / "r.md"), "--html", str(tmp_path / "r.html"),
                                   "--min", "mrr=1.01"])
    assert out.exit_code == 1 and "NOT MET: mrr" in out.output
    data = json.loads((tmp_path / "r.json").read_text())
    assert {c["config"] for c in data["configs"]} >= {"hybrid k=5", "dense k=3", "keyword k=10"}
    assert "evidence_recall@10" in data["configs"][-1]["metrics"]
    assert "<svg" in (tmp_path / "r.html").read_text() and "| config |" in (tmp_path / "r.md").read_text()
    assert (corpus_settings.index_dir / "reports" / "latest.json").exists()  # the chat's report page reads it
    ceiling = CliRunner().invoke(cli, ["eval", str(small), "--min", "forbidden_rate=0", "--min", "latency_p50_ms=0"])
    assert ceiling.exit_code == 1 and "NOT MET: latency_p50_ms" in ceiling.output  # lower-is-better: a ceiling
    assert "NOT MET: forbidden_rate" not in ceiling.output
    bad = CliRunner().invoke(cli, ["eval", str(small), "--max", "mrr=0.5"])
    assert bad.exit_code == 1 and "bounded with --min" in str(bad.exception)


# The gates: floors just under the level each set reaches (README, Measured figures); a regression fails CI. One
# turn's evidence can flip between runs on a busy machine (a near tie at rank 5: seen once, core 0.951 -> 0.941),
# so a floor sits at least one turn under the level.
CORE_FLOORS = {"evidence_recall@5": 0.955, "mrr": 0.78, "fact_recall": 0.905, "fact_at_1": 0.68,
               "abstention_precision": 0.90, "abstention_recall": 0.90}
ADDED_FLOORS = {"evidence_recall@5": 0.97, "mrr": 0.785, "fact_recall": 0.935, "fact_at_1": 0.675,
                "abstention_precision": 0.92, "abstention_recall": 0.95}


def bounds(floors: dict[str, float]) -> list[str]:
    """--min for each floor, plus what holds on every set: valid, supported citations and no forbidden text."""
    out = [arg for name, value in floors.items() for arg in ("--min", f"{name}={value}")]
    return out + ["--min", "citation_validity=1.0", "--min", "citation_support=1.0", "--max", "forbidden_rate=0"]


def test_core_set_gate(monkeypatch, corpus_settings) -> None:
    """The CI gate: a regression in retrieval, answers or abstention fails `make test`."""
    monkeypatch.setenv("MEDCITE_INDEX_DIR", str(corpus_settings.index_dir))
    # floors just under what the engine reaches (README, Measured figures)
    out = CliRunner().invoke(cli, ["eval", str(CORE), "--k", "5", "--mode", "hybrid", *bounds(CORE_FLOORS)])
    print(out.output)
    assert out.exit_code == 0, out.output


SNAKEBITE = """# Snakebite first aid

## Immediate care

Keep the bitten limb still and apply a pressure immobilisation bandage over the bite site.
Do not cut the wound or try to suck out the venom.
"""


def tiny_set(tmp_path: Path) -> Path:
    """A set with documents beside it: one guideline, one file that cannot be read, and files to leave out."""
    docs = tmp_path / "sets" / "tiny"
    write(docs / "snakebite-first-aid.md", SNAKEBITE)
    (docs / "broken.pdf").write_bytes(b"not a pdf at all")
    for name in ("SOURCES.md", "build_binaries.py", ".draft.md", "notes/README.md"):
        write(docs / name, "# Not a guideline\n\nSnakebite notes to leave out.\n")
    turn = {"ask": "What is the first aid for a snakebite?", "evidence": ["keep the bitten limb still"],
            "facts": [["pressure immobilisation", "limb still"]]}
    return write(tmp_path / "sets" / "tiny.jsonl", json.dumps({"id": "snake", "turns": [turn]}) + "\n")


def run_tiny(tiny: Path, report: Path) -> tuple[int, str, dict]:
    out = CliRunner().invoke(cli, ["eval", str(tiny), "--json", str(report)])
    assert out.exception is None or isinstance(out.exception, SystemExit), out.exception
    return out.exit_code, out.output, json.loads(report.read_text())


def test_set_with_documents_gets_its_own_index(tmp_path: Path, monkeypatch) -> None:
    """The set's documents are added with the real add pipeline to a copy of the corpus, beside the user's index;
    a file that fails is an error with its reason; re-runs embed nothing unchanged."""
    shipped = tmp_path / "shipped"
    for name in ("medlineplus-calcium.md", "medlineplus-falls.md", "SOURCES.md"):
        write(shipped / name, (CORPUS / name).read_text())
    monkeypatch.setenv("MEDCITE_CORPUS_DIR", str(shipped))
    tiny = tiny_set(tmp_path)
    code, output, data = run_tiny(tiny, tmp_path / "r.json")
    assert code == 1 and "FAILED to add" in output and "broken.pdf" in output
    entry = data["indexes"][0]
    own = index_settings_for(IndexSettings(index_dir=tmp_path / "index"), "tiny")
    assert entry["index_dir"] == str(own.index_dir) and entry["embedded"] > 0
    outcomes = {f["file"]: f["outcome"] for f in entry["added_files"]}
    assert outcomes == {"broken.pdf": "failed", "snakebite-first-aid.md": "added"}
    assert all(f.get("reason") for f in entry["added_files"] if f["outcome"] == "failed")
    assert data["configs"][0]["metrics"]["evidence_recall@5"] == 1.0  # answered from the added document
    assert not (tmp_path / "index" / "medcite.sqlite3").exists()  # the user's own index is left alone
    (tiny.parent / "tiny" / "broken.pdf").unlink()
    code, _, data = run_tiny(tiny, tmp_path / "r.json")
    assert code == 0 and data["indexes"][0]["embedded"] == 0
    assert [f["outcome"] for f in data["indexes"][0]["added_files"]] == ["unchanged"]
    write(tiny.parent / "tiny" / "snakebite-first-aid.md", SNAKEBITE + "\n## Transport\n\nCall an ambulance.\n")
    (shipped / "medlineplus-falls.md").unlink()
    code, _, data = run_tiny(tiny, tmp_path / "r.json")
    assert code == 0 and [f["outcome"] for f in data["indexes"][0]["added_files"]] == ["added"]
    index = open_index(own)
    try:
        assert sorted(d["doc_id"] for d in index.catalog.docs()) == ["medlineplus-calcium", "snakebite-first-aid"]
    finally:
        index.close()


@pytest.mark.skipif(not ADDED.exists(), reason="eval/sets/added.jsonl is not written yet (its documents are)")
def test_added_set_gate(tmp_path: Path) -> None:
    """The added set, run as `medcite eval` runs it: the shipped corpus plus eval/sets/added/ in an index of its
    own (under tmp_path). Floors sit just under what the engine reaches now; they go up as it improves."""
    out = CliRunner().invoke(cli, ["eval", str(ADDED), "--k", "5", "--mode", "hybrid", "--json",
                                   str(tmp_path / "added.json"), *bounds(ADDED_FLOORS)])
    print(out.output)
    assert out.exit_code == 0, out.output
    added = json.loads((tmp_path / "added.json").read_text())["indexes"][0]["added_files"]
    assert added and all(f["outcome"] == "added" for f in added)
