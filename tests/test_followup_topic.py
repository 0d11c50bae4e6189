"""Follow-ups that stay on the topic they follow though they name another document's subject: what the
conversation's patient has ("What if the patient has coeliac disease?"), or a facet that another document has a
heading for ("And for long-term prevention?"). The documents are written for this test; none of their wording
is in the engine."""

from __future__ import annotations

import pytest

from app.answer.engine import CONTEXT_WEIGHT, Engine
from app.answer.extractive import score
from app.answer.followup import SubjectVocabulary, rewrite, strip_context, topic_of
from app.answer.statements import Candidate
from app.answer.text import stems
from app.answer.types import Passage
from ingest.types import Statement
from tests.conftest import engine_over

IRON = """# Iron deficiency anaemia in adults

- Offer oral ferrous sulfate 200 mg once daily and check the haemoglobin after 4 weeks.
- Taking the tablet with orange juice helps absorption; tea and coffee reduce it.
- People with coeliac disease absorb oral iron poorly and often need intravenous iron instead.
- Continue iron for 3 months after the haemoglobin has returned to normal to refill the stores.
"""

COELIAC = """# Coeliac disease

- Coeliac disease is an immune reaction to gluten that damages the lining of the small intestine.
- Test for coeliac disease with tissue transglutaminase antibodies while the person still eats gluten.
- The treatment is a lifelong strict gluten-free diet, supported by a dietitian.
- Common symptoms include diarrhoea, bloating, weight loss and tiredness.
"""


GOUT = """# Gout

## Treating a flare

- Offer colchicine 500 micrograms two to four times a day for a gout flare.
- Long-term prevention with allopurinol starts at 100 mg daily and is raised every few weeks to the target urate.
"""

MIGRAINE = """# Migraine in adults

## Acute treatment

- Offer a triptan with an NSAID or paracetamol for an acute migraine attack.

## Long-term prevention

- Offer propranolol or topiramate to people with frequent attacks.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    return engine_over(tmp_path_factory.mktemp("iron"), embedder,
                       {"iron.md": IRON, "coeliac.md": COELIAC, "gout.md": GOUT, "migraine.md": MIGRAINE})


def test_a_condition_of_the_patient_keeps_the_topic(engine: Engine) -> None:
    first = engine.ask("What oral iron dose for iron deficiency anaemia?")
    assert "200 mg" in first.text
    follow = engine.ask("What if the patient has coeliac disease?", [first])
    assert "iron" in follow.standalone_question.lower()
    assert "intravenous iron" in follow.text.splitlines()[0]


def test_a_condition_asked_about_on_its_own_is_a_new_topic(engine: Engine) -> None:
    first = engine.ask("What oral iron dose for iron deficiency anaemia?")
    follow = engine.ask("How is coeliac disease treated?", [first])
    assert "iron" not in follow.standalone_question.lower()
    assert "gluten-free" in follow.text.splitlines()[0]


def test_a_facet_another_document_has_a_heading_for_keeps_the_topic(engine: Engine) -> None:
    """"And for long-term prevention?" after the gout flare section asks about gout, though only the migraine
    guideline has a heading "Long-term prevention"; after a drug, the drug gives way to the facet."""
    first = engine.ask("What helps in a flare?")
    assert "colchicine" in first.text.splitlines()[0]
    follow = engine.ask("And for long-term prevention?", [first])
    assert "allopurinol" in follow.text.splitlines()[0]
    first = engine.ask("What colchicine dose for a gout flare?")
    follow = engine.ask("And for long-term prevention?", [first])
    assert "colchicine" not in strip_context(follow.standalone_question).lower()
    assert "allopurinol" in follow.text.splitlines()[0]


def test_a_question_of_its_own_that_mentions_the_patient_is_a_new_topic(engine: Engine) -> None:
    first = engine.ask("What colchicine dose for a gout flare?")
    follow = engine.ask("What should I offer the patient for a migraine attack?", [first])
    assert "triptan" in follow.text.splitlines()[0]


# a guideline whose heading names its own subject, and whose items carry no heading of the question's words
EYE = """# Allergic conjunctivitis

## Managing allergic conjunctivitis

