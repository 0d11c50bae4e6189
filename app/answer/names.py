"""Drug names and spellings as clinicians say them: brand names, synonyms and British/American spellings.

The names live in the index's SQLite (loaded once at ingest from a drug dictionary and a spelling
dictionary, see ingest.lexicon), so a question resolves them with a few indexed lookups and the dictionary
packages are never imported on the question path. "What is the usual Eliquis dose?" becomes "What is the
usual Eliquis (apixaban) dose?" when the corpus says apixaban. A drug the corpus never names whose class it
names (by the drug's name stem, ingest.drug_classes) is that class: "When can I restart his ramipril (ACE
inhibitors)?" beside a guideline that says "withhold ACE inhibitors"; it is not an unknown drug.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.answer.common_words import is_common
from app.answer.followup import strip_context
from app.answer.text import stems, without_parentheses, words
from ingest.drug_classes import class_stems, classes_of, groups_of, like_pattern, stems_of
from ingest.lexicon import DOSAGE_FORMS, SALTS, phrases
from ingest.lexicon import words as name_words
from ingest.store.catalog import Catalog

DRUG_KINDS = ("drug", "substance")  # a substance: a dictionary entry that is no medicine (ingest.lexicon._medicine)
CLASS_SHARE = 0.5  # a statement that names a drug's class names the drug this much (see synonyms)
LISTED = 2  # a class's members the documents name one by one: they have chosen which (see _class_written)


@dataclass(frozen=True)
class Names:
    """What a question names: phrase -> (canonical, kind); the variants the corpus uses; unknown drugs."""

    resolved: dict[str, tuple[str, str]] = field(default_factory=dict)
    variants: dict[str, str] = field(default_factory=dict)  # phrase of the question -> the corpus's name
    unknown_drugs: tuple[str, ...] = ()  # drugs the corpus never names under any of their names (a substance
    # beside a medicine the documents name is not one: see resolve)
    known: frozenset[str] = frozenset()  # words of the question the dictionary resolved to a corpus name
    twins: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a drug -> its salt twins the documents write
    unnamed_conditions: tuple[str, ...] = ()  # conditions of several words no document names under any name

    def with_names(self, other: Names) -> Names:
        """These names and another question's (the drugs its short forms were spelled out as: "azithro
        (azithromycin)"), this question's first."""
        return Names({**other.resolved, **self.resolved}, {**other.variants, **self.variants},
                     tuple(dict.fromkeys(self.unknown_drugs + other.unknown_drugs)), self.known | other.known,
                     {**other.twins, **self.twins}, self.unnamed_conditions)


