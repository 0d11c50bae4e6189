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
    assert asked_for("What doxycycline dose for his rosacea?", "doxycycline") == ["rosacea"]
    assert asked_for("She also has rosacea - same doxycycline dose for that?", "doxycycline") == \
        ["She also has rosacea - same "]
    # what the conversation is about already, or a condition the drug is not asked for, is not judged
    assert asked_for("Doxycycline for the spots - how long?", "doxycycline") == []
    assert asked_for("On doxycycline. What cream for her rosacea?", "doxycycline") == []


def test_a_drug_asked_for_a_condition_its_documents_never_name_is_refused(engine: Engine) -> None:
    assert not engine.ask("What doxycycline dose for moderate acne?").abstained
    for question in ("What doxycycline dose for her rosacea?",
                     "She also has rosacea - is the same doxycycline dose right for that?"):
        found = engine.assess(question)
        assert found.evidence.other_use == ("doxycycline",), question
        answer = engine.ask(question)
        assert answer.abstained and "other conditions" in answer.text, question
    # a drug the patient takes for the condition its document names, beside what is asked about
    assert engine.assess("On doxycycline for acne. Which gel for her rosacea?").evidence.other_use == ()
