"""Every citation and reference style a user's guideline may come in, read through the real build_document."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.citations import detect_style
from ingest.document import build_document
from ingest.errors import BadDocument
from ingest.references import parse_references
from tests.conftest import SEED_MD, SEED_TXT, write

MB = 20_000_000

VANCOUVER = """1. Smith J, Doe AB. Vitamin D and falls: a meta-analysis. BMJ. 2009;339:b3692.
2. Knopp JA, Diner BM. Calcitonin for acute pain of vertebral fractures. Osteoporos Int. 2005;16(10):1281-90.
3. Brown K. Calcium intake in the elderly. Lancet. 2012;380:1-9.
4. Green L, et al. High-dose vitamin D. JAMA. 2010;303(18):1815-22.
"""
TITLES = ["Vitamin D and falls: a meta-analysis", "Calcitonin for acute pain of vertebral fractures",
          "Calcium intake in the elderly", "High-dose vitamin D"]

# Each body has the same four claims, written in one citation style, plus content numbers that are no citations.
BODIES = {
    "brackets": """Vitamin D supplementation reduces falls in older adults [1].

Calcitonin [2] reduces pain in acute fractures.

High doses add no benefit [2-4].

Patients aged 65 need more calcium (n = 40) [3, 5].

The daily dose for adults is 600
""",
    "brackets-en-dash": """Vitamin D supplementation reduces falls in older adults [1].

Calcitonin [2] reduces pain in acute fractures.

High doses add no benefit [2–4].

Patients aged 65 need more calcium (n = 40) [3,5].

The daily dose for adults is 600
""",
    "parentheses": """Vitamin D supplementation reduces falls in older adults (1).

Calcitonin reduces pain in acute fractures (2).

High doses add no benefit (2-4).

Patients aged 65 need more calcium (n = 40) (3, 5).

The daily dose for adults is 600
""",
    "bare": """Vitamin D supplementation reduces falls in older adults 1

Calcitonin reduces pain in acute fractures. 2

High doses add no benefit 2, 3, 4

Patients aged 65 need more calcium (n = 40) 3, 5