def resolve(question: str, catalog: Catalog) -> Names:
    """Look the question's words and short phrases up in the index's dictionary."""
    question = re.sub(r"(?<=\w)['’]s\b", "", question)  # "Victoza's" is Victoza
    found = catalog.resolve_names(phrases(question)) if hasattr(catalog, "resolve_names") else {}
    # a brand only FDA's list gives is a name as a name is written, with a capital ("Versed", "Keflex"); in small
    # letters it is a word ("versed", "tracer", "dilator"; ingest.lexicon._brand_rows)
    found = {p: (c, "drug" if k == "brand" else k) for p, (c, k) in found.items()
             if k != "brand" or _capitalised(p, question)}
    # a condition named otherwise than the documents do ("glue ear" for their "otitis media with effusion")
    # counts only when they name it; else its words are judged like any other (the condition may be absent), and
    # a drug inside it ("nicotine" of "nicotine dependence") is still looked at
    conditions = sorted({c for c, kind in found.values() if kind == "synonym"})
    named = catalog.corpus_mentions(conditions) if conditions else {}
    found.update(_broader(found, named, catalog))
    # "scarlet fever", "spotted fever": a condition's name of several words that no document names under any of
    # its names is a condition the documents do not cover, though each of its words is common or written
    unnamed = tuple(_longest({p: v for p, v in found.items() if v[1] == "synonym" and not named.get(v[0])
                              and len(words(p)) > 1}))
    found = _longest({p: v for p, v in found.items() if v[1] != "synonym" or named.get(v[0])})
    if not found:
        return Names(unnamed_conditions=unnamed)
    canonicals = sorted({c for c, _ in found.values()})
    parts = {c: components(c) for c in canonicals}
    mentioned = catalog.corpus_mentions(sorted(set(canonicals) | {p for ps in parts.values() for p in ps}))
    for canonical, drugs in parts.items():  # a combination is named when each of its drugs is
        if len(drugs) > 1 and not mentioned.get(canonical):
            mentioned[canonical] = all(mentioned.get(c) for c in drugs)
    otherwise = _spelled_otherwise(found, mentioned, catalog)  # canonical -> True, or the name found so
    for canonical, name in _co_named(found, mentioned, catalog).items():  # Augmentin: the documents' co-amoxiclav
        mentioned[canonical], otherwise[canonical] = True, name
    mentioned.update({c: bool(n) for c, n in otherwise.items()})
    twins = {}
    for canonical in {c for c, kind in found.values() if kind in DRUG_KINDS}:
        written = {a: catalog.written_names(a) for a in aliases(canonical, catalog)}
        twins[canonical] = tuple(a for a, names in written.items() if names)
        if twins[canonical] and (not mentioned.get(canonical) or not isinstance(otherwise.get(canonical), str)):
            counts = catalog.phrases_present([canonical, *twins[canonical]])
            best = max(counts, key=lambda n: counts[n])
            if best != canonical:  # "Synthroid": the dictionary's thyroxine, the documents' levothyroxine
                mentioned[canonical], otherwise[canonical] = True, written[best][0]
    variants: dict[str, str] = {}
    unknown: list[str] = []
    # a substance (an allergen, a food: "anaphylaxis to cashew") beside a medicine the documents name is what
    # the patient met, not what is asked about; alone ("Is nirsevimab given to infants?") it is the subject
    # (the question's own words: a drug of the "(about ...)" context a follow-up inherited is not beside it: "His
    # wife swears by turmeric capsules - any evidence?" after ibuprofen asks about turmeric)
    own = strip_context(question).lower()
    beside = any(mentioned.get(c) for p, (c, kind) in found.items() if kind in DRUG_KINDS and
                 re.search(r"\b%s\b" % r"[\s-]+".join(map(re.escape, p.split())), own))
    asked = {c for c, k in found.values() if k in DRUG_KINDS and mentioned.get(c)}  # before classes stand in
    for phrase, (canonical, kind) in found.items():
        if not mentioned.get(canonical):
            if kind == "substance" and beside:
                continue
            if kind in DRUG_KINDS and not is_class(canonical):
                group = _class_written(canonical, catalog, asked)
                if group:  # "ramipril" beside a guideline that says "ACE inhibitors"
                    variants[phrase] = group
                    mentioned[canonical] = True
                else:
                    unknown.append(phrase)
            continue
        if kind == "synonym":  # "high blood pressure (hypertension)": the other name the documents write most
            said = set(words(phrase))
            other = [n for n in catalog.written_names(canonical)
                     if not (set(words(n)) <= said or said <= set(words(n)))]
            if other:  # not a name inside the question's own ("gout" of "acute gout"), nor one around it
                variants[phrase] = other[0]
            continue
        name = otherwise.get(canonical) if isinstance(otherwise.get(canonical), str) else \
            canonical if len(parts[canonical]) > 1 else _corpus_name(phrase, canonical, catalog)
        if name and name != phrase:
            variants[phrase] = name
    known = frozenset(w for p in found if mentioned.get(found[p][0]) for w in words(p))  # a class counts too
    return Names(found, variants, tuple(dict.fromkeys(unknown)), known, twins, unnamed)


_CAUSE_OR_SITE = re.compile(r",| \(| due to | of ")


def _capitalised(phrase: str, text: str) -> bool:
    """Whether the text writes the phrase's first word with a capital somewhere."""
    first = phrase.split()[0]
    return any(m.group()[0].isupper() for m in re.finditer(rf"\b{re.escape(first)}", text, re.I))


