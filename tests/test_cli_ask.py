"""`medcite ask` and `medcite chat` output and their one-line errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from app.cli import cli, main
from tests.conftest import collection_gone


@pytest.fixture
def indexed(monkeypatch, corpus_settings):
    monkeypatch.setenv("MEDCITE_INDEX_DIR", str(corpus_settings.index_dir))
    monkeypatch.setenv("MEDCITE_CORPUS_DIR", str(corpus_settings.corpus_dir))


def test_ask_json_has_exactly_the_documented_keys(indexed) -> None:
    out = CliRunner().invoke(cli, ["ask", "--json", "What are the side effects of calcitonin?"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert list(data) == ["question", "standalone_question", "answer", "abstained", "citations", "passages",
                          "timings_ms"]
    assert list(data["citations"][0]) == ["n", "chunk_id", "doc_id", "title", "section", "text", "references"]
    assert list(data["citations"][0]["references"][0]) == ["n", "kind", "title", "source", "year", "authors"]
    assert list(data["passages"][0]) == ["rank", "chunk_id", "doc_id", "title", "section", "text", "score"]
    assert list(data["timings_ms"]) == ["retrieve", "answer", "total"]
    assert "dizziness [1]" in data["answer"] and len(data["passages"]) == 5


def test_ask_prints_sources_with_references(indexed) -> None:
    out = CliRunner().invoke(cli, ["ask", "Does calcitonin help chronic pain?"])
    assert "Sources:" in out.stdout and "supported by [2] Calcitonin for treating acute and chronic pain" in out.stdout
    assert "Osteoporosis international" in out.stdout and "2012" in out.stdout and "not medical advice" in out.stdout


def test_chat_keeps_the_conversation(indexed) -> None:
    out = CliRunner().invoke(cli, ["chat"], input="Is vertebroplasty recommended?\nWhy not?\n/sources\n/new\n")
    assert out.exit_code == 0
    assert "sham" in out.stdout and "New conversation." in out.stdout and "Vertebroplasty" in out.stdout


def test_no_index_is_one_clean_line(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.argv", ["medcite", "ask", "anything"])
    with pytest.raises(SystemExit) as exc:
        main()
    err = capsys.readouterr().err
    assert exc.value.code == 1 and err.count("\n") == 1
    assert "run `medcite ingest`" in err and "Traceback" not in err


def test_unknown_mode_and_llm_provider_are_one_clean_line(indexed, monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.argv", ["medcite", "ask", "--mode", "fuzzy", "x"])
    with pytest.raises(SystemExit):
        main()
    assert "Unknown retrieval mode 'fuzzy'" in capsys.readouterr().err
    monkeypatch.setenv("MEDCITE_LLM", "nosuch:model")
    monkeypatch.setattr("sys.argv", ["medcite", "ask", "x"])
    with pytest.raises(SystemExit):
        main()
    assert "Unknown LLM provider" in capsys.readouterr().err


@pytest.fixture
def index_copy(tmp_path, monkeypatch, corpus_settings):
    """A private copy of the corpus index: a failure's log file is written beside it."""
    import shutil

    target = tmp_path / "index"
    shutil.copytree(corpus_settings.index_dir, target)
    monkeypatch.setenv("MEDCITE_INDEX_DIR", str(target))
    monkeypatch.setenv("MEDCITE_CORPUS_DIR", str(corpus_settings.corpus_dir))
    return target


def test_a_failing_store_is_one_line_and_logged(index_copy, monkeypatch) -> None:
    collection_gone(monkeypatch)
    out = CliRunner().invoke(cli, ["ask", "Is vertebroplasty recommended?"])
    assert out.exit_code == 1 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr, out.stderr
    assert "NotFoundError: Collection 5f1c0a does not exist." in out.stderr and "Try again" in out.stderr
    log = (index_copy / "medcite.log").read_text()
    assert "Traceback" in log and "NotFoundError" in log  # the details are kept where the line says


def test_chat_says_one_line_and_carries_on(index_copy, monkeypatch) -> None:
    collection_gone(monkeypatch, failures=1)
    questions = "Is vertebroplasty recommended?\nIs kyphoplasty recommended?\n"
    out = CliRunner().invoke(cli, ["chat"], input=questions)
    assert out.exit_code == 0
    assert out.stderr.count("\n") == 1 and "NotFoundError" in out.stderr and "Traceback" not in out.output
    assert "Kyphoplasty" in out.stdout and "Sources:" in out.stdout  # the next question is answered


def test_any_unexpected_error_is_one_line(index_copy, monkeypatch, capsys) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("disk I/O error\nsecond line of a library's message")

    monkeypatch.setattr("app.answer.retrieve.Retriever.retrieve", broken)
    monkeypatch.setattr("sys.argv", ["medcite", "ask", "Is vertebroplasty recommended?"])
    with pytest.raises(SystemExit) as exc:
        main()
    err = capsys.readouterr().err
    assert exc.value.code == 1 and err.count("\n") == 1, err
    assert err.startswith("Error: Could not answer (RuntimeError: disk I/O error second line")
