"""Rendering for the Streamlit chat: pure functions that build Markdown-safe strings, and thin st wrappers.

Corpus text is data: every piece of it is escaped before it reaches st.markdown, so a document's
`<script>`, `<img onerror=...>`, `![x](http://...)`, links and headings show as their characters, and the bare
URLs and e-mail addresses that Markdown would link by themselves get a zero-width space that keeps them text.
"""

from __future__ import annotations

import logging
import re

from app.answer.sources import cited_references, reference_line
from app.answer.types import Answer, Citation, Passage
from ingest.errors import MedciteError, failure_line

LOG = logging.getLogger("medcite.web")
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=:$&\"'])")
# where GFM links plain text, escaped or not: "http://", "www." and the "@" of an e-mail address
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)
_ZWSP = "\u200b"
_CODE_SPAN = re.compile(r"(`[^`\n]+`)")


def inert_links(text: str) -> str:
    """A zero-width space inside "://" and "www." and before "@": no URL or e-mail address becomes a link."""
    return _AUTOLINK.sub(_ZWSP, text)


def escape_md(text: str) -> str:
    """Backslash-escape every Markdown/HTML-significant character and make URLs inert; keep line breaks."""
    return "  \n".join(_SPECIAL.sub(r"\\\1", inert_links(line)) for line in text.split("\n"))


def message_md(text: str) -> str:
    """escape_md for a message of ours, whose `code` spans stay code (nothing is read as Markdown in one)."""
    parts = _CODE_SPAN.split(text)
    return "".join(part if i % 2 else escape_md(part) for i, part in enumerate(parts))


def answer_markdown(answer: Answer) -> str:
    return escape_md(answer.text)


def passage_markdown(passage: Passage, quoted: tuple[str, ...] = ()) -> str:
    """The passage, one statement per line, the cited ones in bold."""
    lines = []
    for statement in passage.text.split("\n"):
        safe = escape_md(statement)
        lines.append(f"**{safe}**" if statement in quoted else safe)
    return "  \n".join(lines)


def source_title(c: Citation) -> str:
    page = f", page {c.passage.page}" if c.passage.page else ""
    leaf = f" › {c.passage.leaf}" if c.passage.leaf else ""
    return f"[{c.n}] {c.passage.title}{leaf}{page}"


def references_markdown(c: Citation) -> str:
    refs = cited_references(c)
    if not refs:
        return ""
    return "  \n".join("supported by " + escape_md(reference_line(r)) for r in refs)


def uncited(answer: Answer) -> list[Passage]:
    cited = {c.passage.chunk_id for c in answer.citations}
    return [p for p in answer.passages if p.chunk_id not in cited]


def export_markdown(turns: list[Answer]) -> str:
    """The conversation as Markdown, each answer followed by its sources and their references."""
    out = ["# medcite conversation", ""]
    for i, a in enumerate(turns, start=1):
        out += [f"## {i}. {a.question}", ""]
        if a.standalone_question != a.question:
            out += [f"_Searched as: {a.standalone_question}_", ""]
        out += [a.text, ""]
        for c in a.citations:
            out += [f"- {source_title(c)}: {c.passage.section}", *[f"  > {s}" for s in c.quoted]]
            out += [f"  - supported by {reference_line(r)}" for r in cited_references(c)]
        out += ["", f"_{a.note}_", ""]
    return "\n".join(out)


def suggested_questions(subjects: list[str], limit: int = 4) -> list[str]:
    """Starting questions drawn from the corpus's item headings."""
    picked = [s for s in subjects if len(s) <= 30][:limit]
    return [f"What does the guideline say about {s}?" for s in picked]


def render_answer(st, answer: Answer) -> None:
    """Answer, sources with highlighted statements and references, other passages, the standing note."""
    if answer.abstained:
        st.warning(answer_markdown(answer))
    else:
        st.markdown(answer_markdown(answer))
    if answer.flagged:
        st.caption("Not supported by a valid citation: " + escape_md(" | ".join(answer.flagged)))
    for c in answer.citations:
        with st.expander(escape_md(source_title(c)), expanded=False):
            st.caption(escape_md(c.passage.section))
            st.markdown(passage_markdown(c.passage, c.quoted))
            refs = references_markdown(c)
            if refs:
                st.markdown(refs)
    others = uncited(answer)
    if others:
        with st.expander(f"Other retrieved passages ({len(others)})"):
            for p in others:
                st.markdown(f"**{escape_md(p.title)}** · {escape_md(p.section)}")
                st.markdown(passage_markdown(p))
    st.caption(escape_md(answer.note))


def render_feedback(st, store, conversation: str, index: int, answer: Answer, settings: dict,
                    user: str = "local") -> None:
    """Thumbs up/down and an optional comment: the stored choice shows as chosen; a change is stored."""
    rating_key, comment_key = f"fb-{conversation}-{index}", f"fc-{conversation}-{index}"
    stored = store.feedback_for(conversation, index)  # (rating, comment) or None
    if stored is not None:
        # a new session (a reload) starts without widget state: show the stored choice, not an empty one
        st.session_state.setdefault(rating_key, 1 if stored[0] == "up" else 0)
        st.session_state.setdefault(comment_key, stored[1])
    rating = st.feedback("thumbs", key=rating_key)
    comment = st.text_input("Comment (optional)", key=comment_key, label_visibility="collapsed",
                            placeholder="Comment on this answer (optional)")
    chosen = None if rating is None else ("up" if rating == 1 else "down")
    if chosen is not None and (chosen, comment) != stored:
        store.save_feedback(conversation, index, answer, chosen, comment, settings, user)


def render_upload(st, index_settings, engine) -> bool:
    """The sidebar's upload: good files join the corpus through the ingest pipeline; True when some did."""
    from ingest.upload import add_files
    from ingest.encoders import ingest_encoder

    uploads = st.file_uploader("Add documents", accept_multiple_files=True,
                               type=["md", "txt", "html", "htm", "pdf", "docx"])
    if not uploads or not st.button("Add to corpus"):
        return False
    bar = st.progress(0.0, "Embedding…")
    try:
        embedder = ingest_encoder(index_settings)  # the encoder the index was embedded by
        placed, failed, report = add_files(index_settings, [(u.name, u.getvalue()) for u in uploads], embedder,
                                           progress=lambda done, total: bar.progress(done / max(total, 1)))
    except Exception as exc:  # noqa: BLE001 - one line for the user; the log keeps the traceback
        show_failure(st, exc, "add the documents")
        return False
    for name, reason in failed:
        st.error(f"{escape_md(name)}: {escape_md(reason)}")
    if placed:
        st.success(escape_md(f"Added {', '.join(p.name for p in placed)}; {report.chunks} chunks in the index."))
    return bool(placed)


def show_failure(st, exc: Exception, what: str = "answer") -> None:
    """One st.error line for `exc`; an unexpected one is logged with its traceback (the server's log)."""
    if not isinstance(exc, MedciteError):
        LOG.exception("could not %s", what)
    st.error(message_md(failure_line(exc, "the server's log has the details", what)))
