"""A word that is one slip of the keyboard from a word the documents write is read as that word."""

from __future__ import annotations

from app.answer.spelling import distance, meant, respelt
from tests.conftest import engine_over


def test_the_edits_between_two_words() -> None:
    assert distance("lithuim", "lithium") == 1  # two letters swapped
    assert distance("amoxicilin", "amoxicillin") == 1
    assert distance("pregant", "pregnant") == 1
    assert distance("gabapentn", "gabapentin") == 1
    assert distance("prednisone", "prednisolone") == 2


def test_the_word_meant_is_the_one_closest_and_alone() -> None:
    written = {"tonsillectomy": 3, "tonsillitis": 9, "tonsils": 4}
    assert meant("tonsilectomy", written) == "tonsillectomy"
    assert meant("tonsilitis", written) == "tonsillitis"
    assert meant("tonsurectomy", written) is None  # too far from any
    assert meant("sertralin", {"sertraline": 2, "sertraline's": 1}) == "sertraline"
    assert meant("carbamates", {"carbamazepine": 1}) is None
    assert meant("metforman", {"metformin": 2, "metforman's": 1}) == "metformin"  # one only, once lower-cased
    assert meant("cefalex", {"cefalexin": 1, "cefaclor": 1}) is None  # short: one edit only; two at two: unknown


def test_only_a_word_no_document_and_no_dictionary_has_is_respelt() -> None:
    documents = {"gabapentin": 4, "gabapentinoids": 1, "prednisolone": 3}
    present = lambda words: {w: w in documents for w in words}  # noqa: E731
    completions = lambda prefix, limit: {w: n for w, n in documents.items() if w.startswith(prefix)}  # noqa: E731
    known = lambda word: word in {"prednisone", "started"}  # noqa: E731
    assert respelt("Started gabapentn 300 mg, and prednisone. Gabapentin dose?", present, completions, known) == \
        {"gabapentn": "gabapentin"}


NEURALGIA = """# Postherpetic neuralgia

## Treatment
- Offer amitriptyline, duloxetine, gabapentin or pregabalin as the first treatment.
- Start gabapentin at 300 mg at night and increase by 300 mg every 3 days to 1800 mg a day in divided doses.
- Lidocaine plasters may help pain in a small area of skin.
"""


def test_a_misspelt_drug_is_answered_as_the_drug_and_shown_so(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"phn.md": NEURALGIA})
    answer = engine.ask("Burning pain months after a herpes zoster rash. What dose of gabapentn?")
    assert not answer.abstained and "300 mg at night" in answer.text, answer.text
    assert "gabapentn (gabapentin)" in answer.standalone_question


def test_a_word_as_close_to_a_word_of_the_dictionaries_is_not_respelt() -> None:
    written = {"clobetasone": 2, "dysphagia": 3}
    assert meant("clobetasole", written) == "clobetasone"
    assert meant("clobetasole", written, {"clobetasol", "clobetasone"}) is None  # the drug the documents never name
    assert meant("dysphasic", written, {"dysphasia", "dysphagia"}) is None
    assert meant("clobetasonne", written, {"clobetasol", "clobetasone"}) == "clobetasone"  # nearer theirs


ECZEMA = """# Atopic eczema in children

## Topical corticosteroids
- Use a mild topical corticosteroid such as hydrocortisone 1% for the face and neck.
- Use a moderate topical corticosteroid such as clobetasone butyrate 0.05% for 7 to 14 days for flares on the body.
- Swallowing problems are not a feature of eczema; a child with dysphagia needs another explanation.
"""


def test_a_slip_that_may_be_another_drug_is_not_read_as_the_documents_one(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"eczema.md": ECZEMA})
    assert engine.respelt("How long can he use clobetasole on his legs?") == \
        "How long can he use clobetasole on his legs?"  # clobetasol propionate is a far stronger steroid
    assert engine.respelt("He is dysphasic after the stroke. Eczema cream?") == \
        "He is dysphasic after the stroke. Eczema cream?"
    assert engine.respelt("How long can he use clobetasonne?") == "How long can he use clobetasonne (clobetasone)?"
