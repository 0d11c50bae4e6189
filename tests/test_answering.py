"""The answering redesign on documents a user adds: names, follow-ups, abstention, the direct answer first.

The added document here is written for these tests (heart failure, British spelling, generic drug names
only); none of its wording is in the engine.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.answer.abstain import ANSWER_SCORE, Evidence, judge
from app.answer.engine import Conversation, Engine
from app.answer.extractive import score
from app.answer.followup import SubjectVocabulary, Topic, rewrite, topic_of
from app.answer.settings import Settings
from app.answer.statements import Candidate
from app.answer.text import stem
from app.answer.types import Passage
from ingest.pipeline import ingest
from ingest.settings import IndexSettings
from ingest.types import Statement
from tests.conftest import CORPUS, engine_over, write

HEART_FAILURE = """---
title: Chronic heart failure with reduced ejection fraction
---
## Diagnosis

- Physical examination should look for a raised jugular venous pressure and peripheral oedema [1].
- Measure N-terminal pro-B-type natriuretic peptide in adults with suspected heart failure [1].
- Echocardiography confirms a reduced ejection fraction of 40% or less [1].
- Refer adults with heart failure with reduced ejection fraction to a specialist team [1].

## First-line treatment

- Offer sacubitril-valsartan in place of an ACE inhibitor when symptoms of heart failure with reduced ejection fraction persist [2].
- Furosemide relieves breathlessness and oedema from fluid overload [1].
- Start bisoprolol at 1.25 mg once daily and increase it every 2 weeks [2].

## Not recommended

- Diltiazem and verapamil should not be used because they worsen heart failure [1].

## References

