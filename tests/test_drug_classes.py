"""A drug named by a clinician whose class a guideline names instead ("withhold ACE inhibitors"): the drug's name
stem says its class, so the question is neither refused as an unknown drug nor searched without the class."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.answer.engine import Engine
from app.answer.names import Names, expand
from ingest.drug_classes import classes_of
from tests.conftest import engine_over
from tests.test_followup_topic import HEEL, LICE

REFLUX = """# Dyspepsia and reflux in adults

- Offer a full-dose proton pump inhibitor for 4 or 8 weeks to people with reflux symptoms.
- Review long-term proton pump inhibitor use at least once a year and step down to the lowest dose that works.
- Stop NSAIDs where possible in people with dyspepsia.
"""
ANGINA = """# Stable angina: symptom relief

- Offer bisoprolol or a calcium channel blocker for symptom relief.
- Atenolol is an alternative beta blocker when bisoprolol is not tolerated.
"""

KIDNEY = """# Chronic kidney disease: slowing progression

- Offer an ACE inhibitor to adults with chronic kidney disease and albuminuria.
- In one trial, benazepril slowed the decline of kidney function in advanced chronic kidney disease.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    return engine_over(tmp_path_factory.mktemp("classes"), embedder,
                       {"reflux.md": REFLUX, "angina.md": ANGINA, "ckd.md": KIDNEY})


def test_a_name_stem_gives_the_class() -> None:
    assert classes_of("lansoprazole")[0] == "proton pump inhibitors"
    assert classes_of("candesartan")[0] == "angiotensin II receptor blockers"
    assert classes_of("insulin detemir") == ("insulin",)
    assert classes_of("nystatin") == () and classes_of("vancomycin") == ()  # stems shared by several classes
    # names that end or begin like a class's members but are of another class, or no drug
    for other in ("histidine", "azacitidine", "tylosin", "fludrocortisone", "amantadine", "vinblastine",
                  "vincristine", "ephedrine", "tropomyosin", "insulin antibodies", "penicillin g procaine",
                  "cephalosporinase"):
        assert classes_of(other) == (), other
    # aripiprazole ends like a proton pump inhibitor but is an antipsychotic, as haloperidol is
    assert classes_of("aripiprazole")[0] == classes_of("haloperidol")[0] == "antipsychotics"
    for antihistamine in ("chlorphenamine", "chlorpheniramine", "cetirizine", "loratadine", "clemastine"):
        assert classes_of(antihistamine)[0] == "antihistamines", antihistamine
    assert classes_of("pseudoephedrine")[0] == classes_of("xylometazoline")[0] == "decongestants"
    assert "SSRIs" in classes_of("fluoxetine") and "SSRIs" in classes_of("escitalopram")
    assert "SSRIs" in classes_of("sertraline") and "SSRIs" in classes_of("fluvoxamine")  # no shared stem
    assert "SNRIs" in classes_of("venlafaxine") and classes_of("duloxetine") == ()
    # names that end alike but are of another class: an antiemetic, a multimodal antidepressant, a cephalosporin,
    # a calcium channel blocker
    for other in ("domperidone", "vortioxetine", "flunarizine"):
        assert classes_of(other) == (), other
    assert classes_of("cefatrizine") == classes_of("cefalexin")
    assert classes_of("tamsulosin") == classes_of("doxazosin") and classes_of("tamsulosin")[0] == "alpha blockers"
    assert classes_of("glipizide")[0] == classes_of("gliclazide")[0] == "sulfonylureas"  # the gli- prefix
    assert classes_of("cortisone")[0] == classes_of("hydrocortisone")[0] == "corticosteroids"
    for nsaid in ("naproxen", "indometacin", "indomethacin", "mefenamic acid"):
        assert classes_of(nsaid)[0] == "NSAIDs", nsaid
    for other in ("gliadin", "glial fibrillary acidic protein", "gliotoxin", "dapagliflozin", "sitagliptin"):
        assert "sulfonylureas" not in classes_of(other), other
    # the USAN names of the botulinum toxins end in their type: Botox, Dysport and Xeomin are type A
    for toxin in ("onabotulinumtoxina", "abobotulinumtoxina", "incobotulinumtoxina"):
        assert "botulinum toxin" in classes_of(toxin), toxin
    assert "botulinum toxin type B" in classes_of("rimabotulinumtoxinb")
    assert classes_of("botulinum antitoxin") == ()


