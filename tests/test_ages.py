"""The patient's age a question gives, the age ranges a statement applies to, and the ranking they make."""

from __future__ import annotations

from app.answer.ages import fits, question_age, statement_ranges
from app.answer.extractive import score
from app.answer.followup import SubjectVocabulary, topic_of
from app.answer.statements import Candidate
from app.answer.types import Passage
from ingest.types import Statement


def test_ages_as_clinicians_give_them() -> None:
    assert question_age("and if she were 81?") == 81
    assert question_age("64M, chest pain on exertion") == 64
    assert question_age("A 5-year-old with a wheeze") == 5
    assert question_age("6 week old baby, poor feeding") == 6 / 52
    assert question_age("8 mo, vomiting") == 8 / 12
    assert question_age("Potassium is 6.8 and she is 4.5 kg") is None  # a measurement, no age
    for other in ("She is 12 weeks pregnant", "He is 3 days post-MI", "Insert a 16F catheter",
                  "She is 7 cm dilated", "A 6 mo course of isoniazid", "a 45m walk"):  # numbers of other things
        assert question_age(other) is None, other
    assert question_age("Infant aged 3 months, feeding poorly") == 0.25


def test_age_ranges_as_guidelines_write_them() -> None:
    assert fits(81, statement_ranges("Offer the vaccine to adults aged 70 or over."))
    assert fits(5, statement_ranges("Treat children aged 1 to 12 years with a lower dose.")) is True
    assert fits(14, statement_ranges("Do not use in people younger than 16 years.")) is True
    assert fits(30, statement_ranges("Do not use in people younger than 16 years.")) is False
    assert fits(30, statement_ranges("Review after 30 minutes and again at 4 hours.")) is None  # no age
    for duration in ("Use for less than 2 weeks.", "Treat for over 2 weeks.", "Since 2 years ago.",
                     "At a gestational age of 24 to 34 weeks, give steroids."):  # durations, not ages
        assert statement_ranges(duration) == [], duration
    assert fits(4, statement_ranges("Vaccinate children from 6 months to 5 years.")) is True
    assert fits(70, statement_ranges("Screen people over 65 every year.")) is True


def test_a_statement_for_the_patients_age_ranks_above_one_for_another_age() -> None:
    texts = ["In adults under 60 years, start at 100 mg daily.", "In adults aged 60 or over, start at 50 mg daily."]
    passage = Passage(rank=1, chunk_id="c", doc_id="d", title="Starting dose", section="Dose", text=" ".join(texts),
                      statements=tuple(Statement(t) for t in texts), references=(), page=None, kind="text", score=1.0)
    ranked = score("What starting dose if he is 75?", [Candidate(passage, i, t, 0.5) for i, t in enumerate(texts)])
    assert ranked[0].text.startswith("In adults aged 60 or over")


def test_a_follow_up_keeps_the_age_its_context_inherited() -> None:
    # the "(about ...)" context a follow-up inherits writes a case's age and sex as the case did ("67F")
    vocabulary = SubjectVocabulary([], ["Tremor in adults"], ["propranolol"])
    topic = topic_of("67F newly diagnosed essential tremor - start propranolol?", [], vocabulary)
    assert "67F" in topic.context
    assert question_age(f"What dose for her? (about {' '.join(topic.context)})") == 67
    # "18m" is no sex: months, metres; left to the rules that read units
    assert question_age("What dose? (about 18m old barking cough)") is None
    assert question_age("What next? (about 16F indwelling catheter blocked)") is None  # a catheter's size


def test_a_stage_of_life_is_an_age_range() -> None:
    """"For teens and adults" holds a 17-year-old; "infants" does not hold a 4-year-old."""
    assert fits(17, statement_ranges("For teens and adults, the usual dose is acyclovir 800 mg five times a day."))
    assert fits(4, statement_ranges("Infants need 400 IU of vitamin D daily.")) is False
    assert fits(0.05, statement_ranges("Give newborns vitamin K at birth."))
    assert fits(40, statement_ranges("For teens and adults, the usual dose is acyclovir 800 mg five times a day."))
    # beside a wider group, the stage says nothing of who else: "infants and children" holds a 4-year-old
    assert fits(4, statement_ranges("For infants and children, give paracetamol 15 mg/kg every 6 hours.")) is not False
    # children, with no age given, are under the age a children's guideline stops at: not a 45-year-old; beside
    # adults or people, they say nothing of who else
    assert fits(45, statement_ranges("The prophylactic dose of acetazolamide in children is 1.25 mg/kg.")) is False
    assert fits(6, statement_ranges("The prophylactic dose of acetazolamide in children is 1.25 mg/kg.")) is True
    for wider in ("Give 250 mg in adults and 2.5 mg/kg in children.", "Children and young people need a plan.",
                  "Offer it to people of any age, including children.",
                  "Women of child-bearing potential: start lamotrigine at 25 mg.",
                  "Monitor the breastfed child for drowsiness."):
        assert fits(45, statement_ranges(wider)) is None, wider