1. National Guideline Centre. Chronic heart failure in adults: diagnosis and management. NICE NG106. 2018.
2. McMurray JJ, et al. Angiotensin-neprilysin inhibition versus enalapril in heart failure. N Engl J Med. 2014;371:993-1004.
"""


@pytest.fixture(scope="module")
def added_engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    """The shipped corpus plus one added guideline, in an index of its own."""
    base = tmp_path_factory.mktemp("added")
    settings = IndexSettings(index_dir=base / "index", corpus_dir=base / "corpus")
    write(settings.corpus_dir / "hf.md", HEART_FAILURE)
    nih = sorted(p for p in CORPUS.glob("medlineplus-*.md"))[:3]
    for path in nih:
        write(settings.corpus_dir / path.name, path.read_text())
    report = ingest(settings, [settings.corpus_dir], embedder)
    assert not report.failed
    return Engine(Settings(index=settings), embedder=embedder)


def test_brand_name_resolves_to_the_generic_the_document_uses(added_engine: Engine) -> None:
    answer = added_engine.ask("What is the Lasix used for in heart failure?")
    assert not answer.abstained
    assert "furosemide" in answer.standalone_question.lower()  # shown in the standalone query
    assert "oedema" in answer.text


def test_american_spelling_finds_the_british_one(added_engine: Engine) -> None:
    answer = added_engine.ask("Which drug helps edema from fluid overload?")
    assert not answer.abstained and "Furosemide" in answer.text


def test_a_drug_no_document_names_is_refused_though_the_topic_matches(added_engine: Engine) -> None:
    answer = added_engine.ask("What dose of spironolactone should be used in heart failure?")
    assert answer.abstained and "spironolactone" in answer.text


def test_an_allergen_beside_a_named_medicine_is_what_the_patient_met_not_the_question(added_engine: Engine) -> None:
    """The drug dictionary also lists allergen extracts and foods (a DrugBank id and nothing else): "allergic to
    shrimp" beside bisoprolol, which the guideline names, is no unknown drug. Alone, such an entry is still the
    subject, and absent: an antibody listed with no medicine page is refused like any unnamed drug."""
    found = added_engine.assess("He is allergic to shrimp and walnuts - how should bisoprolol be started?")
    assert found.evidence.unknown_drugs == ()
    assert not added_engine.ask("He is allergic to shrimp and walnuts - how should bisoprolol be started?").abstained
    assert added_engine.assess("Is nirsevimab used in heart failure?").evidence.unknown_drugs == ("nirsevimab",)


def test_a_negation_is_quoted_whole(added_engine: Engine) -> None:
    answer = added_engine.ask("Can I give verapamil to a patient with heart failure?")
    assert "should not be used" in answer.text.splitlines()[0]


def test_a_document_marker_never_collides_with_the_answer_markers(added_engine: Engine) -> None:
    answer = added_engine.ask("How should bisoprolol be started?")
    assert "1.25 mg" in answer.text.splitlines()[0]
    assert "[2]" not in answer.text.splitlines()[0].rsplit("[", 1)[0]  # only the answer's own marker


def test_a_new_subject_from_any_document_is_not_inherited(engine: Engine) -> None:
    chat = Conversation(engine)
    chat.ask("Is kyphoplasty recommended?")
    answer = chat.ask("What causes rickets?")
    assert answer.standalone_question == "What causes rickets?"


def test_a_followup_inherits_an_added_documents_subject(added_engine: Engine) -> None:
    chat = Conversation(added_engine)
    chat.ask("What should be offered instead of an ACE inhibitor when symptoms persist?")
    answer = chat.ask("Which trial supports it?")
    assert "sacubitril" in answer.standalone_question.lower() or "ace" in answer.standalone_question.lower()


def test_a_pronoun_before_a_newly_named_drug_is_still_the_old_subject(added_engine: Engine) -> None:
    chat = Conversation(added_engine)
    chat.ask("What starting dose of bisoprolol?")
    answer = chat.ask("Is it safer than diltiazem?")
    assert "bisoprolol" in answer.standalone_question.lower() and "diltiazem" in answer.standalone_question.lower()
    assert "Diltiazem and verapamil should not be used" in answer.text


def test_a_drug_named_earlier_outlives_a_turn_about_something_else() -> None:
    vocabulary = SubjectVocabulary(["Gout › Flare Treatment", "Gout › Renal Function"], ["Gout in adults"],
                                   ["allopurinol", "potassium"])
    # the subject of a turn that named nothing itself is what it inherited, not what an abbreviation spells
    assert topic_of("And if her K (potassium) is high? (about allopurinol dose)", [], vocabulary).subject \
        == "allopurinol"
    # a drug the turn named is the subject rather than a heading it also touched
    assert topic_of("For a flare, what is the Zyloprim (allopurinol) dose?", [], vocabulary).subject == "allopurinol"


def test_a_question_about_the_source_after_a_quoted_reference_is_about_that_reference(added_engine: Engine) -> None:
    chat = Conversation(added_engine)
    first = chat.ask("Which paper compared angiotensin-neprilysin inhibition with enalapril?")
    assert first.citations[0].passage.kind == "reference"
    answer = chat.ask("In which journal did it appear?")
    assert "angiotensin-neprilysin" in answer.standalone_question.lower()
    assert "N Engl J Med" in answer.text.splitlines()[0]


def test_it_is_never_replaced_by_a_subject_in_the_plural() -> None:
    """"She keeps coughing it up" after a heading about people ("Adults over 65 with pneumonia", "Women after
    delivery") keeps its "it": the heading is the topic's context, not what "it" is."""
    vocabulary = SubjectVocabulary(["Iron deficiency › Women after delivery"], ["Iron deficiency"], [])
    out = rewrite("She keeps bringing it back up.", Topic("Women after delivery", ["iron"]), vocabulary)
    assert out.startswith("She keeps bringing it back up.") and "Women after delivery" in out
    # a singular subject still takes it
    out = rewrite("Is it safe?", Topic("Ferrous sulfate", ["iron"]), vocabulary)
    assert out.startswith("Is Ferrous sulfate safe?")


def test_a_subject_told_apart_by_a_letter_or_number_is_named_only_word_for_word() -> None:
    vocabulary = SubjectVocabulary([], ["Vitamin K deficiency bleeding"], ["b vitamins", "vitamin c", "vitamin k"])
    assert vocabulary.find("Should a newborn get vitamin K?") == ["vitamin k"]
    assert vocabulary.find("Is vitamin C safe in pregnancy?") == ["vitamin c"]
    topic = topic_of("How much vitamin K does a newborn need?", [], vocabulary)
    assert topic.subject == "vitamin k"


def test_an_idiom_with_its_keeps_it_and_the_pronoun_takes_the_subject() -> None:
    vocabulary = SubjectVocabulary(["Scurvy › Treatment"], ["Scurvy"], ["vitamin c"])
    topic = topic_of("Is vitamin C given for scurvy?", [], vocabulary)
    assert rewrite("Does it work on its own?", topic, vocabulary).startswith("Does vitamin c work on its own?")
    # a title is carried as context, not put in the pronoun's place, also before an item the question names
    topic = topic_of("How is scurvy treated?", [], vocabulary)
    assert rewrite("Does it ever resolve on its own?", topic, vocabulary).startswith(
        "Does it ever resolve on its own? (about Scurvy")
    assert rewrite("Is it as quick as vitamin C?", topic, vocabulary).startswith(
        "Is it as quick as vitamin C? (about Scurvy")


def test_a_dummy_it_or_a_determiner_does_not_take_the_old_subject() -> None:
    vocabulary = SubjectVocabulary([], [], ["bisoprolol", "ibuprofen", "naproxen"])
    topic = topic_of("What starting dose of bisoprolol?", [], vocabulary)
    assert rewrite("Is it safe to take ibuprofen?", topic, vocabulary).startswith("Is it safe to take ibuprofen?")
    assert rewrite("What does this guideline say about naproxen?", topic, vocabulary).startswith(
        "What does this guideline say about naproxen?")
    assert rewrite("Is it safer than naproxen?", topic, vocabulary).startswith("Is bisoprolol safer than naproxen?")


def test_a_marked_heading_is_still_named_by_its_other_words() -> None:
    vocabulary = SubjectVocabulary(["Osteoporosis › Calcium and vitamin D"], [], [])
    assert vocabulary.find("How much calcium is enough?") == ["Calcium and vitamin D"]
    assert vocabulary.find("How much vitamin B is enough?") == []


def test_another_question_on_the_same_topic_keeps_it(added_engine: Engine) -> None:
    chat = Conversation(added_engine)
    chat.ask("What starting dose of bisoprolol?")
    answer = chat.ask("Another question: how often is it increased?")
    assert "bisoprolol" in answer.standalone_question.lower()


def test_a_new_topic_is_judged_on_its_own_score(added_engine: Engine) -> None:
    chat = Conversation(added_engine)
    assert not chat.ask("What starting dose of bisoprolol?").abstained
    assert chat.ask("Different question: what should I cook for dinner tonight?").abstained


@pytest.mark.parametrize("cue", ["Different question: ", "New topic - ", "Unrelated question, ", "Unrelated: "])
def test_the_user_saying_the_topic_changes_keeps_nothing_of_it(added_engine: Engine, cue: str) -> None:
    chat = Conversation(added_engine)
    chat.ask("What starting dose of bisoprolol?")
    answer = chat.ask(f"{cue}what relieves breathlessness?")
    assert answer.standalone_question == "What relieves breathlessness?"
    assert "Furosemide" in answer.text.splitlines()[0]


def test_a_followup_quotes_the_asked_facet_first_not_every_statement_on_the_subject(engine: Engine) -> None:
    chat = Conversation(engine)
    chat.ask("Does calcitonin help acute pain?")
    answer = chat.ask("What are its side effects?")
    first = answer.text.splitlines()[0]
    assert "dizziness" in first
    assert "nasal spray" not in answer.text  # a statement that only shares the subject


def test_an_overview_question_gets_the_summary_then_the_options_in_document_order(engine: Engine) -> None:
    answer = engine.ask("What are the treatment options for compression fracture pain?")
    lines = [ln for ln in answer.text.splitlines() if ln.startswith("- ")]
    assert "Minimally invasive spinal procedures" in lines[0]  # the document's own summary
    order = [next(i for i, ln in enumerate(lines) if name in ln) for name in ("Calcitonin", "NSAIDs", "Kyphoplasty")]
    assert order == sorted(order)
    assert any(not ln.startswith("- ") and ln.endswith(":") for ln in answer.text.splitlines())  # group headings
    assert {c.passage.chunk_id for c in answer.citations} <= {p.chunk_id for p in answer.passages}


def test_statements_are_chosen_by_meaning_when_words_differ(engine: Engine) -> None:
    answer = engine.ask("Which adverse reactions does calcitonin cause?")
    assert not answer.abstained and "dizziness" in answer.text.splitlines()[0]


@pytest.mark.parametrize("question", ["What is the capital of France?", "How do I bake sourdough bread?"])
def test_off_topic_questions_are_refused(engine: Engine, question: str) -> None:
    assert engine.ask(question).abstained


def test_title_is_never_the_file_name(tmp_path: Path, embedder) -> None:
    settings = IndexSettings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus")
    write(settings.corpus_dir / "droracle-vitamin-k-dose.md", "Vitamin K is given at birth to prevent bleeding.\n")
    ingest(settings, [settings.corpus_dir], embedder)
    chat = Conversation(Engine(Settings(index=settings), embedder=embedder))
    chat.ask("Why is vitamin K given at birth?")
    assert "droracle" not in chat.ask("How is it given?").standalone_question


def test_an_abbreviation_is_spelled_out_as_the_documents_write_it(added_engine: Engine) -> None:
    answer = added_engine.ask("Who should see a specialist team for HFrEF?")
    assert "HFrEF (heart failure with reduced ejection fraction)" in answer.standalone_question
    assert not answer.abstained and "specialist team" in answer.text


def test_a_letter_run_of_a_hyphenated_name_is_not_spelled_out_alone(added_engine: Engine) -> None:
    """"IL-6" is interleukin 6 and "NB-UVB" narrowband UVB: "IL" alone is another thing of the dictionary's."""
    assert "IL (" not in added_engine.spell_out("Any trial evidence for an IL-6 drug in heart failure?")
    assert "HFrEF (heart failure" in added_engine.spell_out("IL-6 levels in HFrEF?")  # the others still are
    # nor a word of a brand the drug dictionary knows whole: "Anusol HC" is hydrocortisone
    assert "HC (" not in added_engine.spell_out("Anusol HC - how long can she use it for?")


def test_the_shorthand_of_clinical_notes_is_spelled_out(added_engine: Engine) -> None:
    from app.answer.abbreviations import abbreviations_in

    assert abbreviations_in("Positive Dix-Hallpike on the right. Rx? Or Mx in general?") == ["Rx", "Mx"]
    assert abbreviations_in("Is an Ex-smoker at risk?") == []
    assert "Rx (treatment)" in added_engine.spell_out("HFrEF, EF 30%. Rx?")


@pytest.mark.parametrize("abbreviation, form", [("CAP", "community acquired pneumonia"), ("IDA", "iron deficiency anaemia"),
                                                ("VTE", None), ("DVT", None)])
def test_expansions_need_the_initials_and_more_than_one_sighting(abbreviation: str, form: str | None) -> None:
    from app.answer.abbreviations import Expansions

    texts = ["Community-acquired pneumonia in adults. Treat community-acquired pneumonia for 5 days.",
             "Iron-deficiency anaemia is common; iron-deficiency anaemia in men needs endoscopy.",
             "Give doses very twice; venous thromboembolism risk is assessed once."]
    assert Expansions(lambda: texts).expand(abbreviation) == form


def test_a_spelled_out_form_holds_no_alternative() -> None:
    """"Remove plastic or carpet runners" twice is no "PCR": a name's words are not joined by "or"; "ear, nose
    and throat" still spells ENT."""
    from app.answer.abbreviations import Expansions

    texts = ["Remove plastic or carpet runners from the stairs. Tape down plastic or carpet runners.",
             "Refer to ear, nose and throat services. The ear, nose and throat team reviews within 2 weeks."]
    assert Expansions(lambda: texts).expand("PCR") is None
    assert Expansions(lambda: texts).expand("ENT") == "ear nose and throat"


def test_a_spelled_out_form_does_not_run_into_the_next_item_of_a_list() -> None:
    """"blood pressure, heart rate and temperature" twice is no "BPH": a name runs over a comma only in the list
    it closes, as "ear, nose and throat" does."""
    from app.answer.abbreviations import Expansions

    texts = ["Record blood pressure, heart rate and temperature. Repeat blood pressure, heart rate and temperature.",
             "Refer to ear, nose, and throat services. The ear, nose, and throat team reviews within 2 weeks."]
    assert Expansions(lambda: texts).expand("BPH") is None
    assert Expansions(lambda: texts).expand("ENT") == "ear nose and throat"  # the comma before "and" too


def test_a_spelled_out_form_may_end_in_a_word_questions_use_generically() -> None:
    """"capillary refill time" is what CRT stands for though "time" is generic question vocabulary; a run that
    starts with such a word ("much of this information"), or is half made of them, is not an expansion."""
    from app.answer.abbreviations import Expansions

    texts = ["Prolonged capillary refill time suggests shock. Measure capillary refill time centrally.",
             "Much of this information is old; much of this information comes from one study.",
             "Give fluids daily; give fluids daily again."]
    found = Expansions(lambda: texts)
    assert found.expand("CRT") == "capillary refill time"
    assert found.expand("MI") is None and found.expand("GFD") is None


def test_two_letters_are_two_words_side_by_side() -> None:
    """A run with words skipped between its initials counts only for three letters or more (HFrEF's "with"):
    "either from your diet" is no ED, however often a page says it."""
    from app.answer.abbreviations import Expansions

    texts = ["Get calcium either from your diet or supplements; either from your diet or tablets; either from your "
             "diet or drinks, it adds up.",
             "Most emergency department visits are short; the emergency department triages by need.",
             "Return to the emergency department if it gets worse."]
    found = Expansions(lambda: texts)
    assert found.expand("ED") == "emergency department"
    assert Expansions(lambda: texts[:1]).expand("ED") is None


def test_an_abbreviation_the_document_defines_is_its_definition_though_not_its_initials() -> None:
    """"Polymyalgia rheumatica (PMR)": the author's definition, once, gives the form, though P, M, R are not its
    words' initials; letters the words before it do not hold in order define nothing."""
    from app.answer.abbreviations import Expansions, defined

    texts = ["Polymyalgia rheumatica (PMR) is an inflammatory condition of older people.",
             "Hyponatraemia from the syndrome of inappropriate antidiuretic hormone secretion (SIADH) is common.",
             "Give the tablets (PMR) with food."]
    found = Expansions(lambda: texts)
    assert found.expand("PMR") == "polymyalgia rheumatica"
    assert found.expand("SIADH") == "syndrome of inappropriate antidiuretic hormone secretion"
    assert defined(texts[2], "pmr") == []


def test_a_question_about_a_drug_the_best_statements_name_is_answered(added_engine: Engine) -> None:
    found = added_engine.assess("Is Zebeta fine?")  # bisoprolol's brand; the document says bisoprolol
    assert found.evidence.drug_quoted
    assert not judge(Evidence(best_score=ANSWER_SCORE - 0.2, drug_quoted=True)).abstain  # however few its words
    answer = added_engine.ask("Is Zebeta fine?")
    assert not answer.abstained and "bisoprolol" in answer.text.splitlines()[0]


def test_a_combination_brand_is_known_when_the_document_names_each_drug(added_engine: Engine) -> None:
    answer = added_engine.ask("When should Entresto be offered?")  # valsartan and sacubitril: "sacubitril-valsartan"
    assert not answer.abstained and "sacubitril" in answer.text.splitlines()[0].lower()


def test_a_drug_class_the_documents_never_write_is_not_an_unknown_drug(added_engine: Engine) -> None:
    found = added_engine.assess("Which loop diuretic relieves breathlessness in heart failure?")
    assert found.evidence.unknown_drugs == ()  # its members may be named (furosemide), the class word is not
    assert added_engine.assess("What dose of spironolactone is used?").evidence.unknown_drugs == ("spironolactone",)


def test_an_abbreviation_takes_the_meaning_the_corpus_writes(added_engine: Engine) -> None:
    assert added_engine.meaning("PE") == "physical examination"  # the dictionary also has pulmonary embolism
    assert added_engine.meaning("MI") == "myocardial infarction"  # the dictionary's only meaning, not a word run
    answer = added_engine.ask("What should the PE look for in heart failure?")
    assert "PE (physical examination)" in answer.standalone_question
    assert not answer.abstained and "jugular venous pressure" in answer.text.splitlines()[0]


def test_a_dictionary_meaning_is_not_counted_as_the_users_word(added_engine: Engine) -> None:
    found = added_engine.assess("Is bisoprolol started after an MI?")  # "myocardial infarction" is in no document
    assert "MI (myocardial infarction)" in found.standalone
    assert "myocardial" not in found.evidence.absent_rare and "infarction" not in found.evidence.absent_rare


def test_a_clinical_question_is_answered_from_text_not_from_the_reference_list(added_engine: Engine) -> None:
    question = "Chronic heart failure in adults: diagnosis and management"  # a reference title, word for word
    passages = added_engine.assess(question).passages
    assert passages and all(p.kind == "text" for p in passages)
    literature = added_engine.assess("Which 2018 reference covers chronic heart failure in adults?").passages
    assert any(p.kind == "reference" for p in literature)


def test_a_followup_of_an_answered_turn_is_judged_on_its_own_words() -> None:
    terse = Evidence(best_score=ANSWER_SCORE - 0.2, inherited=True)
    assert not judge(terse).abstain  # "And for a 70-year-old?" after an answer
    assert judge(Evidence(best_score=ANSWER_SCORE - 0.2)).abstain  # the same words as a first question
    assert judge(Evidence(best_score=ANSWER_SCORE - 0.2, inherited=True, unknown_drugs=("lithium",))).abstain


def test_a_question_telling_of_a_patient_is_answered_by_a_statement_close_in_meaning() -> None:
    """A case in the patient's words shares few words with the guideline that answers it: below the score bar, a
    statement as close in meaning as ANSWER_SIMILARITY answers it; a question that tells of no patient (where
    MedQuAD's uncovered questions lie) still needs the score, and so does a case nothing is close to."""
    from app.answer.abstain import ANSWER_SIMILARITY

    low = ANSWER_SCORE - 0.05
    assert not judge(Evidence(best_score=low, best_similarity=ANSWER_SIMILARITY + 0.05, told=True)).abstain
    assert judge(Evidence(best_score=low, best_similarity=ANSWER_SIMILARITY + 0.05)).abstain
    assert judge(Evidence(best_score=low, best_similarity=ANSWER_SIMILARITY - 0.05, told=True)).abstain
    assert judge(Evidence(best_score=low, best_similarity=0.9, told=True, unknown_drugs=("zuranolone",))).abstain


def test_what_tells_of_a_patient() -> None:
    from app.answer.engine import tells_of_a_patient

    assert tells_of_a_patient("61M, red hot swollen big toe since Saturday. Do I need to aspirate it?")
    assert tells_of_a_patient("Mum's asking whether he needs a urine test.")
    assert not tells_of_a_patient("Do you have information about Cosmetics")
    assert not tells_of_a_patient("What is the dose of colchicine for a gout flare?")
    assert tells_of_a_patient("Pt wants to know if it will scar.")  # a clinician's "pt" is the patient ...
    assert not tells_of_a_patient("Should PT be checked before warfarin is started")  # ... PT a prothrombin time


def test_a_case_told_in_the_patients_words_is_answered(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"gout.md": GOUT})
    found = engine.assess("61M woke up with a red hot swollen big toe, can barely put a sheet over it, had a few "
                          "beers at a wedding on Saturday. Do I need to aspirate it first?")
    assert found.evidence.told and found.evidence.best_score < ANSWER_SCORE  # the case's words weigh it down
    assert not judge(found.evidence).abstain


