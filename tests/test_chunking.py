"""Structure-aware chunks of the seed: heading paths, whole bullets, citations, chrome removed, stable ids."""

from pathlib import Path

import pytest

from ingest.document import build_document
from tests.conftest import SEED_MD, SEED_TXT, write

MB = 20_000_000


@pytest.fixture(scope="module")
def seed():
    return build_document(SEED_MD, MB, 900)


def by_leaf(doc, leaf):
    return next(c for c in doc.chunks if c.section and c.section[-1] == leaf)


def test_seed_heading_paths(seed) -> None:
    vp = by_leaf(seed, "Vertebroplasty")
    assert vp.section_path == ("Treatment Options for Compression Fracture Pain › Second-Line Treatment Options › "
                               "Minimally Invasive Procedures › Vertebroplasty")
    assert by_leaf(seed, "Calcitonin").section[-2:] == ("Pharmacological Management", "Calcitonin")
    assert by_leaf(seed, "Acute Phase (0-4 weeks)").section[-2] == "Treatment Algorithm"
    assert by_leaf(seed, "Important Considerations and Pitfalls").section[0] == \
        "Treatment Options for Compression Fracture Pain"


def test_heading_path_prefixes_embedded_text(seed) -> None:
    vp = by_leaf(seed, "Vertebroplasty")
    assert "Vertebroplasty" not in vp.text  # the bullets never name it...
    assert vp.embed_text.startswith(f"{vp.section_path}\n")  # ...but the embedded text does; the title is
    assert vp.title == seed.title  # left out because the path already says it (compression fracture pain)


def test_title_is_embedded_when_the_path_does_not_say_it(tmp_path: Path) -> None:
    doc = build_document(write(tmp_path / "t.md", "---\ntitle: Gout flares\n---\n## Colchicine\n\n"
                                                  "Low-dose colchicine is preferred [1].\n"), MB, 900)
    assert doc.chunks[0].embed_text.startswith("Gout flares\nColchicine\n")


def test_title_is_not_repeated_when_the_path_starts_with_it(tmp_path: Path) -> None:
    doc = build_document(write(tmp_path / "t.md", "# Hip care\n\n## Surgery\n\nEarly surgery helps.\n"), MB, 900)
    assert doc.title == "Hip care"
    assert doc.chunks[0].embed_text == "Hip care › Surgery\nEarly surgery helps."


def test_bullets_of_an_item_stay_together_and_keep_citations(seed) -> None:
    calcitonin = by_leaf(seed, "Calcitonin")
    assert [s.text for s in calcitonin.statements] == [
        "Recommended for acute compression fracture pain (0-5 days after injury) for a 4-week duration",
        "Provides clinically significant pain relief at 1,2,3, and 4 weeks",
        "Available as nasal spray (200 IU) or suppositories (200 IU)",
        "Side effects include mild dizziness",
        "Most effective for acute pain; not effective for chronic pain beyond 6 months",
    ]
    assert [s.cites for s in calcitonin.statements] == [(1,), (1,), (1,), (1,), (2,)]
    assert by_leaf(seed, "Chronic Phase (>12 weeks with persistent pain)").cites == (1, 5, 6)


def test_chrome_is_not_indexed_and_disclaimer_is_metadata(seed) -> None:
    text = "\n".join(c.embed_text for c in seed.chunks)
    for chrome in ("Personalize", "Help us tailor", "Article Review Status", "Have a follow-up question",
                   "Our Medical A.I.", "Under Review", "Dr.Oracle assumes no liability", "Which best describes you"):
        assert chrome not in text
    assert seed.extra["disclaimer"].startswith("This information is intended for healthcare professionals")
    assert seed.date == "2025-09-17"
    assert seed.title == "What are the treatment options for compression fracture pain?"


def test_unresolved_citations_are_kept(seed) -> None:
    cited = {n for c in seed.chunks for n in c.cites}
    assert cited == set(range(1, 9))  # 5-8 are cited though the list has 4 entries
    assert len(seed.references) == 4


def test_references_are_searchable_chunks(seed) -> None:
    refs = [c for c in seed.chunks if c.kind == "reference"]
    assert len(refs) == 4 and "meta-analysis" in refs[1].text and "2012" in refs[1].text


