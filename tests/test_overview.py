"""An overview question about a guideline whose title writes its subject as an abbreviation. The document is
written for this test (an IBD flare, question-shaped title); none of its wording is in the engine."""

from __future__ import annotations

import pytest

from app.answer.engine import Engine
from tests.conftest import engine_over

FLARE = """# How should an acute flare of IBD be managed in adults?

An acute flare of IBD should be treated with corticosteroids, fluids and thromboprophylaxis, with surgical review when it fails to settle.

## Assessment

- Measure stool frequency, pulse, temperature, haemoglobin and C-reactive protein on admission.
- Send stool samples to exclude infection, including Clostridioides difficile.

## Drug treatment

- Give intravenous hydrocortisone 100 mg four times daily.
- Offer prophylactic low molecular weight heparin to every admitted adult.

## Rescue therapy

- Consider ciclosporin or infliximab when there is no response to intravenous steroids by day 3.

## Surgical review

- Involve a colorectal surgeon from admission in severe flares.
- Colectomy is needed when rescue therapy fails.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    return engine_over(tmp_path_factory.mktemp("overview"), embedder, {"ibd-flare.md": FLARE})


def test_an_abbreviated_title_still_makes_the_question_an_overview(engine: Engine) -> None:
    """The question spells out what the title abbreviates: it asks about the whole document, and gets the
    summary first, then one statement per section."""
    answer = engine.ask("How is an acute flare of inflammatory bowel disease managed?")
    assert not answer.abstained
    lines = answer.text.splitlines()
    assert lines[0].startswith("- An acute flare of IBD should be treated")
    order = [next(i for i, line in enumerate(lines) if word in line)
             for word in ("admission", "hydrocortisone", "ciclosporin", "surgeon")]  # one per section, in order
    assert order == sorted(order)


def test_whom_an_overview_is_about_does_not_make_it_a_part_of_the_guideline(engine: Engine) -> None:
    # "teenager" is in neither the title nor a heading: the question still asks for the whole guideline
    answer = engine.ask("How do you manage a flare in a teenager?")
    assert answer.text.splitlines()[0].startswith("- An acute flare of IBD should be treated")
    assert "Rescue therapy:" in answer.text or len(answer.citations) >= 4
    # a word of a heading asks for that part
    part = engine.ask("How is rescue therapy managed in a flare?")
    assert part.text.splitlines()[0].startswith("- Consider ciclosporin or infliximab")


MIGRAINE = """# Migraine in adults

Most people with migraine are managed in primary care with acute treatment and, for frequent attacks, prevention.

## Acute treatment

- Offer a triptan combined with an NSAID or with paracetamol at the start of the headache.
- Do not offer opioids for the acute treatment of migraine.

## Prevention

- For frequent or long-lasting attacks, consider propranolol or topiramate, starting at a low dose.
- Chronic migraine is headache on 15 or more days a month for more than 3 months.
- Review the need for prevention after 6 months.

## Referral

- Refer urgently if the pattern of headache changes or neurological signs appear.
"""


def test_options_for_a_part_of_a_guideline_are_its_section_read_whole(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"migraine.md": MIGRAINE})
    answer = engine.ask("What are the treatment options for chronic migraine?")
    assert "propranolol or topiramate" in answer.text  # the options, though they do not say "chronic"
    assert "triptan" not in answer.text  # not the whole guideline


def test_a_request_for_a_summary_is_an_overview_question(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"migraine.md": MIGRAINE})
    answer = engine.ask("Summarise the migraine guidance for me.")
    assert answer.text.splitlines()[0].startswith("- Most people with migraine are managed in primary care")
    # then one statement of each section, in the document's order
    assert answer.text.index("Offer a triptan") < answer.text.index("Prevention:") < \
        answer.text.index("Referral:")
    # a section is quoted by its recommendation, not by the definition that shares more words with the question
    assert "consider propranolol or topiramate" in answer.text and "Chronic migraine is" not in answer.text


# a NICE-style text: the page's chrome before the summary, sections numbered in capitals
OTITIS_EXTERNA = """Acute otitis externa: antimicrobial prescribing

Guidance for primary care Published: 3 March 2025

OVERVIEW

This guidance covers the treatment of acute otitis externa in adults and children.

RECOMMENDATIONS

1.1 ASSESSMENT
1.1.1 Examine the ear canal and ask about swimming, trauma and hearing aids.
1.1.2 Do not take a swab routinely.

1.2 TREATMENT
1.2.1 Offer acetic acid 2% ear spray for mild otitis externa.
1.2.2 Offer a topical antibiotic with a corticosteroid for moderate otitis externa.
1.2.3 DO NOT OFFER ORAL ANTIBIOTICS FOR UNCOMPLICATED OTITIS EXTERNA

