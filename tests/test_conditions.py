"""The condition dictionary (ICD-10-CM's words, loaded into the index at ingest): a question is refused for a
word no document has only when that word names a condition, not for any uncommon word a clinician says."""

from __future__ import annotations

import sqlite3

import pytest

from app.answer.engine import Engine
from ingest import lexicon
from ingest.store import lexicon_table
from tests.conftest import engine_over

SCABIES = """# Scabies in primary care

- Permethrin 5% cream applied to the whole body and washed off after 8 to 14 hours is first-line treatment for scabies.
- Repeat the permethrin application after 7 days.
- Treat all household contacts at the same time, even without symptoms.
- Itching may persist for up to 4 weeks after successful treatment and does not mean treatment has failed.
- Wash bedding and clothing at 50 °C or seal them in a bag for 72 hours.
"""

BACK = """# Low back pain without sciatica

- Advise people with low back pain to stay active; bed rest is not recommended.
- Offer an oral NSAID at the lowest effective dose for the shortest time.
"""


@pytest.fixture(scope="module")
def rows() -> dict[str, str]:
    return {name: roles for name, roles, kind in lexicon.build_lexicon_rows() if kind == "condition"}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    return engine_over(tmp_path_factory.mktemp("conditions"), embedder, {"scabies.md": SCABIES, "back.md": BACK})


def test_the_dictionary_holds_the_words_of_condition_names_only(rows: dict[str, str]) -> None:
    assert "word" in rows["impetigo"] and "word" in rows["onychomycosis"]
    assert "scratchy" not in rows and "itchy" not in rows  # lay words
    assert "relapse" not in rows  # a qualifier ("leukemia, in relapse"), not a name
    assert "word" not in rows.get("electrocardiogram", "")  # a test, named only as abnormal ("Abnormal ECG")
    assert "echocardiogram" not in rows
    assert rows["huntington"] == "name"  # general English, a condition only as a name
    assert rows.get("other", "") in ("", "end")  # general English, written in small letters too: not a name
    assert "head" in rows["syndrome"] and "head" in rows["myopathy"] and "head" in rows["failure"]
    # a qualifier that ends some names ("..., acute") begins more of them: no head noun
    assert "head" not in rows["acute"] and "head" not in rows["chronic"] and "head" not in rows["congenital"]
    assert "-pathy" in rows and "-ation" not in rows and "-cular" not in rows  # endings of medicine, not of English


def test_a_word_that_only_qualifies_condition_names_names_no_condition(engine: Engine,
                                                                      rows: dict[str, str]) -> None:
    """ICD-10-CM writes "mottled" and "unilateral" only before the word a name ends with ("Mottled teeth"): a
    case's findings in such words ("unilateral, mottled rash") are no condition the documents fail to cover."""
    assert "end" in rows["impetigo"] or "head" in rows["impetigo"]
    assert "word" in rows["unilateral"] and "end" not in rows["unilateral"] and "head" not in rows["unilateral"]
    found = engine.assess("Itchy at night, mottled and unilateral. Permethrin - how long do I leave it?")
    assert found.evidence.absent_rare == (), found.evidence
    assert "impetigo" in engine.assess("Is impetigo contagious?").evidence.absent_rare  # a name's last word
    # before a condition's word it is part of that condition's name; outside a case's findings it is asked about
    assert "unilateral" in engine.assess("Is unilateral scabies treated for longer?").evidence.absent_rare
    assert "mottled" in engine.assess("Is mottled skin a side effect of permethrin?").evidence.absent_rare
    assert "lyme" in engine.assess("Tick bite, worried about Lyme - does permethrin help?").evidence.absent_rare


def test_a_test_no_document_names_is_no_condition_no_document_covers(engine: Engine) -> None:
    found = engine.assess("Back pain with an abnormal ECG - is an NSAID still OK?")
    assert found.evidence.absent_rare == ()


def test_an_absent_lay_word_does_not_refuse_what_the_document_answers(engine: Engine) -> None:
    found = engine.assess("Still scratchy two weeks after permethrin - has the treatment failed?")
    assert found.evidence.absent_rare == ()
    answer = engine.ask("Still scratchy two weeks after permethrin - has the treatment failed?")
    assert not answer.abstained and "does not mean treatment has failed" in answer.text