def test_plain_text_seed_gets_items_and_bullets(tmp_path: Path) -> None:
    doc = build_document(SEED_TXT, MB, 900)
    vp = by_leaf(doc, "Vertebroplasty")
    assert vp.section[-2] == "Minimally Invasive Procedures"
    assert vp.statements[0].text == "Not recommended based on high-quality evidence"
    assert "Personalize" not in "\n".join(c.text for c in doc.chunks)


def test_plain_text_headings_with_their_paragraph_right_under_them(tmp_path: Path) -> None:
    text = ("Managing gout flares\n\nStart treatment as soon as the flare begins.\n\n"
            "Renal impairment\nReduce the colchicine dose when creatinine clearance is below 30 mL/min.\n\n"
            "First-line drugs\n- Colchicine 1 mg, then 0.5 mg an hour later.\n- Naproxen 500 mg twice daily.\n\n"
            "Other options include\n- rest\n- ice\n\n"
            "A wrapped paragraph keeps its first line as text even though\n"
            "that line has no closing punctuation of its own at the end.\n")
    doc = build_document(write(tmp_path / "gout.txt", text), MB, 900)
    sections = {c.section[-1] if c.section else "": [s.text for s in c.statements] for c in doc.chunks}
    assert sections["Renal impairment"] == ["Reduce the colchicine dose when creatinine clearance is below 30 mL/min."]
    assert sections["First-line drugs"][0].startswith("Colchicine 1 mg")
    body = [s.text for c in doc.chunks for s in c.statements]
    assert "Other options include" in body and "rest" in body  # a lead-in introduces its list, it heads nothing
    assert any(s.startswith("A wrapped paragraph keeps its first line") for s in body)


def test_chunk_ids_are_stable_and_unique(seed) -> None:
    again = build_document(SEED_MD, MB, 900)
    assert [c.chunk_id for c in again.chunks] == [c.chunk_id for c in seed.chunks]
    assert len({c.chunk_id for c in seed.chunks}) == len(seed.chunks)


def test_size_limit_packs_bullets_without_splitting(tmp_path: Path) -> None:
    bullets = "\n".join(f"- Statement number {i} " + "word " * 30 for i in range(20))
    doc = build_document(write(tmp_path / "long.md", f"# Long\n\n{bullets}\n"), MB, 400)
    assert len(doc.chunks) > 3
    for chunk in doc.chunks:
        assert len(chunk.text) <= 400
        assert all(s.text.startswith("Statement number") for s in chunk.statements)


def test_one_huge_statement_is_split_under_the_limit(tmp_path: Path) -> None:
    doc = build_document(write(tmp_path / "huge.md", "# H\n\n" + "blah, " * 2000 + "\n"), MB, 500)
    assert len(doc.chunks) > 10 and all(len(c.text) <= 500 for c in doc.chunks)


@pytest.mark.parametrize("text", ["x", "# A heading alone\n", "Ünïcödé façade naïve résumé", "a\n\n\n\nb"])
def test_edge_inputs_give_valid_chunks(tmp_path: Path, text: str) -> None:
    doc = build_document(write(tmp_path / "edge.md", text), MB, 900)
    for chunk in doc.chunks:
        assert chunk.text.strip() and chunk.chunk_id.startswith("edge:")


def test_a_list_item_wrapped_without_indent_is_one_statement(tmp_path: Path) -> None:
    # as a PDF or a plain-text editor wraps list items: the next line carries on in lower case, with a number
    path = write(tmp_path / "gout.txt", "Gout flares\n\n"
                 "• Offer colchicine 500 micrograms two to four times daily, or an NSAID with a proton pump\n"
                 "inhibitor, as first-line treatment of a flare [1].\n\n"
                 "• Start allopurinol at 100 mg daily and increase by 100 mg every 4 weeks, to a maximum of\n"
                 "900 mg daily [1].\n\n"
                 "• Review the serum urate level monthly.\n"
                 "Do not stop allopurinol during a flare [1].\n\n"
                 "References\n1. Roddy E. Gout. BMJ. 2018;363:k5041.\n")
    texts = _statements(path)
    assert any(t.startswith("Offer colchicine") and t.endswith("as first-line treatment of a flare.") for t in texts)
    assert any(t.startswith("Start allopurinol") and t.endswith("900 mg daily.") for t in texts)
    # a line that starts a sentence of its own after a finished item stays one
    assert "Do not stop allopurinol during a flare." in texts