- Topical antihistamine eye drops such as olopatadine relieve itching within minutes.
- A mast cell stabiliser eye drop takes up to two weeks to work and is used through the pollen season.
- Refer to ophthalmology if vision is reduced or the eye is painful.

## References

1. Bielory L. Allergic conjunctivitis: review of treatment. Ophthalmology. 2020;127:10-18.
"""


@pytest.fixture(scope="module")
def eye_engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    return engine_over(tmp_path_factory.mktemp("eye"), embedder, {"eye.md": EYE, "gout.md": GOUT})


def test_it_is_the_item_asked_about_not_the_heading_that_names_the_whole_document(eye_engine: Engine) -> None:
    first = eye_engine.ask("How long does a mast cell stabiliser drop take to work in allergic conjunctivitis?")
    follow = eye_engine.ask("How long should she keep using it?", [first])
    # "it" is not replaced by "Managing allergic conjunctivitis": the question keeps its pronoun and the context
    assert "Managing allergic conjunctivitis" not in strip_context(follow.standalone_question)
    assert "stabiliser" in follow.standalone_question
    assert "pollen season" in follow.text.split("\n")[0]


def test_after_a_question_about_the_sources_the_topic_is_the_one_it_asked_about(eye_engine: Engine) -> None:
    first = eye_engine.ask("Itching both eyes in hay fever season - quickest relief?")
    source = eye_engine.ask("Which review supports that?", [first])
    follow = eye_engine.ask("Is it safe with contact lenses?", [first, source])
    # the topic is the case of the first turn, not the words "review supports" of the question about sources;
    # and the case's first words are context, not an item for "it" to stand for
    assert "supports" not in follow.standalone_question.lower()
    assert follow.standalone_question.startswith("Is it safe with contact lenses? (about itching eyes")


def test_a_drug_is_named_by_every_word_of_its_name() -> None:
    vocabulary = SubjectVocabulary(["Dose titration"], ["Epilepsy in adults"], ["valproic acid", "lamotrigine"])
    assert vocabulary.find("What uric acid level is the target?") == []  # "acid" alone names no drug
    assert SubjectVocabulary([], [], ["sodium valproate"]).find("Is valproate safe?") == ["sodium valproate"]
    assert vocabulary.find("Is valproic acid safe?") == ["valproic acid"]
    assert vocabulary.find("How fast is the titration?") == ["Dose titration"]  # a heading, by half its words
    # ... of a document's title, one of them a word that tells it from others, not a general one ("oral")
    mouth = SubjectVocabulary(["Cellulitis › Oral antibiotics"], ["Oral candidiasis"], [])
    assert mouth.find("Tolerating orals now - switch to tablets?") == ["Oral antibiotics"]
    assert mouth.find("How is the candidiasis treated?") == ["Oral candidiasis"]


def test_the_drug_a_follow_up_names_by_brand_is_its_subject_not_the_one_it_inherited() -> None:
    vocabulary = SubjectVocabulary([], ["Epilepsy in adults"], ["lamotrigine", "levetiracetam"])
    topic = topic_of("Is Keppra (levetiracetam) better instead? (about lamotrigine rash)",
                     [("Drug treatment", "Epilepsy in adults")], vocabulary)
    assert topic.subject == "levetiracetam"


def test_a_follow_up_whose_pronoun_was_replaced_carries_its_documents_subject() -> None:
    vocabulary = SubjectVocabulary([], ["Focal epilepsy in adults"], ["lamotrigine"])
    cited = [("Drug treatment", "Focal epilepsy in adults")]
    standalone = "Is there any trial data behind not stopping lamotrigine?"
    carried = topic_of(standalone, cited, vocabulary, lambda w: True,
                       asked="Is there any trial data behind not stopping it?")
    assert {"focal", "epilepsy"} <= set(carried.context)
    assert "epilepsy" not in topic_of(standalone, cited, vocabulary, lambda w: True).context  # a first question
    # the title's words that name nothing ("This summary covers ...") are not its subject
    named = topic_of(standalone, [("Drug treatment", "This summary covers focal epilepsy")], vocabulary,
                     lambda w: True, asked="Is there any trial data behind not stopping it?",
                     naming=lambda w: w != "covers")
    assert "covers" not in named.context and "epilepsy" in named.context


def test_a_value_the_case_gives_is_not_its_subject_and_a_respelled_name_is() -> None:
    vocabulary = SubjectVocabulary([], ["Anaemia in adults"], ["ferritin", "iron", "ferrous sulfate"])
    # "ferritin 5" is the patient's value: the turn is about iron
    assert topic_of("70M, ferritin 5, no bowel symptoms. Iron deficiency - does he need scoping?", [],
                    vocabulary).subject == "iron"
    # ... unless it names no other
    assert topic_of("Lithium 1.6 and a coarse tremor. Stop it?", [], SubjectVocabulary([], [], ["lithium"])).subject \
        == "lithium"
    # ... nor when the turn names something wider: a condition whose title answered it, not the value
    coeliac = SubjectVocabulary([], ["Coeliac disease in adults"], ["ferritin"])
    topic = topic_of("29F, 4 months of loose stools. Ferritin 6. Wondering about coeliac - which blood test?",
                     [("Serological testing", "Coeliac disease in adults")], coeliac)
    assert topic.subject == "Coeliac disease in adults" and not topic.pronoun and "ferritin" not in topic.context
    assert topic_of("Lithium 1.6 and a coarse tremor. Stop it?", [("Levels", "Lithium")],
                    SubjectVocabulary([], ["Lithium"], ["lithium"])).subject == "lithium"
    # ... the closing sentence names it, not the case: a drug's level beside its condition is still the drug
    assert topic_of("Bipolar disorder, lithium 1.6 and a coarse tremor. Stop it?", [("Monitoring", "Bipolar disorder")],
                    SubjectVocabulary([], ["Bipolar disorder"], ["lithium"])).subject == "lithium"
    # "sulphate (sulfate)": the name the turn gives, in the spelling the documents write
    assert topic_of("What ferrous sulphate (sulfate) regimen? (about iron anaemia)", [], vocabulary).subject == \
        "ferrous sulfate"


def test_a_drug_level_is_the_subject_beside_what_the_patient_takes() -> None:
    vocabulary = SubjectVocabulary([], ["Heart failure"], ["digoxin", "amiodarone"])
    assert topic_of("Digoxin level 2.6 on amiodarone, nauseated. What now?", [], vocabulary).subject == "digoxin"


def test_a_population_asked_of_the_last_drug_keeps_the_drug() -> None:
    from app.answer.followup import Topic, rewrite

    vocabulary = SubjectVocabulary(["Methotrexate › Pregnancy", "Lithium › Pregnancy"], ["Methotrexate"],
                                   ["methotrexate", "lithium"])
    topic = Topic("methotrexate", ["weekly", "monitoring"], True)
    assert "methotrexate" in rewrite("And in pregnancy?", topic, vocabulary)
    assert "methotrexate" not in rewrite("And lithium in pregnancy?", topic, vocabulary)  # a drug of its own


def test_a_pronoun_said_with_its_verb_is_the_family_not_the_drug() -> None:
    """"They're flying on Friday" is the family travelling; the later "it" is what the old drug stands for."""
    from app.answer.followup import Topic, rewrite

    vocabulary = SubjectVocabulary([], ["Croup"], ["dexamethasone"])
    topic = Topic("dexamethasone", [], True)
    rewritten = rewrite("They're driving to Wales tomorrow - is it OK to travel?", topic, vocabulary)
    assert rewritten.startswith("They're driving"), rewritten
    assert "can she take dexamethasone with her" in rewrite("They'll be away - can she take it with her?", topic,
                                                             vocabulary)
    assert rewrite("It's OK in pregnancy?", topic, vocabulary).startswith("dexamethasone's OK")  # "it's": the drug


def test_a_follow_up_s_own_words_order_its_answer_before_the_topic_it_inherited() -> None:
    """The inherited "(about ...)" says the topic; what the follow-up asks is in its own words."""
    texts = ["Bell's palsy is a sudden weakness of the muscles on one side.",
             "Lubricating eye drops protect the eye by day."]
    candidates = [Candidate(Passage(rank=1, chunk_id=f"c{i}", doc_id="d", title="Palsy", section="Care", text=t,
                                    statements=(Statement(t),), references=(), page=None, kind="text", score=1.0),
                            0, t, 0.5) for i, t in enumerate(texts)]
    asked = "Which lubricating drops for her eye? (about bell's palsy sudden weakness muscles)"
    assert score(asked, candidates)[0].text == texts[0]  # every word alike: the topic's four words win
    assert score(asked, candidates, context_weight=CONTEXT_WEIGHT)[0].text == texts[1]


GOUT_AND_ASPIRIN = """# Gout: diagnosis and management

