"""The Streamlit chat through AppTest: ask, follow-up, sources, abstention, feedback, export, upload, reload."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.answer.history import ConversationStore, store_path
from tests.conftest import ROOT

SCRIPT = str(ROOT / "app" / "web" / "streamlit_app.py")


@pytest.fixture
def index_copy(tmp_path: Path, corpus_settings, monkeypatch) -> Path:
    """A private copy of the corpus index, so uploads and feedback stay in this test."""
    target = tmp_path / "index"
    shutil.copytree(corpus_settings.index_dir, target)
    shutil.copytree(corpus_settings.corpus_dir, tmp_path / "corpus")
    monkeypatch.setenv("MEDCITE_INDEX_DIR", str(target))
    monkeypatch.setenv("MEDCITE_CORPUS_DIR", str(tmp_path / "corpus"))
    return target


def start(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(SCRIPT, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_ask_follow_up_and_sources_with_references(index_copy) -> None:
    at = ask(start(), "Is vertebroplasty recommended?")
    assert "not recommended based on high\\-quality evidence \\[1\\]" in texts(at)
    labels = [e.label for e in at.expander]
    assert any(label.startswith("\\[1\\]") and "Vertebroplasty" in label for label in labels)
    assert "supported by \\[1\\] Guideline Directed Topic Overview" in texts(at)
    assert any("not medical advice" in c.value for c in at.caption)
    ask(at, "Why not?")
    assert [m.name for m in at.chat_message] == ["user", "assistant", "user", "assistant"]
    assert "sham" in texts(at).split("Why not")[-1] or "sham" in texts(at)
    store = ConversationStore(store_path(index_copy))
    turns = store.turns(at.query_params["c"][0] if isinstance(at.query_params["c"], list) else at.query_params["c"])
    assert [t.question for t in turns] == ["Is vertebroplasty recommended?", "Why not?"]
    assert "vertebroplasty" in turns[1].standalone_question.lower()


def test_abstention_looks_like_one(index_copy) -> None:
    at = ask(start(), "What is the pediatric dose of amoxicillin for otitis media?")
    assert any("do not cover" in w.value for w in at.warning)
    assert not any(e.label.startswith("\\[1\\]") for e in at.expander)


def test_feedback_is_stored_and_exported(index_copy, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from app.cli import cli

    at = ask(start(), "What are the side effects of calcitonin?")
    at.text_input[0].set_value("clear and cited")
    at.get("feedback")[0].set_value(0).run()  # thumbs down
    rows = ConversationStore(store_path(index_copy)).feedback()
    assert len(rows) == 1 and rows[0]["rating"] == "down" and rows[0]["comment"] == "clear and cited"
    assert rows[0]["question"] == "What are the side effects of calcitonin?" and "dizziness" in rows[0]["answer"]
    assert rows[0]["citations"][0]["section"].endswith("Calcitonin") and rows[0]["settings"]["mode"] == "hybrid"
    out = tmp_path / "feedback.jsonl"
    assert CliRunner().invoke(cli, ["feedback", "--export", str(out)]).exit_code == 0
    assert '"rating": "down"' in out.read_text()


def test_conversation_survives_reload_and_is_listed(index_copy) -> None:
    at = ask(start(), "Is kyphoplasty recommended?")
    conversation = at.query_params["c"]
    conversation = conversation[0] if isinstance(conversation, list) else conversation
    again = start({"c": conversation})  # a browser reload: same URL, new session
    assert [m.name for m in again.chat_message] == ["user", "assistant"]
    assert "Kyphoplasty" in texts(again)
    fresh = start()
    assert any(b.label == "Is kyphoplasty recommended?" for b in fresh.sidebar.button)


def test_export_and_suggestions(index_copy, engine) -> None:
    from app.web import ui

    at = start()
    assert any(b.label.startswith("What does the guideline say about") for b in at.button)
    answer = engine.ask("Does calcitonin help chronic pain?")
    md = ui.export_markdown([answer])
    assert md.startswith("# medcite conversation") and "## 1. Does calcitonin help chronic pain?" in md
    assert "supported by [2] Calcitonin for treating acute and chronic pain" in md and "not medical advice" in md


def test_upload_good_and_bad_files(index_copy) -> None:
    at = start()
    good = b"# Zoledronate\n\n- Zoledronate infusions are given once yearly for osteoporosis.\n"
    at.sidebar.file_uploader[0].set_value([("zoledronate note.md", good, "text/markdown"),
                                           ("broken.pdf", b"not a pdf", "application/pdf")]).run()
    next(b for b in at.sidebar.button if b.label == "Add to corpus").click().run()
    assert any("broken\\.pdf: corrupt PDF" in e.value for e in at.error)
    assert any("zoledronate\\-note\\.md" in s.value for s in at.success)
    corpus = index_copy.parent / "corpus"
    assert (corpus / "zoledronate-note.md").exists() and not (corpus / "broken.pdf").exists()
    ask(at, "How often are zoledronate infusions given?")
    assert "once yearly" in texts(at)
    ask(at, "Is vertebroplasty recommended?")  # what was indexed before still answers
    assert "not recommended" in texts(at)


def test_empty_index_message(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MEDCITE_INDEX_DIR", str(tmp_path / "empty"))
    at = start()
    assert any("run `medcite ingest`" in e.value for e in at.error)
    assert at.chat_input[0].disabled


def test_corpus_text_is_shown_as_text(tmp_path: Path, monkeypatch, embedder) -> None:
    from ingest.pipeline import ingest
    from ingest.settings import IndexSettings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "evil.md").write_text(
        "---\ntitle: Evil ![t](http://evil.example/t.png) <b>title</b>\n---\n# Romosozumab\n\n- Romosozumab <script>alert(1)</script> builds bone "
        "<img src=x onerror=alert(2)> ![x](http://evil.example/x.png) [link](http://evil.example) monthly.\n"
        "- ## Romosozumab heading inside a bullet\n")
    settings = IndexSettings(index_dir=tmp_path / "index", corpus_dir=corpus)
    ingest(settings, [corpus], embedder)
    monkeypatch.setenv("MEDCITE_INDEX_DIR", str(settings.index_dir))
    at = ask(start(), "What does romosozumab do?")
    rendered = texts(at) + "\n".join(e.label for e in at.expander)
    assert "Evil \\!\\[t\\]\\(http" in rendered  # titles reach labels escaped too
    assert "\\<script\\>alert\\(1\\)\\</script\\>" in rendered and "onerror\\=alert\\(2\\)" in rendered
    assert "\\!\\[x\\]\\(http\\:" in rendered and "\\#\\# Romosozumab heading" in rendered
    import re

    for raw in (r"<script>", r"<img", r"!\[x\]\(", r"\[link\]\(http"):
        assert not re.search(r"(?<!\\)" + raw, rendered), raw  # every such character arrives escaped


def test_a_failing_store_is_one_error_line(index_copy, monkeypatch, caplog) -> None:
    from tests.conftest import collection_gone

    at = start()
    collection_gone(monkeypatch, failures=1)
    ask(at, "Is vertebroplasty recommended?")  # ask() asserts that no exception reached the page
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "\n" not in errors[0]
    assert "NotFoundError" in errors[0] and "Try again" in errors[0]
    conversation = at.query_params["c"]
    conversation = conversation[0] if isinstance(conversation, list) else conversation
    assert ConversationStore(store_path(index_copy)).turns(conversation) == []  # no half answer kept
    assert any(r.name == "medcite.web" and r.exc_info for r in caplog.records)  # the traceback: in the log
    ask(at, "Is vertebroplasty recommended?")  # the store is back: the same question is answered
    assert not at.error and "not recommended" in texts(at)


# what a browser's Markdown turns into a link by itself, once the backslash escapes are read
_LINKABLE = re.compile(r"https?://|www\.|[\w.+-]+@[\w-]+\.\w", re.IGNORECASE)


def shown(markdown: str) -> str:
    """The text a reader sees: backslash escapes resolved."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


