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


def test_kill_9_at_random_moments_leaves_a_consistent_index(tmp_path: Path, embedder) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    env = {**os.environ, "MEDCITE_INDEX_DIR": str(tmp_path / "index"), "MEDCITE_CORPUS_DIR": str(corpus)}
    settings = IndexSettings(index_dir=tmp_path / "index", corpus_dir=corpus)
    ingest(settings, [corpus], embedder)  # warm the embedding cache so each run is mostly writes
    rng = random.Random(7)
    full = time.perf_counter()
    run_ingest(env, "--rebuild").wait()
    full = time.perf_counter() - full
    files = sorted(corpus.glob("*.md"))
    for round_ in range(12):
        for path in rng.sample(files, 5):  # changes to write: updates, plus a new and a deleted document
            path.write_text(path.read_text() + f"\n\nRound {round_} note on {path.stem}.\n")
        (corpus / f"new-{round_}.md").write_text(f"# Round {round_}\n\n- A new statement {round_}.\n")
        if round_:
            (corpus / f"new-{round_ - 1}.md").unlink()
        proc = run_ingest(env, *(["--rebuild"] if round_ % 3 == 0 else []))
        time.sleep(rng.uniform(0.05, full))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = run_ingest(env)
        out, err = after.communicate(timeout=300)
        assert after.returncode == 0, err.decode()[-2000:]
        state = state_in_child(settings.index_dir)
        assert state["manifest"] == state["chunks"] == state["keywords"] == state["chroma"], f"round {round_}"
        assert state["dirty"] == ["0"]
        assert json.loads(out)["chunks"] == len(state["chroma"]) > 150


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
