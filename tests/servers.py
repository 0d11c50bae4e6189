"""`streamlit run` of the chat on a loopback port, for the browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(index: Path, corpus: Path, port: int, *options: str) -> subprocess.Popen:
    """The chat on 127.0.0.1:port over this index, started and answering its health check."""
    env = {**os.environ, "MEDCITE_INDEX_DIR": str(index), "MEDCITE_CORPUS_DIR": str(corpus)}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app" / "web" / "streamlit_app.py"),
                             "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless",
                             "true", "--browser.gatherUsageStats", "false", *options], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
            return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    pytest.fail("streamlit did not start")


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install -y chromium)")
