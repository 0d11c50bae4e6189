"""Rendering for the Streamlit chat: pure functions that build Markdown-safe strings, and thin st wrappers.

Corpus text is data: every piece of it is escaped before it reaches st.markdown, so a document's
`<script>`, `<img onerror=...>`, `![x](http://...)`, links and headings show as their characters.
"""

from __future__ import annotations

import re

from app.answer.sources import cited_references, reference_line
from app.answer.types import Answer, Citation, Passage

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=:$&\"'])")


def escape_md(text: str) -> str:
    """Backslash-escape every Markdown/HTML-significant character; keep line breaks."""
    return "  \n".join(_SPECIAL.sub(r"\\\1", line) for line in text.split("\n"))


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
    st.caption(answer.note)


def render_feedback(st, store, conversation: str, index: int, answer: Answer, settings: dict) -> None:
    """Thumbs up/down and an optional comment, stored when given (an upsert: reruns do not duplicate)."""
    rating = st.feedback("thumbs", key=f"fb-{conversation}-{index}")
    comment = st.text_input("Comment (optional)", key=f"fc-{conversation}-{index}", label_visibility="collapsed",
                            placeholder="Comment on this answer (optional)")
    if rating is not None:
        store.save_feedback(conversation, index, answer, "up" if rating == 1 else "down", comment, settings)


def render_upload(st, index_settings, engine) -> bool:
    """The sidebar's upload: good files join the corpus through the ingest pipeline; True when some did."""
    from ingest.upload import add_files
    from ingest.embedder import Embedder
    from ingest.errors import MedciteError

    uploads = st.file_uploader("Add documents", accept_multiple_files=True,
                               type=["md", "txt", "html", "htm", "pdf", "docx"])
    if not uploads or not st.button("Add to corpus"):
        return False
    bar = st.progress(0.0, "Embedding…")
    embedder = engine.embedder if engine else Embedder(index_settings.embed_model)
    try:
        placed, failed, report = add_files(index_settings, [(u.name, u.getvalue()) for u in uploads], embedder,
                                           progress=lambda done, total: bar.progress(done / max(total, 1)))
    except MedciteError as exc:
        st.error(str(exc))
        return False
    for name, reason in failed:
        st.error(f"{escape_md(name)}: {escape_md(reason)}")
    if placed:
        st.success(escape_md(f"Added {', '.join(p.name for p in placed)}; {report.chunks} chunks in the index."))
    return bool(placed)