def test_an_absent_condition_is_refused_under_any_form(engine: Engine) -> None:
    assert engine.assess("How is impetigo treated?").evidence.absent_rare == ("impetigo",)
    assert engine.ask("How is impetigo treated?").abstained
    assert "onychomycoses" in engine.assess("Are onychomycoses treated with permethrin?").evidence.absent_rare
    # shaped like a condition word by its ending, though the dictionary lacks it
    assert "pseudoxanthomatosis" in engine.assess("Is pseudoxanthomatosis itchy?").evidence.absent_rare


def test_a_name_counts_as_a_condition_only_where_it_names_one(engine: Engine) -> None:
    assert "huntington" in engine.assess("What is the outlook for Huntington's disease?").evidence.absent_rare
    assert "bethlem" in engine.assess("Is Bethlem myopathy inherited?").evidence.absent_rare  # before a head noun
    brand = engine.assess("Can I prescribe Lyclear instead of the cream?")  # a brand no dictionary lists
    assert brand.evidence.absent_rare == ()


def test_a_condition_of_several_words_no_document_names_is_refused(engine: Engine) -> None:
    # each word common or written somewhere; the name, under any of its ICD names, nowhere
    for question, missing in (("Is bed rest recommended for frozen shoulder?", "frozen shoulder"),
                              ("Does an NSAID help tennis elbow?", "tennis elbow"),
                              ("Back from Ghana with yellow fever - is bed rest recommended?", "yellow fever")):
        found = engine.assess(question)
        assert missing in found.evidence.absent_rare, question
        assert engine.ask(question).abstained, question
    # a name of the documents' own condition, qualified otherwise: "sarcoptic itch" is scabies
    assert engine.assess("Is permethrin the treatment for sarcoptic itch?").evidence.absent_rare == ()
    # a case's background, beside the condition it asks about; a condition it suspects is what it asks about
    case = engine.assess("54M, office worker, tennis elbow. Low back pain for a week - is bed rest recommended?")
    assert case.evidence.absent_rare == ()
    assert engine.ask("Stiff painful shoulder, ?frozen shoulder. Offer an NSAID?").abstained
    # a question mark that ends an earlier sentence suspects nothing
    again = engine.assess("Back pain again? Background of tennis elbow, stable. Low back pain now - is bed rest "
                          "recommended?")
    assert again.evidence.absent_rare == ()



def test_a_lay_name_whose_head_a_title_writes_is_left_to_the_other_rules(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"elbow.md": "# Lateral elbow tendinopathy\n\n"
                                              "- Offer physiotherapy with progressive loading exercises.\n"
                                              "- Most people recover within 6 to 12 months.\n"})
    found = engine.assess("How long does tennis elbow take to settle?")
    assert found.evidence.absent_rare == ()
    assert not engine.ask("How long does tennis elbow take to settle?").abstained


def test_an_index_loaded_before_the_condition_dictionary_falls_back() -> None:
    db = sqlite3.connect(":memory:")
    db.executescript(lexicon_table.SCHEMA)
    assert lexicon_table.conditions(db, ["impetigo"]) is None
    lexicon_table.load(db, [("impetigo", "word head", "condition"), ("wheezing", "word", "condition")])
    assert lexicon_table.conditions(db, ["impetigo", "wheeze", "scratchy"]) == {"impetigo", "wheeze"}
    lexicon_table.load(db, [("impetigo", "word end", "condition"), ("mottled", "word", "condition")])
    assert lexicon_table.qualifiers(db, ["impetigo", "mottled", "scratchy"]) == {"mottled"}
    # an index whose lexicon is of the format before qualifiers were told apart: none is one
    db.executescript("DROP TABLE conditions; CREATE TABLE conditions (word TEXT PRIMARY KEY, named INTEGER, "
                     "name INTEGER, head INTEGER); INSERT INTO conditions VALUES ('mottled', 1, 0, 0);")
    assert lexicon_table.qualifiers(db, ["mottled"]) == set()


