"""Each loader on a real file of its type, and every kind of bad input refused with a one-line reason."""

import io
import string
from pathlib import Path

import pytest

from ingest.document import build_document
from ingest.errors import BadDocument
from tests.conftest import write

MB = 20_000_000


def make_pdf(path: Path, pages: list[str], encrypt: bool = False, title: str | None = None) -> Path:
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    if title is not None:
        pdf.setTitle(title)
    for page in pages:
        y = 800
        for line in page.splitlines():
            pdf.drawString(50, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    if encrypt:
        writer = PdfWriter()
        for page in PdfReader(io.BytesIO(buf.getvalue())).pages:
            writer.add_page(page)
        writer.encrypt("secret")
        buf = io.BytesIO()
        writer.write(buf)
    path.write_bytes(buf.getvalue())
    return path


def test_markdown_front_matter_and_headings(tmp_path: Path) -> None:
    doc = build_document(write(tmp_path / "a.md", "---\ntitle: Hip care\nkind: research\ndate: 2020-01-02\n---\n"
                                                  "# Hip\n\n## Surgery\n\n- Early surgery helps.\n"), MB, 900)
    assert (doc.title, doc.kind, doc.date) == ("Hip care", "research", "2020-01-02")
    assert doc.chunks[0].section == ("Hip", "Surgery")


def test_html_keeps_main_content_only(tmp_path: Path) -> None:
    html = ("<html><head><title>Falls</title><style>.x{color:red}</style><script>var a='SCRIPT';</script></head>"
            "<body><nav>Home | NAVIGATION</nav><main><h1>Preventing falls</h1><h2>Exercise</h2>"
            "<p>Balance training reduces falls.</p><ul><li>Tai chi helps.</li></ul></main>"
            "<footer>FOOTER links</footer></body></html>")
    doc = build_document(write(tmp_path / "falls.html", html), MB, 900)
    text = "\n".join(c.embed_text for c in doc.chunks)
    assert doc.title == "Falls"
    assert "Balance training reduces falls." in text and "Tai chi helps." in text
    for junk in ("SCRIPT", "NAVIGATION", "FOOTER", "color:red"):
        assert junk not in text
    assert doc.chunks[0].section == ("Preventing falls", "Exercise")


def test_pdf_keeps_page_numbers(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "g.pdf", ["Bone health guideline", "Calcium intake matters for bones.",
                                         "Vitamin D supports calcium absorption."])
    doc = build_document(path, MB, 60)
    pages = {c.text: c.page for c in doc.chunks}
    assert pages["Calcium intake matters for bones."] == 2
    assert pages["Vitamin D supports calcium absorption."] == 3


def test_a_pdf_printed_from_a_browser_reads_as_the_page(tmp_path: Path) -> None:
    """One line per printed line and no blank lines, a date stamp and an address on every page, superscript
    markers glued to the full stop: headings, statements, markers and references come back as on the page."""
    stamp = "3/14/25, 9:05 AM Gout flares: what to give"
    page1 = "\n".join([
        stamp, "Gout flares: what to give", "Which drug",
        "Colchicine relieves a flare when it is started within 12 hours of the first symptoms, at a low",
        "dose.1 Naproxen 500 mg twice daily is an alternative for people without kidney disease or ulcers.2",
        "Steroids are used when neither can be taken.2",
        "When to stop", "Stop treatment two days after the flare has settled, and review the urate-lowering",
        "therapy at the next visit.1", "Target blood pressure", "140/90", "while on treatment for the flare.",
        "https://example.org/gout-flares.html 1/2"])
    page2 = "\n".join([
        stamp, "References",
        "1. Richette P, van Zanten SV, Doherty M. Colchicine timing in gout flares. Ann Rheum Dis. 2017;76:29-42.",
        "2. Janssens HJ. Naproxen or prednisolone for gout. Lancet. 2008;371:1854-60.",
        "https://example.org/gout-flares.html 2/2"])
    doc = build_document(make_pdf(tmp_path / "gout.pdf", [page1, page2]), MB, 900)
    sections = {c.section[-1]: [(s.text, s.cites) for s in c.statements] for c in doc.chunks if c.kind == "text"}
    assert sections["Which drug"] == [
        ("Colchicine relieves a flare when it is started within 12 hours of the first symptoms, at a low dose.",
         (1,)),
        ("Naproxen 500 mg twice daily is an alternative for people without kidney disease or ulcers.", (2,)),
        ("Steroids are used when neither can be taken.", (2,))]
    assert sections["When to stop"][0][1] == (1,)
    assert [r.title for r in doc.references] == ["Colchicine timing in gout flares", "Naproxen or prednisolone for gout"]
    text = " ".join(c.text for c in doc.chunks)
    assert "9:05 AM" not in text and "example.org" not in text
    assert "140/90" in text  # a reading inside the page, not a page count


def pdf_statements(path: Path, page: str) -> list[tuple[str, tuple[int, ...]]]:
    """(text, cited numbers) of every statement of a one-page PDF of these lines."""
    doc = build_document(make_pdf(path, [page]), MB, 900)
    return [(s.text, s.cites) for c in doc.chunks if c.kind == "text" for s in c.statements]


def test_a_pdf_of_statements_that_end_in_bare_citation_numbers_keeps_them_apart(tmp_path: Path) -> None:
    """The seed article's style printed to PDF: no bullet glyphs, no full stops, no blank lines; each statement
    ends in its citation numbers. A line that ends so, before a capital, ends its statement, however long, also on a
    page whose other paragraphs are set apart."""
    page = "\n".join([
        "Hip osteoarthritis: what helps",
        "",  # a gap the layout shows: the page has paragraph breaks, but not between its list's items
        "Exercise",
        "Offer a structured programme of muscle strengthening and aerobic exercise to all adults 1, 2",
        "Walking aids reduce the load on the hip and are worth offering for longer distances 2",
        "Weight loss of at least 5% of body weight lowers pain scores at 12 months in two trials 3",
        "Do not offer acupuncture for the management of hip osteoarthritis pain 1",
        "Drugs",
        "Topical NSAIDs are less useful for the hip than for the knee and are not offered first 1",
        "References",
        "1. National Guideline Centre. Osteoarthritis in over 16s. NICE NG226. 2022.",
        "2. Fransen M, et al. Exercise for osteoarthritis of the hip. Cochrane Database Syst Rev. 2014;4:CD007912.",
        "3. Messier SP, et al. Weight loss and hip pain. JAMA. 2013;310:1263-73."])
    statements = pdf_statements(tmp_path / "hip.pdf", page)
    assert ("Walking aids reduce the load on the hip and are worth offering for longer distances", (2,)) in statements
    assert ("Weight loss of at least 5% of body weight lowers pain scores at 12 months in two trials", (3,)) \
        in statements
    assert ("Do not offer acupuncture for the management of hip osteoarthritis pain", (1,)) in statements


def test_a_pdf_line_that_ends_in_a_stage_runs_on_in_a_document_of_another_style(tmp_path: Path) -> None:
    """Only a document that ends its statements in bare numbers has its lines cut after a number: elsewhere
    "... in CKD stage 4" before a capitalised line is a stage of a sentence that runs on, never a citation."""
    page = "\n".join([
        "Metformin in kidney disease",
        "Dosing",
        "Reduce the dose of metformin when the eGFR falls and stop it altogether in CKD stage 4",
        "Or when the eGFR is below 30 mL/min, whichever comes first.",
        "Review the eGFR at least twice a year in people with type 2 diabetes taking metformin."])
    statements = pdf_statements(tmp_path / "metformin.pdf", page)
    assert any("CKD stage 4 Or when the eGFR" in text and cites == () for text, cites in statements)


def test_docx_headings_and_lists(tmp_path: Path) -> None:
    from docx import Document

    d = Document()
    d.add_heading("Osteoporosis care", level=1)
    d.add_heading("Drugs", level=2)
    d.add_paragraph("Bisphosphonates reduce fractures.", style="List Bullet")
    d.save(tmp_path / "care.docx")
    doc = build_document(tmp_path / "care.docx", MB, 900)
    assert doc.chunks[0].section == ("Osteoporosis care", "Drugs")
    assert doc.chunks[0].text == "Bisphosphonates reduce fractures."


def test_html_loader_keeps_citation_superscripts_and_numbers_ordered_lists() -> None:
    from ingest.load import load_html

    html = ("<main><p>Rest helps.<sup>1,3</sup> BMI 25 kg/m<sup>2</sup>; 10<sup>9</sup> cells</p>"
            "<ol start='4'><li>First <ul><li>nested</li></ul></li><li>Second</li></ol></main>")
    lines = [ln.text for ln in load_html(html.encode()).lines if ln.text]
    assert lines == ["Rest helps. [1,3] BMI 25 kg/m 2 ; 10 9 cells", "4. First", "- nested", "5. Second"]


def test_docx_loader_numbers_list_number_paragraphs_in_order(tmp_path: Path) -> None:
    from docx import Document

    from ingest.load import load_docx

    d = Document()
    d.add_paragraph("Intro.")
    for text in ("Alpha", "Beta"):
        d.add_paragraph(text, style="List Number")
    d.add_paragraph("Dot", style="List Bullet")
    buf = io.BytesIO()
    d.save(buf)
    lines = [ln.text for ln in load_docx(buf.getvalue()).lines if ln.text]
    assert lines == ["Intro.", "1. Alpha", "2. Beta", "- Dot"]


@pytest.mark.parametrize("name, data, reason", [
    ("empty.md", b"", "empty file"),
    ("blank.md", b"   \n\n  ", "no text"),
    ("bin.txt", b"\x00\x01\x02binary", "binary"),
    ("latin.txt", "caf\xe9 na\xefve".encode("latin-1"), "not UTF-8"),
    ("bad.pdf", b"%PDF-1.4\nthis is not really a pdf", "corrupt PDF"),
    ("bad.docx", b"PK\x03\x04 nope", "corrupt .docx"),
    ("image.png", b"\x89PNG", "unsupported file type"),
    ("noext", b"text", "unsupported file type"),
])
def test_bad_inputs_are_refused(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(BadDocument, match=reason) as exc:
        build_document(path, MB, 900)
    assert "\n" not in str(exc.value)


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "locked.pdf", ["secret text"], encrypt=True)
    with pytest.raises(BadDocument, match="encrypted PDF"):
        build_document(path, MB, 900)


def test_oversize_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "word " * 1_100_000)  # about 5.5 MB
    with pytest.raises(BadDocument, match="over the 5 MB limit"):
        build_document(path, 5_000_000, 900)