## Acute flare
- Offer colchicine 500 micrograms two to three times a day as first-line treatment for a gout flare.
- An NSAID such as naproxen 500 mg twice daily with a proton pump inhibitor is an alternative.
- Apply ice packs and rest the affected joint.

## Urate-lowering therapy
- Offer allopurinol, starting at 100 mg daily, to people with recurrent flares or tophi.
- Increase the allopurinol dose every 4 weeks until the serum urate is below 360 micromol/L.

## Other medicines
- Low-dose aspirin raises serum urate slightly but should not be stopped when it is taken for cardiovascular
  protection.
- Consider switching a thiazide diuretic to another antihypertensive in people with gout.
"""
KAWASAKI = """# Kawasaki disease in children

## Treatment
- Give intravenous immunoglobulin 2 g/kg as a single infusion within 10 days of fever onset.
- Give aspirin 30 to 50 mg/kg a day in 4 divided doses until the child has been afebrile for 48 hours.
- Then continue low-dose aspirin 3 to 5 mg/kg once daily for 6 to 8 weeks.
"""


def test_a_follow_up_is_answered_from_its_topic_s_documents_first(tmp_path, embedder) -> None:
    """After a gout flare, "He's on a daily aspirin for his heart - does that need to stop?" is about the gout
    guideline's aspirin: its own words, about that guideline, find it, and the children's guideline's low-dose
    aspirin, closer in words, does not come first."""
    engine = engine_over(tmp_path, embedder, {"gout.md": GOUT_AND_ASPIRIN, "kawasaki.md": KAWASAKI})
    first = engine.ask("64M with a hot swollen big toe, known gout. What do I give for the flare?")
    assert first.citations[0].passage.doc_id == "gout", first.text
    answer = engine.ask("He's on a daily aspirin for his heart - does that need to stop?", [first])
    assert not answer.abstained and answer.citations[0].passage.doc_id == "gout", answer.text
    assert "should not be stopped" in answer.text, answer.text



STROKE_PREVENTION = """# Atrial fibrillation: stroke prevention

