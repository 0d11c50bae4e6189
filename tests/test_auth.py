"""Users and privacy: Streamlit's built-in sign-in against a real OpenID Connect provider on 127.0.0.1, two
users in two browser contexts; and the store's ownership rules underneath."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

import pytest

from app.answer.history import ConversationStore, ForeignConversation
from app.answer.types import Answer
from app.web.auth import exposure_warning, is_loopback
from tests.servers import BROWSER_ARGS, CHROMIUM, free_port, require_chromium, start_streamlit


def answer(question: str) -> Answer:
    return Answer(question=question, standalone_question=question, text="…", abstained=False, citations=(),
                  passages=())


def test_each_user_lists_and_writes_only_their_own_conversations(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "app.sqlite3")
    store.append("c-alice", answer("Alice's patient question"), "alice@hospital.test")
    store.append("c-bob", answer("Bob's question"), "bob@hospital.test")
    assert [c[0] for c in store.conversations("alice@hospital.test")] == ["c-alice"]
    assert store.owner_of("c-alice") == "alice@hospital.test" and store.owner_of("c-new") is None
    with pytest.raises(ForeignConversation):
        store.append("c-alice", answer("Bob writing into Alice's"), "bob@hospital.test")
    store.save_feedback("c-bob", 0, answer("Bob's question"), "down", "", {}, "bob@hospital.test")
    assert store.feedback()[0]["user"] == "bob@hospital.test"


def test_a_store_made_before_users_gets_its_owner_column(tmp_path: Path) -> None:
    import sqlite3

    db = sqlite3.connect(tmp_path / "app.sqlite3")
    db.executescript("CREATE TABLE conversations (id TEXT PRIMARY KEY, title TEXT, created REAL, updated REAL);"
                     "INSERT INTO conversations VALUES ('old', 'An old question', 1, 1);")
    db.commit()
    db.close()
    assert [c[0] for c in ConversationStore(tmp_path / "app.sqlite3").conversations("local")] == ["old"]


@pytest.mark.parametrize("address, warned", [("127.0.0.1", False), ("localhost", False), ("::1", False),
                                             ("0.0.0.0", True), ("10.1.2.3", True), (None, True)])
def test_a_chat_others_can_reach_without_sign_in_is_warned_about(address, warned: bool) -> None:
    assert (exposure_warning(address) is not None) == warned and is_loopback(address) != warned


@pytest.mark.slow
def test_two_users_sign_in_and_see_only_their_own(tmp_path: Path, corpus_settings) -> None:
    require_chromium()
    from playwright.sync_api import expect, sync_playwright

    from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider

    provider = Provider().start()
    index, corpus = tmp_path / "index", tmp_path / "corpus"
    shutil.copytree(corpus_settings.index_dir, index)
    shutil.copytree(corpus_settings.corpus_dir, corpus)
    port = free_port()
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text(f'''[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{secrets.token_hex(16)}"
client_id = "{CLIENT_ID}"
client_secret = "{CLIENT_SECRET}"
server_metadata_url = "{provider.issuer}/.well-known/openid-configuration"
''')
    proc = start_streamlit(index, corpus, port, "--secrets.files", str(secrets_file))
    url = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)

            def sign_in(user: str):
                page = browser.new_context(viewport={"width": 1300, "height": 1400}).new_page()
                page.goto(url, wait_until="domcontentloaded")
                expect(page.get_by_text("Sign in to ask questions")).to_be_visible(timeout=60_000)
                page.get_by_role("button", name="Log in").click()
                page.get_by_label("User name").fill(user)
                page.get_by_role("button", name="Sign in").click()
                expect(page.get_by_text(f"Signed in as {user}@hospital.test")).to_be_visible(timeout=60_000)
                return page

            alice = sign_in("alice")
            box = alice.get_by_placeholder("Ask about the indexed guidelines…")
            box.fill("Is vertebroplasty recommended for Mrs Example?")
            box.press("Enter")
            expect(alice.get_by_text("not recommended based on high-quality evidence").first).to_be_visible(
                timeout=90_000)
            alice.wait_for_url("**?c=*")
            alice_url = alice.url
            expect(alice.get_by_role("button", name="Is vertebroplasty recommended for Mrs Example?")).to_be_visible()

            bob = sign_in("bob")
            expect(bob.get_by_text("Past conversations")).to_be_visible()
            assert bob.get_by_text("Mrs Example").count() == 0  # not in his list
            bob.goto(alice_url, wait_until="domcontentloaded")
            expect(bob.get_by_text("belongs to another user")).to_be_visible(timeout=60_000)
            assert bob.get_by_text("Mrs Example").count() == 0  # nothing of it is shown

            alice.reload(wait_until="domcontentloaded")  # her own link still opens for her
            expect(alice.get_by_text("Is vertebroplasty recommended for Mrs Example?").first).to_be_visible(
                timeout=60_000)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        provider.stop()
    rows = ConversationStore(index / "app.sqlite3").conversations("alice@hospital.test")
    assert len(rows) == 1 and ConversationStore(index / "app.sqlite3").conversations("bob@hospital.test") == []