1.3 REFERRAL
1.3.1 Refer to ENT if the canal is too swollen for drops to enter.
"""


def test_numbered_sections_in_capitals_head_their_recommendations_and_chrome_is_no_summary(tmp_path,
                                                                                           embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"otitis-externa.txt": OTITIS_EXTERNA})
    sections = {meta.get("section", "") for _, _, meta in engine.index.catalog.records()}
    assert {"RECOMMENDATIONS › 1.1 ASSESSMENT", "RECOMMENDATIONS › 1.2 TREATMENT",
            "RECOMMENDATIONS › 1.3 REFERRAL"} <= sections
    answer = engine.ask("How is acute otitis externa managed?")
    lines = answer.text.splitlines()
    assert "Published" not in answer.text and lines[0].startswith("- OVERVIEW: this guidance covers")
    assert any("acetic acid" in line for line in lines) and any("ENT" in line for line in lines)
    # a recommendation written in capitals is a statement, not a heading
    assert not any("DO NOT OFFER" in section for section in sections)
    assert "DO NOT OFFER ORAL ANTIBIOTICS" in engine.ask("Should I give oral antibiotics for otitis externa?").text


GOUT = """# Chronic gout: urate-lowering treatment

Clinical practice summary for primary care teams.

Long-term urate-lowering therapy with allopurinol prevents gout flares and tophi when the serum urate is kept below 360 µmol/L.

## Starting treatment

- Do not start allopurinol at a full dose, because of the risk of hypersensitivity.
- Start allopurinol at 100 mg daily and increase by 100 mg every 4 weeks until the urate target is reached.

## Flare prophylaxis

- Avoid stopping urate-lowering therapy during a flare.
- Offer colchicine 500 micrograms twice daily for the first 6 months of urate-lowering therapy.

## Monitoring

- Measure serum urate every 4 weeks while the dose is being increased.

## Other urate-lowering drugs

- Offer febuxostat if allopurinol is not tolerated; avoid febuxostat in people with established cardiovascular disease.
- Consider a uricosuric drug only with specialist advice.
"""


def test_an_overview_opens_with_the_summary_and_gives_each_section_s_option(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"gout.md": GOUT})
    answer = engine.ask("How is chronic gout managed long term?")
    lines = answer.text.splitlines()
    assert lines[0].startswith("- Long-term urate-lowering therapy with allopurinol")  # not the page's line
    assert "100 mg daily" in answer.text and "500 micrograms" in answer.text  # what to do, not what not to
    assert "Offer febuxostat" in answer.text  # an option with a caution after it is still an option


PLEURISY = """# Acute pleuritic chest pain in primary care

Scope: this guideline covers adults aged 18 and over presenting to primary care with pleuritic chest pain.

Pleuritic chest pain has many causes; most are benign, but pulmonary embolism and pneumothorax must be excluded.

## Assessment
- Use the PERC rule in adults under 50 with a low clinical probability of pulmonary embolism.
- Arrange a same-day chest X-ray for adults with a suspected pneumothorax.

## Treatment
- Offer ibuprofen 400 mg three times daily for viral pleurisy, for up to 7 days.
- Offer paracetamol 1 g four times daily to adults who cannot take an NSAID.

## Follow-up
- Review adults whose pain has not settled within 2 weeks.

Approved by the Drugs and Therapeutics Committee, March 2025.
"""


def test_what_a_document_says_of_itself_answers_no_clinical_question_first(tmp_path, embedder) -> None:
    """A scope note ("Scope: this guideline covers adults aged 18 and over ...") or a byline is no summary and no
    answer: an overview opens with the statement on the condition, and a case of pleuritic pain with advice, though
    the note holds the case's words and age. Asked what the guideline covers, the note answers."""
    from app.answer.scope import about_the_document
    assert about_the_document("Applies to adults aged 16 and over with suspected meningitis.")
    assert about_the_document("Practice Notes · Reviewed February 2025")
    assert not about_the_document("Offer ibuprofen 400 mg three times daily for viral pleurisy.")
    # advice that opens like a scope note is advice; a review date in days is no byline
    for advice in ("Applies to adults with a penicillin allergy: use clarithromycin with metronidazole instead.",
                   "It is intended for short-term use only, max 4 weeks", "Aimed at a target INR of 2.5",
                   "Should be reviewed in 2 weeks",
                   # a patient page's advice, in the words its introduction uses
                   "This page tells you to call 999 if your child struggles to breathe.",
                   "This leaflet explains that most chest infections get better without antibiotics."):
        assert not about_the_document(advice), advice
    for note in ("It covers the recognition and treatment of hypoglycaemia in adults.", "Last reviewed: 03/2024",
                 "This guideline is for healthcare professionals who prescribe for people with eczema.",
                 "Version 3.1, published 12 January 2023",
                 # a patient page's own introduction
                 "This page explains what it is, how you can treat it yourself and when to get help.",
                 "This leaflet tells you about your operation and how to prepare for it."):
        assert about_the_document(note), note
    assert not about_the_document("The rash describes a ring that spreads outwards.")
    assert not about_the_document("It covers anaerobes and most gram-negative organisms.")
    engine = engine_over(tmp_path, embedder, {"pleurisy.md": PLEURISY})
    first = engine.ask("How is acute pleuritic chest pain managed in primary care?").text.splitlines()[0]
    assert "many causes" in first, first
    first = engine.ask("58F in primary care with pleuritic chest pain for 2 days. Plan?").text.splitlines()[0]
    assert "Scope" not in first, first
    first = engine.ask("Which patients does the pleuritic chest pain guideline cover?").text.splitlines()[0]
    assert "Scope" in first or "aged 18" in first, first