- Offer rivaroxaban 20 mg once daily with food to people with atrial fibrillation and a CHA2DS2-VASc score of 2.
- Reduce rivaroxaban to 15 mg once daily if creatinine clearance is 15 to 49 ml/min.
"""
VTE = """# Venous thromboembolism: treatment

- Offer rivaroxaban 15 mg twice daily for 21 days, then 20 mg once daily, for a confirmed PE.
- Continue anticoagulation for 3 months after a provoked PE.
"""


def test_a_follow_up_naming_a_condition_only_another_document_writes_is_not_kept_on_its_topic(tmp_path,
                                                                                                embedder) -> None:
    """"And what about for a PE?" after rivaroxaban for AF names what only the VTE guideline writes: its answer
    is not held to the AF guideline (OFF_TOPIC), whose 20 mg once daily would read as the PE dose; "Does food
    matter with it?" names nothing of another guideline."""
    engine = engine_over(tmp_path, embedder, {"af.md": STROKE_PREVENTION, "vte.md": VTE})
    first = engine.ask("Rivaroxaban dose for AF with CHA2DS2-VASc 3?")
    assert {c.passage.doc_id for c in first.citations} == {"af"}, first.text
    assert engine.names_elsewhere("And what about for a PE?", frozenset({"af"}))
    assert engine.names_elsewhere("And for a venous thromboembolism?", frozenset({"af"}))
    assert not engine.names_elsewhere("Does food matter with it?", frozenset({"af"}))
    assert not engine.names_elsewhere("And if her creatinine clearance is 30?", frozenset({"af"}))


HEEL = """# Plantar heel pain in adults

- Offer stretching of the calf and plantar fascia, and cushioned insoles, as first-line treatment.
- Consider extracorporeal shockwave therapy if pain persists after 6 months of first-line treatment.
- Surgery (plantar fascia release) relieves pain in most people whose symptoms persist after 12 months, but
  carries a risk of nerve injury.
"""


