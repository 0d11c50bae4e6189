"""From a file on disk to a parsed Document: load, clean, structure, cite, chunk."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from ingest.chunk import pack, reference_chunks
from ingest.citations import CitationStyle, detect_style
from ingest.clean import clean_lines
from ingest.errors import BadDocument
from ingest.load import load
from ingest.references import parse_references
from ingest.settings import IndexSettings
from ingest.structure import Parsed, parse
from ingest.types import Document, Statement

KINDS = ("guideline", "research", "patient-information")
# bump when the same file would give other chunks (a loader, the structure parser, the chunker changed): a
# document's content hash carries it, so the next ingest or add parses every file again (its unchanged texts
# still come from the embedding cache)
PARSE_FORMAT = 15
MAX_DOC_CHUNKS = IndexSettings.max_doc_chunks
_TITLE_CHARS = 80
# what editors leave in a file's title field when nobody filled it in, or a file name
_PLACEHOLDER_TITLE = re.compile(r"^(?:untitled(?: document)?|document\d*|microsoft word - .*|.*\.(?:docx?|pdf|txt|md|"
                                r"html?|rtf|odt))$", re.IGNORECASE)


def doc_id_for(path: Path, front_id: str | None = None) -> str:
    """A stable id: the front matter's `id`, else the file name as a slug that keeps letters of any script
    ("Leitlinie Ärzte" -> "leitlinie-ärzte", never "leitlinie-rzte", which "Leitlinie Ärzte" and
    "Leitlinie Erzte" would share)."""
    raw = unicodedata.normalize("NFC", front_id or path.stem)
    slug = "-".join(re.findall(r"[^\W_]+", raw.lower()))
    return slug or hashlib.sha1(raw.encode()).hexdigest()[:12]


def build_document(path: Path, max_bytes: int, chunk_chars: int,
                   max_chunks: int = MAX_DOC_CHUNKS) -> Document:
    """Parse one file; raises BadDocument when it cannot be indexed (or would add more than `max_chunks`)."""
    loaded = load(path, max_bytes)
    lines, chrome_meta = clean_lines(loaded.lines)
    meta = {**chrome_meta, **loaded.meta}
    parsed = parse(lines)
    references = parse_references(parsed.reference_lines)
    style = detect_style([text for sec in parsed.sections for text, _ in sec.items], len(references))
    named = named_title(meta, parsed, _top_heading(lines))
    sections = _cited_sections(parsed, style, named)
    title = named or first_sentence_title(sections)
    doc_id = doc_id_for(path, meta.get("id"))
    chunks = pack(doc_id, sections, chunk_chars, title=title)
    chunks += reference_chunks(doc_id, references, start=len(chunks), title=title)
    if len(chunks) > max_chunks:
        raise BadDocument(f"it would add {len(chunks)} chunks, over the limit of {max_chunks} per document "
                          "(MEDCITE_MAX_DOC_CHUNKS); split the document or raise the limit")
    kind = meta.get("kind", "guideline").lower()
    return Document(
        doc_id=doc_id, path=str(path), content_hash=f"{loaded.meta.get('sha256', '')}:{PARSE_FORMAT}", title=title,
        source=meta.get("source") or meta.get("url") or path.name, kind=kind if kind in KINDS else "guideline",
        date=meta.get("date", ""), references=tuple(references), chunks=tuple(chunks),
        extra={k: v for k, v in meta.items() if k in ("license", "disclaimer", "origin")},
    )


def named_title(meta: dict[str, str], parsed: Parsed, top_heading: str | None = None) -> str:
    """The title the document gives itself: metadata (front matter, <title>, PDF/DOCX), title line, a
    Markdown "# " heading wherever it stands, or a heading it opens with (a lower heading after opening text
    names a section: "## Diagnosis" is no title)."""
    given = re.sub(r"\s+", " ", meta.get("title", "")).strip()
    if given and not _PLACEHOLDER_TITLE.match(given):
        return given
    opening = next((sec for sec in parsed.sections if sec.path or sec.items), None)
    first_heading = opening.path[0] if opening is not None and opening.path else None  # text before it: a section
    return parsed.title or top_heading or first_heading or ""


def _top_heading(lines: list) -> str | None:
    """The document's first Markdown level-one heading ("# Hyperkalaemia in adults"), if it has one."""
    for line in lines:
        match = re.match(r"^#\s+(.+?)\s*#*\s*$", line.text.strip())
        if match:
            return match.group(1)
    return None


def first_sentence_title(sections: list[tuple[tuple[str, ...], list[Statement]]]) -> str:
    """A document that names itself nowhere is called by its first sentence, cut at a word near 80 characters."""
    first = next((s.text for _, statements in sections for s in statements), "") or "Untitled document"
    if len(first) <= _TITLE_CHARS:
        return first
    return first[:_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _cited_sections(parsed: Parsed, style: CitationStyle,
                    title: str) -> list[tuple[tuple[str, ...], list[Statement]]]:
    """Each section's statements with markers removed into `cites`; questions and the title line are dropped."""
    sections = []
    for section in parsed.sections:
        statements = [_statement(text, page, style) for text, page in section.items]
        statements = [s for s in statements if _is_answer(s.text, title)]
        if statements:
            sections.append((section.path, statements))
    return sections


def _statement(text: str, page: int | None, style: CitationStyle) -> Statement:
    body, numbers = style.split(text)
    return Statement(body, numbers, page)


def _is_answer(text: str, title: str) -> bool:
    """A statement can be quoted as an answer: not empty, not the title again, not a question."""
    return bool(text) and text != title and not text.rstrip(" \"'”)").endswith("?")
