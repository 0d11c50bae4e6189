"""The medcite chat: `streamlit run app/web/streamlit_app.py`. Thin: settings, one engine, flow; rendering in app.web.ui."""

from __future__ import annotations

import os

import streamlit as st

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from app.web import auth, ui  # noqa: E402
from app.answer.corpus import corpus_overview, last_ingest  # noqa: E402
from app.answer.history import ConversationStore, ForeignConversation, store_path  # noqa: E402
from app.answer.settings import MODES, Settings  # noqa: E402
from ingest.errors import MedciteError  # noqa: E402

st.set_page_config(page_title="medcite", page_icon="🩺", layout="wide")


@st.cache_resource(show_spinner="Loading the index and the embedding model…")
def get_engine(settings: Settings):
    from app.answer.engine import Engine

    return Engine(settings)


@st.cache_resource
def get_store(settings: Settings) -> ConversationStore:
    return ConversationStore(store_path(settings.index.index_dir))


@st.cache_resource
def warn_exposed(address: str | None) -> str | None:
    """Once per server: a chat others can reach without signing in is said on the terminal and the page."""
    message = auth.exposure_warning(address)
    if message:
        auth.warn_once(message)
    return message


settings = Settings.from_env()
store = get_store(settings)
signed_in = auth.auth_configured(st)
user = auth.current_user(st)
if user is None:  # authentication configured, nobody signed in: nothing of anyone's is shown
    st.title("medcite")
    st.write("Sign in to ask questions and see your conversations.")
    st.button("Log in", on_click=st.login, type="primary")
    st.stop()
if not signed_in:
    exposed = warn_exposed(st.get_option("server.address"))
    if exposed:
        st.warning(exposed)
try:
    engine = get_engine(settings)
except Exception as exc:  # noqa: BLE001 - one st.error line, never a traceback on the page
    engine = None
    ui.show_failure(st, exc, "open the index")

# the conversation id lives in the URL, its turns in SQLite: a reload shows the same conversation
conversation = st.query_params.get("c") or ConversationStore.new_id()
owner = store.owner_of(conversation)
if owner is not None and owner != user:  # another user's link: refused, and nothing of it is read
    st.error("This conversation belongs to another user and cannot be opened here. Start a new conversation.")
    if st.button("New conversation", key="refused-new"):
        st.query_params["c"] = ConversationStore.new_id()
        st.rerun()
    st.stop()
st.query_params["c"] = conversation
if st.session_state.get("conversation") != conversation:
    st.session_state.conversation = conversation
    st.session_state.turns = store.turns(conversation)
turns = st.session_state.turns

with st.sidebar:
    if signed_in:
        st.caption(f"Signed in as {ui.escape_md(user)}")
        st.button("Log out", on_click=st.logout)
    else:
        st.caption("Single-user chat: no sign-in is configured (README, Users and privacy).")
    view = st.radio("View", ["Chat", "Evaluation report"], horizontal=True)
    if st.button("New conversation"):
        st.query_params["c"] = ConversationStore.new_id()
        st.rerun()
    st.download_button("Export conversation", ui.export_markdown(turns), file_name=f"medcite-{conversation}.md",
                       disabled=not turns)
    st.subheader("Settings")
    k = st.slider("Passages (k)", 1, 10, settings.k)
    mode = st.selectbox("Retrieval", MODES, index=MODES.index(settings.mode))
    answerer = st.radio("Answerer", ["extractive", "llm"], horizontal=True) if settings.llm else "extractive"
    st.subheader("Past conversations")
    for cid, title, _ in store.conversations(user, 10):
        if st.button(ui.escape_md(title or cid), key=f"conv-{cid}", disabled=cid == conversation):
            st.query_params["c"] = cid
            st.rerun()
    st.subheader("Corpus")
    try:
        rows = corpus_overview(settings.index)
        st.caption(f"{len(rows)} documents · last ingest {last_ingest(settings.index)}")
        st.dataframe([{col: r[col] for col in ("title", "kind", "chunks", "references")} for r in rows],
                     hide_index=True)
    except MedciteError as exc:
        st.caption(ui.message_md(str(exc)))
    if ui.render_upload(st, settings.index, engine):
        if engine is None:
            get_engine.clear()
        else:
            engine.refresh()

if view == "Evaluation report":
    from app.web.report_view import render_report

    render_report(st, settings.index.index_dir)
    st.stop()

st.title("medcite")
st.caption("Answers quoted from the indexed guideline articles, each statement cited.")
for i, answer in enumerate(turns):
    with st.chat_message("user"):
        st.text(answer.question)
    with st.chat_message("assistant"):
        ui.render_answer(st, answer)
        ui.render_feedback(st, store, conversation, i, answer, {"k": k, "mode": mode, "answerer": answerer}, user)

if engine is not None and not turns:
    for j, suggestion in enumerate(ui.suggested_questions(engine.vocabulary.of_kind("title", "heading"))):
        if st.button(ui.escape_md(suggestion), key=f"suggest-{j}"):
            st.session_state.pending = suggestion

question = st.chat_input("Ask about the indexed guidelines…", disabled=engine is None)
question = question or st.session_state.pop("pending", None)
if question and engine is not None:
    with st.chat_message("user"):
        st.text(question)
    with st.chat_message("assistant"):
        placeholder, streamed, answer = st.empty(), "", None
        try:
            for item in engine.ask_stream(question, turns, k=k, mode=mode, use_llm=answerer == "llm"):
                if isinstance(item, str):
                    streamed += item
                    placeholder.markdown(ui.escape_md(streamed))
                else:
                    answer = item
        except Exception as exc:  # noqa: BLE001 - any failure on the question path is one st.error line
            answer = None  # a half-streamed answer is never kept as a whole one
            ui.show_failure(st, exc)
        placeholder.empty()
    if answer is not None:
        try:
            store.append(conversation, answer, user)
        except ForeignConversation:  # taken by another user meanwhile: never written into theirs
            st.error("This conversation belongs to another user; start a new conversation.")
            st.stop()
        turns.append(answer)
        st.rerun()
