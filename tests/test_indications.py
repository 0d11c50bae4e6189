"""The condition a question asks a drug for: a drug the documents name and dose for one condition does not answer
a question that asks it for another that they name elsewhere (app.answer.indications). The documents are
written for this test; none of their wording is in the engine."""

from __future__ import annotations

import pytest

from app.answer.engine import Engine
from app.answer.indications import asked_for
from tests.conftest import engine_over

ACNE = """# Acne vulgaris in adolescents and adults

- Offer a topical retinoid with benzoyl peroxide as first-line treatment for mild to moderate acne.
- For moderate to severe acne, add oral doxycycline 100 mg once daily for up to 3 months.
- Review the treatment after 12 weeks.
"""

ROSACEA = """# Rosacea: treatment in primary care

- Offer topical metronidazole 0.75% gel twice daily for papules and pustules.
- Advise avoiding triggers such as alcohol, spicy food and sunlight.
- Refer to dermatology if there is eye involvement.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    return engine_over(tmp_path_factory.mktemp("indications"), embedder, {"acne.md": ACNE, "rosacea.md": ROSACEA})


def test_what_a_question_asks_a_drug_for() -> None:
    assert asked_for("What doxycycline dose for his rosacea?", "doxycycline") == ["his rosacea"]
    assert asked_for("She also has rosacea - same doxycycline dose for that?", "doxycycline") == \
        ["She also has rosacea - same "]
    # what the conversation is about already, or a condition the drug is not asked for, is not judged
    assert asked_for("Doxycycline for the spots - how long?", "doxycycline") == []
    assert asked_for("On doxycycline. What cream for her rosacea?", "doxycycline") == []


def test_a_follow_up_asking_a_drug_for_a_condition_its_documents_never_name_is_refused(engine: Engine) -> None:
    first = engine.ask("What oral antibiotic for moderate acne?")
    assert not first.abstained and "doxycycline" in first.text
    assert not engine.ask("What doxycycline dose for moderate acne?", [first]).abstained
    for question in ("What doxycycline dose for her rosacea?",
                     "She also has rosacea - is the same doxycycline dose right for that?"):
        found = engine.assess(question, [first])
        assert found.evidence.other_use == ("doxycycline",), question
        answer = engine.ask(question, [first])
        assert answer.abstained and "other conditions" in answer.text, question
    # a first question names the condition its search is for, in words the documents may write otherwise
    assert engine.assess("What doxycycline dose for her rosacea?").evidence.other_use == ()
    # a drug the patient takes for the condition its document names, beside what is asked about
    assert engine.assess("On doxycycline for acne. Which gel for her rosacea?", [first]).evidence.other_use == ()


AF = """# Atrial fibrillation: rate control

- Offer a beta-blocker or a rate-limiting calcium-channel blocker as first-line rate control.
- Consider digoxin only for people who are sedentary.
"""

HF = """# Chronic heart failure

- Offer bisoprolol, starting at 1.25 mg once daily, to people with reduced ejection fraction.
"""


def test_a_condition_the_documents_write_otherwise_or_a_drug_they_name_by_class_is_not_refused(tmp_path,
                                                                                                 embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"af.md": AF, "hf.md": HF})
    first = engine.ask("Starting dose of bisoprolol in heart failure?")
    assert not first.abstained
    for question in ("Is bisoprolol suitable for atrial fibrillation too?",  # the AF guideline's "a beta-blocker"
                     "And is it OK for paroxysmal AF?"):  # spelled out: atrial fibrillation
        assert engine.assess(question, [first]).evidence.other_use == (), question