BLEPHAROSPASM = """# Blepharospasm in adults

## Treatment
- Offer botulinum toxin type A injections around the eye as first-line treatment; the effect lasts about 3 months.
- The usual starting dose of botulinum toxin type A is 1.25 to 2.5 units at each injection site.
- Dark glasses and avoiding bright light may ease symptoms between injections.
"""


def test_a_brand_of_a_botulinum_toxin_is_the_toxin_the_documents_write(tmp_path: Path, embedder) -> None:
    engine = engine_over(tmp_path, embedder, {"bleph.md": BLEPHAROSPASM, "heel.md": HEEL, "lice.md": LICE})
    answer = engine.ask("Her eyelids keep clamping shut. How much Botox would the first injection be?")
    assert not answer.abstained, answer.text
    assert "1.25 to 2.5 units" in answer.text


def test_two_letters_before_a_stem_are_enough_and_a_class_s_parent_is_not_its_member() -> None:
    """"diazepam", "losartan", "exenatide" have two letters before their stems; heparin is unfractionated, not a
    low molecular weight heparin; budipine is no calcium channel blocker, dapiprazole no antipsychotic, and cocaine
    in a clinician's question is what the patient uses, not a local anaesthetic."""
    assert classes_of("diazepam") == classes_of("lorazepam") == ("benzodiazepines",)
    assert classes_of("losartan") == classes_of("candesartan")
    assert classes_of("exenatide") == classes_of("liraglutide")
    for other in ("heparin", "budipine", "dapiprazole", "mepiprazole", "cocaine"):
        assert classes_of(other) == (), other


def test_a_drug_whose_class_the_documents_name_is_that_class(engine: Engine) -> None:
    found = engine.assess("Is lansoprazole suitable for reflux?")
    assert "lansoprazole (proton pump inhibitor" in found.standalone
    assert found.evidence.unknown_drugs == () and "proton pump inhibitor" in found.scored[0].text
    assert not engine.ask("Can he keep taking ibuprofen with his dyspepsia?").abstained  # NSAIDs


def test_a_drug_left_out_of_a_class_the_documents_list_by_name_stays_unknown(engine: Engine) -> None:
    # the angina guideline names its beta blockers one by one: metoprolol is not among them
    assert engine.assess("Is metoprolol an option for angina?").evidence.unknown_drugs == ("metoprolol",)
    # an antipsychotic whose name ends like a proton pump inhibitor's is no proton pump inhibitor
    assert engine.assess("Is aripiprazole suitable for reflux?").evidence.unknown_drugs == ("aripiprazole",)


def test_one_member_named_in_passing_does_not_make_a_list(engine: Engine) -> None:
    # the kidney guideline writes "ACE inhibitor" and names benazepril once, in a trial: perindopril is that class
    found = engine.assess("Should his perindopril be continued in chronic kidney disease?")
    assert found.evidence.unknown_drugs == () and "perindopril (ACE inhibitor" in found.standalone


def test_a_drug_asked_for_instead_of_the_member_the_documents_name_is_not_vouched_for_by_the_class(
        engine: Engine) -> None:
    # the kidney guideline names benazepril: "perindopril instead of benazepril" asks for what it does not name
    found = engine.assess("Could I use perindopril instead of benazepril in chronic kidney disease?")
    assert found.evidence.unknown_drugs == ("perindopril",)


def test_an_abbreviation_of_a_test_no_document_spells_out_proves_nothing(engine: Engine) -> None:
    assert "ct" not in engine.assess("Does he need a CT before treating reflux?").evidence.absent_rare


def test_a_name_added_in_parentheses_is_not_expanded_again() -> None:
    names = Names(variants={"ramipril": "ACE inhibitors", "ace inhibitors": "angiotensin-converting enzyme inhibitors"})
    assert expand("When can I restart his ramipril (ACE inhibitors)?", names) == \
        "When can I restart his ramipril (ACE inhibitors)?"