GOUT = """# Acute gout flare in primary care

## Diagnosis
- Gout typically presents as sudden severe pain, swelling, warmth and redness of a single joint, most often the
  first metatarsophalangeal joint, peaking within 24 hours.
- Joint aspiration and crystal analysis is not needed when the presentation is typical; aspirate if septic
  arthritis is suspected.
- Alcohol, particularly beer, and large meals rich in purines can trigger a flare.

## Treatment
- Offer an NSAID, colchicine or a short course of oral corticosteroid, chosen by comorbidities and preference.
- Rest and elevate the affected joint and apply an ice pack.
"""


def test_an_abbreviation_whose_meaning_no_document_writes_counts_as_absent(added_engine: Engine) -> None:
    found = added_engine.assess("Is GERD worse in heart failure?")  # gastroesophageal reflux disease
    assert "gerd" in found.evidence.absent_rare
    known = added_engine.assess("Who needs a PE for heart failure?")  # physical examination is written
    assert "pe" not in known.evidence.absent_rare


def test_a_word_no_document_contains_does_not_weigh_every_statement_down(added_engine: Engine) -> None:
    weights = added_engine.idf(["bisoprolol", "zzyzxian"])
    assert weights["zzyzxian"] == 0.0 and weights["bisoprolol"] > 1.0


