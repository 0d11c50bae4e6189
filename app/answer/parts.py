"""A question that asks two things at once ("Which shampoo and how often?", "How do I confirm it's PMS? Bloods?",
"Lamisil dose and duration, and does he need bloods?"): its asks, each to be answered by its own best statement.
The answer's order otherwise follows the whole question, whose words may all lean on one of its asks ("Starting
dose of Li and what level am I aiming for?" finds the doses of lithium and of the antipsychotics, not the level)."""
import re

from app.answer.followup import _ABBREVIATED, SENTENCE_END, strip_context
from app.answer.text import content_words, key_terms

# a second ask joined to the first: "and" before a question word ("Is this colic and when will it stop?"), or,
# after a comma, before a verb that opens a question (", and does he need bloods?"); "or" joins alternatives of one
# ask ("Is Hartmann's OK or should it be normal saline?")
# the verb followed by its subject, as a question puts them ("and does he", "and is it"; not ", and has tried ...");
# not "who", which after "and" opens a relative clause ("children under 2, and who have a fever")
_JOINED = re.compile(r"(?:,\s*|\s+)and\s+(?=(?:what|when|how|which|where|why)\b)|,\s*and\s+(?=(?:is|are|does|do|"
                     r"did|should|can|could|would|will|has|have)\s+(?:he|she|it|they|you|we|i|the|this|that|these|"
                     r"those|there|his|her|their|my|a|an)\b)", re.I)
_QUESTION_END = re.compile(r"(?<=\?)\s+")
# a question sentence that is talk, not an ask: a greeting, a request to ask, a request for an opinion or agreement
_CHAT = re.compile(r"^\W*(?:(?:hi|hello|hey|ok|okay|sorry|thanks|thank\s+you|quick\s+question)\b\W*)*"
                   r"(?:(?:can|could|may)\s+i\s+ask(?:\s+you)?(?:\s+(?:something|a\s+(?:quick\s+)?question))?|"
                   r"(?:any\s+)?thoughts|what\s+do\s+you\s+(?:think|reckon)|(?:is\s+that\s+)?right|really|"
                   r"(?:do\s+you\s+)?agree|(?:does\s+that\s+)?make\s+sense|any\s+(?:ideas|advice))?\W*$", re.I)


def asks(question: str) -> list[str]:
    """The asks of a question's closing question sentences, each with its own words (a part with no content word, as
    "and what?", is not an ask of its own); [] when it asks one thing."""
    own = strip_context(question).strip()
    sentences = [s for s in _sentences(own) if s.strip()]
    closing: list[str] = []
    for sentence in reversed(sentences):  # the question sentences that close it: a case told before is not asked
        if not sentence.rstrip().endswith("?"):
            break
        closing.insert(0, sentence.strip())
    parts = [p.strip(" ,") for sentence in closing if not _CHAT.match(sentence) for p in _JOINED.split(sentence)]
    # a first ask with no word of its own after a case ("... lacy rash on her arms. What is it, and does she need
    # antibiotics?") asks about the case: what it is, what is going on (a later one, about the ask before it)
    told = key_terms(case_of(own))
    if len(parts) > 1 and told and not content_words(parts[0]):
        parts[0] = f"{parts[0]} ({' '.join(told)})"
    parts = [p for p in parts if content_words(p)]
    # an ask that names nothing of its own ("Doxy dose and how long?") asks about what the ask before it named
    for i in range(1, len(parts)):
        if not key_terms(parts[i]) and (named := key_terms(parts[i - 1])):
            parts[i] = f"{parts[i]} ({' '.join(named)})"
    return parts if len(parts) > 1 else []


def context_of(question: str) -> str:
    """The "(about ...)" context a follow-up inherited, as written."""
    return " ".join(re.findall(r"\(about [^)]*\)", question))


def case_of(question: str) -> str:
    """What a question tells before its closing question sentences (the case its asks are about)."""
    own = strip_context(question).strip()
    sentences = [s for s in _sentences(own) if s.strip()]
    while sentences and sentences[-1].rstrip().endswith("?"):
        sentences.pop()
    return " ".join(s.strip() for s in sentences)


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in (p for s in _QUESTION_END.split(text) for p in SENTENCE_END.split(s)):
        if out and _ABBREVIATED.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"  # the full stop of an abbreviation ends no sentence
        else:
            out.append(piece)
    return out