def _broader(found: dict[str, tuple[str, str]], named: dict[str, bool],
             catalog: Catalog) -> dict[str, tuple[str, str]]:
    """A condition's other name whose ICD-10-CM description the documents do not name, as the condition its
    description qualifies when a document is about that: "hay fever" is "allergic rhinitis due to pollen", which
    a guideline titled "Allergic Rhinitis: ..." never writes whole. The condition in its title, not a class a
    description names ("lung cancer" is "malignant neoplasm of ... lung"), and a name of two words or more
    ("fever" of "fever due to ..." names no condition). Marks the broader name named (in `named`)."""
    out, titles = {}, None
    for phrase, (canonical, kind) in found.items():
        # qualified by a cause or a site ("due to pollen", "of large intestine"), not by what goes with it or
        # where it comes from ("neonatal jaundice from other hepatocellular damage" is no neonatal hepatitis)
        head = _CAUSE_OR_SITE.split(canonical)[0].strip()
        if kind != "synonym" or named.get(canonical) or head == canonical or len(words(head)) < 2:
            continue
        broader = catalog.resolve_names([head]).get(head)
        if not broader or broader[1] != "synonym" or not catalog.corpus_mentions([broader[0]]).get(broader[0]):
            continue
        titles = titles if titles is not None else [f" {' '.join(name_words(t))} " for t in catalog.titles()]
        if any(f" {' '.join(name_words(head))} " in t for t in titles):  # "Crohn's disease in adults"
            out[phrase] = broader
            named[broader[0]] = True
    return out


def aliases(canonical: str, catalog: Catalog) -> list[str]:
    """Other entries of the dictionary for the same drug, as its names show by naming them with a salt:
    thyroxine's "levothyroxine sodium" is levothyroxine; glycopyrrolate's "glycopyrronium bromide" is
    glycopyrronium. Not a salt's own element ("calcium acetate" is no calcium)."""
    if " " in canonical.strip():
        return []  # "sodium nitrite" is a salt itself: its "nitrite" is no other entry of it
    bases = []
    for name in catalog.names_of(canonical):
        parts = name.split()
        if len(parts) == 2:
            bases += [b for b, salt in ((parts[0], parts[1]), (parts[1], parts[0]))
                      if salt in SALTS and b not in SALTS and b != canonical]
    found = catalog.resolve_names(sorted(set(bases))) if bases else {}
    return [b for b in dict.fromkeys(bases) if found.get(b, ("", ""))[0] == b and found[b][1] in DRUG_KINDS]


def _class_written(canonical: str, catalog: Catalog, asked: set[str] = frozenset()) -> str | None:
    """The name the documents write most for the class a drug's name stem places it in (ingest.drug_classes:
    ramipril -> "ACE inhibitors"), else for the group of classes it belongs to (meropenem -> "antibiotics");
    None when they write none of them, or when they name at least LISTED other drugs of that class (or group)
    one by one (a guideline that lists apixaban, rivaroxaban and dabigatran has chosen its members: edoxaban
    is not among them; one that names enalapril once, in a trial, has not chosen it alone; one that names
    amoxicillin and clarithromycin for pneumonia has chosen its antibiotics). Nor when the question itself
    names a drug of that class the documents name (`asked`): "Valtrex instead of aciclovir?" beside a guideline
    that names aciclovir asks for the one it does not name, which "oral antivirals" does not vouch for."""
    parts = components(canonical)
    stems = [stem for part in parts for stem in stems_of(part)]
    if not stems:
        return None
    groups = [groups_of(part) for part in parts]
    levels = [(stems, [n for part in parts for n in classes_of(part)]),
              ([s for _, group in groups for s in group], [n for names, _ in groups for n in names])]
    for level_stems, level_names in levels:
        if not level_names:
            continue
        siblings = {c for stem in level_stems for c in catalog.canonicals_like(like_pattern(stem))
                    if stem in stems_of(c)} - {canonical, *parts}  # aripiprazole is no sibling of omeprazole
        if siblings and (sum(map(bool, catalog.corpus_mentions(sorted(siblings)).values())) >= LISTED or
                         siblings & asked):
            return None
        counts = catalog.phrases_present(list(dict.fromkeys(level_names)))
        best = max(counts, key=lambda n: counts[n], default=None)
        if best and counts[best]:
            return best
    return None


def is_class(canonical: str) -> bool:
    """A drug class or group, as the dictionary names them (MeSH style, plural: "antihypertensive agents",
    "analgesics, opioid", "hydroxymethylglutaryl-coa reductase inhibitors" for statin). A document that
    never writes the class may still name its members, so its absence proves nothing."""
    head = canonical.split(",")[0].split()[-1] if canonical.strip() else ""
    return head.endswith("s") and not head.endswith(("ss", "us", "is"))