def test_a_word_made_of_a_prefix_and_a_corpus_word_is_not_absent(added_engine: Engine) -> None:
    # "antinatriuretic": the document writes "natriuretic"; "pericarditis" has no prefix before a corpus word
    found = added_engine.assess("Does bisoprolol have an antinatriuretic effect?")
    assert "antinatriuretic" not in found.evidence.absent_rare
    assert added_engine.roots(["antinatriuretic", "bisoprolol"]) == {"antinatriuretic": "natriuretic"}
    strange = added_engine.assess("Is pericarditis common in heart failure?")
    assert "pericarditis" in strange.evidence.absent_rare


def test_a_common_word_inside_a_medical_one_is_there_by_accident(engine: Engine) -> None:
    assert engine.index.catalog.terms_present(["tension", "kyphoplasty"]) == {"tension": True, "kyphoplasty": True}
    assert engine.compound("hypotension") is None  # not about "tension"
    assert engine.compound("postkyphoplasty") == "kyphoplasty"
    assert "hypotension" in engine.assess("How is hypotension treated?").evidence.absent_rare


def test_related_word_forms_share_a_stem() -> None:
    for a, b in (("hypertensive", "hypertension"), ("pregnancy", "pregnant"), ("deficiency", "deficient"),
                 ("preventive", "prevention"), ("pregnancies", "pregnancy"), ("deficiencies", "deficiency"),
                 ("emergencies", "emergency"), ("studies", "study"), ("admitted", "admission"),
                 ("referred", "refer"), ("stopping", "stop"), ("omission", "omit")):
        assert stem(a) == stem(b), (a, b)
    assert stem("patient") != stem("pregnant")
    assert stem("passed") == stem("pass") and stem("called") == stem("call")  # doubled by the word itself


