"""A case that closes with a short question ("... urate high last year. What's first line?"): the case's words
find the presentation and the diagnosis; the ask, about the document they led to, finds the treatment too.
The document is written for this test; none of its wording is in the engine."""

from __future__ import annotations

from pathlib import Path

from app.answer.engine import vignette_ask
from tests.conftest import engine_over

GOUT = """# Acute gout

## Presentation

- A gout flare presents with a hot, red, swollen joint, most often the big toe, reaching its worst within 24 hours.
- The pain is often so severe that the weight of a bed sheet on the toe cannot be tolerated.

## Diagnosis

- Diagnose gout clinically in a person with a hot swollen first metatarsophalangeal joint and a raised serum urate.
- Measure the serum urate at least 2 weeks after the flare has settled, as it may be normal during a flare.

## Differential diagnosis

- Consider septic arthritis in anyone with a hot swollen joint and fever, and aspirate the joint.

## Treatment of a flare

- Offer colchicine 500 micrograms two to four times a day, or an NSAID with a proton pump inhibitor, first-line.
"""


def test_the_ask_of_a_case_is_its_closing_short_question() -> None:
    assert vignette_ask("Elderly lady, dizzy when she rolls over. Hallpike positive. What's first line?") == \
        "What's first line?"
    assert vignette_ask("78M day 2 post hip op, pulling at his lines - what now?") == "what now?"
    assert vignette_ask("What is the dose of colchicine for a flare?") is None  # one sentence: no case
    assert vignette_ask("She has had a flare. She is on warfarin.") is None  # no question
    long = "He is 80. Can I give colchicine at the full dose even though his kidney function is reduced and frail?"
    assert vignette_ask(long) is None  # a long closing question carries its own subject


def test_a_case_finds_the_passage_its_ask_is_about(tmp_path: Path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"gout.md": GOUT})
    case = "55M, hot swollen big toe since last night, can't bear the bed sheet on it, urate high last year. " \
           "What's first line?"
    found = engine.assess(case, k=2)
    assert any("Treatment" in p.section for p in found.passages)


def test_whether_a_case_is_answered_is_judged_by_its_ask_too(tmp_path: Path, embedder) -> None:
    """The statements are ranked by the whole case (unless its ask names what it wants: tests/test_amounts.py),
    but the score that clears the bar is the better of the case and its ask about the document: "Toe throbbing
    since yesterday ... What do I give?" shares little with "Offer colchicine ..." as a whole. The bars on
    meaning still read the case: a condition no document names is refused though the ask, about the document
    retrieval found, is close to it."""
    engine = engine_over(tmp_path, embedder, {"gout.md": GOUT})
    assert not engine.ask("Toe throbbing since yesterday, swollen and shiny. What do I give?").abstained
    assert engine.ask("Swollen knee after a tick bite, Lyme disease suspected. What do I give?").abstained


STROKE = """# Minor stroke

- Offer dual antiplatelet therapy with clopidogrel and aspirin for 21 days after a minor ischaemic stroke.
- Then continue clopidogrel 75 mg daily alone.
"""


def test_an_abbreviation_spelled_out_in_the_documents_words_is_no_unknown_drug(tmp_path: Path, embedder) -> None:
    """"DAPT" is also a name in the drug dictionary; spelled out as the guideline's "dual antiplatelet therapy"
    it is that therapy, not a drug no document names."""
    engine = engine_over(tmp_path, embedder, {"stroke.md": STROKE})
    found = engine.assess("Minor stroke yesterday. Should he get DAPT, and for how long?")
    assert "dual antiplatelet therapy" in found.standalone.lower() and found.evidence.unknown_drugs == ()
    assert not engine.ask("Minor stroke yesterday. Should he get DAPT, and for how long?").abstained


def test_a_finding_no_document_names_is_the_case_s_when_it_names_a_known_condition(tmp_path: Path, embedder) -> None:
    """A word for a condition no document names, in the description of a patient whose condition the documents
    do name, only describes the patient ("Gout again, toenails crumbling with onychomycosis ..."); in the ask, or in
    a case that names no condition the documents know, it is what the question is about."""
    engine = engine_over(tmp_path, embedder, {"gout.md": GOUT})
    assert not engine.ask("Gout again, toenails crumbling with onychomycosis, wife says he drank a lot at the "
                          "wedding. What's first line?").abstained
    assert engine.ask("Gout under control. Now thickened toenails. What's first line for onychomycosis?").abstained
    # a second diagnosis the case gives the patient is what a bare ask is about
    assert engine.ask("Known gout, now has pityriasis rosea. What cream?").abstained
    assert engine.ask("Thickened yellow toenails, onychomycosis on clipping. What's first line?").abstained