def test_new_dictionary_rows_documents_are_not_scanned_for_leave_their_names(tmp_path, monkeypatch) -> None:
    from ingest.store.catalog import Catalog

    catalog = Catalog(tmp_path / "catalog.sqlite3")
    drugs = [("eliquis", "apixaban", "drug"), ("apixaban", "apixaban", "drug")]
    catalog.load_lexicon(drugs + [("impetigo", "word", "condition")], "v1")
    catalog.db.execute("INSERT INTO doc_names VALUES ('doc', 'apixaban', 'drug', 'apixaban')")  # as ingest wrote
    catalog.load_lexicon(drugs + [("impetigo", "word", "condition"), ("rosacea", "word", "condition")], "v2")
    assert catalog.db.execute("SELECT count(*) FROM doc_names").fetchone()[0] == 1  # not re-derived
    assert catalog.lexicon_version() == "v2" and catalog.condition_words(["rosacea"]) == {"rosacea"}
    catalog.load_lexicon(drugs[:1], "v3")  # a drug row changed: every document's names again (none stored)
    assert catalog.db.execute("SELECT count(*) FROM doc_names").fetchone()[0] == 0
    catalog.db.execute("INSERT INTO doc_names VALUES ('doc', 'apixaban', 'drug', 'apixaban')")
    monkeypatch.setattr(lexicon_table, "DOC_NAMES_FORMAT", lexicon_table.DOC_NAMES_FORMAT + 1)
    catalog.load_lexicon(drugs[:1], "v4")  # the same rows, scanned for another way: derived again
    assert catalog.db.execute("SELECT count(*) FROM doc_names").fetchone()[0] == 0


def test_a_verb_or_a_word_of_health_status_is_no_condition(engine: Engine, rows: dict[str, str]) -> None:
    assert engine.assess("Relapsed twice - should permethrin be repeated?").evidence.absent_rare == ()
    assert "scooter" not in rows and "vaccination" not in rows  # external causes, factors of health status


def test_a_condition_named_by_another_of_its_icd_names_is_that_condition(engine: Engine) -> None:
    """ICD-10-CM lists "lumbago" among the names of low back pain: the question is about what the document says,
    searched by the document's name too; a condition the documents never name under any name is still absent."""
    answer = engine.ask("Should someone with lumbago stay in bed?")
    assert "lumbago (low back pain)" in answer.standalone_question
    assert not answer.abstained and "bed rest is not recommended" in answer.text
    assert "shingles" in engine.assess("Is shingles treated with permethrin?").evidence.absent_rare


CROHN = """# Crohn's disease in adults

- Offer budesonide 9 mg once daily for 8 weeks to induce remission in mild to moderate ileocaecal disease.
- Advise every person with the disease to stop smoking.
"""
JAUNDICE = """# Neonatal jaundice: recognition and treatment

- Start phototherapy when the serum bilirubin is above the treatment threshold for the baby's age in hours.
- Consider an exchange transfusion when the bilirubin keeps rising despite phototherapy.
"""
GOUT_NOTE = """# Gout flares

- Colchicine 500 micrograms two to four times daily treats a flare.
- Gout and Crohn's disease may coexist; neither changes the colchicine dose.
"""


def test_a_condition_named_by_a_qualified_icd_name_is_the_condition_a_document_is_about(tmp_path, embedder) -> None:
    """"Regional colitis" is ICD-10-CM's "Crohn disease of large intestine", which no guideline writes whole: it
    is the condition of a document titled with its unqualified name. Only a title vouches: a document that
    names the condition in passing is not about it."""
    engine = engine_over(tmp_path / "crohn", embedder, {"crohn.md": CROHN, "gout.md": GOUT_NOTE})
    answer = engine.ask("What induces remission in regional colitis?")
    assert "regional colitis (crohn" in answer.standalone_question.lower(), answer.standalone_question
    assert not answer.abstained and "budesonide 9 mg" in answer.text
    other = engine_over(tmp_path / "gout", embedder, {"gout.md": GOUT_NOTE})
    assert "(crohn" not in other.assess("What induces remission in regional colitis?").standalone.lower()
    # a description qualified by what comes with it names another condition: ICD-10-CM files neonatal hepatitis
    # under "neonatal jaundice from other hepatocellular damage"
    jaundice = engine_over(tmp_path / "jaundice", embedder, {"jaundice.md": JAUNDICE})
    found = jaundice.assess("How is neonatal hepatitis treated?")
    assert "(neonatal jaundice" not in found.standalone and found.evidence.absent_rare, found.standalone


PILL = """# Contraception for women with long-term conditions

- Enzyme-inducing antiseizure drugs such as carbamazepine reduce the effectiveness of the combined pill; offer a copper IUD or the levonorgestrel IUS in epilepsy.
- In anaemia, the copper IUD may increase menstrual blood loss; prefer the levonorgestrel IUS.
- Severe hepatic impairment is a contraindication to the combined pill.
- Gastritis does not affect the choice of method.
- Polymyalgia rheumatica and a past Haemophilus influenzae infection do not affect the choice of method.
"""