def test_it_that_something_would_fix_is_the_trouble_not_the_drug_refused_before(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"heel.md": HEEL})
    first = engine.ask("Plantar heel pain for a year - what dose of etoricoxib?")
    assert first.abstained  # no document names etoricoxib
    follow = engine.ask("Nothing has worked for 14 months. Would surgery fix it?", [first])
    assert "etoricoxib" not in strip_context(follow.standalone_question).lower()
    assert not follow.abstained and "Surgery" in follow.text


def test_it_that_comes_back_or_goes_away_is_the_trouble_not_the_drug() -> None:
    from app.answer.followup import Topic, rewrite

    vocabulary = SubjectVocabulary([], ["Croup"], ["dexamethasone"])
    topic = Topic("dexamethasone", ["croup"], True)
    for asked in ("How likely is it to come back?", "Will it go away on its own?", "Can it spread to his sister?",
                  "If the swab was sent and it came back positive, what then?"):
        rewritten = rewrite(asked, topic, vocabulary)
        assert rewritten.startswith(asked) and "croup" in rewritten, rewritten
    assert rewrite("Can it be crushed?", topic, vocabulary).startswith("Can dexamethasone be crushed")


def test_these_or_those_before_a_plural_noun_is_no_pronoun() -> None:
    """"Is there any evidence those manoeuvres work?" asks about the manoeuvres it names: "those" is a determiner,
    not a pronoun for the last answer's subject; "Do those help?" is one."""
    from app.answer.followup import Topic, rewrite

    vocabulary = SubjectVocabulary([], ["Vasovagal syncope"], ["compression stockings"])
    topic = Topic("compression stockings", ["syncope"], True)
    rewritten = rewrite("Is there any real evidence those manoeuvres work?", topic, vocabulary)
    assert rewritten.startswith("Is there any real evidence those manoeuvres work?"), rewritten
    assert rewrite("Do those help in pregnancy?", Topic("beta blockers", [], True), vocabulary).startswith(
        "Do beta blockers help")
    assert rewrite("Which of these has fewer side effects?", topic, vocabulary).startswith(
        "Which of compression stockings has")  # "has" is no plural noun
    assert rewrite("Are those always needed?", Topic("ankle braces", [], True), vocabulary).startswith(
        "Are ankle braces always needed")  # "always" ends in s but is no plural noun
    assert rewrite("Are those symptoms typical?", Topic("ankle braces", [], True), vocabulary).startswith(
        "Are those symptoms typical")  # ... "symptoms" is one


def test_a_pronoun_for_the_drug_keeps_the_case_it_was_asked_in() -> None:
    """"How long should he take it for?" after a case of vertigo is about prochlorperazine for that vertigo; after
    a plain question ("Does calcitonin help acute pain?") the drug alone is the topic."""
    from app.answer.followup import rewrite, topic_of

    vocabulary = SubjectVocabulary([], ["Vertigo"], ["prochlorperazine", "calcitonin"])
    topic = topic_of("45M, 2 days of constant vertigo, vomiting. Prochlorperazine dose?", [], vocabulary)
    assert topic.subject == "prochlorperazine" and topic.told
    rewritten = rewrite("How long should he take it for?", topic, vocabulary)
    assert rewritten.startswith("How long should he take prochlorperazine for? (about") and "vertigo" in rewritten
    plain = topic_of("Does calcitonin help acute pain?", [], vocabulary)
    assert rewrite("What are its side effects?", plain, vocabulary) == "What are calcitonin side effects?"


def test_a_contracted_pronoun_points_back_as_the_full_one_does(engine: Engine) -> None:
    """"What if he's got coeliac disease?" is said of the patient of the conversation as surely as "What if he has
    ...": the straight apostrophe of "he's" does not hide the pronoun (a curly one split the word already)."""
    first = engine.ask("What oral iron dose for iron deficiency anaemia?")
    for said in ("What if he's got coeliac disease?", "What if she’s got coeliac disease?"):
        follow = engine.ask(said, [first])
        assert "iron" in follow.standalone_question.lower(), said
        assert "intravenous iron" in follow.text.splitlines()[0], said