def test_the_document_title_names_the_subject_of_its_statements() -> None:
    """A bullet of a guideline titled "Gout" is about gout though it never says so: the title's words count."""
    statement = "Start at 100 mg daily and titrate every 2 weeks."
    passage = Passage(rank=2, chunk_id="c1", doc_id="d", title="Allopurinol in gout", section="Dosing",
                      text=statement, statements=(Statement(statement, ()),), references=(), page=None,
                      kind="text", score=1.0)
    alike = "Start at 50 mg daily and titrate every 2 weeks."
    other = replace(passage, chunk_id="c2", doc_id="e", title="Thyroid disease", text=alike,
                    statements=(Statement(alike, ()),))
    scored = score("What dose of allopurinol?", [Candidate(passage, 0, statement, 0.5),
                                                  Candidate(other, 0, alike, 0.5)])
    assert scored[0].passage.title == "Allopurinol in gout" and scored[0].score > scored[1].score + 0.3


def test_a_facet_that_alone_matches_nothing_well_takes_the_topic(added_engine: Engine) -> None:
    """"Any dietary advice needed?" names no subject and finds no document of its own better than with the
    heart-failure topic: it is about heart failure. A question that finds its own document stays alone."""
    chat = Conversation(added_engine)
    first = chat.ask("How should bisoprolol be started in heart failure?")
    assert not first.abstained
    facet = added_engine.standalone("Any dietary advice needed?", chat.turns)
    assert "bisoprolol" in facet.lower() or "heart failure" in facet.lower()
    assert added_engine.standalone("What causes calcium deficiency?", chat.turns) == "What causes calcium deficiency?"
    # no drug and no absent word: decided by meaning alone, which finds the bone documents closer without the topic
    assert not added_engine.closer_with_topic("Which bone diseases affect children?", chat.turns[-1])
    # a question on a drug or a word no document has matches nothing well alone either, but is no facet
    assert not added_engine.closer_with_topic("Which insulin regimen suits type 1 diabetes?", chat.turns[-1])