def _random_text(alphabet: str, size: int, sep: str = "") -> str:
    import random

    rng = random.Random(7)
    return sep.join(rng.choice(alphabet) for _ in range(size))


@pytest.mark.parametrize("name, text, reason", [
    ("one-line.txt", _random_text(string.ascii_letters + string.digits + "+/", 3_000_000),
     "runs of 64 or more characters"),
    ("symbols.md", _random_text(["%%", "##", "12", "3.4", "--", "|", "=>", "**", "ab"], 200_000, " "),
     "of its tokens are words"),
    ("layer.txt", "# Dosing\n\n" + _random_text("\x01\x02\x03\x04\x05\x06\x07\ue000\ue001\ufffd ab", 300_000),
     "looks binary"),
])
def test_text_without_word_structure_is_refused(tmp_path: Path, name: str, text: str, reason: str) -> None:
    with pytest.raises(BadDocument, match=reason) as exc:
        build_document(write(tmp_path / name, text), MB, 900)
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize("text", [
    "# Links\n\n- See https://www.example.org/guide/" + "a" * 80 + " for the full text.\n- Calcium helps.\n",
    "# Dosing\n\n" + "\n".join(f"| Drug {i} | {i * 5} mg | every {i} h |" for i in range(1, 400)),
    "# 骨质疏松症\n\n- 骨质疏松症是一种以骨量低下为特征的全身性骨病，容易导致骨折。建议每日补充钙剂和维生素D。\n",
])
def test_prose_tables_links_and_unspaced_scripts_pass(tmp_path: Path, text: str) -> None:
    assert build_document(write(tmp_path / "ok.md", text), MB, 900).chunks