def test_a_heading_the_turn_names_by_one_word_of_another_document_is_not_its_subject() -> None:
    """"Pain in the ball of the foot - should I inject?" shares "inject" with a shoulder guideline's heading
    "Other injections", but the answer came from a foot guideline: that heading is not what a pronoun after it
    stands for; a heading of the document that answered is."""
    vocabulary = SubjectVocabulary(["Shoulder pain › Other injections", "Morton's neuroma › Steroid injections"],
                                   ["Shoulder pain", "Morton's neuroma"], [])
    cited = [("Morton's neuroma › Surgery", "Morton's neuroma")]
    topic = topic_of("Pain in the ball of the foot for 4 months - should I inject?", cited, vocabulary)
    assert topic.subject != "Other injections"
    cited = [("Morton's neuroma › Steroid injections", "Morton's neuroma")]
    assert topic_of("Pain in the ball of the foot for 4 months - steroid injections?", cited,
                    vocabulary).subject == "Steroid injections"


def test_a_drug_the_case_has_already_tried_is_neither_its_subject_nor_carried_on() -> None:
    """"Heel pain despite insoles and 2/52 of naproxen. Would you inject?" is about the injection the answer
    quoted, not the naproxen that failed: "What dose?" after it asks for the injection's dose, and the naproxen
    is not carried on as context for the turns after it."""
    vocabulary = SubjectVocabulary(["Heel pain › Injections › Steroid injection",
                                    "Shoulder pain › Other injections"], ["Heel pain", "Shoulder pain"], ["naproxen"])
    cited = [("Heel pain › Injections › Steroid injection", "Heel pain")]
    topic = topic_of("60F, heel pain despite insoles and 2/52 of naproxen. Would you inject?", cited, vocabulary,
                     lambda w: True)
    assert topic.subject == "Steroid injection"
    assert "naproxen" not in topic.context
    # taken now, not tried: still what a pronoun after it may stand for
    assert topic_of("60F on naproxen for heel pain. Should she stop it?", cited, vocabulary,
                    lambda w: True).subject == "naproxen"


def test_what_the_engine_spelled_an_abbreviation_out_as_is_never_what_it_stands_for() -> None:
    """"Active and passive ER reduced" was spelled out by a dictionary's "estrogen receptor", the one meaning a
    breast cancer page writes: the meaning is the engine's guess, not the user's word, so "She's not sleeping with
    it" is not about the estrogen receptor."""
    vocabulary = SubjectVocabulary(["Breast cancer › Hormone therapy", "Frozen shoulder › Investigations"],
                                   ["Breast cancer", "Frozen shoulder"], ["estrogen receptor"])
    cited = [("Frozen shoulder › Investigations", "Frozen shoulder")]
    topic = topic_of("Active and passive ER (estrogen receptor) both reduced. Do I need to X-ray it?", cited,
                     vocabulary, lambda w: True)
    follow = rewrite("She's not sleeping with it. Steroid injection - what would you use?", topic, vocabulary)
    assert "sleeping with it" in follow


def test_what_was_tried_is_told_as_done_not_denied_nor_asked() -> None:
    """A drug is the case's history only where the case says it was tried: not "never tried", "hasn't tried", a
    question whether it was, nor "despite X being sedating" (what the drug is, not that it failed)."""
    from app.answer.followup import was_tried
    told = ["She's tried Fybogel and Movicol - the Movicol helps but the pain's no better. What next?",
            "Heel pain despite stretches, heel cups and 2/52 of ibuprofen. Would you inject?",
            "Had a trial of gabapentin, no help. Anything else?"]
    for text, drug in zip(told, ("fybogel", "ibuprofen", "gabapentin")):
        assert was_tried(drug, text), text
    for text in ("She has never tried pizotifen. Is it worth it?", "She hasn't tried pizotifen - would it work?",
                 "Has she tried pizotifen?", "Tried pizotifen?", "Despite pizotifen being sedating, is it safe?"):
        assert not was_tried("pizotifen", text), text