@pytest.mark.parametrize("text", [
    "see http://evil.example/x", "HTTPS://EVIL.EXAMPLE", "www.evil.example/page", "WWW.Evil.example",
    "mail nurse.lee+ward@evil-host.example.org today",
    "[x](http://evil.example) <http://evil.example> <a@b.co>",
])
def test_escaped_text_has_nothing_to_autolink(text: str) -> None:
    from app.web.ui import escape_md

    md = escape_md(text)
    assert not _LINKABLE.search(shown(md)), md
    assert shown(md).replace("\u200b", "") == text  # the characters stay, readable


def test_messages_keep_their_code_spans_and_no_links() -> None:
    from app.web.ui import message_md

    md = message_md("No index at .medcite/ - run `medcite ingest` first; LLM at http://127.0.0.1:11434 down")
    assert "run `medcite ingest` first" in md and not _LINKABLE.search(shown(md)) and "\\.medcite/" in md


def test_document_urls_and_emails_make_no_links(tmp_path: Path, monkeypatch, embedder) -> None:
    from ingest.pipeline import ingest
    from ingest.settings import IndexSettings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "links.md").write_text(
        "---\ntitle: Denosumab care https://evil.example/title www.evil.example\n---\n"
        "# Denosumab www.evil.example/heading\n\n"
        "- Denosumab injections are given every six months, see http://evil.example/dose or "
        "www.evil.example/info; questions to nurse.lee@evil.example.org.\n")
    settings = IndexSettings(index_dir=tmp_path / "index", corpus_dir=corpus)
    ingest(settings, [corpus], embedder)
    monkeypatch.setenv("MEDCITE_INDEX_DIR", str(settings.index_dir))
    at = ask(start(), "How often are denosumab injections given?")
    sent = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.label for e in at.expander]
    assert "every six months" in texts(at)
    for md in sent:
        assert not _LINKABLE.search(shown(md)), md
    visible = shown("\n".join(sent)).replace("\u200b", "")
    assert "http://evil.example/dose" in visible and "nurse.lee@evil.example.org" in visible  # shown as text