def components(canonical: str) -> list[str]:
    """The drugs of a combination ("trimethoprim/sulfamethoxazole"), or the name alone."""
    parts = [p.strip() for p in re.split(r"\s*(?:/|\+|\band\b)\s*", canonical) if p.strip()]
    return parts if len(parts) > 1 else [canonical]


def _spelled_otherwise(found: dict[str, tuple[str, str]], mentioned: dict[str, bool],
                       catalog: Catalog) -> dict[str, bool | str]:
    """A drug the dictionary does not find in the corpus may still be there under another spelling
    ("ferrous sulfate" / "ferrous sulphate"): a multi-word name whose words one passage holds counts. So does
    another of the dictionary's multi-word names for it, with an uncommon word, whose words one passage holds
    in any order (Armour Thyroid is "desiccated thyroid extract": "natural thyroid extract (desiccated animal
    thyroid)"); that name is returned, for the question to say it."""
    out = {}
    for phrase, (canonical, kind) in found.items():
        if mentioned.get(canonical):
            continue
        parts = [w for w in words(phrase) if not is_common(w)]
        if len(words(phrase)) > 1 and parts:  # its words in one passage, not each anywhere ("platelet-rich
            out[canonical] = catalog.all_together(_spellings(words(phrase), catalog))  # plasma" is not "platelets")
        if not out.get(canonical) and kind in DRUG_KINDS:
            # a name with a qualifier or a short form in parentheses is also said without them: Shingrix's
            # "recombinant zoster (shingles) vaccine (rzv)" is the documents' "recombinant zoster vaccine"
            names = [m for n in (canonical, *catalog.names_of(canonical))
                     for m in dict.fromkeys((n, " ".join(re.sub(r"\([^)]*\)", " ", n).split())))]
            out[canonical] = next((n for n in dict.fromkeys(names) if _telling(n) and
                                   catalog.all_together(words(n))), False)
        # a product the documents write by its substance alone, one word: the dictionary's "saline solution"
        # ("normal saline") is their "0.9% saline", its "nicotine patch" their "nicotine"; not "peanut allergen
        # powder" (Palforzia) beside "avoid peanut allergen", an immunotherapy of its own
        base = [w for w in words(canonical) if w not in DOSAGE_FORMS]
        if kind in DRUG_KINDS and not out.get(canonical) and len(base) == 1 < len(words(canonical)) and \
                len(base[0]) >= 5 and catalog.all_together(base):
            out[canonical] = " ".join(base)
        salt = _salt(canonical) if kind in DRUG_KINDS and not out.get(canonical) else None
        # "uric acid" beside a guideline on "serum urate"; not "mycophenolic acid" beside "mycophenolate mofetil",
        # a product of its own that the documents write
        if salt and catalog.all_together([salt]) and \
                not any(catalog.corpus_mentions(catalog.canonicals_like(f"{salt} %")).values()):
            out[canonical] = salt
    return out


def _co_named(found: dict[str, tuple[str, str]], mentioned: dict[str, bool], catalog: Catalog) -> dict[str, str]:
    """A combination the documents write by its British approved name, or the other way round: Augmentin's
    "amoxicillin/clavulanic acid" is the documents' "co-amoxiclav"; the question's "co-trimoxazole" is their
    "trimethoprim" and "sulfamethoxazole", written together. Returns the name the documents write for each."""
    wanted = [c for c, kind in found.values() if kind in DRUG_KINDS and not mentioned.get(c)]
    if not wanted:
        return {}
    written = [re.sub(r"^co ", "co-", n) for n in catalog.corpus_names()]  # the dictionary's "co amoxiclav"
    out = {}
    for canonical in dict.fromkeys(wanted):
        drugs = components(canonical)
        if len(drugs) == 2:
            name = next((n for n in written if _co_prefixed(n) and co_named(n, drugs)), None)
        elif _co_prefixed(canonical):
            start = re.sub(r"[^a-z]", "", canonical.lower())[2:2 + CO_PIECE]  # the first drug begins the name
            pairs = [(a, b) for a in written if a.lower().startswith(start) for b in written
                     if b != a and co_named(canonical, [a, b])]
            # written together, else each somewhere: a combination is named when each of its drugs is (resolve;
            # "Avoid codeine ..." speaks of co-codamol)
            pair = next((p for p in pairs if catalog.all_together(list(p))), None) or next(iter(pairs), None)
            name = "/".join(pair) if pair else None
        else:
            name = None
        if name:
            out[canonical] = name
    # the question's two drugs, one or both unnamed by the documents, are one combination they name
    # ("amoxicillin-clavulanate" beside co-amoxiclav, "codeine-paracetamol" beside co-codamol)
    # (by either name: the dictionary's "acetaminophen" is the question's "paracetamol" of co-codamol)
    single = {c: {c, p} for p, (c, kind) in found.items() if kind in DRUG_KINDS and len(components(c)) == 1 and
              not _co_prefixed(c)}
    drugs = list(single)
    for a, b in ((a, b) for i, a in enumerate(drugs) for b in drugs[i + 1:]):
        name = next((n for n in written if _co_prefixed(n) and
                     any(co_named(n, [x, y]) for x in single[a] for y in single[b])), None) \
            if a in wanted or b in wanted else None
        if name:
            out.update({a: name, b: name})  # said once, after both (expand)
    return out