def test_an_adjective_of_a_condition_the_documents_name_is_that_condition(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"pill.md": PILL})
    for question, root, said in (("She's epileptic - which contraception?", "epilepsy", "copper IUD"),
                                 ("She's anaemic - is a copper coil OK?", "anaemia", "menstrual blood loss")):
        found = engine.assess(question)
        assert found.evidence.absent_rare == () and f"({root})" in found.standalone, question
        answer = engine.ask(question)
        assert not answer.abstained and said in answer.text, question
    # not a word that merely begins like one the documents write: "gastric" is no form of "gastritis"
    assert engine.adjective_of("gastric") is None and engine.adjective_of("epileptic") == "epilepsy"
    # nor a word whose ending no noun of a condition takes, nor one that names no condition
    assert engine.adjective_of("rheumatic") is None and engine.adjective_of("haemophilic") is None
    assert engine.adjective_of("gastritic") == "gastritis"  # -itic: -itis


VALPROATE = """# Epilepsy in women of childbearing potential

- Do not start sodium valproate in women and girls of childbearing potential unless other treatments are unsuitable.
- Measure the serum urate before starting treatment in people with a history of gout.
- Lamotrigine and levetiracetam are the preferred options in pregnancy.
- After a kidney transplant, continue mycophenolate mofetil 1 g twice daily only with specialist advice.
"""


def test_an_acid_is_named_by_its_salt_and_its_words_are_not_short_forms(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"epilepsy.md": VALPROATE})
    found = engine.assess("What uric acid level before starting?")
    assert found.evidence.unknown_drugs == () and "uric acid (urate)" in found.standalone
    assert not engine.ask("What uric acid level before starting?").abstained
    # not an acid whose salt the documents write only as another product ("mycophenolate mofetil")
    assert engine.assess("What dose of mycophenolic acid?").evidence.unknown_drugs == ("mycophenolic acid",)
    # "uric" is a word of "uric acid", not a short form of a word a document begins with it
    assert "uric (" not in engine.assess("What uric acid level before starting?").standalone


SYPHILIS = """# Early syphilis in adults

## Treatment
- Treat early syphilis with a single dose of benzathine penicillin G 2.4 million units by intramuscular injection.
- Offer doxycycline 100 mg twice daily for 14 days to people with early syphilis who are allergic to penicillin.
- Ex-smokers and current smokers need no change to the regimen.

## Follow-up
- Repeat non-treponemal serology at 3, 6 and 12 months after treatment for early syphilis.
"""


def test_a_kind_of_a_documented_condition_no_document_names_is_refused(tmp_path, embedder) -> None:
    """"Ocular syphilis" beside a guideline on early syphilis: the search finds that guideline's statements,
    close in meaning to the question, but they are about another kind of the condition. A qualifier that is a
    form of a word the documents write ("anaphylactic" beside "anaphylaxis", "post-herpetic" beside
    "postherpetic"), or a condition's own noun listed before a finding, refuses nothing."""
    engine = engine_over(tmp_path, embedder, {"syphilis.md": SYPHILIS, "pain.md": BACK})
    found = engine.assess("How is ocular syphilis treated?")
    assert found.evidence.kind_unnamed == ("ocular",), found.evidence
    assert engine.ask("How is ocular syphilis treated?").abstained
    answer = engine.ask("How is early-stage syphilis treated?")
    assert not answer.abstained and "benzathine" in answer.text, answer.text
    assert engine.assess("What is the penicillin dose for treponemal syphilis?").evidence.kind_unnamed == ()
    assert not engine.qualifies_known("syphilis", "Scabies syphilis, benzathine dose?")
    assert not engine.qualifies_known("serological", "Serological syphilis - what dose?")  # "serology" is there
    # a word joined to the condition by another ("3 weeks postnatal after syphilis") says when, not which kind
    assert not engine.qualifies_known("postnatal", "3 weeks postnatal after syphilis - doxycycline dose?")
    assert engine.qualifies_known("ocular", "Ocular early syphilis - doxycycline dose?")