def test_a_drug_counts_by_its_class_as_the_documents_write_it(engine: Engine) -> None:
    """The angina guideline says "beta blocker" of atenolol: a statement about beta blockers names what a
    question about bisoprolol asks, as its own name would."""
    from app.answer.names import CLASS_SHARE, resolve, synonyms

    catalog = engine.index.catalog
    found = synonyms(resolve("Can bisoprolol be used for angina?", catalog), catalog)
    assert [share for name, share in found["bisoprolol"].items() if "beta blocker" in name.lower()] == [CLASS_SHARE]
    # scored: a statement on the class ranks above one on neither, below one that names the drug
    from app.answer.extractive import score
    from app.answer.statements import Candidate
    from app.answer.types import Passage
    from ingest.types import Statement

    def candidate(chunk: str, text: str) -> Candidate:
        passage = Passage(rank=1, chunk_id=chunk, doc_id=chunk, title="Chest pain", section="Drugs", text=text,
                          statements=(Statement(text),), references=(), page=None, kind="text", score=1.0)
        return Candidate(passage, 0, text, 0.5)
    ranked = score("Should bisoprolol be continued?", [
        candidate("neither", "Nitrates relieve chest pain within minutes."),
        candidate("class", "Beta blockers lower the heart rate at rest."),
        candidate("drug", "Bisoprolol lowers the heart rate at rest.")], synonyms=found)
    assert [s.passage.chunk_id for s in ranked] == ["drug", "class", "neither"]


BRONCHITIS = """# Acute cough in adults

- Do not offer antibiotics to adults with acute bronchitis who are not systemically unwell.
- Do not offer oral corticosteroids for acute cough.
- Offer antivirals within 48 hours of symptom onset to adults with influenza at high risk of complications.
- Nebulised bronchodilators do not shorten acute bronchitis.
"""
CONSTIPATION = """# Constipation in pregnancy

- Offer a bulk-forming laxative, such as ispaghula or psyllium husk, if diet changes have not helped.
- An osmotic laxative such as lactulose can be added if stools remain hard.
- Ferrous sulphate often causes constipation; an alternate-day dose may be better tolerated.
"""
BLEEDING = """# Bleeding before surgery

- Check the platelet count before any planned operation.
- Give fresh frozen plasma only for a documented coagulopathy with bleeding.
- Ask everyone before a planned operation whether they take a vitamin K antagonist, and plan when to stop it.
"""
THYROID = """# Hypothyroidism in adults

- Take levothyroxine on an empty stomach, 30 to 60 minutes before breakfast.
- Separate levothyroxine from calcium and iron tablets by at least 4 hours.
- Severe hypothyroidism can cause akinesia and slowed reflexes.
"""
SINUSITIS = """# Acute sinusitis in adults

- If an antibiotic is needed, offer phenoxymethylpenicillin for 5 days.
- For penicillin allergy, offer clarithromycin or doxycycline.
- Most people with acute sinusitis do not need antibiotics.
- Do not offer ciprofloxacin for acute sinusitis.
"""


