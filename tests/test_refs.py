"""The citation parser on every tricky line, and the seed's reference list."""

import pytest

from ingest.refs import parse_references, split_citation
from tests.conftest import SEED_MD, SEED_TXT


@pytest.mark.parametrize("line, text, cites", [
    ("Side effects include mild dizziness 1", "Side effects include mild dizziness", (1,)),
    ("Helps prevent complications of prolonged bed rest 3, 4", "Helps prevent complications of prolonged bed rest", (3, 4)),
    ("Consider kyphoplasty if conservative measures fail 1, 5", "Consider kyphoplasty if conservative measures fail", (1, 5)),
    ("Provides clinically significant pain relief at 1,2,3, and 4 weeks 1",
     "Provides clinically significant pain relief at 1,2,3, and 4 weeks", (1,)),
    ("Available as nasal spray (200 IU) or suppositories (200 IU) 1",
     "Available as nasal spray (200 IU) or suppositories (200 IU)", (1,)),
    ("Alendronate reduces the risk of new vertebral fractures by 47% in patients with previous vertebral fractures 7",
     "Alendronate reduces the risk of new vertebral fractures by 47% in patients with previous vertebral fractures", (7,)),
    ("Recommended as supplementation (calcium 1000-1200 mg/day, vitamin D 800 IU/day) 8",
     "Recommended as supplementation (calcium 1000-1200 mg/day, vitamin D 800 IU/day)", (8,)),
    ("May provide temporary pain relief in acute phase 3", "May provide temporary pain relief in acute phase", (3,)),
    ("in the first 4 weeks after fracture. 1", "in the first 4 weeks after fracture.", (1,)),
    ("Transition from calcitonin to other analgesics as needed", "Transition from calcitonin to other analgesics as needed", ()),
    ("Chronic Phase (>12 weeks with persistent pain):", "Chronic Phase (>12 weeks with persistent pain):", ()),
    ("women aged 65", "women aged 65", ()),
    ("", "", ()),
    ("1", "1", ()),
])
def test_split_citation(line: str, text: str, cites: tuple[int, ...]) -> None:
    assert split_citation(line) == (text, cites)


@pytest.mark.parametrize("path", [SEED_TXT, SEED_MD])
def test_seed_reference_list(path) -> None:
    from ingest.clean import clean_lines
    from ingest.load import load_text
    from ingest.structure import parse

    lines, _ = clean_lines(load_text(path.read_bytes()).lines)
    refs = parse_references(parse(lines).reference_lines)
    assert [(r.n, r.kind, r.year) for r in refs] == [(1, "Guideline", 2025), (2, "Research", 2012),
                                                     (3, "Research", 2018), (4, "Guideline", 2025)]
    assert refs[1].title.startswith("Calcitonin for treating acute and chronic pain")
    assert refs[1].source.startswith("Osteoporosis international")
    assert "Disclaimer" not in " ".join(r.source + r.title for r in refs)


def test_numbered_reference_lines() -> None:
    refs = parse_references(["1. Smith J. Calcitonin trial. Lancet, 2010", "2. Doe A. Bracing. BMJ 2015"])
    assert [(r.n, r.title, r.source, r.year) for r in refs] == [(1, "Calcitonin trial", "Lancet", 2010),
                                                                (2, "Bracing", "BMJ", 2015)]


def test_seed_reference_list_ends_before_its_raw_page_chrome() -> None:
    # no chrome removal first: the disclaimer and "Have a follow-up question?" must end the list by themselves
    lines = SEED_TXT.read_text().split("\nReferences\n", 1)[1].splitlines()
    refs = parse_references(lines)
    assert [(r.n, r.kind, r.year) for r in refs] == [(1, "Guideline", 2025), (2, "Research", 2012),
                                                     (3, "Research", 2018), (4, "Guideline", 2025)]
    assert refs[3].source == "Praxis Medical Insights: Practical Summaries of Clinical Guidelines"


def test_a_kind_block_whose_title_wraps_over_printed_lines() -> None:
    """The seed article's reference shape printed to PDF: a long title wraps onto a second and third line."""
    from ingest.references import parse_references

    lines = ["Guideline", "Atrial fibrillation: diagnosis and management", "NICE, 2021",
             "Research", "Apixaban versus warfarin in patients with atrial fibrillation: a randomised,",
             "double-blind comparison of stroke and systemic embolism over a median follow-up",
             "of 1.8 years.", "The New England journal of medicine, 2011",
             "Research", "Dabigatran in atrial fibrillation", "Lancet, 2009"]
    refs = parse_references(lines)
    assert [r.year for r in refs] == [2021, 2011, 2009]
    assert refs[1].title.startswith("Apixaban versus warfarin") and refs[1].title.endswith("of 1.8 years")
    assert refs[1].source == "The New England journal of medicine"


def test_an_entry_keeps_its_authors_for_who_wrote_the_study() -> None:
    from app.answer.sources import reference_line
    from ingest.chunk import reference_chunks
    from ingest.references import parse_entry

    many = parse_entry(3, "Dalbeth N, Merriman TR, Stamp LK, Gaffo AL. Gout. Lancet. 2016;388:2039-52.")
    assert (many.title, many.source, many.year) == ("Gout", "Lancet", 2016)
    assert many.authors == "Dalbeth N, Merriman TR, Stamp LK, et al."
    apa = parse_entry(2, "Smith, J., Jones, K., & Brown, L. (2019). Colchicine in gout. Lancet, 3, 1-9.")
    assert apa.authors == "Smith, J., Jones, K., Brown, L" and apa.year == 2019
    two = parse_entry(1, "Roddy E, Choi HK. Epidemiology of gout. Rheum Dis Clin North Am. 2014;40:155-75.")
    assert two.authors == "Roddy E, Choi HK" and two.title == "Epidemiology of gout"
    chunk = reference_chunks("d", [two], start=0)[0]
    assert "Roddy E, Choi HK" in chunk.statements[0].text  # a question naming the author finds the entry
    assert reference_line(two.as_dict()).startswith("[1] Roddy E, Choi HK. Epidemiology of gout, Rheum Dis")