def test_a_hyphenated_word_is_there_when_its_joined_or_unprefixed_form_is() -> None:
    from app.answer.engine import hyphen_forms
    assert hyphen_forms("post-herpetic") == [["post", "herpetic"], ["postherpetic"]]
    assert hyphen_forms("non-small") == [["non", "small"], ["nonsmall"]]  # a negating prefix stays
    assert hyphen_forms("ex-smoker")[-1] == ["smoker"]
    assert hyphen_forms("smoker") == [["smoker"]]
    # an antibody named by its antigen's letters is the antigen's test ("anti-TTG": the documents' "IgA tTG")
    assert hyphen_forms("anti-ttg")[-1] == ["ttg"] and hyphen_forms("anti-ccp")[-1] == ["ccp"]
    assert hyphen_forms("anti-inflammatory")[-1] == ["antiinflammatory"]  # not a word without its prefix
    assert hyphen_forms("anti-d")[-1] == ["antid"]  # nor one letter


def test_a_case_word_the_documents_write_without_its_prefix_is_no_absent_condition(tmp_path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"syphilis.md": SYPHILIS.replace("Ex-smokers and current smokers",
                                                                             "Current or past smokers")})
    first = engine.ask("Early syphilis, penicillin allergy. What do I give?")
    found = engine.assess("She is 70 and an ex-smoker - would doxycycline be a reasonable alternative?", [first])
    assert found.evidence.inherited and found.evidence.novel == (), found.evidence


HFREF = """# Heart failure with reduced ejection fraction (HFrEF)

## Diuretics
- Offer furosemide 40 mg once daily to people with HFrEF and fluid overload, adjusted to symptoms and weight.
- Check sodium, potassium and renal function 1 to 2 weeks after starting a loop diuretic.
- Record an ECG and ask the GP to review the person within 2 weeks.
"""
HAEMORRHOIDS = """# Haemorrhoids in adults

## Topical treatment
- Offer a topical preparation with a local anaesthetic for up to 7 days for painful haemorrhoids.
- Advise a high-fibre diet and plenty of fluids to soften the stool.
"""


def test_a_case_naming_its_condition_by_an_abbreviation_the_documents_write_has_findings(tmp_path,
                                                                                          embedder) -> None:
    """"HFrEF" is the documents' own abbreviation: the case names the condition they cover, and its findings
    ("orthopnoea") are the patient's, not a condition no document names; a measure's abbreviation ("EF 30%")
    names none."""
    engine = engine_over(tmp_path, embedder, {"hf.md": HFREF, "haem.md": HAEMORRHOIDS})
    case = "72F, HFrEF, bilateral ankle oedema and orthopnoea, not on a diuretic yet. Furosemide dose?"
    assert engine.assess(case).evidence.absent_rare == ()
    answer = engine.ask(case)
    assert not answer.abstained and "40 mg" in answer.text, answer.text
    # (an ask naming a drug of the documents makes the case's condition words the patient's too: these name none,
    # and a measure's, a test's or a role's abbreviation names no condition: "EF 30%", "ECG normal, seen by GP"
    # leave a disease no document names what the case asks about)
    assert engine.assess("72F, EF 30%, amyloidosis, not on a diuretic yet. What should I start?").evidence.absent_rare
    found = engine.assess("58M, ECG normal, seen by GP, now amyloidosis and ankle oedema. What should I start?")
    assert "amyloidosis" in found.evidence.absent_rare, found.evidence
    # ... but a symptom, a sign or an injury (ICD-10-CM's chapters R and S: "orthopnoea") is one of its findings
    case = "72F, EF 30%, orthopnoea, not on a diuretic yet. What should I start?"
    assert not engine.assess(case).evidence.absent_rare


def test_an_abbreviation_whose_meaning_is_a_guess_is_not_spelled_out(tmp_path, embedder) -> None:
    """The dictionary's "PR" is a posterior repair, prolonged release, progesterone receptor ...; none is written
    beside the question's words, so the first is a guess: not shown as the meaning ("PR (posterior repair)
    bleeding"). An abbreviation whose meaning is a condition no document writes still refuses ("PID")."""
    engine = engine_over(tmp_path, embedder, {"hf.md": HFREF, "haem.md": HAEMORRHOIDS})
    found = engine.assess("45M, PR bleeding after straining, no weight loss. What cream can I offer?")
    assert "PR (" not in found.standalone and found.evidence.absent_rare == (), found.standalone
    assert engine.guessed("PR", "PR bleeding after straining") and not engine.guessed("HFrEF", "HFrEF oedema")
    assert engine.ask("Can I give furosemide to a woman with suspected PID?").abstained