CO_PIECE = 3  # letters of the shortest piece of a drug's name in a British approved name ("cod" of codeine)


def _co_prefixed(name: str) -> bool:
    return re.match(r"co[- ][a-z]{%d}" % (2 * CO_PIECE), name.lower()) is not None


def co_named(name: str, drugs: list[str]) -> bool:
    """Whether a British approved name for a combination is built of its two drugs' names: after "co-", the
    first letters of one, then the first or last letters of the other, each piece whole ("co-amoxiclav": amoxi-
    cillin and clav-ulanic acid; "co-trimoxazole": trim-ethoprim and sulfameth-oxazole; "co-codamol": cod-eine and
    paracet-amol). A name whose pieces are not so ("co-careldopa": its "eldopa" is no piece of levodopa) is not
    matched: "car" and "dopa" alone would make carbamazepine with levodopa co-careldopa."""
    letters = re.sub(r"[^a-z]", "", name.lower())[2:]
    firsts = [re.sub(r"[^a-z]", "", d.lower().split()[0]) for d in drugs if d.strip()]
    if len(firsts) != 2 or firsts[0] == firsts[1]:
        return False
    for cut in range(CO_PIECE, len(letters) - CO_PIECE + 1):
        head, tail = letters[:cut], letters[cut:]
        for a, b in (firsts, firsts[::-1]):
            if a.startswith(head) and (b.startswith(tail) or b.endswith(tail)):
                return True
    return False


def _salt(name: str) -> str | None:
    """An acid's name as its salt: "uric acid" -> "urate", "folic acid" -> "folate"."""
    acid = re.fullmatch(r"([a-z]{2,})ic acid", name)
    return f"{acid.group(1)}ate" if acid else None


def _telling(name: str) -> bool:
    """A name of several words that can stand for the drug: no one-letter word or number, and a long uncommon
    word ("desiccated thyroid extract"; not "available generically", "acne clear", "pulmonal s")."""
    parts = words(name)
    return len(parts) > 1 and all(len(w) > 1 and not any(ch.isdigit() for ch in w) for w in parts) and \
        any(len(w) >= 6 and not is_common(w) for w in parts) and not all(map(_vague, parts))


def _vague(word: str) -> bool:
    return is_common(word) or word.endswith("ly")  # "generically", "topically": how, not what


def _spellings(names: list[str], catalog: Catalog) -> list[list[str]]:
    """Each word with its other spellings from the spelling dictionary ("sulfate": "sulphate")."""
    found = catalog.resolve_names(names)
    return [[w, *(catalog.names_of(found[w][0]) if found.get(w, ("", ""))[1] == "spelling" else [])] for w in names]


