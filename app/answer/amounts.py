"""Amounts: a question that asks how much of a drug to give, and a statement that says it.

"What dose of Keflex?", "How much Calpol can she have?", "... - dex dose?" ask for an amount; "What's the max I
can push it to?" for a ceiling. A guideline says one in units ("500 mg", "0.15 mg/kg"), in counts ("1 drop every 2
hours", "two to ten puffs") or by how often ("twice a day"), and a ceiling as "to a maximum of", "up to" or "do
not exceed". Whether to change a dose ("Should I reduce the dose in CKD?"), the size of an effect ("How much does
it reduce the risk?") or a maximum of something else ("maximum effect") asks for none. The engine refuses a
question asking the amount of a drug that no statement doses (Engine.amount_unstated).
"""

from __future__ import annotations

import re

from app.answer.followup import SENTENCE_END, strip_context
from app.answer.text import STOP

# "500 mg", "0.15 mg/kg", "10 micrograms/min"; not a concentration or a clearance measured in the patient ("130
# mmol/L", "ACR 3 mg/mmol", "HbA1c 58 mmol/mol", "eGFR 30 mL/min")
AMOUNT = re.compile(r"\d\s*(?:(?:mg|mcg|µg|micrograms?|g|iu|units?|mmol)\b(?!\s*/\s*(?:l|dl|ml|mmol|mol)\b)|"
                    r"ml\b(?!\s*/\s*(?:l|dl|min|mmol|mol)\b))", re.I)
# a value measured in the patient, whose digits say no dose ("if the sodium falls below 130 mmol/L")
_MEASURED = re.compile(r"\d+(?:\.\d+)?\s*(?:%|mm\s?hg\b|(?:mmol|micromol|µmol|umol|mg|µg|mcg|ng|g|iu|units?)\s*/\s*"
                       r"(?:l|dl|ml|mmol|mol)\b|ml\s*/\s*min\b)", re.I)


# a ceiling of what is given: "max dose", "max prednisolone dose", "the max I can push it to", "maximum?"; not
# "maximum effect"
_MOST_OF = r"(?=\s+(?:[\w-]+\s+)?(?:dose|dosage|amount|mg)\b|\s+(?:i|you|we|he|she|they|on)\b|\s*[?]|$)"
_MOST = re.compile(r"\b(?:(?:max|maximum|maximal|ceiling|highest|upper limit)" + _MOST_OF + r"|top dose|push\w*\s+"
                   r"(?:it|the dose|him|her)\b)", re.I)
# "What dose of ...?", "Keflex dose?", "How much Calpol can she have?"; not "How much does it reduce the risk?",
# "How much should he drink?", "Do I change the dose?"
_AMOUNT_ASKED = re.compile(r"\b(?:dose|doses|dosage|dosing|regimen|regimens|what\s+strength|(?:max|maximum|ceiling)" +
                           _MOST_OF + r"|how much"
                           r"(?!\s+(?:does|do|did|is|are|was|will|would|can|could|should|more|less|longer)\b))\b", re.I)
# a dose in a compound word before the noun it qualifies names a kind of thing, not an amount asked ("peak-dose
# dyskinesias", "low-dose aspirin", "dose-response"); "loading-dose for a 70 kg man", "max-dose per day" ask one
_COMPOUND = re.compile(r"\b[a-z]+-dos(?:e|ing)\s+([a-z]+)|\bdos(?:e|ing)-[a-z]+", re.I)


def _compounds_out(text: str) -> str:
    """The text without its dose compounds ("high-dose regimen", "high-dose dosing" keep theirs: they ask one)."""
    return _COMPOUND.sub(lambda m: m.group(0) if m.group(1) and (m.group(1).lower() in STOP or
                                                                _DOSE_NOUN.fullmatch(m.group(1))) else " ", text)


