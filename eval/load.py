"""`medcite bench load`: concurrent chat sessions in a real browser against `streamlit run` on 127.0.0.1, while
one `medcite add` and one `medcite ingest --rebuild` run; figures printed, never asserted in tests.

Each session is its own Chromium context (its own Streamlit session) that asks the core set's conversations,
turn after turn, a new conversation for each. An answer's time runs from pressing Enter to the stored answer
being shown (its feedback box rendered); an error is an error box, a Streamlit exception, or no answer within
ANSWER_TIMEOUT_S. Needs the dev extras (Playwright) and Debian's chromium, as `make test` installs them.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import typer

from app.answer.settings import Settings
from eval.dataset import load_set
from ingest.errors import ConfigError
from ingest.settings import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
WORK = PROJECT_ROOT / ".medcite-bench" / "load"
CORE = PROJECT_ROOT / "eval" / "sets" / "core.jsonl"
APP = PROJECT_ROOT / "app" / "web" / "streamlit_app.py"
ANSWER_TIMEOUT_S = 60
ADD_AT_S, REBUILD_AT_S = 20, 50  # seconds into the run
NOTE = "# Zoledronate infusions\n\n- Zoledronate infusions are given once yearly for osteoporosis.\n"
CHAT_BOX = "Ask about the indexed guidelines…"
ANSWER_DONE = "Comment on this answer (optional)"  # one per stored turn


@dataclass
class Tally:
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    writes: list[str] = field(default_factory=list)


def bench_load(settings: Settings, sessions: int = 8, seconds: int = 120) -> None:
    if not Path(CHROMIUM).exists():
        raise ConfigError("`medcite bench load` drives Debian's chromium: install it (make test does).")
    try:
        from playwright.async_api import async_playwright  # noqa: F401
    except ImportError:
        raise ConfigError("`medcite bench load` needs the dev extras (Playwright): make .venv/.deps-dev") from None
    corpus, index = WORK / "corpus", WORK / "index"
    shutil.rmtree(WORK, ignore_errors=True)
    shutil.copytree(settings.index.corpus_dir, corpus)
    if settings.index.sqlite_path.exists() and not settings.index.chroma_url:
        shutil.copytree(settings.index.index_dir, index)  # the embedding cache comes along: nothing re-embeds
    env = {**os.environ, "MEDCITE_INDEX_DIR": str(index), "MEDCITE_CORPUS_DIR": str(corpus), "HF_HUB_OFFLINE": "1"}
    env.pop("MEDCITE_CHROMA_URL", None)
    _medcite(env, "ingest")
    conversations = [[t.ask for t in c.turns] for c in load_set(CORE)]
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(APP), "--server.address", "127.0.0.1",
                               "--server.port", str(port), "--server.headless", "true",
                               "--browser.gatherUsageStats", "false"], env=env, cwd=PROJECT_ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = wait_until_up(f"http://127.0.0.1:{port}")
        typer.echo(f"{sessions} sessions for {seconds} s against {url}; `medcite add` at {ADD_AT_S} s, "
                   f"`medcite ingest --rebuild` at {REBUILD_AT_S} s")
        tally = asyncio.run(_run(url, env, conversations, sessions, seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    _report(tally, seconds)


async def _run(url: str, env: dict, conversations: list[list[str]], sessions: int, seconds: int) -> Tally:
    from playwright.async_api import async_playwright

    tally = Tally()
    stop = time.monotonic() + seconds
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        writer = asyncio.create_task(_writes(env, tally))
        await asyncio.gather(*(_session(browser, url, conversations[i::sessions] or conversations, stop, tally)
                               for i in range(sessions)))
        await writer
        await browser.close()
    return tally


async def _session(browser, url: str, conversations: list[list[str]], stop: float, tally: Tally) -> None:
    context = await browser.new_context(viewport={"width": 1200, "height": 1400})
    page = await context.new_page()
    n = 0
    while time.monotonic() < stop:
        turns = conversations[n % len(conversations)]
        n += 1
        await page.goto(url, wait_until="domcontentloaded")  # no ?c=: a new conversation
        for done, question in enumerate(turns, start=1):
            if time.monotonic() >= stop:
                break
            started = time.monotonic()
            try:
                box = page.get_by_placeholder(CHAT_BOX)
                await box.wait_for(timeout=ANSWER_TIMEOUT_S * 1000)
                await box.fill(question)
                await box.press("Enter")
                await page.get_by_placeholder(ANSWER_DONE).nth(done - 1).wait_for(timeout=ANSWER_TIMEOUT_S * 1000)
                failed = await page.locator("[data-testid='stException'], [data-testid='stAlertContentError']").count()
                if failed:
                    tally.errors.append(f"error box after {question!r}")
                    break
                tally.times.append(time.monotonic() - started)
            except Exception as exc:  # noqa: BLE001 - a timeout or a broken page is the error being counted
                tally.errors.append(f"{type(exc).__name__} after {question!r}")
                break
    await context.close()


async def _writes(env: dict, tally: Tally) -> None:
    """One `medcite add` and one `medcite ingest --rebuild`, from other processes, while sessions ask."""
    note = WORK / "zoledronate-infusions.md"
    note.write_text(NOTE)
    await asyncio.sleep(ADD_AT_S)
    code, took = await asyncio.to_thread(_medcite, env, "add", str(note))
    tally.writes.append(f"medcite add: exit {code} in {took:.1f} s")
    await asyncio.sleep(max(0.0, REBUILD_AT_S - ADD_AT_S - took))
    code, took = await asyncio.to_thread(_medcite, env, "ingest", "--rebuild")
    tally.writes.append(f"medcite ingest --rebuild: exit {code} in {took:.1f} s")


def _report(tally: Tally, seconds: int) -> None:
    times = sorted(tally.times)
    p50 = statistics.median(times) if times else float("nan")
    p95 = times[int(0.95 * (len(times) - 1))] if times else float("nan")
    typer.echo(f"answers: {len(times)} = {len(times) * 60 / seconds:.1f} per minute; answer time p50 {p50:.2f} s, "
               f"p95 {p95:.2f} s (target <= 3 s); errors: {len(tally.errors)} (target 0)")
    for line in tally.writes:
        typer.echo(line)
    for line in tally.errors[:10]:
        typer.echo(f"error: {line}")


def _medcite(env: dict[str, str], *args: str) -> tuple[int, float]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", "from app.cli import main; main()", *args], env=env, check=False,
                          capture_output=True, text=True)
    return done.returncode, time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout_s: float = 120) -> str:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            return url
        except OSError:
            time.sleep(0.5)
    raise ConfigError(f"streamlit did not start at {url}")