@pytest.fixture(scope="module")
def groups(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    documents = {"cough.md": BRONCHITIS, "constipation.md": CONSTIPATION, "thyroid.md": THYROID,
                 "bleeding.md": BLEEDING}
    return engine_over(tmp_path_factory.mktemp("groups"), embedder, documents)


def test_a_drug_whose_group_alone_the_documents_name_is_that_group(groups: Engine) -> None:
    # the cough guideline names no antibiotic, corticosteroid or antiviral by name: each is its group's
    for question, group in (("Should I give him cefuroxime for his bronchitis?", "antibiotics"),
                            ("Does prednisolone help an acute cough?", "corticosteroids"),
                            ("Should she have oseltamivir for her flu?", "antivirals"),
                            # the bleeding guideline names its class alone: warfarin and acenocoumarol are of it
                            ("He takes acenocoumarol. Anything to do before his planned operation?",
                             "vitamin K antagonists"),
                            ("Does her warfarin matter before a planned operation?", "vitamin K antagonists")):
        found = groups.assess(question)
        assert found.evidence.unknown_drugs == () and f"({group}" in found.standalone, question
        assert not groups.ask(question).abstained, question


def test_a_drug_left_out_of_a_group_the_documents_list_by_name_stays_unknown(tmp_path: Path, embedder) -> None:
    # the sinusitis guideline names its antibiotics one by one (a penicillin, a macrolide, a tetracycline)
    engine = engine_over(tmp_path, embedder, {"sinusitis.md": SINUSITIS})
    assert engine.assess("Is cefuroxime an option for sinusitis?").evidence.unknown_drugs == ("cefuroxime",)
    # a brand the dictionary names is not spelled out again as a short form of the generic it begins
    assert engine.assess("Is Cipro ok for sinusitis?").standalone.count("(ciprofloxacin)") == 1


def test_a_drug_the_documents_name_by_another_of_its_names_in_other_words_is_named(groups: Engine) -> None:
    # the dictionary's "ispaghula husk" for Fybogel: the guideline writes "ispaghula or psyllium husk"
    found = groups.assess("Can she take Fybogel for her constipation?")
    assert found.evidence.unknown_drugs == () and "Fybogel (ispaghula husk)" in found.standalone
    assert "ispaghula" in found.scored[0].text


def test_a_three_letter_short_form_of_a_word_the_documents_use_is_spelled_out(groups: Engine) -> None:
    assert groups.clipped("Is a neb any use for his bronchitis?") == {"neb": "nebulised"}
    assert "Nebulised" in groups.assess("Is a neb any use for his bronchitis?").scored[0].text
    # a three-letter abbreviation of something else is not a short form of a word that begins like it
    assert groups.clipped("What dose of levothyroxine in aki?") == {}  # acute kidney injury, not akinesia


def test_a_class_the_question_names_is_named_in_part_by_its_members(engine: Engine) -> None:
    from app.answer.extractive import score
    from app.answer.names import CLASS_SHARE, class_members
    from app.answer.statements import Candidate
    from app.answer.types import Passage
    from ingest.types import Statement

    found = class_members("Is a beta-blocker suitable for his angina?", engine.index.catalog)
    assert found == {"beta-blocker": {"atenolol": CLASS_SHARE, "bisoprolol": CLASS_SHARE}}

    def candidate(chunk: str, text: str) -> Candidate:
        passage = Passage(rank=1, chunk_id=chunk, doc_id=chunk, title="Chest pain", section="Drugs", text=text,
                          statements=(Statement(text),), references=(), page=None, kind="text", score=1.0)
        return Candidate(passage, 0, text, 0.5)
    ranked = score("Is a beta-blocker suitable?", [candidate("neither", "Nitrates relieve chest pain quickly."),
                                                   candidate("member", "Bisoprolol lowers the heart rate.")],
                   synonyms=found)
    assert [s.passage.chunk_id for s in ranked] == ["member", "neither"]


def test_a_brand_of_a_dictionary_entry_the_documents_name_by_its_salt_twin_is_named(groups: Engine) -> None:
    # the dictionary files Eltroxin under "thyroxine", whose names include "levothyroxine sodium"; the
    # guideline writes levothyroxine, an entry of its own
    found = groups.assess("Should Eltroxin be taken before breakfast?")
    assert found.evidence.unknown_drugs == () and "Eltroxin (levothyroxine)" in found.standalone
    assert "empty stomach" in found.scored[0].text


def test_a_name_of_several_words_is_written_only_when_one_passage_has_them_together(groups: Engine) -> None:
    # "platelet" and "plasma" are written, in two statements: platelet-rich plasma is not
    assert groups.assess("Is platelet-rich plasma worth trying?").evidence.unknown_drugs == ("platelet rich plasma",)
    # another spelling of the same words together is the same name
    assert groups.assess("Does ferrous sulfate cause constipation?").evidence.unknown_drugs == ()


def test_a_vitamin_k_antagonist_is_not_vouched_for_by_a_guideline_on_other_anticoagulants(tmp_path: Path,
                                                                                          embedder) -> None:
    """Anticoagulants are no class that says which: a guideline that names only DOACs and "anticoagulants" says
    nothing of warfarin's INR target."""
    doacs = ("# Atrial fibrillation\n\n- Offer anticoagulants to people with a CHA2DS2-VASc score of 2 or more.\n"
             "- Apixaban 5 mg twice daily is the usual dose; rivaroxaban 20 mg once daily with food.\n")
    engine = engine_over(tmp_path, embedder, {"af.md": doacs})
    assert engine.assess("What INR target for warfarin in AF?").evidence.unknown_drugs == ("warfarin",)
    assert engine.ask("What INR target for warfarin in AF?").abstained
