"""Special populations: the patients drug labels and formularies give a section of their own.

A drug's label (the FDA's "Use in specific populations": pregnancy, lactation, renal and hepatic impairment) and
a formulary's monograph (the BNF's pregnancy, breast feeding, renal impairment, hepatic impairment, and driving
and skilled tasks) each say separately what holds for these patients, because what holds for others may not;
travel advice does so for flying ("fitness to fly"), and a plan to conceive is asked as pregnancy is.
So a question that asks about one ("She's breastfeeding - is doxy OK?", "His eGFR is 20 - do I need to adjust
that?", "She drives a bus - is cyclizine OK?") is answered only by statements that speak of it: the dose and
the indications of the drug, which the same documents give, do not answer it, and a guideline that never
speaks of breastfeeding does not cover the question however well its statements on the drug match.

Each population is asked about in the words a clinician uses (the first pattern of its POPULATIONS entry) and
spoken of in the words a guideline uses (the second, wider: "Offer ultrasound rather than CT to pregnant
women", "avoid in severe renal impairment", "reduce the dose if creatinine clearance is below 30"); a week
of pregnancy ("28/40") asks about pregnancy too. A population the question says does not apply ("not
pregnant"), or a word in another sense (a sex drive, a driving pressure, an EGFR mutation, Ringer's lactate, a
blood pressure of 85/40), asks about none.
"""

from __future__ import annotations

import re

from app.answer.ages import ADULT_AGE, ADULTS, fits, question_age, statement_ranges

_KIDNEY = r"(?:renal|kidney)\s+(?:function|impairment|failure|insufficiency|disease|transplant)"
_LIVER = r"(?:hepatic|liver)\s+(?:function|impairment|failure|insufficiency|disease)"
# a week of pregnancy as "28/40", not a blood pressure ("85/40") or a visual acuity ("20/40 vision")
_WEEK = r"(?<![\d/])(?<!acuity )(?<!acuity of )\b(?:[4-9]|[1-3]\d|4[0-2])\s*/\s*40\b(?!\s*(?:vision|acuity))"
# driving as the patient's permission or task, not a sex drive, a hypoxic drive, a driving pressure, a driver
# mutation, nor an occupation that only describes the case ("Bus driver with gout")
_DRIVE = (r"\b(?:safe|fit|ok|okay|allowed|able|can|could|may|should)\b[^.?!]{0,25}\bdrive\b|\bdrive\s+(?:home|again|"
          r"a\s+\w+|the\s+\w+|his\s+\w+|her\s+\w+|for\s+work)\b|\bdrives\s+(?:a|an|the|his|her|for)\b|"
          r"\bdriving\s+(?:after|again|restrictions?|licen[cs]es?|rules?|advice|while|on)\b|\b(?:for|and|with|before)\s+driving\b|"
          r"\bdvla\b|\boperat\w+\s+(?:heavy\s+)?machinery\b")
# flying as the patient's permission, like driving ("Is she OK to fly with the rash?"), not a trip the case tells
# ("flying into Cusco then doing the Inca Trail. Does he need Diamox?")
_FLY = (r"\b(?:safe|fit|ok|okay|allowed|able)\b[^.?!]{0,20}\bto\s+fly\b|\b(?:can|could|may|should)\s+(?:he|she|they|i|"
        r"we|you|the\s+\w+)\s+(?:still\s+)?fly\b|\bfly\s+with\b|\bflying\s+(?:is\s+)?(?:safe|ok|okay|allowed)\b|"
        r"\bis\s+(?:it\s+)?(?:safe|ok|okay)\s+(?:for\s+\w+\s+)?to\s+fly\b|\bair\s+travel\b")
# wanting a child, as the patient's plan ("trying for a baby", "hoping to conceive"), not one they say they do not
# have ("not trying to conceive", "no plans to conceive")
_CONCEIVING = (r"(?<!not )(?<!no )\b(?:trying|hoping|wanting|wants?|planning|plans?|going)\s+to\s+(?:conceive|get\s+"
               r"pregnant)\b|(?<!not )\btrying\s+for\s+(?:a\s+)?(?:baby|family|another)\b|\bpre-?conception\b")