_DOSE_NOUN = re.compile(r"dos(?:e|es|age|ing)|regimens?|amounts?", re.I)
_DOSE_WORD = re.compile(r"\bdos(?:e|es|age|ing)\b", re.I)


_MOST_STATED = re.compile(r"\b(?:max|maximum|maximal|ceiling|highest|up to|not (?:to )?exceed|no more than|limit|"
                          r"at most)\b", re.I)


def asks_for_most(question: str) -> bool:
    """Asks for a ceiling ("What's the max dose?", "Is there a ceiling on the dex dose?")."""
    return _MOST.search(question) is not None


def states_most(text: str) -> bool:
    """Says a ceiling ("to a maximum of 5 mL", "up to 200 mg daily", "do not exceed 4 g in 24 hours")."""
    return _MOST_STATED.search(text) is not None


# a dose to change, not an amount to give: "Does metformin need a dose change?", "Should I reduce the dose?"
_DOSE_CHANGED = re.compile(r"\b(?:chang|adjust|reduc|increas|lower|rais|halv|doubl|titrat|miss|alter|modif)\w*\s+"
                           r"(?:the\s+|a\s+|his\s+|her\s+|its\s+)?dos|\bdos\w*\s+(?:chang|adjust|reduc|increas|"
                           r"modif|alter|titrat)", re.I)
_YES_NO = re.compile(r"^\W*(?:does|do|did|is|are|was|were|should|can|could|would|will|must|need|has|have)\b", re.I)


def asks_for_amount(question: str) -> bool:
    """Asks how much of something to give ("What dose of Keflex?", "How much Calpol can she have?", "... - dex
    dose?"), in a sentence that asks it: not whether to change a dose ("Should I reduce the dose of gabapentin in
    CKD?", "Does metformin need a dose change?"), nor about a dose the question itself states ("On levothyroxine
    100 mcg ... do I change the dose?")."""
    if AMOUNT.search(question):  # "On levothyroxine 100 mcg": the dose is the patient's
        return False
    for piece in SENTENCE_END.split(_compounds_out(strip_context(question))):
        if _AMOUNT_ASKED.search(piece) is None or _DOSE_CHANGED.search(piece):
            continue
        if _YES_NO.search(piece) and not re.search(r"\b(?:how much|how many|what|which)\b", piece, re.I):
            continue  # "Is a dose needed before the scan?" asks whether, not how much
        return True
    return False


# how much and how often, in any form: "1 drop every 2 hours", "2% cream three times a day", "one tablet daily"
_COUNT = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|half|a half)"
# a strength in per cent is a product's ("permethrin 5% cream", "5% benzoyl peroxide gel", "10% glucose"), not a
# target or a share ("saturation at or above 95%", "in 2% of patients")
_FORMS = (r"cream|gel|ointment|lotion|solution|spray|drops|mouthwash|shampoo|foam|paste|patch|liniment|powder|eye|ear|"
          r"nasal|topical|dermal|liquid|suspension|pessary|infusion|injection|enema|w/[wv]")
# ... a strength before a dosage form, or before a word with a substance's ending, or after a drug's name
_STRENGTH = (rf"\d(?:\.\d+)?\s*%\s+(?:[a-z-]+\s+){{0,2}}(?:{_FORMS})\b|\d(?:\.\d+)?\s*%\s+(?!dose\b|those\b)"
             r"[a-z-]*(?:ine|ole|one|ide|ate|cin|in|ol|ose|ium)\b|"
             r"\b(?!(?:above|below|under|over|than|least|about|around|approximately|target|saturations?|sats|spo2|"
             r"fio2|by|to|of|at|is|was|were|reduced|increased|rate)\b)[a-z]{4,}\s+\d(?:\.\d+)?\s*%")
_REGIMEN_STATED = re.compile(rf"\b{_COUNT}\s*(?:drops?|puffs?|tablets?|capsules?|sprays?|sachets?|patch(?:es)?|"
                             r"applications?|doses?|teaspoons?|spoonfuls?)|\b(?:once|twice|three times|four times|"
                             rf"every \d+)\b|\b(?:a|per) day\b|\bdaily\b|{_STRENGTH}", re.I)


