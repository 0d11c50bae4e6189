"""Scope: what a document says it does not cover.

Guidelines say what they leave out ("Pelvic inflammatory disease and epididymitis are covered in separate
guidance.", "Preventive treatment is outside its scope.", "This guideline does not cover children under 12."). A
question about what a document so excludes, that no other statement found speaks of, is not answered by that
document: quoting its other statements would answer another question ("how should I treat the epididymitis?"
beside a gonorrhoea guideline's doses).
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.answer.amounts import states_amount
from app.answer.text import GENERIC_STEMS, key_terms, stems

_DOCUMENT = r"(?:guideline|guidance|summary|page|document|leaflet|article|review|recommendations?|pathway|protocol|" \
            r"advice|information|topic)s?"
# (pattern): the excluded items are group "x"; what the document itself leaves to another document, not to a
# section of its own ("covered in a separate section below") nor to a payer ("not covered by the NHS"), and not a
# judgement ("Pregnancy is not considered a contraindication")
_EXCLUSIONS = [
    re.compile(r"^(?P<x>[^.;:]+?)\s+(?:is|are)\s+(?:outside|beyond)\s+(?:the|its|this|our|their)\s+(?:\w+\s+)?scope\b"
               r"(?!\s+of\s+(?:this|the)\s+(?:section|chapter|part|table|box)\b)", re.I),
    re.compile(rf"^(?P<x>[^.;:]+?)\s+(?:is|are)\s+(?:not\s+(?:covered|addressed)\s+(?:here|in\s+this\s+{_DOCUMENT})\b"
               rf"(?!\s*[;,:]?\s*(?:see|refer|use)\b)|(?:covered|addressed|dealt with)\s+(?:in|by)\s+(?:a\s+)?"
               rf"(?:separate|other|another|different)\s+{_DOCUMENT}\b|covered\s+elsewhere\b(?!\s+in\s+th))", re.I),
    re.compile(rf"\b(?:this|the|our)\s+{_DOCUMENT}\s+(?:does\s+not|doesn't|do\s+not|don't)\s+(?:cover|address|"
               rf"apply\s+to|deal\s+with)\s+(?P<x>[^.;]+)", re.I),
    re.compile(rf"\b(?:outside|beyond)\s+the\s+scope\s+of\s+(?:this|the)\s+{_DOCUMENT}\s*(?:are|is)?\s*[:-]?\s*"
               r"(?P<x>[^.;]+)", re.I),
]
_ITEMS = re.compile(r"\s*(?:,|;|\band\b|\bor\b|\bnor\b)\s*", re.I)
# a clause that goes on to say what to do for them ("patients on haemodialysis, who should receive 1 g after each
# session")
_GOES_ON = re.compile(r",\s+(?:who|which)\s+(?:should|must|need|needs|can|may|receive|are given|is given|get)\b",
                     re.I)


# a statement that says its document leaves someone out, in any words ("It does not cover children and young people
# under 18 years", "... is outside the scope", "... are not covered")
_LEAVES_OUT = re.compile(r"\b(?:does|do)\s+not\s+(?:cover|apply\s+to|address|deal\s+with)\b|"
                         r"\b(?:is|are)\s+not\s+(?:covered|addressed)\b|"
                         r"\b(?:outside|beyond)\s+(?:the|its|this|our)\s+(?:\w+\s+)?scope\b", re.I)


# a statement about the document itself, not about patients: its scope or audience ("This guideline covers ...",
# "Applies to adults ...", "Scope: ...", "This summary is intended for clinicians ..."), or when and by whom it was
# written ("Reviewed February 2025", "Approved by the Drugs and Therapeutics Committee")
_ABOUT_DOCUMENT = re.compile(
    rf"^\W*(?:(?:scope|overview|purpose|audience|about\s+this\s+{_DOCUMENT})\s*[:.-]\s*)?(?:(?:this|the|our)\s+"
    rf"{_DOCUMENT}\s+(?:covers|sets\s+out|summari[sz]es|applies\s+to|is\s+intended|is\s+for|is\s+written|"
    rf"is\s+aimed|focuses|addresses|is\s+about|(?:explains|describes|outlines|tells\s+you|gives\s+(?:you\s+)?"
    rf"information)(?!\s+(?:to|that)\b))\b|applies\s+to\b|it\s+(?:covers|applies\s+to|is\s+(?:intended|written)\s+"
    rf"for)\s+(?:the\s+)?(?:diagnosis|management|recognition|treatment|assessment|care|prevention|investigation|"
    rf"adults|children|young|people|women|men|patients|infants|babies|those|anyone|clinicians|healthcare)\b|"
    rf"(?:[\w-]+\s+){{0,2}}(?:summary|notes|guide)\s+for\s+[\w\s,-]*\b(?:clinicians|professionals|staff|"
    rf"practitioners|prescribers|teams)\b)|^\W*(?:scope|audience)\s*[:-]", re.I)
# ... a byline: a short line of when and by whom ("Reviewed February 2025"; not "Review in 2 weeks")
_BYLINE = re.compile(r"\b(?:reviewed|approved|published|updated|next\s+review)\s*(?::\s*|by\s+|on\s+|in\s+)?"
                     r"(?:(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}|"
                     r"(?:\d{1,2}/)?\d{1,2}/\d{4}|\d{4}\b|the\s+[\w\s]*committee)", re.I)
# ... and gives no advice: "Applies to adults with a penicillin allergy: use clarithromycin" is a recommendation
# (a verb that opens a clause, as guidelines write them; not "who prescribe for people with eczema")
_ADVICE = re.compile(r"(?:^|[,;:]\s*)(?:offer|consider|give|use|start|stop|avoid|prescribe|treat|refer|switch|add|"
                     r"continue)\b|\b(?:do\s+not|don['’]t|is\s+recommended|are\s+recommended)\b", re.I)
BYLINE_WORDS = 12  # the longest line read as a byline
# a question about the document itself: what it covers, for whom, when it was written
_ASKS_DOCUMENT = re.compile(r"\b(?:cover|covers|covered|apply|applies|scope|intended|audience|published|updated|"
                            r"reviewed|approved)\b", re.I)


@lru_cache(maxsize=50_000)  # asked of every candidate statement, by the scoring and again by the evidence
def about_the_document(text: str) -> bool:
    """Whether a statement speaks of its document rather than of patients: its scope, its audience, its review
    or approval ("This guideline covers rate control in adults with AF", "Applies to adults aged 16 and over",
    "Paediatric Practice Notes · Reviewed February 2025"). It answers no clinical question first."""
    if _ADVICE.search(text) or states_amount(text):
        return False
    return _ABOUT_DOCUMENT.search(text) is not None or \
        _BYLINE.search(text) is not None and len(text.split()) <= BYLINE_WORDS


def asks_about_the_document(question: str) -> bool:
    """Whether a question asks what a document covers, for whom, or when it was written."""
    return _ASKS_DOCUMENT.search(question) is not None


def leaves_out(text: str) -> bool:
    """Whether a statement says its document leaves someone out, and does not go on to say what to give them
    ("does not apply to pregnant women, who should be offered nitrofurantoin 100 mg ..." speaks of them; "It does
    not cover children ..., who should be managed by the paediatric service" does not)."""
    return _LEAVES_OUT.search(text) is not None and not (_GOES_ON.search(text) and states_amount(text))


def excluded_items(text: str) -> list[tuple[str, frozenset[str]]]:
    """The items a statement says its document does not cover, each with its naming stems ([] when it says
    none): "Pelvic inflammatory disease and epididymitis are covered in separate guidance" -> pelvic
    inflammatory disease, epididymitis. An item with a number ("children under 12") is a bound, not a subject:
    whether a patient is inside it is the age rules' call, so it is left out."""
    plain = re.sub(r"^[\s*_>•-]+", "", text.strip())
    for pattern in _EXCLUSIONS:
        m = pattern.search(plain)
        if m:
            if _GOES_ON.search(m.group("x")):
                return []  # it goes on to say what to do for them: an answer, not a scope note
            items = [(part.strip(), frozenset(stems(" ".join(key_terms(part))) - GENERIC_STEMS))
                     for part in _ITEMS.split(m.group("x")) if not re.search(r"\d", part)]
            return [(part[:1].lower() + part[1:], item) for part, item in items if item]
    return []


def excluded(question: str, statements: list[tuple[str, str, str]]) -> tuple[str, ...]:
    """What the question asks about (every naming word of an item) that a document says it leaves out, and that
    no other statement found speaks of, in its words, its headings or its title (the same document's too: "Do not
    offer apixaban to people with mechanical heart valves" answers beside its own scope note). `statements`:
    (doc_id, text, its title and headings)."""
    said = stems(" ".join(key_terms(question)))
    items = [(text, part, item) for _, text, _ in statements for part, item in excluded_items(text) if item <= said]
    out = []
    for note, part, item in items:
        if not any(text != note and item <= stems(f"{place} {text}") for _, text, place in statements):
            out.append(part)
    return tuple(dict.fromkeys(out))
