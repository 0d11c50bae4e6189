"""`streamlit run` of the chat on a loopback port, for the browser tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from eval.load import free_port, wait_until_up
from ingest.errors import ConfigError
from tests.conftest import ROOT

__all__ = ["BROWSER_ARGS", "CHROMIUM", "free_port", "require_chromium", "start_streamlit"]

CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def start_streamlit(index: Path, corpus: Path, port: int, *options: str) -> subprocess.Popen:
    """The chat on 127.0.0.1:port over this index, started and answering its health check."""
    env = {**os.environ, "MEDCITE_INDEX_DIR": str(index), "MEDCITE_CORPUS_DIR": str(corpus)}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app" / "web" / "streamlit_app.py"),
                             "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless",
                             "true", "--browser.gatherUsageStats", "false", *options], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", timeout_s=90)
    except ConfigError:
        proc.kill()
        pytest.fail("streamlit did not start")
    return proc


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install -y chromium)")