def test_a_drug_no_document_names_in_a_case_s_list_of_medicines_refuses_its_ask(tmp_path: Path, embedder) -> None:
    """"What dose?" after a case on a medicine the documents never name may ask about it, or about the
    treatment given beside it; either way the documents say nothing of the two together (colchicine and
    ciclosporin interact), so the colchicine dose is not given as the answer."""
    engine = engine_over(tmp_path, embedder, {"gout.md": GOUT})
    for question in ("70F, hot swollen big toe overnight, on ciclosporin after a transplant. What dose?",
                     "Gout flare in a man on tacrolimus. What regimen?"):
        found = engine.assess(question)
        assert found.evidence.unknown_drugs, question
        assert engine.ask(question).abstained, question


GOUT_FLARE = """# Acute gout in primary care

## Diagnosis
- Suspect gout in a person with a hot, swollen, painful first metatarsophalangeal joint that reached its worst within 24 hours.
- Measure the serum urate at least 2 weeks after the flare has settled, because it may be normal during a flare.
- Consider joint aspiration when septic arthritis is possible, especially with fever or a prosthetic joint.
- A serum urate above 360 micromol/L supports the diagnosis but does not prove it.

## Treatment of a flare
- Offer colchicine 500 micrograms two to four times a day, or naproxen 500 mg twice daily with a proton pump inhibitor, as first treatment of a gout flare.
- Consider a short course of oral prednisolone 30 mg once daily for 5 days when colchicine and NSAIDs are unsuitable.
"""


def test_a_question_asking_which_treatment_puts_a_statement_naming_a_medicine_first(tmp_path, embedder) -> None:
    """"Which medication first?" closing a case whose words match the diagnosis statements: the statement that
    names a medicine the documents write is of the asked shape, and comes first."""
    from app.answer.extractive import asks_for_treatment
    assert asks_for_treatment("Gout flare, no fever. Which medication first?")
    assert asks_for_treatment("Green sputum. Antibiotic choice?") and asks_for_treatment("What do I give?")
    assert not asks_for_treatment("What is the dose of colchicine?") and not asks_for_treatment("Is it gout?")
    # the clinician's short forms of the medicine nouns
    assert asks_for_treatment("Febrile, neutrophils 0.3. Which abx, and how fast?")
    assert asks_for_treatment("Sore knee after a fall. What meds can she take?")
    # the first line may be an operation or advice: not only a statement naming a medicine answers it
    assert not asks_for_treatment("Ectopic, hCG 6200, mass 40 mm. What's first line?")
    engine = engine_over(tmp_path, embedder, {"gout.md": GOUT_FLARE})
    answer = engine.ask("Gout flare, urate 520, no fever. Which medication first?")
    assert "colchicine" in answer.text.split("\n")[0], answer.text


LEG_CELLULITIS = """# Cellulitis in adults

## Treatment
- Offer flucloxacillin 500 mg to 1 g four times daily for 5 to 7 days for non-severe cellulitis.
- Offer clarithromycin 500 mg twice daily if the person is allergic to penicillin.
- Mark the edge of the redness to see whether it spreads.
- Review the antibiotic choice when swab results are available.

## Referral
- Admit people with signs of sepsis or rapidly spreading infection.
"""


def test_a_condition_of_the_case_beside_a_drug_asked_is_still_what_it_is_asked_for(tmp_path: Path, embedder) -> None:
    """A condition word no document has, in the case of a question whose ask names a drug the documents name, is
    the indication the dose is asked for: "Farmer with brucellosis. What flucloxacillin dose?" is not answered by
    the cellulitis dose, nor is the condition the case says it is worried about; in the ask it is refused too."""
    engine = engine_over(tmp_path, embedder, {"cellulitis.md": LEG_CELLULITIS})
    for refused in ("Farmer with brucellosis. What flucloxacillin dose?",
                    "Man with actinomycosis of the jaw. How long should flucloxacillin be given?",
                    "Red hot shin, I'm worried about erysipeloid. Which antibiotic?",
                    "Red hot shin - what dose of flucloxacillin for his erysipeloid?"):
        answer = engine.ask(refused)
        assert answer.abstained, (refused, answer.text)