def test_adults_the_advice_is_for_are_no_toddler() -> None:
    """"Offer adults ..." with no age given is for those 16 and over: not a 3-year-old's dose, which the mg/kg
    statement gives; beside a younger group, or in a title, adults say nothing of who else."""
    adults = "Offer adults amoxicillin 500 mg three times a day for 5 days."
    assert fits(3, statement_ranges(adults)) is False
    assert fits(16, statement_ranges(adults)) and fits(70, statement_ranges("In adults with COPD, give 30 mg."))
    for wider in ("Give 500 mg to adults and 30 mg/kg a day to children.", "Adults and young people need a plan."):
        assert fits(3, statement_ranges(wider)) is None, wider
    assert statement_ranges("Otitis media in adults", children=False) == []
    from tests.test_parts import _scores

    by_weight = "The usual amoxicillin dose is 30 mg/kg a day in three divided doses for 5 days."
    scored = _scores("3-year-old with otitis media, 14 kg - amoxicillin dose?", "Acute otitis media", "Antibiotics",
                     (adults, by_weight))
    assert scored[by_weight] > scored[adults]


def test_adults_beside_children_in_other_words_and_an_age_written_out_keep_their_ranges() -> None:
    assert fits(3, statement_ranges("Adult dose 1 g four times a day; paediatrics: 15 mg/kg.")) is None
    assert fits(12, statement_ranges("Offer adults and under-16s the same advice.")) is None
    assert fits(3, statement_ranges("Offer people aged 16 and over 400 mg.")) is False
    from app.answer.ages import unaged_adults

    assert unaged_adults("Offer adults 400 mg.") and not unaged_adults("Offer adults aged 16 and over 400 mg.")
    from tests.test_parts import _scores

    aged = "Offer people aged 16 and over ibuprofen 400 mg three times a day."
    plain = "Ibuprofen 400 mg three times a day eases the pain."
    scored = _scores("34M, sprained wrist - ibuprofen dose?", "Sprains", "Pain", (aged, plain))
    assert scored[aged] > scored[plain]  # an age written out lifts the statement that holds it


def test_an_amount_for_other_ages_is_not_quoted_beside_the_patient_s() -> None:
    """A 3-year-old's dose is answered by the mg/kg statement; "Offer adults ... 500 mg" is not quoted beside it,
    nor is a child's dose beside an adult's; a statement naming no age stays."""
    def quoted(question: str, texts: tuple[str, ...]) -> list[str]:
        return _quoted(question, "Otitis media", texts)

    adults = "Offer adults amoxicillin 500 mg three times a day for 5 days."
    children = "Offer children amoxicillin 30 mg/kg a day in three divided doses for 5 days."
    plain = "Amoxicillin is the first-line antibiotic for acute otitis media."
    assert quoted("3-year-old, 14 kg - amoxicillin dose?", (adults, children, plain)) == [children, plain]
    assert adults in quoted("45M - amoxicillin dose?", (adults, children, plain))
    assert children not in quoted("45M - amoxicillin dose?", (adults, children, plain))
    # an age written as a number may be one criterion of several, or the answer ("from 6 months"): quoted
    criteria = "Offer high-dose amoxicillin 90 mg/kg a day to children under 2 or in day care."
    assert criteria in quoted("4-year-old in day care, 16 kg - amoxicillin dose?", (children, criteria))
    outcome = "First-trimester exposure raised cardiac malformations in infants to 2.4% from 1.2%."
    assert outcome in quoted("26F, 10 weeks pregnant - what is the risk to the baby's heart?", (adults, outcome))


def test_a_restriction_or_someone_else_keeps_the_other_group_s_amount() -> None:
    """"Not for use in children" and "for adults only" restrict whom a dose is for: each may be the answer, for an
    adult and for a child; a follow-up turning to a relative is not about the age the topic inherited."""
    def quoted(question: str, texts: tuple[str, ...]) -> list[str]:
        return _quoted(question, "Pain", texts)

    weight = "Paracetamol 15 mg/kg every 6 hours is the usual dose for a fever."
    not_children = "Aspirin 300 mg every 4 to 6 hours; not for use in children."
    adults_only = "Aspirin 300 mg every 4 hours is for adults only."
    assert not_children in quoted("45M with a headache - aspirin dose?", (weight, not_children))
    assert adults_only in quoted("10-year-old with a fever - aspirin dose?", (weight, adults_only))
    adults = "Offer adults amoxicillin 500 mg three times a day for 5 days."
    children = "Offer children amoxicillin 30 mg/kg a day in three divided doses for 5 days."
    assert adults in quoted("Dad has it as well - same dose? (about amoxicillin 3-year-old ear infection)",
                            (children, adults))


def _quoted(question: str, title: str, texts: tuple[str, ...]) -> list[str]:
    """The statements an answer quotes, in order, of these texts as one document's candidates."""
    from app.answer.extractive import select
    from tests.test_parts import _candidates

    return [s.text for s in select(score(question, _candidates(title, "Drugs", texts)), question=question)]
