"""A follow-up inherits its topic, so the statements found for it are on that topic whatever it adds: what its
own words add must be somewhere in the documents. The document is written for this test (Bell's palsy); none
of its wording is in the engine."""

from __future__ import annotations

import pytest

from app.answer.engine import Engine
from tests.conftest import engine_over

PALSY = """# Bell's palsy in adults

- Offer prednisolone 50 mg once daily for 10 days to adults seen within 72 hours of the onset of facial weakness.
- Protect the eye with lubricating drops by day and taping the eyelid closed at night.
- Refer to ophthalmology if the eye becomes red or painful.
- Refer to a specialist if there is no improvement after 3 weeks.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    return engine_over(tmp_path_factory.mktemp("palsy"), embedder, {"palsy.md": PALSY})


def test_a_followup_about_a_treatment_no_document_has_is_refused(engine: Engine) -> None:
    first = engine.ask("His eye is getting sore and red - who should see him?")
    assert not first.abstained
    found = engine.assess("Is moxibustion worth trying as well?", [first])
    assert found.evidence.inherited and found.evidence.novel == ("moxibustion",)
    answer = engine.ask("Is moxibustion worth trying as well?", [first])
    assert answer.abstained and "moxibustion" in answer.text


def test_a_followup_in_other_forms_of_the_documents_words_is_answered(engine: Engine) -> None:
    first = engine.ask("How is Bell's palsy treated?")
    for question in ("Which lubricant for the eye during the day?",  # the documents' "lubricating"
                     "She's tearful and photophobic - when do I refer?",  # words that describe the patient
                     # ... and the work they do, after the ask
                     "Any eye advice for the daytime? He works nights as a steeplejack."):
        found = engine.assess(question, [first])
        assert found.evidence.novel == (), question
        assert not engine.ask(question, [first]).abstained, question


def test_a_condition_a_followup_adds_is_the_patients_not_its_subject(engine: Engine) -> None:
    first = engine.ask("What dose of prednisolone for Bell's palsy?")
    found = engine.assess("And if he had diabetes?", [first])
    assert found.evidence.absent_rare == () and found.evidence.novel == ()
    assert not engine.ask("And if he had diabetes?", [first]).abstained
    # asked as its own subject, a condition no document names is still refused
    assert engine.ask("How is sarcoidosis treated?").abstained


def test_a_condition_a_followup_gives_the_patient_and_asks_how_to_treat_is_its_subject(engine: Engine) -> None:
    """"She has sarcoidosis as well. How should I treat that?" asks about the condition it adds: refused where no
    document names it, though the patient has it; asked beside the topic's own question, it stays the patient's."""
    first = engine.ask("What dose of prednisolone for Bell's palsy?")
    for question in ("She also has a dry cough and sounds like sarcoidosis. How should I treat that?",
                     "Her chest CT suggests sarcoidosis - what should I do about it?"):
        found = engine.assess(question, [first])
        assert found.evidence.absent_rare == ("sarcoidosis",), question
        assert engine.ask(question, [first]).abstained, question
    assert engine.assess("She has sarcoidosis too - same prednisolone dose?", [first]).evidence.absent_rare == ()
    # asked how to treat the condition the documents cover, the one it adds stays the patient's
    found = engine.assess("She has sarcoidosis too - how should I treat her Bell's palsy?", [first])
    assert found.evidence.absent_rare == (), found.evidence


def test_a_condition_a_followup_gives_someone_else_is_judged(engine: Engine) -> None:
    first = engine.ask("What dose of prednisolone for Bell's palsy?")
    assert not engine.ask("And if he had diabetes?", [first]).abstained  # the patient's: the topic stays
    for question in ("His sister has sarcoidosis - same prednisolone dose for her?",  # a relative's condition
                     "Another patient with sarcoidosis - is that dose right for him too?"):
        found = engine.assess(question, [first])
        assert found.evidence.absent_rare == ("sarcoidosis",), question
        assert engine.ask(question, [first]).abstained, question
    # a relative who only tells of the patient's condition; not one whose own condition it is
    assert engine.assess("His wife says he has sarcoidosis - same dose?", [first]).evidence.absent_rare == ()
    assert engine.assess("His brother has sarcoidosis - he's wondering if prednisolone would help?",
                         [first]).evidence.absent_rare == ("sarcoidosis",)


def test_a_condition_a_followup_names_without_the_patient_is_judged(engine: Engine) -> None:
    first = engine.ask("What dose of prednisolone for Bell's palsy?")
    # another condition, not the patient's: no statement is about it
    assert engine.ask("How about for Lyme disease?", [first]).abstained


def test_after_a_refusal_the_patient_is_not_what_was_refused(engine: Engine) -> None:
    """"When should I refer him?" after a refused treatment asks about the patient, from the answer before the
    refusal; a dose for him is still the refused treatment's."""
    first = engine.ask("His eye is getting sore and red - who should see him?")
    refused = engine.ask("Is moxibustion worth trying as well?", [first])
    assert refused.abstained
    follow = engine.ask("When should I send her to a specialist?", [first, refused])
    assert "moxibustion" not in follow.standalone_question.lower()
    assert not follow.abstained and "3 weeks" in follow.text
    for regimen in ("What dose would she need?", "How long would she take a course for?"):
        assert "moxibustion" in engine.standalone(regimen, [first, refused]).lower(), regimen