def test_a_numbered_or_emphasised_line_after_an_unfinished_item_is_not_its_continuation(tmp_path: Path) -> None:
    path = write(tmp_path / "cough.txt", "Acute cough\n\n"
                 "• symptoms for more than 3 days\n"
                 "1.1.2 Do not offer an antibiotic to people who are systemically well.\n\n"
                 "• doxycycline 200 mg on day 1\n"
                 "5 days is usually enough for most people.\n")
    texts = _statements(path)
    assert not any("3 days 1.1.2" in t or "day 1 5 days" in t for t in texts), texts


def _statements(path: Path) -> list[str]:
    return [s.text for c in build_document(path, 10**6, 1200).chunks if c.kind == "text" for s in c.statements]


def test_a_statement_that_leans_on_the_one_before_is_not_cut_from_it(tmp_path: Path) -> None:
    """A chunk boundary falling between an announcement and the sentence that says what it announced moves
    the announcement into the next chunk, so the answer can quote both."""
    filler = " ".join(f"Falls in older adults have many causes, number {i} of them common." for i in range(7))
    text = (f"# Falls\n\n{filler} Several measures lower the risk of another fall in the home. They include "
            "removing loose rugs, fitting grab rails and reviewing sedating medicines. Vision should be checked "
            "every year.\n")
    doc = build_document(write(tmp_path / "falls.md", text), MB, 600)
    owner = next(c for c in doc.chunks if any(s.text.startswith("They include") for s in c.statements))
    texts = [s.text for s in owner.statements]
    assert texts.index("Several measures lower the risk of another fall in the home.") == \
        texts.index(next(t for t in texts if t.startswith("They include"))) - 1
    assert all(len(c.text) <= 600 for c in doc.chunks)


_REFERENCES = "References\n\nGuideline\nA guideline\nJ Med, 2020\n\nResearch\nA trial\nJ Med, 2019\n"


def _leaves(path: Path, title: str, items: list[tuple[str, str]]) -> dict[str, str]:
    """Each statement of a seed-layout text of numbered items, each over one bullet, with its item heading."""
    body = "".join(f"  {n}. {item}\n\n    \u2022 {bullet} {n}\n\n" for n, (item, bullet) in enumerate(items, 1))
    doc = build_document(write(path, f"{title}\n\nSection\n\n{body}{_REFERENCES}"), MB, 900)
    return {s.text: c.section[-1] if c.section else "" for c in doc.chunks for s in c.statements}


def test_a_numbered_item_heading_may_end_in_a_value(tmp_path: Path) -> None:
    """ "  2. Sodium 125 to 129" heads the bullets under it as "  1. Calcitonin" does: a number after "to" or
    "below" is the heading's value, not a citation; so does a longer band ("Children aged 6 to 12")."""
    leaves = _leaves(tmp_path / "na.txt", "Low sodium in adults", [("Sodium 125 to 129", "Restrict fluid to 1 litre"),
                                                                   ("Sodium Below 125", "Admit for monitoring")])
    assert leaves["Restrict fluid to 1 litre"] == "Sodium 125 to 129"
    assert leaves["Admit for monitoring"] == "Sodium Below 125"
    leaves = _leaves(tmp_path / "pc.txt", "Paracetamol", [("Children aged 6 to 12", "250 to 500 mg every 4 hours"),
                                                          ("Adults and children over 12", "1 g every 4 hours")])
    assert leaves["250 to 500 mg every 4 hours"] == "Children aged 6 to 12"
    assert leaves["1 g every 4 hours"] == "Adults and children over 12"
    # a numbered recommendation ending in a value is a statement, not a heading
    leaves = _leaves(tmp_path / "ac.txt", "Anticoagulation", [
        ("Reduce the dose to 2.5 mg twice daily if creatinine clearance is below 30", "Check renal function"),
        ("Otherwise give 5 mg twice daily", "Review yearly")])
    assert "Reduce the dose to 2.5 mg twice daily if creatinine clearance is below 30" in leaves
    assert not any(leaf.startswith("Reduce") for leaf in leaves.values())