The daily dose for adults is 600
""",
}
EXPECTED = {
    "brackets": [("Vitamin D supplementation reduces falls in older adults.", (1,)),
                 ("Calcitonin reduces pain in acute fractures.", (2,)),
                 ("High doses add no benefit.", (2, 3, 4)),
                 ("Patients aged 65 need more calcium (n = 40).", (3, 5)),
                 ("The daily dose for adults is 600", ())],
    "bare": [("Vitamin D supplementation reduces falls in older adults", (1,)),
             ("Calcitonin reduces pain in acute fractures.", (2,)),
             ("High doses add no benefit", (2, 3, 4)),
             ("Patients aged 65 need more calcium (n = 40)", (3, 5)),
             ("The daily dose for adults is 600", ())],
}
EXPECTED["brackets-en-dash"] = EXPECTED["parentheses"] = EXPECTED["brackets"]


def statements(doc) -> list[tuple[str, tuple[int, ...]]]:
    return [(s.text, s.cites) for c in doc.chunks if c.kind == "text" for s in c.statements]


@pytest.mark.parametrize("style", sorted(BODIES))
@pytest.mark.parametrize("heading", ["## References", "References", "REFERENCE LIST:", "## Bibliography",
                                     "Literature cited", "**Sources**"])
def test_marker_styles_with_a_numbered_reference_list(tmp_path: Path, style: str, heading: str) -> None:
    text = f"# Vitamin D in older adults\n\n## Dosing\n\n{BODIES[style]}\n{heading}\n\n{VANCOUVER}"
    doc = build_document(write(tmp_path / "vd.md", text), MB, 900)
    assert statements(doc) == EXPECTED[style]
    assert [r.title for r in doc.references] == TITLES
    assert [(r.source, r.year) for r in doc.references][:2] == [("BMJ", 2009), ("Osteoporos Int", 2005)]
    assert "Reference" not in " ".join(c.section_path for c in doc.chunks if c.kind == "text")


@pytest.mark.parametrize("style", sorted(BODIES))
def test_markers_are_stripped_without_a_reference_list(tmp_path: Path, style: str) -> None:
    doc = build_document(write(tmp_path / "vd.md", f"# Vitamin D\n\n{BODIES[style]}"), MB, 900)
    assert doc.references == ()
    assert statements(doc) == EXPECTED[style]  # 5 is kept: an unresolved number, as with a list


@pytest.mark.parametrize("line, text, cites", [
    ("The daily dose for adults is 600", "The daily dose for adults is 600", ()),  # the [600] bug
    ("Give 600", "Give 600", ()),  # beyond every number the document cites
    ("Women aged 65", "Women aged 65", ()),
    ("Relief at 1,2,3, and 4 weeks 1", "Relief at 1,2,3, and 4 weeks", (1,)),
    ("Nasal spray (200 IU) 2", "Nasal spray (200 IU)", (2,)),
    ("Screen every year after age 50", "Screen every year after age 50", ()),
    ("Keep the brace in place 1.", "Keep the brace in place.", (1,)),
    ("Rest for a few days. 1, 2", "Rest for a few days.", (1, 2)),
    ("Rest for a few days.1,2", "Rest for a few days.", (1, 2)),
    ("Effective for 2-12 weeks 3", "Effective for 2-12 weeks", (3,)),
    ("Most patients recover in 2012", "Most patients recover in 2012", ()),
    ("High severity: CURB-65 3", "High severity: CURB-65 3", ()),  # a name's number, then a value
    ("Systolic blood pressure below 90 1", "Systolic blood pressure below 90 1", ()),  # a score's point
    ("Taper: week 1 40 mg; week 2 30", "Taper: week 1 40 mg; week 2 30", ()),  # a count after its unit
])
def test_bare_numbers_in_a_bare_style_document(line: str, text: str, cites: tuple[int, ...]) -> None:
    others = [f"Claim number {w} is supported {n}" for n, w in enumerate("abcdef", start=1)]
    style = detect_style(others + [line], n_refs=3)
    assert style.trailing and not style.brackets
    assert style.split(line) == (text, cites)


@pytest.mark.parametrize("texts", [
    ["The daily dose for adults is 600", "Take 2 tablets", "Children under 5", "Adults need 1000 mg a day"],
    ["Growth slows after age 3", "Vaccinate at 2", "Recheck at 4", "Most patients recover"],
])
def test_numbers_in_a_document_without_citations_stay(texts: list[str]) -> None:
    style = detect_style(texts, n_refs=0)
    assert [style.split(t) for t in texts] == [(t, ()) for t in texts]


def test_no_reference_list_bare_markers_stripped(tmp_path: Path) -> None:
    claims = ["Rest helps early healing. 1", "Ice reduces swelling 2", "Elevate the limb. 1, 2",
              "Most sprains heal in 2-6 weeks 3", "Gentle exercise speeds recovery. 1, 2"]
    body = "\n\n".join(claims)
    doc = build_document(write(tmp_path / "sprain.md", f"# Ankle sprain\n\n{body}\n"), MB, 900)
    assert statements(doc) == [("Rest helps early healing.", (1,)), ("Ice reduces swelling", (2,)),
                               ("Elevate the limb.", (1, 2)), ("Most sprains heal in 2-6 weeks", (3,)),
                               ("Gentle exercise speeds recovery.", (1, 2))]


def test_numbers_beyond_the_list_are_kept_unresolved(tmp_path: Path) -> None:
    body = "\n\n".join(f"Claim {w} holds {n}" for n, w in enumerate("abcdefg", start=1))
    refs = "\n".join(f"{n}. Author A. Study {n} of bones. J Bone. 20{10 + n};1:1-2." for n in range(1, 4))
    doc = build_document(write(tmp_path / "u.md", f"# Bones\n\n{body}\n\n## References\n\n{refs}\n"), MB, 900)
    assert len(doc.references) == 3
    assert [s.cites for c in doc.chunks if c.kind == "text" for s in c.statements] == [(n,) for n in range(1, 8)]


REFERENCE_SHAPES = {
    "vancouver": VANCOUVER,
    "bracketed": VANCOUVER.replace("1. ", "[1] ", 1).replace("2. ", "[2] ", 1).replace("3. ", "[3] ", 1)
                          .replace("4. ", "[4] ", 1),
    "parenthesis-numbers": VANCOUVER.replace("1. S", "1) S").replace("2. K", "2) K").replace("3. B", "3) B")
                                    .replace("4. G", "4) G"),
    "bullets": "\n".join("- " + line.split(". ", 1)[1] for line in VANCOUVER.splitlines()),
    "plain lines": "\n".join(line.split(". ", 1)[1] for line in VANCOUVER.splitlines()),
    "wrapped": VANCOUVER.replace("Calcitonin for acute pain of vertebral", "Calcitonin for acute pain of\nvertebral"),
    "apa": "\n".join(line for line in [
        "Smith, J., & Doe, A. B. (2009). Vitamin D and falls: a meta-analysis. BMJ, 339, b3692.",
        "Knopp, J. A. (2005). Calcitonin for acute pain of vertebral fractures. Osteoporos Int, 16(10), 1281-90.",
        "Brown, K. (2012). Calcium intake in the elderly. Lancet, 380, 1-9.",
        "Green, L. (2010). High-dose vitamin D. JAMA, 303(18), 1815-22."]),
}


@pytest.mark.parametrize("shape", sorted(REFERENCE_SHAPES))
@pytest.mark.parametrize("chrome", ["", "Share\nPrint\n© 2024 Example Health. All rights reserved.\n",
                                    "Back to top\nRelated articles\nHow to treat a sprain\n"])
def test_reference_list_shapes_end_before_page_chrome(shape: str, chrome: str) -> None:
    lines = (REFERENCE_SHAPES[shape] + "\n" + chrome).splitlines()
    refs = parse_references(lines)
    assert [r.n for r in refs] == [1, 2, 3, 4]
    assert [r.title for r in refs] == TITLES
    assert [r.year for r in refs] == [2009, 2005, 2012, 2010]
    assert refs[2].source == "Lancet"


def test_kind_blocks_followed_by_page_chrome() -> None:
    lines = ["Guideline", "Hip fracture care", "National Guideline Centre, 2023",
             "Research", "Early surgery after hip fracture.", "The Lancet, 2019",
             "Share", "Print", "Copyright 2024 Example Health", "Have a question?", "Ask our experts today."]
    refs = parse_references(lines)
    assert [(r.n, r.kind, r.title, r.source, r.year) for r in refs] == [
        (1, "Guideline", "Hip fracture care", "National Guideline Centre", 2023),
        (2, "Research", "Early surgery after hip fracture", "The Lancet", 2019)]


def test_kind_blocks_are_a_reference_list_without_a_heading(tmp_path: Path) -> None:
    text = ("Gout flares\n\nStart colchicine within 12 hours of the flare 1\n\nAvoid aspirin during a flare 2\n\n"
            "Topic Overview\n\nExample Health Editors, 2024\n\n"  # a pair whose label was left out
            "Guideline\n\nManagement of gout\n\nBritish Society for Rheumatology, 2017\n\n"
            "Research\n\nLow-dose colchicine for acute gout.\n\nArthritis and Rheumatism, 2010\n\n"
            "Professional Medical Disclaimer\n\nThis page is not medical advice.\n\nShare\n")
    doc = build_document(write(tmp_path / "gout.txt", text), MB, 900)
    assert [(r.kind, r.title, r.year) for r in doc.references] == [
        ("Guideline", "Management of gout", 2017), ("Research", "Low-dose colchicine for acute gout", 2010)]
    assert statements(doc) == [("Start colchicine within 12 hours of the flare", (1,)),
                               ("Avoid aspirin during a flare", (2,))]


def test_blocks_that_do_not_end_the_document_are_content(tmp_path: Path) -> None:
    text = ("Approved by\n\nDrugs and Therapeutics Committee\n\nMarch 2022\n\nReview date\n\n"
            "Three years from approval\n\nMarch 2025\n\nTreatment\n\nGive 1.5 L of sodium chloride 0.9% over "
            "the first hour. Then reassess.\n\nKey trials\n\nTrial\n\nSaline against balanced fluids\n\n"
            "N Engl J Med 2018\n\nTrial\n\nFluids in sepsis\n\nLancet 2019\n\nFollow-up\n\n"
            "Check sodium after 6 hours.\n")
    doc = build_document(write(tmp_path / "fluids.txt", text), MB, 900)
    body = [s for s, _ in statements(doc)]
    assert doc.references == ()
    assert "Give 1.5 L of sodium chloride 0.9% over the first hour." in body  # a decimal ends no sentence
    assert "Check sodium after 6 hours." in body


def test_a_numbered_list_at_the_end_is_not_a_reference_list_without_a_heading(tmp_path: Path) -> None:
    text = "# Gout\n\nSteps:\n\n1. Start colchicine within 12 hours, 2010 protocol\n2. Rest the joint, 2012 advice\n"
    doc = build_document(write(tmp_path / "steps.md", text), MB, 900)
    assert doc.references == () and len(statements(doc)) == 3


@pytest.mark.parametrize("heading", ["References", "references:", "# Reference list", "### BIBLIOGRAPHY",
                                     "Works cited", "Literature Cited:"])
def test_reference_headings_in_any_case(tmp_path: Path, heading: str) -> None:
    text = f"# Bones\n\nCalcium helps [1].\n\n{heading}\n\n1. Brown K. Calcium intake. Lancet. 2012;380:1-9.\n"
    doc = build_document(write(tmp_path / "b.md", text), MB, 900)
    assert [r.title for r in doc.references] == ["Calcium intake"]
    assert statements(doc) == [("Calcium helps.", (1,))]


def test_html_superscripts_and_ordered_reference_list(tmp_path: Path) -> None:
    html = ("<html><head><title>Falls in older adults</title></head><body><main>"
            "<h1>Falls</h1><h2>Prevention</h2>"
            "<p>Exercise reduces falls.<sup>1,3</sup> Vitamin D<sup><a href='#r2'>2</a></sup> helps some.</p>"
            "<p>Aim for a BMI of 25 kg/m<sup>2</sup> or less.</p>"
            "<p>The daily dose for adults is 600</p>"
            "<h2>References</h2><ol>"
            "<li>Sherrington C. Exercise to prevent falls. Cochrane Database Syst Rev. 2019;1:CD012424.</li>"
            "<li>Bischoff-Ferrari HA. Vitamin D and falls. BMJ. 2009;339:b3692.</li>"
            "<li>Gillespie LD. Interventions for preventing falls. Cochrane Database Syst Rev. 2012;9:CD007146.</li>"
            "</ol><p>Share this page</p></main></body></html>")
    doc = build_document(write(tmp_path / "falls.html", html), MB, 900)
    assert statements(doc) == [("Exercise reduces falls.", (1, 3)), ("Vitamin D helps some.", (2,)),
                               ("Aim for a BMI of 25 kg/m 2 or less.", ()),
                               ("The daily dose for adults is 600", ())]
    assert [r.title for r in doc.references] == ["Exercise to prevent falls", "Vitamin D and falls",
                                                 "Interventions for preventing falls"]


def test_docx_numbered_reference_paragraphs(tmp_path: Path) -> None:
    from docx import Document

    d = Document()
    d.add_heading("Osteoporosis care", level=1)
    d.add_paragraph("Bisphosphonates reduce vertebral fractures [1].")
    d.add_paragraph("Denosumab is an alternative [2].")
    d.add_heading("References", level=1)
    d.add_paragraph("Black DM. Alendronate and fractures. Lancet. 1996;348:1535-41.", style="List Number")
    d.add_paragraph("Cummings SR. Denosumab for prevention of fractures. N Engl J Med. 2009;361:756-65.",
                    style="List Number")
    d.add_paragraph("Printed from the clinic intranet")
    d.save(tmp_path / "care.docx")
    doc = build_document(tmp_path / "care.docx", MB, 900)
    assert statements(doc) == [("Bisphosphonates reduce vertebral fractures.", (1,)),
                               ("Denosumab is an alternative.", (2,))]
    assert [(r.n, r.title, r.year) for r in doc.references] == [
        (1, "Alendronate and fractures", 1996), (2, "Denosumab for prevention of fractures", 2009)]


def test_pdf_text_layer_markers_and_references(tmp_path: Path) -> None:
    from tests.test_loaders import make_pdf

    page1 = "Fracture care guideline\n\nSurgery within 48 hours lowers mortality [1].\n\nEarly mobilisation helps [2]."
    page2 = ("References\n1. Jones P. Timing of hip fracture surgery. J Bone Joint Surg. 2015;97:1-8.\n"
             "2. Patel R. Mobilisation after hip fracture. Age Ageing. 2018;47:2-10.")
    doc = build_document(make_pdf(tmp_path / "g.pdf", [page1, page2]), MB, 900)
    assert doc.title == "Fracture care guideline"  # not the PDF's "untitled" metadata
    assert statements(doc) == [("Surgery within 48 hours lowers mortality.", (1,)),
                               ("Early mobilisation helps.", (2,))]
    assert [r.title for r in doc.references] == ["Timing of hip fracture surgery", "Mobilisation after hip fracture"]


def seed_view(doc) -> list[tuple[tuple[str, ...], str, tuple[int, ...]]]:
    return [(c.section, s.text, s.cites) for c in doc.chunks for s in c.statements]


def test_raw_seed_text_equals_the_markdown_corpus_file() -> None:
    txt, md = build_document(SEED_TXT, MB, 900), build_document(SEED_MD, MB, 900)
    assert seed_view(txt) == seed_view(md)
    assert txt.references == md.references and len(txt.references) == 4
    assert txt.title == md.title
    leaves = {c.section[-1] for c in txt.chunks if c.kind == "text"}
    assert {"Calcitonin", "Vertebroplasty", "Kyphoplasty", "Bisphosphonates"} <= leaves


@pytest.mark.parametrize("text, title", [
    ("---\ntitle: Front matter title\n---\n# A heading\n\nSome text.\n", "Front matter title"),
    ("# First heading\n\nSome text.\n", "First heading"),
    (("Calcium keeps bones strong and helps muscles work well in people of every age group, young and old.\n"
      "More text here.\n"), "Calcium keeps bones strong and helps muscles work well in people of every age…"),
    ("Falls in older adults: who to assess and how.\n\n## Assessment\n\nAsk every older adult about falls.\n",
     "Falls in older adults: who to assess and how."),  # a heading after opening text names a section
    ("Published 12 May 2021. For healthcare professionals.\n\n# Hyperkalaemia in adults\n\n## Treatment\n\n"
     "Give calcium first.\n", "Hyperkalaemia in adults"),  # a level-one heading is the title wherever it stands
])
def test_title_never_comes_from_the_file_name(tmp_path: Path, text: str, title: str) -> None:
    doc = build_document(write(tmp_path / "my_file-name.md", text), MB, 900)
    assert doc.title == title
    assert all(c.embed_text.startswith(title) or c.section[0] == title for c in doc.chunks)


def test_html_title_docx_title_and_question_headings(tmp_path: Path) -> None:
    from docx import Document

    d = Document()
    d.core_properties.title = "Bone care"
    d.add_heading("What is osteoporosis?", level=1)
    d.add_paragraph("Osteoporosis makes bones weak. Who gets it? Mostly older women.")
    d.save(tmp_path / "x.docx")
    doc = build_document(tmp_path / "x.docx", MB, 900)
    assert doc.title == "Bone care"
    assert [s.text for c in doc.chunks for s in c.statements] == ["Osteoporosis makes bones weak.",
                                                                   "Mostly older women."]
    assert doc.chunks[0].section == ("What is osteoporosis?",)


def test_question_title_line_is_never_a_statement(tmp_path: Path) -> None:
    text = "What helps a sprained ankle?\n\nRest\n\nRest and ice help in the first days.\n\nIs surgery needed?\n"
    doc = build_document(write(tmp_path / "q.txt", text), MB, 900)
    assert doc.title == "What helps a sprained ankle?"
    assert all(not s.text.endswith("?") for c in doc.chunks for s in c.statements)
    assert [s.text for c in doc.chunks for s in c.statements] == ["Rest and ice help in the first days."]


def test_inline_list_in_prose_becomes_separate_statements(tmp_path: Path) -> None:
    text = ("# Rickets\n\nRickets softens bones.    Your child might not get enough vitamin D if he or she"
            "       - Has dark skin    - Spends too little time outside    - Takes non-steroidal drugs for 2-12 weeks"
            "       In addition, children can inherit it. Treatment - in most cases - works.\n")
    doc = build_document(write(tmp_path / "r.md", text), MB, 900)
    assert [s.text for c in doc.chunks for s in c.statements] == [
        "Rickets softens bones.", "Your child might not get enough vitamin D if he or she", "Has dark skin",
        "Spends too little time outside", "Takes non-steroidal drugs for 2-12 weeks",
        "In addition, children can inherit it.", "Treatment - in most cases - works."]


@pytest.mark.parametrize("data", [b"[1]", b"References\n\n1.", b"(1)\n\n[2-1]\n\n[0]", b"1. 2. 3.", "[\u2013]".encode(),
                                  b"References\n[999] x 2020", b"<sup>1</sup>", b"<![x</ol>"])
@pytest.mark.parametrize("suffix", [".md", ".txt", ".html"])
def test_odd_inputs_parse_or_raise_bad_document(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"odd{suffix}"
    path.write_bytes(data)
    try:
        doc = build_document(path, MB, 900)
    except BadDocument:
        return
    assert doc.title and doc.title != "odd" and all(c.text.strip() for c in doc.chunks)


def test_docx_superscript_citation_runs(tmp_path: Path) -> None:
    """Word's superscript citation numbers are markers, as an HTML page's <sup> are; a unit's power stays."""
    from docx import Document as Docx

    d = Docx()
    d.add_heading("Thyroid disease in pregnancy", level=1)
    p = d.add_paragraph("Start levothyroxine before conception in overt hypothyroidism")
    run = p.add_run("1,2")
    run.font.superscript = True
    p.add_run(". Keep the TSH below 2.5 mU/L in the first trimester")
    run = p.add_run("3")
    run.font.superscript = True
    p.add_run(".")
    q = d.add_paragraph("A body mass index above 30 kg/m")
    run = q.add_run("2")
    run.font.superscript = True
    q.add_run(" raises the risk.")
    d.add_heading("References", level=1)
    for ref in ("NICE. Thyroid disease. NG145. 2019.", "Alexander EK. ATA guideline. Thyroid. 2017;27:315-89.",
                "Lazarus J. ETA guideline. Eur Thyroid J. 2014;3:76-94."):
        d.add_paragraph(ref, style="List Number")
    d.save(tmp_path / "thyroid.docx")
    doc = build_document(tmp_path / "thyroid.docx", MB, 900)
    statements = [(s.text, s.cites) for c in doc.chunks if c.kind == "text" for s in c.statements]
    assert ("Start levothyroxine before conception in overt hypothyroidism.", (1, 2)) in statements
    assert ("Keep the TSH below 2.5 mU/L in the first trimester.", (3,)) in statements
    assert any("30 kg/m2 raises the risk" in text and cites == () for text, cites in statements)
