"""`medcite bench start`: the first answer after `make run`, in a real browser; figures printed, never asserted.

Each round starts `streamlit run` afresh on 127.0.0.1 over a copy of the user's index (as `make run` does
after its ingest), opens the page in Chromium, and times: the server's start (process to health check), the
page (navigation to the chat box shown), and the first answer (Enter to the stored answer shown), which
includes loading the engine (ONNX question encoder and Chroma) in the fresh server.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import time

import typer

from app.answer.settings import Settings
from eval.load import ANSWER_DONE, APP, CHAT_BOX, CHROMIUM, WORK, free_port, wait_until_up
from ingest.errors import ConfigError

QUESTION = "Is vertebroplasty recommended for compression fracture pain?"
TARGET_S = 3.0  # first answer after the page loads (issue: library scale and instant start)


def bench_start(settings: Settings, rounds: int = 3) -> None:
    if not os.path.exists(CHROMIUM):
        raise ConfigError("`medcite bench start` drives Debian's chromium: install it (make test does).")
    if not settings.index.sqlite_path.exists() or settings.index.chroma_url:
        raise ConfigError("`medcite bench start` copies the local index: run `medcite ingest` first.")
    work = WORK.parent / "start"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(settings.index.index_dir, work / "index")
    env = {**os.environ, "MEDCITE_INDEX_DIR": str(work / "index"), "MEDCITE_CORPUS_DIR": str(settings.index.corpus_dir),
           "HF_HUB_OFFLINE": "1"}
    rows = []
    for n in range(1, rounds + 1):
        port = free_port()
        started = time.monotonic()
        server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(APP), "--server.address",
                                   "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
                                   "--browser.gatherUsageStats", "false"], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            url = wait_until_up(f"http://127.0.0.1:{port}")
            up = time.monotonic() - started
            page_s, answer_s = asyncio.run(_first_answer(url))
        finally:
            server.terminate()
            server.wait(timeout=30)
        rows.append((up, page_s, answer_s))
        typer.echo(f"round {n}: server up {up:.2f} s, page shows the chat box {page_s:.2f} s, first answer "
                   f"{answer_s:.2f} s after Enter")
    median = statistics.median(r[2] for r in rows)
    typer.echo(f"first answer after the page loads: median {median:.2f} s over {rounds} fresh servers "
               f"(target <= {TARGET_S:.0f} s); page load median {statistics.median(r[1] for r in rows):.2f} s")


async def _first_answer(url: str) -> tuple[float, float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox",
                                                                          "--disable-gpu"])
        page = await browser.new_page()
        started = time.monotonic()
        await page.goto(url, wait_until="domcontentloaded")
        box = page.get_by_placeholder(CHAT_BOX)
        await box.wait_for(timeout=60_000)
        loaded = time.monotonic()
        await box.fill(QUESTION)
        asked = time.monotonic()
        await box.press("Enter")
        await page.get_by_placeholder(ANSWER_DONE).first.wait_for(timeout=60_000)
        answered = time.monotonic()
        await browser.close()
    return loaded - started, answered - asked
