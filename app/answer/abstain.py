"""Decide from the evidence whether the corpus answers a question.

Answer when a retrieved statement answers it, whatever words it uses: the best statement's score (meaning
plus rare words, see app.answer.extractive.score) must reach ANSWER_SCORE. Refuse when the question names a
drug the corpus never names under any of its names (the drug dictionary in the index), and, with a higher
bar on meaning alone, when it names a condition that no document names under any spelling (a word of the
condition dictionary, ICD-10-CM's, or shaped like one; see Engine.names_condition): then the words it shares
with a statement are only its context. Any other word no document has ("stuffy", "relapsed", a brand no
dictionary lists) proves nothing: such a question is judged by its best statement's score like any other. A
question about a drug that one of the best statements names (under any of its names) is answered from them. A follow-up that took
its topic from an answered turn ("And for a 70-year-old?") was judged on that topic when it was asked: only
what its own words name (a drug, a rare word) can make it uncovered, not how closely a few words match; and
what they add that no document has in any form ("Any role for heliox?" after an answer on croup: its topic
finds statements on croup, none on heliox), under the same bar on meaning as a condition no document names.
A question about a special population (pregnancy, breastfeeding, renal or hepatic impairment, driving, flying; see
app.answer.populations) is refused when none of the best statements speaks of it; one asking how much of a drug
to give, when no retrieved statement that names the drug gives an amount; one about what a document found says it
leaves out ("... are covered in separate guidance"), when no other statement speaks of it.
A question that tells of a patient (a case, "he", "she") is answered below the score bar by a statement
as close in meaning as ANSWER_SIMILARITY: its words are the patient's, not the documents'.
The first two thresholds are calibrated on MedQuAD questions with and without their answer documents in the
index and on clinicians' single questions, the third on the probes' conversations (eval/calibrate.py; README,
Evaluating), never on the gated sets.
"""

from __future__ import annotations

from dataclasses import dataclass

ANSWER_SCORE = 0.70  # calibrated (eval/calibrate.py): the best statement of an answerable question scores this
STRICT_SIMILARITY = 0.62  # calibrated: the cosine needed when the question names a condition no document has
ANSWER_SIMILARITY = 0.36  # calibrated on the probes: the cosine at which a statement answers a question telling
# of a patient whatever its score


@dataclass(frozen=True)
class Evidence:
    """What the decision rests on, computed by the engine for one question."""

    best_score: float  # the best retrieved statement's score, 0 when none
    best_similarity: float = 0.0  # the best cosine of question and statement, words aside
    unknown_drugs: tuple[str, ...] = ()  # drugs named in the question that no document names
    absent_rare: tuple[str, ...] = ()  # condition words of the question no document contains
    has_topic: bool = True  # the question has any content word
    drug_quoted: bool = False  # a drug the question names is named by one of the best statements
    inherited: bool = False  # a follow-up that took its topic from an answered turn
    novel: tuple[str, ...] = ()  # such a follow-up's own uncommon words that no document has in any form
    unaddressed: tuple[str, ...] = ()  # special populations it asks about that no best statement speaks of
    outside_topic: tuple[str, ...] = ()  # drugs a follow-up names that the documents of its topic never name
    amount_unstated: tuple[str, ...] = ()  # drugs whose amount it asks for that no retrieved statement gives
    other_use: tuple[str, ...] = ()  # drugs it asks for a condition that no document naming them names
    excluded: tuple[str, ...] = ()  # what it asks about that a document found says it leaves out (app.answer.scope)
    own_similarity: float | None = None  # a follow-up's: its own words' best cosine, without its inherited topic
    kind_unnamed: tuple[str, ...] = ()  # a kind of a condition the documents name, by a word or its opposite
    told: bool = False  # it tells of a patient (a case before its ask, "he", "she", "my patient")


@dataclass(frozen=True)
class Verdict:
    abstain: bool
    missing: tuple[str, ...] = ()  # what the corpus does not name
    reason: str = ""


