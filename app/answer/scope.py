"""Scope: what a document says it does not cover.

Guidelines say what they leave out ("Pelvic inflammatory disease and epididymitis are covered in separate
guidance.", "Preventive treatment is outside its scope.", "This guideline does not cover children under 12."). A
question about what a document so excludes, that no other statement found speaks of, is not answered by that
document: quoting its other statements would answer another question ("how should I treat the epididymitis?"
beside a gonorrhoea guideline's doses).
"""

from __future__ import annotations

import re

from app.answer.text import GENERIC_STEMS, key_terms, stems

_DOCUMENT = r"(?:guideline|guidance|summary|page|document|leaflet|article|review|recommendations?|pathway|protocol|" \
            r"section|chapter|advice|information)"
# (pattern): the excluded items are group "x"
_EXCLUSIONS = [
    re.compile(r"^(?P<x>[^.;:]+?)\s+(?:is|are)\s+(?:outside|beyond)\s+(?:the|its|this|our|their)\s+(?:\w+\s+)?scope\b",
               re.I),
    re.compile(r"^(?P<x>[^.;:]+?)\s+(?:is|are)\s+(?:not\s+(?:covered|addressed|included|considered)\b(?!\s+by\s+"
               r"(?:insurance|medicare|medicaid))|(?:covered|addressed|dealt with)\s+(?:in|by)\s+(?:a\s+)?"
               r"(?:separate|other|another|different)\b|covered\s+elsewhere\b)", re.I),
    re.compile(rf"\b(?:this|the|our)\s+{_DOCUMENT}\s+(?:does\s+not|doesn't|do\s+not|don't)\s+(?:cover|address|"
               rf"include|apply\s+to|deal\s+with)\s+(?P<x>[^.;]+)", re.I),
    re.compile(rf"\b(?:outside|beyond)\s+the\s+scope\s+of\s+(?:this|the)\s+{_DOCUMENT}\s*(?:are|is)?\s*[:-]?\s*"
               r"(?P<x>[^.;]+)", re.I),
    re.compile(r"^(?:it\s+)?(?:does\s+not|doesn't)\s+cover\s+(?P<x>[^.;]+)", re.I),
]
_ITEMS = re.compile(r"\s*(?:,|;|\band\b|\bor\b|\bnor\b)\s*", re.I)


def excluded_items(text: str) -> list[tuple[str, frozenset[str]]]:
    """The items a statement says its document does not cover, each with its naming stems ([] when it says
    none): "Pelvic inflammatory disease and epididymitis are covered in separate guidance" -> pelvic
    inflammatory disease, epididymitis."""
    plain = re.sub(r"^[\s*_>•-]+", "", text.strip())
    for pattern in _EXCLUSIONS:
        m = pattern.search(plain)
        if m:
            items = [(part.strip(), frozenset(stems(" ".join(key_terms(part))) - GENERIC_STEMS))
                     for part in _ITEMS.split(m.group("x"))]
            return [(part, item) for part, item in items if item]
    return []


def excluded(question: str, statements: list[str]) -> tuple[str, ...]:
    """What the question asks about (every naming word of an item) that a statement says its document leaves
    out, and no other statement found speaks of."""
    said = stems(" ".join(key_terms(question)))
    out = []
    for text in statements:
        for part, item in excluded_items(text):
            if item <= said and not any(item <= stems(other) for other in statements
                                        if other != text and not excluded_items(other)):
                out.append(part)
    return tuple(dict.fromkeys(out))
