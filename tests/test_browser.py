"""One real browser: Debian's Chromium driven by Playwright against `streamlit run` on a loopback port."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.servers import BROWSER_ARGS, CHROMIUM, free_port, require_chromium, start_streamlit

pytestmark = pytest.mark.slow


@pytest.fixture
def server(tmp_path: Path, corpus_settings, embedder):
    from ingest.pipeline import ingest
    from ingest.settings import IndexSettings

    index = tmp_path / "index"
    shutil.copytree(corpus_settings.index_dir, index)
    shutil.copytree(corpus_settings.corpus_dir, tmp_path / "corpus")
    evil = tmp_path / "corpus" / "romosozumab.md"  # a document that tries to load a remote image
    evil.write_text("# Romosozumab\n\n- Romosozumab monthly injections build bone ![x](http://evil.example/x.png) "
                    "<img src=http://evil.example/y.png>\n")
    ingest(IndexSettings(index_dir=index, corpus_dir=tmp_path / "corpus"), [evil], embedder)
    port = free_port()
    proc = start_streamlit(index, tmp_path / "corpus", port)
    url = f"http://127.0.0.1:{port}"
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def test_chat_in_a_real_browser(server: str, tmp_path: Path) -> None:
    require_chromium()
    from playwright.sync_api import expect, sync_playwright

    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 1600})
        page.on("request", lambda r: requests.append(r.url))
        page.goto(server, wait_until="domcontentloaded")
        box = page.get_by_placeholder("Ask about the indexed guidelines…")
        box.fill("Is vertebroplasty recommended?")
        box.press("Enter")
        expect(page.get_by_text("not recommended based on high-quality evidence").first).to_be_visible(timeout=90_000)
        box.fill("Why not?")
        box.press("Enter")
        expect(page.get_by_text("Why not?").first).to_be_visible(timeout=60_000)
        messages = page.locator("[data-testid='stChatMessage']")
        expect(messages).to_have_count(4, timeout=60_000)
        expect(messages.nth(3)).to_contain_text("sham", timeout=60_000)  # the follow-up kept its topic
        page.get_by_text("[1] What are the treatment options").first.click()
        expect(page.get_by_text("supported by [1] Guideline Directed Topic Overview").first).to_be_visible()
        page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)
        box.fill("What do romosozumab injections do?")
        box.press("Enter")
        expect(page.get_by_text("![x](http://evil.example/x.png)").first).to_be_visible(timeout=60_000)
        browser.close()
    assert (tmp_path / "chat.png").stat().st_size > 10_000
    hosts = {urlparse(u).hostname for u in requests if u.startswith("http")}
    assert hosts <= {"127.0.0.1", "localhost"}, hosts  # nothing a document says makes the page fetch
