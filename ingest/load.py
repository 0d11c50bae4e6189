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

from ingest.errors import BadDocument, one_line
from ingest.pdf_lines import page_lines
from ingest.quiet import held_warnings
from ingest.screen import screen
from ingest.types import Line, LoadedDoc

SUPPORTED = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx")
MAX_HEADING_WORDS = 12  # a short bold line of a Word file is a heading


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
    with held_warnings("pypdf", "docx", "bs4"):  # a library's own warnings never reach the terminal
        doc = loader(data)
    if not any(line.text.strip() for line in doc.lines):
        raise BadDocument("no text found in the file")
    screen("\n".join(line.text for line in doc.lines))  # no word structure, no chunks
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
    return LoadedDoc([Line(t) for t in _pipe_tables(body.splitlines())], meta)


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _pipe_tables(lines: list[str]) -> list[str]:
    """Markdown pipe tables ("| Drug | Dose |", "|---|---|", rows) as one list item per row (see table_lines)."""
    out, i, fenced = [], 0, False
    while i < len(lines):
        if lines[i].lstrip().startswith(("```", "~~~")):
            fenced = not fenced  # a table shown as code stays code
        if not fenced and _PIPE_ROW.match(lines[i]) and i + 1 < len(lines) and _PIPE_RULE.match(lines[i + 1]):
            rows = [lines[i]]
            i += 2
            while i < len(lines) and _PIPE_ROW.match(lines[i]):
                rows.append(lines[i])
                i += 1
            cells = [[c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", row.strip().strip("|"))]
                     for row in rows]  # "\|" is a pipe inside a cell
            out += ["", *table_lines(cells, header=True), ""]
        else:
            out.append(lines[i])
            i += 1
    return out


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
    from bs4.exceptions import ParserRejectedMarkup

    try:
        soup = BeautifulSoup(_decode(data), "html.parser")
    except ParserRejectedMarkup:
        raise BadDocument("malformed HTML the parser rejects; save the page again from a browser") from None
    meta = {}
    if soup.title and soup.title.get_text(strip=True):
        meta["title"] = soup.title.get_text(" ", strip=True)
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
                     "svg", "button", "template"]):
        tag.decompose()
    _superscripts_to_markers(soup)
    root = soup.find("main") or soup.find("article") or soup.body or soup
    lines: list[Line] = []
    for el in root.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "table", "pre", "blockquote"]):
        if el.find_parent("table") is not None:
            continue  # taken with its table, row by row
        if el.name == "table":
            own = [tr for tr in el.find_all("tr") if tr.find_parent("table") is el]  # not a nested table's rows
            rows = [[re.sub(r"\s+", " ", cell.get_text(" ")).strip()
                     for cell in tr.find_all(["td", "th"], recursive=False)] for tr in own]
            header = bool(own and own[0].find("th", recursive=False)) or el.find("thead", recursive=False) is not None
            lines += [Line(""), *(Line(row) for row in table_lines(rows, header)), Line("")]
            continue
        if el.find_parent(["li", "p", "blockquote"]) is not None and el.name not in ("li",):
            continue  # text already taken with its container
        text = re.sub(r"\s+", " ", _own_text(el)).strip()
        if not text:
            continue
        if el.name.startswith("h"):
            lines += [Line(""), Line("#" * int(el.name[1]) + " " + text), Line("")]
        elif el.name == "li":
            lines.append(Line(_list_marker(el) + text))
        else:
            lines += [Line(text), Line("")]
    return LoadedDoc(lines, meta)


def _stated(title: str, text: str) -> bool:
    """Whether a title from a file's properties is the document's own: at least half of its words (of three letters
    or more, singular or plural) are written in it. Not a tool's placeholder ("(anonymous)", "Untitled") nor the
    name of the file it was copied from ("Microsoft Word - draft_v3.docx"): the title is then found as a document
    without one has it."""
    def forms(words: str) -> list[str]:
        return [w.removesuffix("s") for w in re.findall(r"[^\W_]{3,}", words.lower())]

    said, written = forms(title), set(forms(text))
    if said and 2 * sum(w in written for w in said) >= len(said):
        return True
    # ... or the whole title, its spaces aside ("TB in UK"; a title page read without spaces, "ManagementofAsthma")
    squeezed = re.sub(r"[\W_]+", "", title.lower())
    return len(squeezed) >= 4 and squeezed in re.sub(r"[\W_]+", "", text.lower())