def test_a_name_no_dictionary_lists_is_what_a_follow_up_asks_when_it_names_nothing_else(engine: Engine) -> None:
    first = engine.ask("How is Bell's palsy treated?")
    found = engine.assess("What about Facivant?", [first])  # a brand the drug dictionary does not list
    assert found.evidence.novel == ("facivant",)
    assert engine.ask("What about Facivant?", [first]).abstained
    # beside what the documents do say, such a name is the patient's, not the question
    assert engine.assess("He already takes Facivant - how long is the prednisolone course?", [first]).evidence.novel == ()


def test_a_followup_whose_search_finds_nothing_of_its_topic_s_documents_is_judged_on_its_own(engine: Engine) -> None:
    """Inheriting a topic vouches for a follow-up only while its search finds its topic's documents: when none of
    them gives a statement (the documents it follows were removed, or it has moved to another's words), the best
    statement's score decides, as for a new question."""
    from app.answer.names import resolve

    question = "Does taping the eyelid help?"
    scored = engine.assess(question).scored
    names = resolve(question, engine.index.catalog)
    here = frozenset({scored[0].passage.doc_id})
    assert engine.evidence(question, names, scored, inherited=True, topic_docs=here).inherited
    assert not engine.evidence(question, names, scored, inherited=True, topic_docs=frozenset({"gone"})).inherited


def test_a_condition_a_followup_adds_is_judged_by_its_own_words_not_its_topic(engine: Engine) -> None:
    """The "(about Bell's palsy ...)" a follow-up inherits brings its search close to the palsy statements; the
    bar on meaning for a condition no document names reads only what the follow-up says."""
    first = engine.ask("What dose of prednisolone for Bell's palsy?")
    for question in ("And for trigeminal neuralgia?", "What about hemifacial spasm?"):
        found = engine.assess(question, [first])
        assert found.evidence.inherited and found.evidence.absent_rare, question
        assert found.evidence.best_similarity >= found.evidence.own_similarity, question
        assert engine.ask(question, [first]).abstained, question


def test_a_plural_the_stemmer_leaves_apart_from_its_singular_is_the_documents_word(tmp_path, embedder) -> None:
    """The keyword index stems "bolus" to "bolu" and "boluses" to "bolus": the follow-up's plural is still there."""
    shock = """# Septic shock: the first hour

- Give a 500 mL crystalloid bolus over 15 minutes and reassess perfusion after each one.
- Start noradrenaline if the mean arterial pressure stays below 65 mmHg after 30 mL/kg of fluid.
"""
    engine = engine_over(tmp_path, embedder, {"shock.md": shock})
    first = engine.ask("How much fluid should I give in septic shock?")
    found = engine.assess("He's had three boluses and is still hypotensive - what next?", [first])
    assert found.evidence.inherited and found.evidence.novel == (), found.evidence


def test_a_substance_a_followup_asks_about_is_judged_though_its_topic_names_a_drug(engine: Engine) -> None:
    """A substance beside a medicine the question itself names is what the patient met; one a follow-up asks
    about alone is its subject, though the topic it inherited names prednisolone: "ginkgo" is in no document."""
    first = engine.ask("Prednisolone dose for Bell's palsy?")
    assert not first.abstained and "50 mg" in first.text, first.text
    answer = engine.ask("Her husband swears by ginkgo tablets for the nerve - any evidence for those?", [first])
    assert answer.abstained and "ginkgo" in answer.text, answer.text


ANAPHYLAXIS_CHILDREN = """# Anaphylaxis in children

## Adrenaline
- Give intramuscular adrenaline 10 micrograms/kg (0.01 mL/kg of 1 mg/mL), maximum 500 micrograms, into the thigh.
- Use an auto-injector of 150 micrograms for a child of 15 to 30 kg, and 300 micrograms from 30 kg.
- Repeat the dose after 5 minutes if there is no improvement.
"""