def _longest(found: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Drop a phrase inside a longer resolved one ("vitamin" inside "vitamin d")."""
    return {p: v for p, v in found.items()
            if not any(p != q and re.search(rf"\b{re.escape(p)}\b", q) for q in found)}


def _corpus_name(phrase: str, canonical: str, catalog: Catalog) -> str | None:
    """The name the documents use for this drug or word, preferring the canonical one: a brand the documents
    write once (in a reference title: "montelukast (Singulair)") still gains the generic name they use."""
    names = [canonical] + [n for n in catalog.names_of(canonical) if n != canonical]
    single = [n for n in names if " " not in n and "-" not in n]
    present = catalog.terms_present(single) if single else {}
    if present.get(phrase) and (not present.get(canonical) or stems(phrase) == stems(canonical)):
        return phrase
    if not any(present.values()):  # only a name of several words: Buscopan's "hyoscine butylbromide"
        multi = [n for n in names if n not in present and (n == canonical or _telling(n))]  # not "ears and nose"
        written = catalog.phrases_present(multi) if multi else {}
        present.update({n: bool(c) for n, c in written.items()})
    for name in names:
        if present.get(name) or (name not in present and name == canonical):
            return name
    return None


def class_members(question: str, catalog: Catalog, memo: dict | None = None) -> dict[str, dict[str, float]]:
    """For each word of the question that names a drug class or group ("steroid", "NSAIDs", "antibiotics"),
    the drugs of it that the documents name, each counting half (CLASS_SHARE), as the class does for a drug:
    "Does he need a steroid?" is answered in part by "Give a single oral dose of dexamethasone" (-asone, a
    corticosteroid), less directly than by a statement on steroids."""
    wanted = {w: class_stems(w) for w in words(question) if class_stems(w)}
    memo = {} if memo is None else memo  # the caller's, per index state: the corpus's names are read once
    out = {}
    for word, class_stem_list in wanted.items():
        if class_stem_list not in memo:
            if "names" not in memo:
                memo["names"] = [n for n in catalog.corpus_names() if " " not in n.strip()]
            memo[class_stem_list] = {n.lower(): CLASS_SHARE for n in memo["names"]
                                     if any(st in stems_of(n) for st in class_stem_list)}
        if memo[class_stem_list]:
            out[word] = memo[class_stem_list]
    return out


def synonyms(names: Names, catalog: Catalog) -> dict[str, dict[str, float]]:
    """For each one-word name of the question, the other names the documents write for the same drug (or
    spelling), each counting as the name itself (1.0): "epinephrine" -> {"adrenaline": 1.0}, so that "Give
    adrenaline into the thigh" names what "Where do I give epinephrine?" asks about, though the question's own
    word is also in the corpus; and the drug's class as the documents write it, counting half (CLASS_SHARE): a
    statement on "NSAIDs" is about ibuprofen too, but less directly than one that names it. For a condition's
    name, the other name the documents write most ("high blood pressure" -> {"hypertension": 1.0}). One indexed
    lookup per name, and one presence check per class name."""
    out: dict[str, dict[str, float]] = {}
    for phrase, (canonical, kind) in names.resolved.items():
        if kind == "synonym" and phrase in names.variants:
            out[phrase] = {names.variants[phrase]: 1.0}
        if kind in ("abbreviation", "condition", "synonym") or " " in phrase:
            continue
        found = {n: 1.0 for c in (canonical, *names.twins.get(canonical, ())) for n in catalog.written_names(c)
                 if n != phrase}
        if kind == "drug":
            found.update({n: CLASS_SHARE for n in catalog.phrases_written(list(classes_of(canonical)))
                          if n not in found})
        if found:
            out[phrase] = found
    return out


def expand(question: str, names: Names) -> str:
    """The question with the corpus's name after each name it uses differently: "Eliquis (apixaban)"."""
    out = question
    said = without_parentheses(question).lower()  # a name added in parentheses earlier is not expanded again
    for phrase, name in names.variants.items():
        # the dictionary's phrase is said with spaces or hyphens ("co amoxiclav": "co-amoxiclav")
        written = r"[\s-]+".join(re.escape(w) for w in phrase.split())
        if name.lower() in out.lower() or not re.search(rf"\b{written}\b", said):
            continue
        # two drugs that are one combination are said once, after both ("carbidopa-levodopa (co-careldopa)")
        partners = "|".join(r"[\s-]+".join(re.escape(w) for w in p.split())
                            for p, n in names.variants.items() if n == name and p != phrase)
        joined = rf"(?:\s*(?:[-/+]|\band\b)\s*(?:{partners}))?" if partners else ""
        out = re.sub(rf"\b({written}{joined})\b", lambda m: f"{m.group(1)} ({name})", out, count=1, flags=re.I)
    return out
