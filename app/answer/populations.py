"""Special populations: the patients drug labels and formularies give a section of their own.

A drug's label (the FDA's "Use in specific populations": pregnancy, lactation, renal and hepatic impairment) and
a formulary's monograph (the BNF's pregnancy, breast feeding, renal impairment, hepatic impairment, and driving
and skilled tasks) each say separately what holds for these patients, because what holds for others may not.
So a question that asks about one ("She's breastfeeding - is doxy OK?", "His eGFR is 20 - do I need to adjust
that?", "She drives a bus - is cyclizine OK?") is answered only by statements that speak of it: the dose and
the indications of the drug, which the same documents give, do not answer it, and a guideline that never
speaks of breastfeeding does not cover the question however well its statements on the drug match.

Each population is asked about in the words a clinician uses (ASKED) and spoken of in the words a guideline
uses (SPOKEN, wider: "Offer ultrasound rather than CT to pregnant women", "avoid in severe renal impairment",
"reduce the dose if creatinine clearance is below 30"); a week of pregnancy (app.answer.gestation) asks about
pregnancy too.
"""

from __future__ import annotations

import re

from app.answer.gestation import question_week

_KIDNEY = r"(?:renal|kidney)\s+(?:function|impairment|failure|insufficiency|disease|transplant)"
_LIVER = r"(?:hepatic|liver)\s+(?:function|impairment|failure|insufficiency|disease)"
# population: (how a question asks about it, how a statement speaks of it)
POPULATIONS: dict[str, tuple[str, str]] = {
    "pregnancy": (r"\bpregnan\w*|\bgestation\w*|\btrimester\b|\bantenatal\b|\b\d{1,2}\s*/\s*40\b",
                  r"\bpregnan\w*|\bgestation\w*|\btrimester\b|\bantenatal\b|\bprenatal\b|\bobstetric\w*|"
                  r"\bchildbearing\b|\bteratogen\w*|\bfetus\b|\bfetal\b|\bfoetal\b|\bfoetus\b"),
    "breastfeeding": (r"\bbreast-?\s?fe\w*|\blactat\w*|\bnursing\s+(?:mother|mum|mom|woman|women)\b",
                      r"\bbreast-?\s?fe\w*|\blactat\w*|\bbreast\s?milk\b|\bnursing\s+(?:mother|infant)s?\b"),
    "renal impairment": (rf"\b{_KIDNEY}\b|\begfr\b|\bcrcl\b|\bcreatinine\s+clearance\b|\bdialysis\b|\bckd\b|"
                         r"\bhaemodialysis\b|\bhemodialysis\b",
                         r"\brenal\b|\bkidneys?\b|\begfr\b|\bcrcl\b|\bcreatinine\b|\bdialysis\b|\bckd\b|"
                         r"\bnephro\w*|\bhaemodialysis\b|\bhemodialysis\b"),
    "hepatic impairment": (rf"\b{_LIVER}\b|\bcirrho\w*|\bchild-?pugh\b",
                           r"\bhepatic\b|\bliver\b|\bcirrho\w*|\bchild-?pugh\b|\bhepatotox\w*"),
    "driving": (r"\bdriv(?:e|es|ing|er|ers)\b|\bdrove\b|\bdvla\b|\bhgv\b|\boperat\w+\s+(?:heavy\s+)?machinery\b",
                r"\bdriv(?:e|es|ing|er|ers)\b|\bdvla\b|\bhgv\b|\bmachinery\b|\bvehicles?\b"),
}
_ASKED = {name: re.compile(asked, re.I) for name, (asked, _) in POPULATIONS.items()}
_SPOKEN = {name: re.compile(spoken, re.I) for name, (_, spoken) in POPULATIONS.items()}


def asked_about(question: str) -> tuple[str, ...]:
    """The special populations a question asks about, in POPULATIONS' order."""
    found = [name for name, pattern in _ASKED.items() if pattern.search(question)]
    if "pregnancy" not in found and question_week(question) is not None:
        found.insert(0, "pregnancy")
    return tuple(found)


def spoken_of(population: str, text: str) -> bool:
    """Does a statement (with its heading) speak of this population?"""
    return _SPOKEN[population].search(text) is not None


def unaddressed(question: str, statements: list[str]) -> tuple[str, ...]:
    """The populations the question asks about that none of these statements speaks of."""
    return tuple(p for p in asked_about(question) if not any(spoken_of(p, s) for s in statements))
