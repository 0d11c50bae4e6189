"""kill -9 at random moments of a real ingest, the repair that follows, and a real Chroma server."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.pipeline import ingest
from ingest.settings import IndexSettings
from tests.conftest import CORPUS, ROOT

pytestmark = pytest.mark.slow
MEDCITE = [sys.executable, "-c", "from app.cli import main; main()"]


def run_ingest(env: dict, *args: str) -> subprocess.Popen:
    return subprocess.Popen([*MEDCITE, "ingest", "--json", *args], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def state_in_child(index_dir: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "tests.agreement", str(index_dir)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def dirty_flag(index_dir: Path) -> str:
    """Read the write-in-flight flag straight from SQLite (without opening Chroma)."""
    import sqlite3

    db = sqlite3.connect(index_dir / "medcite.sqlite3")
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'dirty'").fetchone()
    finally:
        db.close()
    return row[0] if row else ""


def test_kill_9_at_random_moments_leaves_a_consistent_index(tmp_path: Path, embedder) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    env = {**os.environ, "MEDCITE_INDEX_DIR": str(tmp_path / "index"), "MEDCITE_CORPUS_DIR": str(corpus)}
    settings = IndexSettings(index_dir=tmp_path / "index", corpus_dir=corpus)
    files = sorted(corpus.glob("*.md"))
    originals = {p: p.read_text() for p in files}
    extra = corpus / "extra.md"

    def write_version(path: Path, version: int) -> None:
        path.write_text(originals[path] + (f"\n\nVersion {version} note on {path.stem}.\n" if version else ""))

    # embed both versions of every file once: every killed run below is then all writes, no model start-up
    for version in (1, 0):
        for path in files:
            write_version(path, version)
        extra.write_text(f"# Extra\n\n- An extra statement, version {version}.\n")
        ingest(settings, [corpus], embedder)
    rng = random.Random(7)
    full = time.perf_counter()
    run_ingest(env, "--rebuild").wait()
    full = time.perf_counter() - full
    interrupted = 0
    for round_ in range(12):
        for path in rng.sample(files, 8):  # updates, plus a document that comes and goes
            write_version(path, rng.randint(0, 1))
        if round_ % 2:
            extra.unlink(missing_ok=True)
        else:
            extra.write_text(f"# Extra\n\n- An extra statement, version {round_ % 4 // 2}.\n")
        rebuild = round_ % 3 == 0
        proc = run_ingest(env, *(["--rebuild"] if rebuild else []))
        if rebuild:  # a rebuild never marks the index dirty (it switches at the end): any moment will do
            time.sleep(rng.uniform(0.05, full))
        else:  # the write phase is short next to start-up: wait for it, then kill a little way in
            deadline = time.monotonic() + 120
            while dirty_flag(settings.index_dir) != "1" and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.002)
            time.sleep(rng.uniform(0.0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        interrupted += dirty_flag(settings.index_dir) == "1"
        after = run_ingest(env)
        out, err = after.communicate(timeout=300)
        assert after.returncode == 0, err.decode()[-2000:]
        state = state_in_child(settings.index_dir)
        assert state["manifest"] == state["chunks"] == state["keywords"] == state["chroma"], f"round {round_}"
        assert state["dirty"] == ["0"]
        assert json.loads(out)["chunks"] == len(state["chroma"]) > 150
    assert interrupted >= 3, f"only {interrupted} of 12 kills landed inside a write"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path: Path):
    port = free_port()
    exe = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen([str(exe), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("chroma server did not start")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=30)


def test_chroma_server_through_the_same_code_path(tmp_path: Path, chroma_server: str, embedder) -> None:
    from ingest.store import open_index

    settings = IndexSettings(index_dir=tmp_path / "index", corpus_dir=CORPUS, chroma_url=chroma_server)
    report = ingest(settings, [CORPUS / "guideline-compression-fracture-pain.md"], embedder)
    assert report.added == 1 and not (tmp_path / "index" / "chroma").exists()
    index = open_index(settings)
    assert index.vectors.count() == report.chunks
    hits = index.vectors.query(embedder.encode_query("Is vertebroplasty recommended?"), 3)
    assert any("Vertebroplasty" in index.fetch([cid])[cid][1]["section"] for cid, _ in hits)
    # a second app host with no local SQLite rebuilds its keyword index from the server
    second = IndexSettings(index_dir=tmp_path / "host2", chroma_url=chroma_server)
    second.index_dir.mkdir()
    other = open_index(second, model=settings.embed_model)
    assert other.catalog.keyword_count() == report.chunks
    assert other.catalog.keyword_search(["vertebroplasty"], 2)


def test_running_engine_answers_from_a_document_added_by_another_process(tmp_path: Path, corpus_settings,
                                                                           embedder) -> None:
    from app.answer.engine import Engine
    from app.answer.settings import Settings

    shutil.copytree(corpus_settings.index_dir, tmp_path / "index")
    shutil.copytree(corpus_settings.corpus_dir, tmp_path / "corpus")
    settings = IndexSettings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus")
    engine = Engine(Settings(index=settings), embedder=embedder)  # like the running chat
    question = "How often are zoledronate infusions given?"
    assert engine.ask(question).abstained
    note = tmp_path / "zoledronate.md"
    note.write_text("# Zoledronate\n\n- Zoledronate infusions are given once yearly for osteoporosis.\n")
    env = {**os.environ, "MEDCITE_INDEX_DIR": str(settings.index_dir), "MEDCITE_CORPUS_DIR": str(settings.corpus_dir)}
    subprocess.run([*MEDCITE, "add", str(note)], env=env, cwd=ROOT, check=True, capture_output=True)
    answer = engine.ask(question)  # the next question notices the new generation and reopens
    assert not answer.abstained and "once yearly" in answer.text
    assert engine.ask("Is vertebroplasty recommended?").citations  # and everything before still answers


def test_questions_never_fail_during_back_to_back_rebuilds(tmp_path: Path, corpus_settings) -> None:
    """A reader in another process asks 50+ questions while three `medcite ingest --rebuild` run one after
    another: every question is answered from a whole index, the old one until the switch, then the new one."""
    from ingest.store.catalog import Catalog
    from ingest.store.index import active_collection
    from ingest.store.vectors import VectorStore, release_embedded

    shutil.copytree(corpus_settings.index_dir, tmp_path / "index")
    shutil.copytree(corpus_settings.corpus_dir, tmp_path / "corpus")
    env = {**os.environ, "MEDCITE_INDEX_DIR": str(tmp_path / "index"), "MEDCITE_CORPUS_DIR": str(tmp_path / "corpus")}
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-m", "tests.reader", str(tmp_path / "index"), str(stop), "50"],
                              env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "ready"
        windows = []
        for _ in range(3):
            began = time.time()
            proc = run_ingest(env, "--rebuild")
            out, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err
            windows.append((began, time.time()))
        stop.touch()
        out, err = reader.communicate(timeout=300)
    finally:
        reader.kill()
    asked = json.loads(out.strip().splitlines()[-1])
    failed = [a for a in asked if a["outcome"] != "answered"]
    during = [a for a in asked if any(b <= a["at"] <= e for b, e in windows)]
    assert len(asked) >= 50 and not failed, failed[:3]
    assert len(during) >= 10  # the reads really overlapped the rebuilds
    settings = IndexSettings(index_dir=tmp_path / "index")
    catalog = Catalog(settings.sqlite_path)
    try:
        active = active_collection(settings, catalog)
    finally:
        catalog.close()
    release_embedded(settings.chroma_dir)
    store = VectorStore(settings.chroma_dir, None, active, create=False)
    assert store.names() == [active] and active != settings.collection  # the replaced collections are gone
    assert state_in_child(settings.index_dir)["chroma"] == state_in_child(settings.index_dir)["manifest"]
