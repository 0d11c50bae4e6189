"""Loaders: one function per file type, each returning lines in reading order plus found metadata.

Markdown-ish lines are the common shape: HTML and DOCX headings become "#" lines and list items "- " lines,
so one structure parser (ingest.structure) serves every type.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from pathlib import Path

from ingest.errors import BadDocument
from ingest.types import Line, LoadedDoc

SUPPORTED = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx")


def load(path: Path, max_bytes: int) -> LoadedDoc:
    """Read one file; raise BadDocument with a one-line reason when it cannot be indexed."""
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        raise BadDocument(f"unsupported file type {path.suffix or '(none)'!r}; use one of {', '.join(SUPPORTED)}")
    size = path.stat().st_size
    if size == 0:
        raise BadDocument("empty file")
    if size > max_bytes:
        raise BadDocument(f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit (MEDCITE_MAX_FILE_MB)")
    data = path.read_bytes()
    doc = loader(data)
    if not any(line.text.strip() for line in doc.lines):
        raise BadDocument("no text found in the file")
    doc.meta["sha256"] = hashlib.sha256(data).hexdigest()  # the content hash, from the one read
    return doc


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise BadDocument("binary file, not text; convert it to .txt, .md or .pdf")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadDocument(f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from None


def load_text(data: bytes) -> LoadedDoc:
    text = _decode(data)
    meta, body = split_front_matter(text)
    return LoadedDoc([Line(t) for t in body.splitlines()], meta)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Parse a leading '---' block of `key: value` lines (our corpus files carry their metadata so)."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, text
    meta = {}
    for raw in text[4:end].splitlines():
        key, sep, value = raw.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip().strip('"')
    return meta, text[end + 5:]


def load_html(data: bytes) -> LoadedDoc:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(data), "html.parser")
    meta = {}
    if soup.title and soup.title.get_text(strip=True):
        meta["title"] = soup.title.get_text(" ", strip=True)
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
                     "svg", "button", "template"]):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    lines: list[Line] = []
    for el in root.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "pre", "blockquote"]):
        if el.find_parent(["li", "p", "td", "th", "blockquote"]) is not None and el.name not in ("li",):
            continue  # text already taken with its container
        text = re.sub(r"\s+", " ", el.get_text(" ", strip=True))
        if not text:
            continue
        if el.name.startswith("h"):
            lines += [Line(""), Line("#" * int(el.name[1]) + " " + text), Line("")]
        elif el.name == "li":
            lines.append(Line("- " + text))
        else:
            lines += [Line(text), Line("")]
    return LoadedDoc(lines, meta)


def load_pdf(data: bytes) -> LoadedDoc:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise BadDocument("encrypted PDF; save an unprotected copy and add that")
        pages = [page.extract_text() or "" for page in reader.pages]
    except BadDocument:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise BadDocument(f"corrupt PDF ({type(exc).__name__}); re-export it from its source") from None
    if not any(p.strip() for p in pages):
        raise BadDocument("PDF has no text layer (scanned?); run OCR on it first")
    meta = {}
    info = reader.metadata
    if info and info.title:
        meta["title"] = str(info.title)
    lines = [Line(t, page=i + 1) for i, page in enumerate(pages) for t in page.splitlines() + [""]]
    return LoadedDoc(lines, meta)


def load_docx(data: bytes) -> LoadedDoc:
    import zipfile

    from docx import Document as DocxDocument

    try:
        doc = DocxDocument(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BadDocument(f"corrupt .docx ({type(exc).__name__}); re-save it from Word") from None
    meta = {}
    if doc.core_properties.title:
        meta["title"] = doc.core_properties.title
    lines: list[Line] = []
    for para in doc.paragraphs:
        text = para.text.strip()
        style = (para.style.name if para.style is not None else "") or ""
        if not text:
            continue
        level = re.match(r"Heading (\d)", style)
        if style == "Title":
            meta.setdefault("title", text)
        elif level:
            lines += [Line(""), Line("#" * int(level.group(1)) + " " + text), Line("")]
        elif "List" in style:
            lines.append(Line("- " + text))
        else:
            lines += [Line(text), Line("")]
    return LoadedDoc(lines, meta)


_LOADERS: dict[str, Callable[[bytes], LoadedDoc]] = {
    ".md": load_text, ".markdown": load_text, ".txt": load_text,
    ".html": load_html, ".htm": load_html, ".pdf": load_pdf, ".docx": load_docx,
}