def test_a_meaning_the_answering_document_writes_is_what_a_pronoun_stands_for() -> None:
    """"TXA (tranexamic acid)" spelled out beside a heavy periods guideline that writes tranexamic acid: "What dose
    of it?" asks for tranexamic acid's dose (only a meaning the answering document never writes is a guess)."""
    vocabulary = SubjectVocabulary(["Heavy menstrual bleeding › First-line treatment"], ["Heavy menstrual bleeding"],
                                   ["tranexamic acid"])
    cited = [("Heavy menstrual bleeding › First-line treatment", "Heavy menstrual bleeding")]
    written = stems("Offer tranexamic acid for heavy menstrual bleeding")
    topic = topic_of("Is TXA (tranexamic acid) safe for heavy periods?", cited, vocabulary, lambda w: True,
                     written=written)
    assert "What dose of tranexamic acid?" in rewrite("What dose of it?", topic, vocabulary)


ECZEMA = """# Atopic eczema in children

## Emollients
- Apply emollient ointment liberally at least twice a day, and keep using it when the eczema has cleared.
- Smooth emollients on in the direction of hair growth; do not rub them in.

## Flares
- For a flare on the body, apply hydrocortisone 1% cream once or twice a day for 5 to 7 days.
- Do not use potent corticosteroids on the face of a child without specialist advice.

## Itch
- Do not offer codeine for itch or sleep: it does not help and causes drowsiness and constipation.
- Paracetamol may be used for the pain of infected or cracked skin.
"""


LICE = """# Head lice

## Detection
- Confirm head lice by detection combing of wet or dry hair with a fine-toothed comb; itching alone is not enough.

## Treatment
- Offer wet combing every 4 days for at least 2 weeks, or dimeticone 4% lotion applied twice, 7 days apart.
- Do not treat household contacts unless live lice are found on them.

## School
- Children with head lice do not need to be kept off school.
"""


def test_a_pronoun_after_a_thing_the_question_sets_before_it_is_that_thing(tmp_path, embedder) -> None:
    """"Emollient ointment - how often should she use it?" is about the ointment: after a refused drug, which
    is not carried into it, and after an answered one, whose name does not replace its "it"."""
    # beside other guidelines: a word in few of the index's passages says what a question is about (informative)
    engine = engine_over(tmp_path, embedder, {"eczema.md": ECZEMA, "heel.md": HEEL, "lice.md": LICE})
    refused = engine.ask("Mum has read about crisaborole ointment - can she have it?")
    assert refused.abstained  # no document names crisaborole
    follow = engine.ask("OK. Emollient ointment - how often should she use it?", [refused])
    assert "crisaborole" not in follow.standalone_question.lower()
    assert not follow.abstained and "twice a day" in follow.text.splitlines()[0]
    answered = engine.ask("Flare on her tummy - how long should she use hydrocortisone for?")
    assert not answered.abstained
    follow = engine.ask("Emollient ointment - how often should she use it?", [answered])
    assert "use hydrocortisone" not in strip_context(follow.standalone_question)
    assert "twice a day" in follow.text.splitlines()[0]


def test_a_relative_s_condition_is_not_the_patient_s(tmp_path, embedder) -> None:
    """"Her boyfriend has ..." tells of someone else, as "Her brother has ..." does: his condition is judged as a
    question's own (no document names tinea capitis here), not given to the patient of the conversation."""
    engine = engine_over(tmp_path, embedder, {"eczema.md": ECZEMA, "heel.md": HEEL, "lice.md": LICE})
    first = engine.ask("Flare on her tummy - how long should she use hydrocortisone for?")
    follow = engine.ask("Her boyfriend has tinea capitis - how long should he use the same cream?", [first])
    assert follow.abstained, follow.text


def test_a_combination_is_named_when_each_of_its_drugs_is(tmp_path, embedder) -> None:
    """Co-codamol is codeine with paracetamol: a guideline that speaks of each, in passages of their own, speaks
    of it ("Do not offer codeine ..."), though it never writes the combination's name."""
    engine = engine_over(tmp_path, embedder, {"eczema.md": ECZEMA})
    answer = engine.ask("She's been given co-codamol to help her sleep with the itch - is that OK?")
    assert not answer.abstained, answer.text
    assert "codeine" in answer.standalone_question and "Do not offer codeine" in answer.text
    # ... and in a follow-up, where the hyphenated name is the dictionary's "co codamol", no word it lacks
    first = engine.ask("How often should emollients be applied in eczema?")
    follow = engine.ask("Her mum also gives her co-codamol at night for the itch - OK to carry on?", [first])
    assert not follow.abstained, follow.text