def test_a_form_the_medicine_is_made_up_in_is_no_subject_the_documents_lack(tmp_path, embedder) -> None:
    """"ampoule" is in no document, but it says how the adrenaline is given, not what is asked about; a word
    naming something else that no document has still refuses."""
    from app.answer.engine import Conversation

    chat = Conversation(engine_over(tmp_path, embedder, {"anaphylaxis.md": ANAPHYLAXIS_CHILDREN}))
    assert not chat.ask("Child of 22 kg with anaphylaxis after a wasp sting - which auto-injector?").abstained
    follow = chat.ask("If we draw it up from an ampoule instead, how much?")
    assert not follow.abstained, follow.text
    assert chat.ask("Any role for omalizumab afterwards?").abstained


MIGRAINE_PREVENTION = """# Preventing migraine in adults

- Offer propranolol 80 mg daily, increased to 160 mg daily if needed, to prevent migraine.
- Topiramate 25 mg daily, increased by 25 mg each week to 50 mg twice daily, is an alternative to propranolol.
- Amitriptyline 10 mg at night, increased to 25 to 75 mg, may be used if propranolol and topiramate are unsuitable.
- Review a preventive medicine after 3 months, and consider stopping it after 6 to 12 months of good control.
"""


def test_a_drug_the_patient_has_already_tried_is_no_reason_to_refuse_what_comes_next(tmp_path, embedder) -> None:
    """"She has tried pizotifen ... What next?" asks for another medicine: that the guideline never names the one
    she tried says nothing about whether it covers the next one. Asked about again, it is the subject."""
    engine = engine_over(tmp_path, embedder, {"migraine.md": MIGRAINE_PREVENTION})
    first = engine.ask("34F, 6 migraines a month despite triptans. She has tried pizotifen, no better. What next?")
    assert not first.abstained
    assert "propranolol" in first.text.lower()
    assert engine.ask("She has tried propranolol. Would pizotifen be better?").abstained


def test_a_word_the_documents_write_as_two_is_no_word_they_lack(tmp_path, embedder) -> None:
    """The guideline writes "shock wave therapy"; a clinician writes "shockwave": the follow-up asks about what
    the documents speak of, not something they never mention."""
    engine = engine_over(tmp_path, embedder, {"heel.md": """# Plantar heel pain in adults

- Offer calf and plantar fascia stretches and supportive footwear first.
- Consider extracorporeal shock wave therapy if pain persists after 6 months of conservative treatment.
- Do not offer surgery before 12 months of conservative treatment.
"""})
    first = engine.ask("55M with plantar heel pain for 8 months despite stretches. Options?")
    follow = engine.ask("What about shockwave while he waits?", [first])
    assert not follow.abstained, follow.text
    assert "shock wave" in follow.text


ACNE_ROSACEA = """# Rosacea in adults

## Treatment
- Offer topical ivermectin 1% cream once a day for up to 16 weeks for papules and pustules.
- Offer oral doxycycline 40 mg modified-release once a day for moderate to severe papulopustular rosacea.
- Advise a high-factor sunscreen every day and avoiding triggers such as hot drinks, alcohol and spicy food.

## Skin care
- Advise gentle, fragrance-free cleansers and moisturisers; rough skin is common and is not a sign of infection.
"""


def test_what_a_follow_up_says_of_the_patient_is_no_reason_to_refuse(tmp_path, embedder) -> None:
    """A follow-up's uncommon word that says who the patient is or what they are like ("She's a phlebotomist",
    "her skin is like pumice"), who they saw ("her dermatologist") or the form a medicine comes in ("the
    doxycycline wafers") is not a thing no document names: it is no reason to refuse what the guideline answers;
    a treatment no document names still is."""
    from tests.test_followup_topic import HEEL, LICE

    engine = engine_over(tmp_path, embedder, {"rosacea.md": ACNE_ROSACEA, "heel.md": HEEL, "lice.md": LICE})
    first = engine.ask("Papules and pustules on her cheeks and nose - rosacea. What cream should she use?")
    assert not first.abstained
    for said in ("She's a phlebotomist and her skin is like pumice by the evening. What should she wash with?",
                 "Her dermatologist wants something by mouth - what dose of doxycycline?",
                 "Can she take the doxycycline pastilles with food?"):
        follow = engine.ask(said, [first])
        assert not follow.abstained, (said, follow.text)
    assert engine.ask("Would omiganan gel help her instead?", [first]).abstained


def test_the_work_a_patient_does_is_said_of_them_not_a_treatment_that_works_as_another() -> None:
    from app.answer.engine import _said_of_them

    assert _said_of_them("steeplejack", "Any advice? He works nights as a steeplejack.")
    assert not _said_of_them("tarsorrhaphy", "Does a moisture chamber work as well as a tarsorrhaphy?")
    assert not _said_of_them("second", "Does bevacizumab work as a second-line agent?")
