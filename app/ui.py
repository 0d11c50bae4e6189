"""Rendering for the Streamlit chat: pure functions that build Markdown-safe strings, and thin st wrappers.

Corpus text is data: every piece of it is escaped before it reaches st.markdown, so a document's
`<script>`, `<img onerror=...>`, `![x](http://...)`, links and headings show as their characters.
"""

from __future__ import annotations

import re

from app.render import cited_references, reference_line
from app.types import Answer, Citation, Passage

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
        with st.expander(source_title(c), expanded=False):
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