def test_feedback_shows_as_chosen_after_reload(index_copy) -> None:
    at = ask(start(), "What are the side effects of calcitonin?")
    at.text_input[0].set_value("too short")
    at.feedback[0].set_value(0).run()  # thumbs down
    conversation = at.query_params["c"]
    conversation = conversation[0] if isinstance(conversation, list) else conversation
    again = start({"c": conversation})  # a reload: a new session, the conversation from SQLite
    assert again.feedback[0].value == 0 and again.text_input[0].value == "too short"
    rows = ConversationStore(store_path(index_copy)).feedback()
    assert [(r["rating"], r["comment"]) for r in rows] == [("down", "too short")]


@pytest.mark.slow
def test_the_chat_answers_during_back_to_back_rebuilds(index_copy) -> None:
    """The chat page, asked again and again while `medcite ingest --rebuild` runs three times in another
    process: never an error box, every question answered."""
    import os
    import subprocess
    import sys
    import time

    at = start()
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    rebuilds = subprocess.Popen([sys.executable, "-c", "from app.cli import main\nimport sys\nfor _ in range(3):\n"
                                 "    sys.argv = ['medcite', 'ingest', '--rebuild']\n    try:\n        main()\n"
                                 "    except SystemExit as e:\n        assert not e.code, e.code\n"],
                                env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    asked, failed = 0, []
    try:
        while rebuilds.poll() is None or asked < 12:
            at = start()  # a new conversation each time, like a new visitor
            ask(at, "Is vertebroplasty recommended?")
            asked += 1
            if at.error or "not recommended" not in texts(at):
                failed.append([e.value for e in at.error] or texts(at)[:200])
            time.sleep(0.2)
    finally:
        rebuilds.wait(timeout=300)
    assert rebuilds.returncode == 0, rebuilds.stderr.read().decode()[-2000:]
    assert asked >= 12 and not failed, failed[:2]