def test_a_sentence_quoted_twice_with_a_fused_heading_is_quoted_once() -> None:
    from app.answer.extractive import Scored, _unique
    from app.answer.statements import Candidate
    from app.answer.types import Passage

    def scored(text: str, value: float) -> Scored:
        return Scored(value, Candidate(Passage.__new__(Passage), 0, text, value))
    items = [scored("Some risk factors for gallstones cannot be changed.", 1.4),
             scored("Risk Factors You Can't Change Some risk factors for gallstones cannot be changed.", 1.3),
             scored("Gallstones are more common in women.", 1.2), scored("Diet.", 1.1), scored("A diet.", 1.0)]
    assert [s.text for s in _unique(items)] == [items[0].text, items[2].text, items[3].text, items[4].text]


def _passage(*texts: str):
    from app.answer.types import Passage
    from ingest.types import Statement

    return Passage(rank=1, chunk_id="c1", doc_id="d", title="Gallstones", section="Risk", text=" ".join(texts),
                   statements=tuple(Statement(t) for t in texts), references=(), page=None, kind="text", score=1.0)


def test_a_statement_whose_list_the_next_statement_opens_is_quoted_with_it() -> None:
    from app.answer.extractive import Scored, continuation, list_items, render
    from app.answer.statements import Candidate

    labels = _passage("Some causes of gallstones cannot be avoided.", "These include - Age.",
                      "Gallstones become more common after 40.", "Sex.", "Women form them more often than men.",
                      "Other causes can be changed. -", "Obesity.", "Excess weight raises cholesterol in bile.",
                      "Fasting.", "Long fasts let bile stand in the gallbladder.")
    assert list_items(Candidate(labels, 0, labels.statements[0].text, 0.5)) == ["Age", "Sex"]  # not the next list
    assert list_items(Candidate(labels, 5, labels.statements[5].text, 0.5)) == ["Obesity", "Fasting"]  # "… -"
    prose = _passage("Some drugs raise the risk.", "These include octreotide and ceftriaxone, which thicken bile.",
                     "Diet matters too.")
    first = Candidate(prose, 0, prose.statements[0].text, 0.5)
    assert list_items(first) == [] and continuation(first).startswith("These include octreotide")
    text, _ = render([Scored(1.0, first), Scored(0.9, Candidate(prose, 1, prose.statements[1].text, 0.5))], set())
    assert text.count("octreotide") == 1  # the continuation is not quoted a second time
    items = _passage("Causes include", "Obesity", "Fasting", "Rapid weight loss is another.", "Pregnancy")
    assert list_items(Candidate(items, 0, "Causes include", 0.5)) == ["Obesity", "Fasting"]  # a sentence ends it


def test_ordinary_lists_and_prose_are_not_read_as_definition_lists() -> None:
    from app.answer.extractive import continuation, list_items
    from app.answer.statements import Candidate

    mixed = _passage("Symptoms of gout include:", "Pain", "Swelling and redness of the big toe joint at night",
                     "Warmth", "Stiffness")
    assert list_items(Candidate(mixed, 0, mixed.statements[0].text, 0.5)) == \
        ["Pain", "Swelling and redness of the big toe joint at night", "Warmth", "Stiffness"]
    last = _passage("Common side effects include:", "nausea", "dizziness", "headache.")
    assert list_items(Candidate(last, 0, last.statements[0].text, 0.5)) == ["nausea", "dizziness", "headache."]
    prose = _passage("Statins lower LDL cholesterol.", "They are well tolerated.", "Check CK if muscles ache.")
    first = Candidate(prose, 0, prose.statements[0].text, 0.5)
    assert list_items(first) == [] and continuation(first) == ""