def states_amount(text: str) -> bool:
    """Says an amount or how often ("500 mg four times daily", "0.15 mg/kg", "1 drop every 2 hours", "The usual
    dose is 200")."""
    return AMOUNT.search(text) is not None or _REGIMEN_STATED.search(text) is not None or \
        (_DOSE_WORD.search(text) is not None and re.search(r"\d", _MEASURED.sub(" ", text)) is not None)


# the routes and forms a drug is given by other than swallowed, each by the words a question or a statement says it
# with (EDQM's standard terms and their clinical short forms): an amount for one is none for another ("Butrans
# patch - what strength?" beside sublingual buprenorphine's doses)
ROUTES = {
    "transdermal": r"patch(?:es)?|transdermal(?:ly)?",
    "injected": r"inject\w*|i\.?v\.?|intravenous(?:ly)?|i\.?m\.?|intramuscular(?:ly)?|s\.?c\.?|sub-?cut\w*|"
                r"subcutaneous(?:ly)?|depot|infusions?|infused",
    "inhaled": r"inhal\w*|puffs?|nebuli[sz]\w*|nebs?|mdi|dpi",
    "on the skin": r"creams?|ointments?|gels?|lotions?|topical(?:ly)?|foams?",
    "in the eye": r"eye\s*drops?|ophthalmic|intravitreal",
    "rectal": r"suppositor\w*|rectal(?:ly)?|enemas?",
    "nasal": r"nasal(?:ly)?|intranasal(?:ly)?|nose\s*spray",
    "vaginal": r"pessar\w*|vaginal(?:ly)?|intravaginal(?:ly)?",
    "under the tongue": r"sublingual(?:ly)?|buccal(?:ly)?|under\s+the\s+tongue|lozenges?|oromucosal",
}
# the forms a medicine is made up in, by which a question asks how to give it ("If we draw it up from an ampoule,
# how much?", "Codeine linctus for the nights?"): words of how, not of what is asked about
DOSAGE_FORM = re.compile(r"(?:ampoules?|ampules?|vials?|linctus(?:es)?|elixirs?|syrups?|suspensions?|sachets?|"
                         r"lozenges?|pessar(?:y|ies)|suppositor(?:y|ies)|nebules?|respules?|auto-?injectors?|"
                         r"pre-?filled|syringes?|drips?|infusions?|tablets?|capsules?|caplets?|granules?|"
                         r"patch(?:es)?|sprays?|drops?|creams?|ointments?|gels?|lotions?|inhalers?|spacers?|pellets?|"
                         r"pastilles?|wafers?|melts?|mouthwash(?:es)?|shampoos?|foams?|pastes?|powders?)",
                         re.I)
_ROUTES = {route: re.compile(rf"\b(?:{words})(?![\w-])", re.I) for route, words in ROUTES.items()}


def routes_of(phrase: str, text: str) -> frozenset[str]:
    """The routes the text names right beside a drug's name: "Butrans patch", "IV metoclopramide", "sumatriptan as
    a nasal spray"; not another drug's ("after back-to-back nebs, is IV magnesium worth it?" gives salbutamol's
    nebuliser no route of magnesium's)."""
    name = re.escape(phrase)
    near = re.finditer(rf"((?:[\w.-]+\s+){{0,2}}){name}\b((?:\s+[\w.-]+){{0,3}})", text, re.I)
    return frozenset().union(*(routes(m.group(0)) for m in near))


def routes(text: str) -> frozenset[str]:
    """The routes and forms, other than swallowed, that a text names ("Butrans patch": transdermal; "4 mg
    sublingually": under the tongue)."""
    return frozenset(route for route, pattern in _ROUTES.items() if pattern.search(text))