def test_a_document_may_add_at_most_max_chunks(tmp_path: Path) -> None:
    from tests.conftest import SEED_MD

    assert len(build_document(SEED_MD, MB, 900).chunks) > 3
    with pytest.raises(BadDocument, match=r"over the limit of 3 per document \(MEDCITE_MAX_DOC_CHUNKS\)"):
        build_document(SEED_MD, MB, 900, max_chunks=3)


def test_a_corrupt_pdf_is_one_line_in_the_terminal(tmp_path: Path) -> None:
    """`medcite add` in a real process: pypdf's own warnings would print above our line."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    good = make_pdf(tmp_path / "good.pdf", ["Calcitonin reduces pain.", "Second page."]).read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(good[:300] + b"\x00garbage" * 50 + good[700:])  # objects overwritten: pypdf warns
    env = {**os.environ, "MEDCITE_INDEX_DIR": str(tmp_path / "i"), "MEDCITE_CORPUS_DIR": str(tmp_path / "c")}
    command = [sys.executable, "-c", "from app.cli import main; main()", "add", str(broken)]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.splitlines() == [run.stderr.strip()]  # one line, nothing above it
    assert run.stderr.startswith("FAILED broken.pdf: corrupt PDF")


def test_a_table_reads_row_by_row_with_its_column_headings(tmp_path: Path) -> None:
    from docx import Document

    from ingest.load import load_docx, load_html, load_text

    d = Document()
    d.add_paragraph("Doses for adults.")
    table = d.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Drug", "Oral dose", "Maximum")):
        cell.text = text
    for row in (("Paracetamol", "1 g every 6 hours", "4 g a day"), ("Codeine", "30 mg every 6 hours", "240 mg")):
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    d.add_paragraph("Review after 3 days.")
    buf = io.BytesIO()
    d.save(buf)
    docx_lines = [ln.text for ln in load_docx(buf.getvalue()).lines if ln.text]
    assert docx_lines == ["Doses for adults.", "- Paracetamol: oral dose 1 g every 6 hours; maximum 4 g a day",
                          "- Codeine: oral dose 30 mg every 6 hours; maximum 240 mg", "Review after 3 days."]
    html = ("<main><table><tr><th>Grade</th><th>Platelets</th></tr><tr><td>1</td><td>75 to 150</td></tr>"
            "<tr><td>2</td><td>50 to 75</td></tr></table></main>")
    assert [ln.text for ln in load_html(html.encode()).lines if ln.text] == \
        ["- Grade 1: platelets 75 to 150", "- Grade 2: platelets 50 to 75"]
    markdown = "Before.\n\n| Drug | Dose |\n|---|---|\n| Aspirin | 75 mg daily |\n\nAfter."
    assert [ln.text for ln in load_text(markdown.encode()).lines if ln.text] == \
        ["Before.", "- Aspirin: dose 75 mg daily", "After."]


def test_a_short_bold_line_of_a_word_file_is_a_heading(tmp_path: Path) -> None:
    from docx import Document

    from ingest.load import load_docx

    d = Document()
    d.add_paragraph().add_run("Gout in primary care").bold = True
    d.add_paragraph("Most flares settle within two weeks.")
    d.add_paragraph().add_run("Flare treatment").bold = True
    d.add_paragraph("Colchicine 500 micrograms two to four times daily.", style="List Bullet")
    emphasis = d.add_paragraph()
    emphasis.add_run("Do not start allopurinol during a flare.").bold = True  # a bold sentence stays a sentence
    buf = io.BytesIO()
    d.save(buf)
    lines = [ln.text for ln in load_docx(buf.getvalue()).lines if ln.text]
    assert lines == ["# Gout in primary care", "Most flares settle within two weeks.", "## Flare treatment",
                     "- Colchicine 500 micrograms two to four times daily.", "Do not start allopurinol during a flare."]


def test_a_label_and_value_table_a_bold_warning_and_a_fenced_table_keep_their_meaning() -> None:
    from docx import Document

    from ingest.load import load_docx, load_text

    d = Document()
    table = d.add_table(rows=0, cols=2)  # no header row: each row is "label | value"
    for label, value in (("Dose", "50 mg"), ("Frequency", "three times daily")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    d.add_paragraph().add_run("Warning: never exceed 4 g in 24 hours").bold = True
    buf = io.BytesIO()
    d.save(buf)
    assert [ln.text for ln in load_docx(buf.getvalue()).lines if ln.text] == \
        ["- Dose: 50 mg", "- Frequency: three times daily", "Warning: never exceed 4 g in 24 hours"]
    fenced = "```\n| a | b |\n|---|---|\n| 1 | 2 |\n```"
    assert [ln.text for ln in load_text(fenced.encode()).lines] == fenced.splitlines()


def test_a_title_field_the_document_never_writes_is_not_its_title(tmp_path: Path) -> None:
    """A PDF or DOCX title field left as a tool's placeholder ("(anonymous)", as reportlab's document templates
    write it) or a file's name is not the document's title: its own title line is. A field whose words the
    document writes is kept."""
    from docx import Document

    page = "Gout in Adults: Acute Flares\n\nOffer colchicine 500 micrograms two to four times a day for a flare."
    for field in ("(anonymous)", "(unspecified)", "Microsoft Word - draft_v3"):
        doc = build_document(make_pdf(tmp_path / "g.pdf", [page], title=field), MB, 900)
        assert doc.title == "Gout in Adults: Acute Flares", field
    assert build_document(make_pdf(tmp_path / "k.pdf", [page], title="Acute gout flares"), MB, 900).title == \
        "Acute gout flares"
    # a title of short words, or one a title page gives without its spaces, is written all the same
    short = "TB in UK\n\nScreen new entrants from countries with a high incidence of tuberculosis."
    assert build_document(make_pdf(tmp_path / "t.pdf", [short], title="TB in UK"), MB, 900).title == "TB in UK"
    squeezed = "GoutinAdults\n\nOffer colchicine 500 micrograms two to four times a day for a flare."
    assert build_document(make_pdf(tmp_path / "s.pdf", [squeezed], title="Gout in Adults"), MB, 900).title == \
        "Gout in Adults"
    d = Document()
    d.core_properties.title = "(anonymous)"
    d.add_paragraph("Scabies in Care Homes", style="Title")
    d.add_paragraph("Treat every resident and member of staff at the same time.")
    d.save(tmp_path / "s.docx")
    assert build_document(tmp_path / "s.docx", MB, 900).title == "Scabies in Care Homes"