# population: (how a question asks about it, how a statement speaks of it)
POPULATIONS: dict[str, tuple[str, str]] = {
    # (and wanting to conceive: "She's trying for a baby - OK to stay on it?" is answered by what a guideline says
    # of pregnancy or conception; not of contraception, which a guideline may offer as a treatment)
    "pregnancy": (rf"\bpregnan\w*|\btrimester\b|\bantenatal\b|{_WEEK}|{_CONCEIVING}",
                  r"pregnan\w*|\bgestation\w*|\btrimester\b|\bantenatal\b|\bprenatal\b|\bobstetric\w*|"
                  r"\bchildbearing\b|\bteratogen\w*|\bfetus\b|\bfetal\b|\bfoetal\b|\bfoetus\b|\bconceiv\w*|"
                  r"\b(?:pre-?)?conception\b|\btrying\s+for\s+(?:a\s+)?baby\b"),
    "breastfeeding": (r"\bbreast-?\s?fe\w*|\blactating\b|\blactation\b|\bnursing\s+(?:mother|mum|mom|woman|women)\b",
                      r"\bbreast-?\s?fe\w*|\blactating\b|\blactation\b|\bbreast\s?milk\b|"
                      r"\bnursing\s+(?:mother|infant)s?\b"),
    "renal impairment": (rf"\b{_KIDNEY}\b|(?-i:\beGFR\b)|"
                         r"\be?gfr\s*(?:is|of|was|<|>|=|:|below|under|above|around)?\s*\d|\bcrcl\b|\bcreatinine\s+clearance\b|\bdialysis\b|\bckd\b|\bhaemodialysis\b|\bhemodialysis\b",
                         r"\brenal\b|\bkidneys?\b|\be?gfr\b|\bglomerular\s+filtration\b|\bcrcl\b|\bcreatinine\b|"
                         r"\bdialysis\b|\bckd\b|\bnephro\w*|\bhaemodialysis\b|\bhemodialysis\b|\bu\s?&\s?es?\b|"
                         r"\burea\b"),
    # a patient on dialysis is one a label speaks of apart: a statement on "mild to moderate renal impairment"
    # says nothing of them ("pre-dialysis" is not on it; "HD" and "PD" name other things: PD-1, Parkinson's)
    "dialysis": (r"(?<!pre-)(?<!pre)\b(?:haemo|hemo|peritoneal\s+)?dialys[ie]s\b|\bcapd\b|"
                 r"\bhaemofiltration\b|\bhemofiltration\b|\brenal\s+replacement\s+therapy\b",
                 r"\bdialys[ie]s\b|\bhaemodialys\w*|\bhemodialys\w*|\bend-?\s?stage\s+(?:renal|kidney)\b|\besrd\b|"
                 r"\beskd\b|\b(?:kidney|renal)\s+failure\b|\bckd\s+(?:stage\s+)?g?5\b|\brenal\s+replacement\b|"
                 r"\b(?:e?gfr|crcl|creatinine\s+clearance)\s+(?:is\s+|of\s+)?(?:below|under|less\s+than|<)\s*1[05]\b"),
    "hepatic impairment": (rf"\b{_LIVER}\b|\bcirrho\w*|\bchild-?pugh\b",
                           r"\bhepatic\b|\bliver\b|\bcirrho\w*|\bchild-?pugh\b|\bhepatotox\w*|\blfts?\b|"
                           r"\balt\b|\bast\b|\btransaminase\w*|\bbilirubin\b"),
    # (a vehicle only as driven or operated: "vehicles left running in enclosed garages" is a source of fumes)
    "driving": (_DRIVE, r"\bdriv(?:e|es|ing|er|ers)\b|\bdvla\b|\bhgv\b|\bmachinery\b|"
                        r"\b(?:operat\w*|control\s+of|motor|goods|heavy|commercial|passenger-carrying)\s+"
                        r"(?:(?:a|an|the|any)\s+)?vehicles?\b"),
    "air travel": (_FLY, r"\bfl(?:y|ying|ights?|own)\b|\bair\s*(?:travel|craft|line\w*|port\w*)\b|\bcabin\b|"
                         r"\baeroplanes?\b|\bairplanes?\b"),
}
# "not pregnant", "non-pregnant", "isn't breastfeeding", "no known", "denies": the question says what follows does
# not apply to the patient (a population here; a condition in app.answer.comorbidity); read before a word, up to
# one word back ("no known"), not "now"
NEGATED = re.compile(r"(?:\bnot|\bnon|\bisn['’]t|\bno\b|\bno\s+longer|\bnever|\bwithout|\bdenies|\bdenied|"
                     r"\bnegative\s+for)[\s-]*(?:\w+\s+){0,1}$", re.I)