LYMPHOMA = """# Non-Hodgkin lymphoma: first-line treatment

## Diffuse large B-cell lymphoma
- Offer R-CHOP every 21 days for 6 cycles as first-line treatment for diffuse large B-cell non-Hodgkin lymphoma.
- Do not offer maintenance rituximab after first-line treatment of non-Hodgkin lymphoma of this type.
"""
PNEUMONIA = """# Severe community-acquired pneumonia in adults

## Antibiotics
- Offer intravenous co-amoxiclav 1.2 g three times daily with clarithromycin 500 mg twice daily for severe
  community-acquired pneumonia.
- Arrange a chest X-ray 6 weeks after treatment for non-resolving pneumonia.
"""


DIARRHOEA = """# Acute diarrhoea in adults

## Assessment
- Refer adults with bloody diarrhoea, or diarrhoea lasting more than 7 days, for stool culture.

## Treatment
- Loperamide 4 mg initially, then 2 mg after each loose stool, may be offered to adults with acute diarrhoea.
"""


def test_a_kind_named_by_its_opposite_is_refused(tmp_path, embedder) -> None:
    """A question about the kind of a condition the documents exclude: "non-severe pneumonia" beside a guideline
    on severe pneumonia, "Hodgkin lymphoma" beside one that writes "Hodgkin" only in "non-Hodgkin". Every word is
    written and the statements are close in meaning, about the other kind. The documents' own kind is answered,
    and "not resolving" is their "non-resolving"; a guideline titled by the condition alone that warns of "bloody
    diarrhoea" still answers "non-bloody diarrhoea"."""
    engine = engine_over(tmp_path, embedder, {"nhl.md": LYMPHOMA, "cap.md": PNEUMONIA, "gi.md": DIARRHOEA})
    found = engine.assess("Non-severe community-acquired pneumonia - which antibiotic?")
    assert found.evidence.kind_unnamed == ("non-severe, only severe",), found.evidence
    refused = engine.ask("Hodgkin lymphoma - first-line chemotherapy?")
    assert refused.abstained and "only non-Hodgkin" in refused.text, refused.text
    assert engine.ask("Co-amoxiclav dose for non-severe CAP?").abstained  # the abbreviation, spelled out
    answer = engine.ask("Non-Hodgkin lymphoma: first-line treatment?")
    assert not answer.abstained and "R-CHOP" in answer.text, answer.text
    answer = engine.ask("Antibiotics for severe CAP?")
    assert not answer.abstained and "co-amoxiclav" in answer.text, answer.text
    answer = engine.ask("Pneumonia not resolving after treatment - what imaging?")
    assert not answer.abstained and "chest X-ray" in answer.text, answer.text
    # a guideline whose title is the condition, not one kind of it, covers the kind it only warns of the opposite of
    answer = engine.ask("Loperamide dose for non-bloody diarrhoea?")
    assert not answer.abstained and "4 mg" in answer.text, answer.text


RENAL_COLIC = """# Renal colic in adults

## Pain relief
- Offer an NSAID such as diclofenac 75 mg intramuscularly as the first choice of pain relief for renal colic.
- Offer intravenous paracetamol if an NSAID cannot be used.
- Consider an opioid only if both an NSAID and paracetamol are unsuitable or have not worked.

## Imaging
- Offer a low-dose non-contrast CT within 24 hours of presentation.
"""


def test_a_symptom_no_document_writes_is_a_finding_of_the_case_not_its_subject(tmp_path, embedder) -> None:
    """"haematuria" is a sign (ICD-10-CM's chapter R): the case's finding, not what it asks about, though no
    document writes it and the case names no condition the documents do; a disease in its place is asked about."""
    engine = engine_over(tmp_path, embedder, {"colic.md": RENAL_COLIC})
    answer = engine.ask("38M, loin to groin pain since this morning, haematuria on the dip. Which analgesia?")
    assert not answer.abstained and "diclofenac" in answer.text, answer.text
    refused = engine.ask("38M, sarcoidosis, loin to groin pain since this morning. Which analgesia?")
    assert refused.abstained and "sarcoidosis" in refused.text, refused.text


def test_a_finding_a_follow_up_tells_before_its_ask_is_the_patient_s(tmp_path, embedder) -> None:
    """A follow-up's word no document has refuses it when it is what the ask names, not when it is the patient's
    symptom told before the ask."""
    engine = engine_over(tmp_path, embedder, {"colic.md": RENAL_COLIC})
    first = engine.ask("38M with renal colic. Which analgesia?")
    assert not first.abstained, first.text
    told = engine.ask("Still vomiting and now haematuria on the dip. What else should I arrange?", history=[first])
    assert not told.abstained, told.text