def judge(evidence: Evidence, answer_score: float = ANSWER_SCORE, strict_similarity: float = STRICT_SIMILARITY,
          answer_similarity: float = ANSWER_SIMILARITY) -> Verdict:
    """Abstain when no retrieved statement answers the question, or it is about something never named."""
    if not evidence.has_topic:
        return Verdict(True, (), "the question names no topic")
    if evidence.unknown_drugs:
        return Verdict(True, evidence.unknown_drugs, "not in the corpus")
    if evidence.outside_topic:  # "Would Cymbalta work for it?" after a guideline that never names duloxetine
        return Verdict(True, evidence.outside_topic, "outside the topic")
    if evidence.unaddressed:  # "She's breastfeeding - is doxy OK?" beside statements on doxycycline's dose
        return Verdict(True, evidence.unaddressed, "unaddressed")
    if evidence.excluded:  # "How should I treat the epididymitis?" beside "... epididymitis are covered in separate
        return Verdict(True, evidence.excluded, "excluded")  # guidance" and a gonorrhoea guideline's doses
    if evidence.amount_unstated:  # "How much Calpol can she have?" beside amoxicillin's doses
        return Verdict(True, evidence.amount_unstated, "no amount")
    if evidence.other_use:  # "Candesartan dose for his heart failure?" beside a migraine guideline's
        return Verdict(True, evidence.other_use, "other use")
    if evidence.kind_unnamed:  # "latent tuberculosis" beside active tuberculosis: close in meaning, another kind
        return Verdict(True, evidence.kind_unnamed, "not in the corpus")
    # a follow-up's condition is judged by what it says ("And for otitis externa?"), not by the topic it inherited
    own = evidence.best_similarity if evidence.own_similarity is None else evidence.own_similarity
    if evidence.absent_rare and own < strict_similarity:
        return Verdict(True, evidence.absent_rare, "not in the corpus")
    if evidence.novel and evidence.best_similarity < strict_similarity:  # what the follow-up adds
        return Verdict(True, evidence.novel, "not in the corpus")
    # a question telling of a patient is answered by a statement close in meaning, though it shares few of its
    # words: the case is told in the patient's words ("tearing pain on opening his bowels ...", beside a
    # guideline's "pain during and after opening the bowels"), which weigh down its score
    close = evidence.told and evidence.best_similarity >= answer_similarity
    if evidence.best_score < answer_score and not close and not evidence.drug_quoted and not evidence.inherited:
        return Verdict(True, (), "no passage answers it")
    return Verdict(False)


def abstention_text(question: str, verdict: Verdict) -> str:
    """The refusal shown to the user, naming what the documents do not cover."""
    if verdict.reason == "the question names no topic":
        return ("The indexed documents do not cover a question that names no topic: ask about a treatment, "
                "a condition or a test.")
    q = question.strip().rstrip("?")
    if verdict.reason == "not in the corpus" and verdict.missing:
        detail = f" (the indexed documents never mention {', '.join(verdict.missing)})"
    elif verdict.reason == "outside the topic" and verdict.missing:
        detail = f" (the documents it follows never mention {', '.join(verdict.missing)})"
    elif verdict.reason == "unaddressed" and verdict.missing:
        detail = f" (no statement the search found speaks of {' or '.join(verdict.missing)})"
    elif verdict.reason == "excluded" and verdict.missing:
        detail = f" (a document found says it leaves out {' and '.join(verdict.missing)}, and no other speaks of it)"
    elif verdict.reason == "no amount" and verdict.missing:
        detail = f" (no statement the search found gives an amount of {' or '.join(verdict.missing)})"
    elif verdict.reason == "other use" and verdict.missing:
        detail = f" (the documents that name {' or '.join(verdict.missing)} give it for other conditions)"
    elif verdict.reason == "no passage answers it":
        detail = " (no statement of the retrieved passages answers it)"
    else:
        detail = f" ({verdict.reason})" if verdict.reason else ""
    return f"The indexed documents do not cover this question: \u201c{q}?\u201d{detail}."