# an organ's function the question says is normal: no impairment ("renal function normal", "normal U&Es")
_NORMAL_BEFORE = re.compile(r"\bnormal\s+$", re.I)
_NORMAL_AFTER = re.compile(r"\s*(?:is|was|are|were|:)?\s*(?:normal|unremarkable)\b", re.I)  # not "ok" ("eGFR 20 ok?")
_ASKED = {name: re.compile(asked, re.I) for name, (asked, _) in POPULATIONS.items()}
_SPOKEN = {name: re.compile(spoken, re.I) for name, (_, spoken) in POPULATIONS.items()}
# Children: asked about by an age under CHILD_AGE or a word for a child; spoken of by a guideline's words for
# them or an age range of theirs. A guideline that says it is for adults ("in adults", "aged 16 and over") and
# says nothing of children does not cover a child, however well its doses match.
CHILD_AGE = 16
_CHILD_NOUNS = r"child|children|kids?|infants?|bab(?:y|ies)|toddlers?|newborns?|neonates?"  # (names_population)
_CHILD_ASKED = re.compile(rf"\b(?:{_CHILD_NOUNS}|paediatric|pediatric|neonat\w*)\b", re.I)
_CHILD_SPOKEN = re.compile(r"\b(?:child\w*|kids?|paediatric\w*|pediatric\w*|infants?|bab(?:y|ies)|toddlers?|"
                           r"newborns?|neonat\w*|young\s+people|adolescen\w*|teen\w*|under\s+(?:1[0-8]|[1-9])\s+"
                           r"(?:years?|months?)|(?:1[0-7]|[1-9])\s+(?:years?|months?)\s+(?:and|or)\s+"
                           r"(?:under|younger|below)|school)\b", re.I)
# a title for children ("Kawasaki disease in children"), not one on childbirth or childbearing
_CHILD_TITLE = re.compile(r"\b(?:child(?:ren|hood)?|paediatric\w*|pediatric\w*|infants?|toddlers?|adolescen\w*)\b",
                          re.I)
_GROWN = re.compile(r"\b(?:adults?|women|men|mothers?|people|parents?)\b", re.I)  # a title that covers grown-ups too


def asked_about(question: str) -> tuple[str, ...]:
    """The special populations a question asks about, in POPULATIONS' order; not one it says does not apply
    ("She is not pregnant", "non-pregnant women", "renal function normal", "normal liver function")."""
    return tuple(name for name, pattern in _ASKED.items()
                 if any(not NEGATED.search(question[:m.start()]) and not _NORMAL_BEFORE.search(question[:m.start()])
                        and not _NORMAL_AFTER.match(question[m.end():]) for m in pattern.finditer(question)))


def spoken_of(population: str, text: str) -> bool:
    """Does a statement (with its heading) speak of this population?"""
    return _SPOKEN[population].search(text) is not None