def test_a_section_the_question_names_is_quoted_whole_in_reading_order() -> None:
    """"What does the maintenance stage involve?" names the heading "Maintenance stage (from week 3)": its short list
    is quoted first and as written, though the statements of another stage are closer in meaning. A question asking
    one thing of the section ("How often are the bloods checked in maintenance?") keeps the order by score."""
    def passage(chunk: str, section: str, *texts: str) -> Passage:
        return Passage(rank=1, chunk_id=chunk, doc_id="d", title="Lithium in bipolar disorder",
                       section=f"Lithium in bipolar disorder › Stages › {section}", text=" ".join(texts),
                       statements=tuple(Statement(t) for t in texts), references=(), page=None, kind="text",
                       score=1.0)
    loading = passage("c1", "Loading stage (weeks 1-2)", "Start lithium carbonate at 400 mg at night",
                      "Check the serum level 12 hours after each dose change")
    upkeep = passage("c2", "Maintenance stage (from week 3)", "Keep the serum level between 0.6 and 0.8 mmol/L",
                     "Measure the level every 3 months for the first year", "Check kidney and thyroid function")
    candidates = [Candidate(loading, 0, loading.statements[0].text, 0.62),
                  Candidate(loading, 1, loading.statements[1].text, 0.60),
                  Candidate(upkeep, 0, upkeep.statements[0].text, 0.41),
                  Candidate(upkeep, 1, upkeep.statements[1].text, 0.45),
                  Candidate(upkeep, 2, upkeep.statements[2].text, 0.40)]
    whole = score("What does the maintenance stage of lithium treatment involve?", candidates)
    assert [s.passage.chunk_id for s in whole[:3]] == ["c2"] * 3
    assert [s.candidate.index for s in whole[:3]] == [0, 1, 2]
    one = score("How often are lithium bloods checked in the maintenance stage?", candidates)
    assert [s.candidate.index for s in one if s.passage.chunk_id == "c2"][0] == 1  # "every 3 months" first
    # the same words about another drug name no section of this document: its statements keep the order by score
    unrelated = score("What does the maintenance stage of methadone treatment involve?", candidates)
    assert [s.candidate.index for s in unrelated if s.passage.chunk_id == "c2"] == [1, 0, 2]


def test_after_an_overview_the_topic_is_the_documents_subject_not_a_heading_it_quoted() -> None:
    """"How is acute pyelonephritis managed?" is answered with statements under "Pyelonephritis in pregnancy" and
    "Imaging"; the next question ("What antibiotic, and for how long?") is still about acute pyelonephritis: the
    heading shares only the title's own word with the question. A heading the turn names by a word of its own
    ("Is imaging needed in acute pyelonephritis?") is the subject."""
    title = "Acute pyelonephritis in adults: diagnosis, imaging and antibiotic treatment"
    sections = [f"{title} › Pyelonephritis in pregnancy", f"{title} › Imaging", f"{title} › Antibiotics"]
    vocabulary = SubjectVocabulary(sections, [title])
    cited = [(sections[0], title), (sections[1], title)]
    assert topic_of("How is acute pyelonephritis managed?", cited, vocabulary).subject == "Acute pyelonephritis in adults"
    named = topic_of("Is imaging needed in acute pyelonephritis?", [(sections[1], title)], vocabulary)
    assert named.subject == "Imaging"
    # nor does a word of the meaning the engine spelled out for the user's abbreviation name a heading
    kidney = [(f"{title} › Kidney function", title)]
    spelled = topic_of("How is an APN (acute pyelonephritis, kidney infection) managed?", kidney,
                       SubjectVocabulary([kidney[0][0]], [title]))
    assert spelled.subject != "Kidney function"


def test_a_condition_and_its_other_name_weigh_as_one_term() -> None:
    """"high blood pressure" is one thing, named so or as "hypertension": a statement about hypertension is not
    outweighed by one that shares the words "blood" and "pressure" of the lay name."""
    def passage(chunk: str, text: str) -> Passage:
        return Passage(rank=1, chunk_id=chunk, doc_id="d", title="Adults in primary care", section="Drugs", text=text,
                       statements=(Statement(text),), references=(), page=None, kind="text", score=1.0)
    monitoring = passage("c1", "Check blood pressure at home twice a day for a week.")
    drug = passage("c2", "Labetalol is the first-line drug for hypertension in pregnancy.")
    candidates = [Candidate(monitoring, 0, monitoring.text, 0.5), Candidate(drug, 0, drug.text, 0.5)]
    question = "What is started for high blood pressure (hypertension) in pregnancy?"
    scored = score(question, candidates, synonyms={"high blood pressure": {"hypertension"}})
    assert scored[0].passage.chunk_id == "c2"


def test_after_a_refusal_a_followup_that_does_not_point_back_goes_on_from_the_last_answer(added_engine: Engine) -> None:
    """"And furosemide?" after a refused question about spironolactone is not about spironolactone: it goes on
    from the heart-failure answer before it. "Is there any evidence for it?" points back at the refused drug, and
    "What dose?", which names nothing of its own, is still about it."""
    chat = Conversation(added_engine)
    assert not chat.ask("How should bisoprolol be started in heart failure?").abstained
    assert chat.ask("Could I use spironolactone instead?").abstained
    follow = added_engine.standalone("And furosemide?", chat.turns)
    assert "spironolactone" not in follow.lower() and "furosemide" in follow.lower()
    assert "spironolactone" in added_engine.standalone("Is there any evidence for it?", chat.turns).lower()
    assert "bisoprolol" not in added_engine.standalone("What dose?", chat.turns).lower()  # names nothing new
    # a pronoun may point back at the refused drug through the patient ("What dose for his kidney function?"):
    # it stays on what was refused rather than answer for the drug before it
    follow = added_engine.standalone("What dose for his kidney function?", chat.turns)
    assert "spironolactone" in follow.lower()