def table_lines(rows: list[list[str]], header: bool) -> list[str]:
    """A table as list items, one per row, each cell after its column's heading so that a row reads alone:
    "- Cyclizine: oral dose 50 mg three times daily; line first" (a dosing table's row is one statement)."""
    rows = [[c.strip() for c in row] for row in rows if any(c.strip() for c in row)]
    if not rows:
        return []
    names = rows[0] if header and len(rows) > 1 else []
    out = []
    for row in rows[1:] if names else rows:
        cells = [(names[i] if i < len(names) else "", c) for i, c in enumerate(row) if c]
        if not cells:
            continue
        (label, first), rest = cells[0], cells[1:]
        if label and len(first) <= 3:  # "Stage" "3": "Stage 3", not "3"
            first = f"{label} {first}"
        parts = [f"{_lower_first(name)} {cell}".strip() if name else cell for name, cell in rest]
        out.append(f"- {first}: {'; '.join(parts)}" if parts else f"- {first}")
    return out


def _lower_first(name: str) -> str:
    """A column heading inside a sentence ("Oral dose" -> "oral dose"; "ECG" stays)."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


# a <sup> holding citation numbers: "1", "1,3", "2-4", "[5]"
_SUP_CITATION = re.compile(r"^\[?\s*\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\s*\]?$")


def _superscripts_to_markers(soup) -> None:
    """<sup>1,3</sup> -> " [1,3]" so the citation parser sees a bracket marker; a unit's power (m<sup>2</sup>) stays."""
    for sup in soup.find_all("sup"):
        content = sup.get_text("", strip=True)
        before = sup.previous_sibling
        before_text = before if isinstance(before, str) else (before.get_text() if before is not None else "")
        if _superscript_citation(content, before_text):
            sup.replace_with(" [" + content.strip("[] ") + "]")


def _superscript_citation(content: str, before: str) -> bool:
    """Superscript citation numbers, not a power: 10<sup>9</sup> and m<sup>2</sup> are powers."""
    power = before.endswith(tuple("0123456789")) or (
        content in ("2", "3") and re.search(r"(?:^|[\s/(\d])[a-zµμ]{1,2}$", before) is not None)
    return _SUP_CITATION.match(content) is not None and not power


def _docx_text(para) -> str:
    """A Word paragraph's text, its superscript citation runs as bracket markers ("trial<sup>3</sup>." ->
    "trial [3]."), as an HTML page's are."""
    runs = list(para.runs)
    if not any(r.font.superscript for r in runs):
        return para.text
    out = ""
    for run in runs:
        if run.font.superscript and _superscript_citation(run.text.strip(), out):
            out += " [" + run.text.strip().strip("[] ") + "]"
        else:
            out += run.text
    return out


def _own_text(el) -> str:
    """The element's text without that of lists nested in it (their items are lines of their own)."""
    if el.name != "li":
        return el.get_text(" ", strip=True)
    own_list = el.parent
    return " ".join(s.strip() for s in el.find_all(string=True) if s.find_parent(["ul", "ol"]) is own_list)


def _list_marker(li) -> str:
    """ "3. " for the third item of an <ol> (its numbering comes from the order), "- " otherwise."""
    parent = li.parent
    if parent is None or parent.name != "ol":
        return "- "
    try:
        start = int(parent.get("start", 1))
    except ValueError:
        start = 1
    position = next(i for i, c in enumerate(parent.find_all("li", recursive=False)) if c is li)
    return f"{start + position}. "


def load_pdf(data: bytes) -> LoadedDoc:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    with held_warnings("pypdf") as heard:
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise BadDocument("encrypted PDF; save an unprotected copy and add that")
            pages = [_page_text(page) for page in reader.pages]
            info = reader.metadata  # read here too: a broken info dictionary is a corrupt PDF
            title = str(info.title) if info and info.title else ""
            meta = {"title": title} if _stated(title, " ".join(pages[:2])) else {}
        except BadDocument:
            raise
        except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
            raise BadDocument(_corrupt_pdf(exc, heard)) from None
    if not any(p.strip() for p in pages):
        raise BadDocument("PDF has no text layer (scanned?); run OCR on it first")
    lines = [Line(t, page=i + 1) for i, page in enumerate(page_lines(pages)) for t in page + [""]]
    return LoadedDoc(lines, meta)


def _corrupt_pdf(exc: Exception, heard: list[str]) -> str:
    """The one-line reason for a PDF pypdf cannot read: its error and the first thing it warned about."""
    detail = one_line(exc, limit=100) + ("; " + " ".join(heard[0].split())[:80] if heard else "")
    return f"corrupt PDF ({detail}); re-export it from its source"


def _page_text(page) -> str:
    """The page's text; with a blank line where the layout shows a paragraph gap, when both readings agree."""
    plain = page.extract_text() or ""
    try:
        layout = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 - the layout reading only refines the plain one; any failure keeps plain
        return plain
    squeezed = [" ".join(line.split()) for line in layout.splitlines()]
    if [t for t in squeezed if t] != [" ".join(t.split()) for t in plain.splitlines() if t.strip()]:
        return plain  # columns or odd ordering: the layout reading is not the same text
    return "\n".join(squeezed)