def names_population(word: str) -> bool:
    """A noun for a child ("toddler", "neonates") or a word for dialysis ("haemodialysis"), which the population
    rules judge, not a condition: a corpus that never writes "toddler" may still speak of children, one that never
    writes "haemodialysis" of end-stage kidney disease. Not an adjective ("neonatal conjunctivitis" is a condition
    of its own), nor a word the other populations are asked by ("cirrhosis" is a condition too)."""
    return re.fullmatch(_CHILD_NOUNS, word, re.I) is not None or _ASKED["dialysis"].fullmatch(word) is not None


# a child wished for or born, not a patient: "trying for a baby", "wants another child", "had a baby"; not "a dose
# for a child", "I have a child with ..."
_WISHED = re.compile(r"\b(?:(?:try|tries|tried|trying|hop\w*)\s+for|(?:want|wish|plan)\w*(?:\s+to\s+have)?|"
                     r"hop\w*\s+to\s+have|had|having)\s+(?:a|another)\s+$", re.I)


def asks_about_a_child(question: str, below: float = CHILD_AGE) -> bool:
    """A child's age ("4yo", "a 9-year-old", "18 mo"; under `below`) or a word for a child (also beside an adult's
    age: "34M asks about his toddler's fever - what paracetamol dose?" asks a child's dose), not one wished for
    ("29F wants to start trying for a baby" asks about the woman)."""
    age = question_age(question)
    if age is not None and age < below:
        return True
    return any(not _WISHED.search(question[:m.start()]) for m in _CHILD_ASKED.finditer(question))


# a child dosed by the body's size: "15 mg/kg", "10 micrograms per kilogram", "250 mg/m2"
_PER_SIZE = re.compile(r"/\s*kg\b|\bper\s+(?:kg|kilo\w*)\b|(?:/|\bper)\s*m\s?(?:2|²)(?!\d)|\bkg/day\b", re.I)
# the age to which formularies give children doses of their own (the BNF for Children's "Child 12-17 years" is
# mostly the adult dose)
CHILD_DOSE_AGE = 12


# an age band of a dosing line ("1 to 4 years 250 mg", "Aged 1-4 years"); not a weight band, which an adult's
# line has too ("Reduce to 500 mg if weight is under 50 kg")
_BAND = re.compile(r"\b\d+\s*(?:to|-|–)\s*\d+\s*(?:years?|yrs?|months?)\b|\baged?\s+\d+", re.I)


def asks_a_child_dose(question: str) -> bool:
    """Asks about a child young enough to need a child's dose: an age under CHILD_DOSE_AGE, or a word for a child
    with no older age ("Different child, 22 kg, with impetigo"). A mother asking her own dose beside her baby's age
    is read as a child's too: refused where the documents dose no child, which is safer than the other way."""
    return asks_about_a_child(question, CHILD_DOSE_AGE)


def doses_a_child(text: str) -> bool:
    """Whether a dosing statement (with its title and headings) gives a child's dose: it speaks of children or
    of an age band ("1 to 4 years 250 mg", "Aged 1-4 years"), or doses by weight or body surface. A
    guideline's dose that says none of these ("Give IV ceftriaxone 2 g once daily") is an adult's, even beside
    another drug's "4.4 mg/kg for children"; a band that excludes the child is the age rules' to judge."""
    return _CHILD_SPOKEN.search(text) is not None or _PER_SIZE.search(text) is not None or \
        _BAND.search(text) is not None


# the patient's sex, as a case says it ("45M", "a 30-year-old man", "women"); and the words a title or a statement
# says a sex with
_MALE = re.compile(r"\b\d{1,3}\s?M\b|\b(?i:men|man|males?|boys?|gentleman)\b")
_FEMALE = re.compile(r"\b\d{1,3}\s?F\b|\b(?i:women|woman|females?|girls?|lady|ladies)\b")
_SEX_WORDS = {_MALE: re.compile(r"\b(?:men|man|males?|boys?)\b", re.I),
              _FEMALE: re.compile(r"\b(?:women|woman|females?|girls?|mothers?)\b", re.I)}