def test_a_section_named_with_the_inherited_context_is_quoted_whole() -> None:
    """"Remind me of the criteria?" after a question on the Wells score names the heading "Wells score criteria"
    with its context: the section's six statements are quoted, in order, though more than five."""
    from app.answer.extractive import select

    rows = ("Active cancer: 1 point", "Paralysis or recent plaster cast: 1 point", "Bedridden recently: 1 point",
            "Localised tenderness along the deep veins: 1 point", "Entire leg swollen: 1 point",
            "Calf swelling over 3 cm: 1 point")
    criteria = Passage(rank=1, chunk_id="c1", doc_id="d", title="Deep vein thrombosis",
                       section="Deep vein thrombosis › Wells score criteria", text=" ".join(rows),
                       statements=tuple(Statement(t) for t in rows), references=(), page=None, kind="text", score=1.0)
    other = Passage(rank=2, chunk_id="c2", doc_id="d", title="Deep vein thrombosis",
                    section="Deep vein thrombosis › Imaging", text="Offer a proximal leg vein ultrasound scan.",
                    statements=(Statement("Offer a proximal leg vein ultrasound scan."),), references=(), page=None,
                    kind="text", score=1.0)
    candidates = [Candidate(criteria, i, t, 0.4 - 0.01 * i) for i, t in enumerate(rows)] + \
        [Candidate(other, 0, other.text, 0.6)]
    picked = select(score("Remind me of the criteria? (about wells score dvt)", candidates))
    assert [s.text for s in picked] == list(rows)


def test_an_abbreviation_and_its_spelled_out_meaning_weigh_as_one_term() -> None:
    """"What saturations in COPD (chronic obstructive pulmonary disease)?": the words the engine spelled out do
    not make a statement that says "COPD" lose to one that repeats the long name but not the saturations."""
    from app.answer.engine import spelled_out

    def passage(chunk: str, text: str) -> Passage:
        return Passage(rank=1, chunk_id=chunk, doc_id="d", title="Breathlessness", section="Oxygen", text=text,
                       statements=(Statement(text),), references=(), page=None, kind="text", score=1.0)
    target = passage("c1", "In COPD aim for oxygen saturations of 88 to 92%.")
    name = passage("c2", "Chronic obstructive pulmonary disease is a common disease of smokers.")
    question = "What saturations in COPD (chronic obstructive pulmonary disease)?"
    same = spelled_out(question)
    assert same == {"copd": {"chronic obstructive pulmonary disease": 1.0}}
    ranked = score(question, [Candidate(name, 0, name.text, 0.5), Candidate(target, 0, target.text, 0.5)],
                   synonyms=same)
    assert ranked[0].passage.chunk_id == "c1"


def test_a_statement_leaning_on_a_leaning_statement_still_names_the_subject() -> None:
    from app.answer.extractive import carried
    from app.answer.statements import Candidate

    rule = _passage("The Ottawa ankle rules apply to adults with an acute ankle injury.",
                    "Their criteria are bone tenderness at the malleolus and inability to bear weight.",
                    "The rules were validated in emergency departments in Canada.",
                    "They are not intended for pregnant women or for people with altered sensation.")
    last = carried(Candidate(rule, 3, rule.statements[3].text, 0.3))
    assert {stem("ottawa"), stem("ankle")} <= last  # through "The rules ..." and "Their criteria ..."
    scored = score("Who are the Ottawa ankle rules not meant for?",
                   [Candidate(rule, i, s.text, 0.3) for i, s in enumerate(rule.statements)])
    value = {s.candidate.index: s.score for s in scored}
    assert value[3] >= value[0]  # it names the rules as fully as the statement that introduces them
    # a statement that opens with a name of its own leans on nothing
    assert carried(Candidate(rule, 0, rule.statements[0].text, 0.3)) == frozenset()


def test_a_dictionary_meaning_outweighs_words_that_only_share_an_abbreviation_s_initials(tmp_path, embedder) -> None:
    """"AF" beside a page that says "active form" three times, never "(AF)": the clinician's AF is one of the
    dictionary's meanings; a form the documents define in parentheses would stand ("PMR" above)."""
    from tests.conftest import engine_over

    vitamin = ("# Vitamin D\n\n- Calcitriol is the active form of vitamin D.\n- The active form is made in the "
               "kidney.\n- Measure the active form only in kidney disease.\n")
    frailty = ("# Frailty in older people\n\n## Rapid tranquillisation\n- Use lorazepam for rapid tranquillisation.\n"
               "- Monitor pulse after rapid tranquillisation.\n"
               "- Offer a comprehensive geriatric assessment to frail people.\n- A comprehensive geriatric assessment "
               "covers medical and social needs.\n- The comprehensive geriatric assessment is led by a team.\n")
    engine = engine_over(tmp_path, embedder, {"vitamin-d.md": vitamin, "frailty.md": frailty})
    assert engine.meaning("AF", "Is calcitriol safe in AF?") != "active form"
    # a heading names it; three initials in a row are seldom chance
    assert engine.meaning("RT", "Which drug for RT?") == "rapid tranquillisation"
    assert engine.meaning("CGA", "Who should be offered a CGA?") == "comprehensive geriatric assessment"