def load_docx(data: bytes) -> LoadedDoc:
    import zipfile

    from docx import Document as DocxDocument

    try:
        doc = DocxDocument(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BadDocument(f"corrupt .docx ({type(exc).__name__}); re-save it from Word") from None
    meta = {}
    properties = doc.core_properties.title or ""  # the file's own title, if the document writes it (below)
    lines: list[Line] = []
    counter = 0  # Word supplies the numbers of numbered paragraphs; they restart after anything else
    blocks = doc.iter_inner_content() if hasattr(doc, "iter_inner_content") else iter(doc.paragraphs)
    for para in blocks:
        if not hasattr(para, "style") or hasattr(para, "rows"):  # a table, in its place among the paragraphs
            rows = [[cell.text for cell in row.cells] for row in para.rows]
            lines += [Line(""), *(Line(row) for row in table_lines(rows, header=_docx_header(para))), Line("")]
            counter = 0
            continue
        text = _docx_text(para).strip()
        style = (para.style.name if para.style is not None else "") or ""
        if not text:
            continue
        level = re.match(r"Heading (\d)", style)
        kind = _docx_list_kind(para, style)
        counter = counter + 1 if kind == "number" else 0
        if not level and not kind and _bold_heading(para, text):  # a heading typed as a short bold line
            level = re.match(r"(\d)", "1" if not lines else "2")
        if style == "Title":
            meta.setdefault("styled", text)
        elif level:
            lines += [Line(""), Line("#" * int(level.group(1)) + " " + text), Line("")]
        elif kind:
            lines.append(Line(f"{counter}. {text}" if kind == "number" else "- " + text))
        else:
            lines += [Line(text), Line("")]
    styled = meta.pop("styled", None)
    title = properties if _stated(properties, " ".join(str(x.text) for x in lines) + f" {styled or ''}") else styled
    return LoadedDoc(lines, {"title": title} if title else {})


def _bold_heading(para, text: str) -> bool:
    """A paragraph written as a heading without a heading style: short, every run bold, not a sentence, and
    without a number or a colon inside ("Warning: never exceed 4 g in 24 hours" is a statement in bold)."""
    runs = [r for r in para.runs if r.text.strip()]
    style_bold = bool(para.style is not None and para.style.font is not None and para.style.font.bold)
    return bool(runs) and all(r.bold or (r.bold is None and style_bold) for r in runs) and \
        len(text.split()) <= MAX_HEADING_WORDS and not text.rstrip().endswith((".", ";", ",", "?", "!")) and \
        not re.search(r"\d|:\s*\S", text)


def _docx_header(table) -> bool:
    """Whether a Word table's first row names its columns: marked as a header row, all bold, or above three
    columns or more (a two-column table is usually "label | value" rows: "Dose | 50 mg")."""
    from docx.oxml.ns import qn

    rows = list(table.rows)
    if len(rows) < 2:
        return False
    first = rows[0]
    props = first._tr.trPr
    if props is not None and props.find(qn("w:tblHeader")) is not None:
        return True
    runs = [r for cell in first.cells for p in cell.paragraphs for r in p.runs if r.text.strip()]
    return (bool(runs) and all(r.bold for r in runs)) or len(first.cells) >= 3


def _docx_list_kind(para, style: str) -> str | None:
    """ "number" (List Number style, or numbering that is not bullets), "bullet" (other lists) or None (prose)."""
    if "List Number" in style:
        return "number"
    num_pr = para._p.pPr.numPr if para._p.pPr is not None else None
    if num_pr is None or num_pr.numId is None:
        return "bullet" if "List" in style else None
    return "bullet" if _docx_num_format(para, num_pr) == "bullet" else "number"


def _docx_num_format(para, num_pr) -> str:
    """The numFmt ("decimal", "bullet", ...) of a paragraph's numbering; "bullet" when it cannot be read."""
    from docx.oxml.ns import qn

    try:
        numbering = para.part.numbering_part.element
        num_id, ilvl = num_pr.numId.val, num_pr.ilvl.val if num_pr.ilvl is not None else 0
        num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
        abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = next(a for a in numbering.findall(qn("w:abstractNum"))
                        if a.get(qn("w:abstractNumId")) == abstract_id)
        lvl = next(lv for lv in abstract.findall(qn("w:lvl")) if lv.get(qn("w:ilvl")) == str(ilvl))
        return lvl.find(qn("w:numFmt")).get(qn("w:val")) or "bullet"
    except (AttributeError, KeyError, NotImplementedError, StopIteration, TypeError, ValueError):
        return "bullet"


_LOADERS: dict[str, Callable[[bytes], LoadedDoc]] = {
    ".md": load_text, ".markdown": load_text, ".txt": load_text,
    ".html": load_html, ".htm": load_html, ".pdf": load_pdf, ".docx": load_docx,
}