_SEXES = {"men": (_MALE, _FEMALE), "women": (_FEMALE, _MALE)}
# a title for everyone that names a sex among others ("Epilepsy in adults, including for women of childbearing
# potential")
_EVERYONE = re.compile(r"\b(?:adults?|people|patients|persons|children|including|all)\b", re.I)


def unaddressed(question: str, statements: list[str]) -> tuple[str, ...]:
    """The populations the question asks about that none of these statements speaks of; a child, when the
    statements say they are for adults and none speaks of children ("And in a 6yo?" after a guideline on
    hypoglycaemia in adults); an adult, when their documents' titles say they are for children and none speaks
    of adults; a man or a woman, when their titles say they are for the other sex and none speaks of theirs; a
    patient of an age outside the age band of every statement's title and headings.
    Each statement is "title › section: text"; the caller leaves out those that say their document does not cover
    a population (app.answer.scope.leaves_out)."""
    asked = asked_about(question)
    out = tuple(p for p in asked if not any(spoken_of(p, s) for s in statements))
    # (the baby of a mother who breastfeeds is not the patient: "She is breastfeeding. Is doxycycline safe for the
    # baby?" asks about her drug)
    if asks_about_a_child(question) and "breastfeeding" not in asked and any(ADULTS.search(s) for s in statements) and \
            not any(_CHILD_SPOKEN.search(s) for s in statements):
        out += ("children",)
    # and an adult beside guidelines whose titles say they are for children, none of whose statements speaks of
    # adults ("Same picture in a 22-year-old - same IVIG dose?" beside "Kawasaki disease in children")
    titles = [s.split(" › ", 1)[0] for s in statements if " › " in s]
    if asks_about_an_adult(question) and titles and all(_CHILD_TITLE.search(t) for t in titles) and \
            not any(ADULTS.search(s) or _GROWN.search(t) for s, t in zip(statements, titles)):
        out += ("adults",)
    # a man beside guidelines whose titles say they are for women, none of whose statements speaks of men ("45M
    # with dysuria - which antibiotic?" beside "Cystitis in non-pregnant women"); a woman beside ones for men
    for sex, (asked, other) in _SEXES.items():
        if asked.search(question) and not other.search(question) and titles and \
                all(_SEX_WORDS[other].search(t) and not _EVERYONE.search(t) for t in titles) and \
                not any(_SEX_WORDS[asked].search(s) for s in statements):
            out += (sex,)
    # a patient whose age lies outside the age band every document's title gives, and inside none a statement
    # gives ("Her brother is 4 months old - same mg/kg for him?" beside "Acute otitis media in children 6 months
    # to 12 years")
    age = question_age(question)
    placed = [_placed(s) for s in statements]
    # (said once: an adult beside guidelines for children is refused above)
    if age is not None and "adults" not in out and placed and \
            all((b := statement_ranges(where, children=False)) and fits(age, b) is False for where, _ in placed) and \
            not any(fits(age, statement_ranges(text)) for _, text in placed):
        out += (f"{round(age * 12)}-month-olds" if age < 1 else f"{age:g}-year-olds",)
    return out


def _placed(statement: str) -> tuple[str, str]:
    """A statement "title › section: text" as (its title and headings, its text): the age band of a guideline
    may be in its first heading rather than in its title ("Acute Otitis Media in Children: Diagnosis and
    Treatment" headed "Acute Otitis Media in Children 6 Months to 12 Years")."""
    head, _, rest = statement.rpartition(" › ")
    section, _, text = rest.partition(": ")
    return (f"{head} › {section}" if head else section), text


def names_adults(text: str) -> bool:
    """Says it is for adults ("in adults", "aged 18 and over")."""
    return ADULTS.search(text) is not None


def asks_about_an_adult(question: str) -> bool:
    """An adult's age ("a 22-year-old", "45M"), or the word adult with no younger age, and no word for a child."""
    age = question_age(question)
    return (age >= ADULT_AGE if age is not None else re.search(r"\badults?\b", question, re.I) is not None) and \
        _CHILD_ASKED.search(question) is None
