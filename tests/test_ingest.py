"""The pipeline against a real Chroma and SQLite: incremental runs, cache, deletion, faults, lock, add."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ingest.errors import BadDocument, IndexBusy, ModelMismatch
from ingest.pipeline import ingest
from ingest.settings import IndexSettings
from ingest.store.catalog import Catalog
from ingest.store.lock import WriteLock
from tests.agreement import index_state
from tests.conftest import CORPUS, SEED_MD, write

NIH = sorted(CORPUS.glob("medlineplus-*.md"))[:3]


@pytest.fixture
def small(tmp_path: Path) -> IndexSettings:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in [SEED_MD, *NIH]:
        shutil.copy(path, corpus / path.name)
    return IndexSettings(index_dir=tmp_path / "index", corpus_dir=corpus)


def agree(settings: IndexSettings) -> list[str]:
    state = index_state(settings)
    assert state["manifest"] == state["chunks"] == state["keywords"] == state["chroma"]
    return state["chroma"]


def test_incremental_second_run_embeds_nothing(small, embedder) -> None:
    first = ingest(small, [small.corpus_dir], embedder)
    assert (first.added, first.failed) == (4, []) and first.embedded > 0
    before = embedder.texts_encoded
    second = ingest(small, [small.corpus_dir], embedder)
    assert (second.added, second.updated, second.unchanged, second.removed) == (0, 0, 4, 0)
    assert embedder.texts_encoded == before
    assert len(agree(small)) == first.chunks == second.chunks


def test_a_new_parse_format_parses_every_file_again_from_the_cache(small, embedder, monkeypatch) -> None:
    from ingest import document

    first = ingest(small, [small.corpus_dir], embedder)
    before = embedder.texts_encoded
    monkeypatch.setattr(document, "PARSE_FORMAT", document.PARSE_FORMAT + 1)  # a loader that reads more
    again = ingest(small, [small.corpus_dir], embedder)
    assert (again.updated, again.unchanged) == (first.added, 0)
    assert embedder.texts_encoded == before  # the same texts: every vector from the cache


def test_a_write_with_everything_cached_never_loads_the_model(small, embedder) -> None:
    from ingest.embedder import Embedder

    ingest(small, [small.corpus_dir], embedder)
    note = small.corpus_dir / SEED_MD.name
    text = note.read_text()
    note.write_text(text + "\n")  # changed bytes, the same chunks: every vector is in the cache
    fresh = Embedder(embedder.name)
    report = ingest(small, [small.corpus_dir], fresh)
    assert report.updated == 1 and report.embedded == 0
    assert fresh._model is None  # not even to learn the vectors' size: the index knows it


def test_rebuild_is_served_from_the_embedding_cache(small, embedder) -> None:
    ingest(small, [small.corpus_dir], embedder)
    before = embedder.texts_encoded
    report = ingest(small, [small.corpus_dir], embedder, rebuild=True)
    assert embedder.texts_encoded == before and report.embedded == 0
    assert len(agree(small)) == report.chunks


def test_changed_and_deleted_documents(small, embedder) -> None:
    ingest(small, [small.corpus_dir], embedder)
    seed = small.corpus_dir / SEED_MD.name
    seed.write_text(seed.read_text().replace("Side effects include mild dizziness 1",
                                             "Side effects include mild dizziness and nausea 1"))
    (small.corpus_dir / NIH[0].name).unlink()
    before = embedder.texts_encoded
    report = ingest(small, [small.corpus_dir], embedder)
    assert (report.updated, report.removed, report.unchanged) == (1, 1, 2)
    assert embedder.texts_encoded - before == 2  # only the changed chunk and the changed statement
    ids = agree(small)
    assert not any(i.startswith(NIH[0].stem) for i in ids)
    texts = [m for _, m, _ in Catalog(small.sqlite_path).records()]
    assert "Side effects include mild dizziness and nausea" in "\n".join(texts)
    assert not any(t.endswith("mild dizziness") for t in "\n".join(texts).splitlines())


def test_bad_files_are_reported_and_nothing_indexed_is_lost(small, embedder) -> None:
    ingest(small, [small.corpus_dir], embedder)
    before = agree(small)
    (small.corpus_dir / "empty.md").write_bytes(b"")
    (small.corpus_dir / "binary.txt").write_bytes(b"\x00\x01")
    seed = small.corpus_dir / SEED_MD.name
    seed.write_bytes(b"\xff\xfe not utf-8 \x00")  # an indexed file turns bad: its old version stays
    report = ingest(small, [small.corpus_dir], embedder)
    assert sorted(Path(p).name for p, _ in report.failed) == ["binary.txt", "empty.md", SEED_MD.name]
    assert report.removed == 0 and agree(small) == before


def test_a_second_writer_gets_a_clear_message(small, embedder) -> None:
    with WriteLock(small.index_dir):
        with pytest.raises(IndexBusy, match="Another ingest .* is writing the index"):
            ingest(small, [small.corpus_dir], embedder)


def test_another_model_is_refused_until_rebuild(small, embedder) -> None:
    ingest(small, [small.corpus_dir], embedder)
    other = IndexSettings(index_dir=small.index_dir, corpus_dir=small.corpus_dir, embed_model="other-model")
    with pytest.raises(ModelMismatch, match="medcite ingest --rebuild"):
        ingest(other, [small.corpus_dir], embedder)


def test_collection_that_will_not_open_is_rebuilt_without_embedding(small, embedder) -> None:
    ingest(small, [small.corpus_dir], embedder)
    before = agree(small)
    Catalog(small.sqlite_path).set(dirty=1)  # as an ingest killed mid-write leaves it
    (small.chroma_dir / "chroma.sqlite3").write_bytes(b"garbage" * 1000)
    count = embedder.texts_encoded
    report = ingest(small, [small.corpus_dir], embedder)
    assert report.repaired and embedder.texts_encoded == count
    assert agree(small) == before


def test_keyword_index_is_rebuilt_from_chroma_when_missing(small, embedder) -> None:
    from ingest.store import open_index

    ingest(small, [small.corpus_dir], embedder)
    catalog = Catalog(small.sqlite_path)
    catalog.rebuild_keywords([])
    catalog.set(keyword_generation=-1)
    index = open_index(small)
    assert index.catalog.keyword_count() == index.vectors.count() > 0
    assert index.catalog.keyword_search(["vertebroplasty"], 3)


def test_add_copies_under_safe_names_without_overwriting(tmp_path, small, embedder) -> None:
    from ingest.add import place, safe_name

    assert safe_name("../../etc/passwd.md") == "passwd.md"
    assert safe_name("..\\evil name!.TXT") == "evil-name.txt"
    with pytest.raises(BadDocument, match="unsupported"):
        safe_name("run.sh")
    first, created = place(b"# A\n\none", "note.md", small.corpus_dir)
    same, again = place(b"# A\n\none", "note.md", small.corpus_dir)
    other, _ = place(b"# B\n\ntwo", "../note.md", small.corpus_dir)
    assert created and not again  # the same bytes reuse the file, which a failed add then must not delete
    assert first == same and other.name == "note-2.md" and first.read_text() == "# A\n\none"
    assert other.parent == small.corpus_dir


def test_document_ids_keep_letters_of_any_script() -> None:
    from ingest.document import doc_id_for

    assert doc_id_for(Path("Leitlinie Ärzte.md")) == "leitlinie-ärzte"
    assert doc_id_for(Path("Leitlinie A\u0308rzte.md")) == "leitlinie-ärzte"  # one id for both normal forms
    assert doc_id_for(Path("Leitlinie Ärzte.md")) != doc_id_for(Path("Leitlinie Erzte.md"))
    assert doc_id_for(Path("指南 2024.md")) == "指南-2024"
    assert doc_id_for(Path("guideline-compression-fracture-pain.md")) == "guideline-compression-fracture-pain"


@pytest.mark.parametrize("given, safe", [
    ("Leitlinie Ärzte.md", "Leitlinie-Ärzte.md"),
    ("Leitlinie A\u0308rzte.md", "Leitlinie-Ärzte.md"),  # decomposed (macOS) becomes composed (NFC)
    ("指南 2024.md", "指南-2024.md"),
    ("Рекомендации по боли.pdf", "Рекомендации-по-боли.pdf"),
    ("हिन्दी दिशानिर्देश.txt", "हिन्दी-दिशानिर्देश.txt"),  # combining vowel signs are kept
    ("../../etc/passwd.md", "passwd.md"),
    ("..\\evil name!.TXT", "evil-name.txt"),
    (".hidden.md", "hidden.md"),
    ("a:b*c?d\"e<f>g|h.md", "a-b-c-d-e-f-g-h.md"),
    ("$(rm -rf ~);`x`.md", "rm-rf-x.md"),
    ("right\u202eto\u200bleft.md", "right-to-left.md"),  # bidi override and invisible characters
    ("CON.md", "CON-file.md"),
    ("nul.txt", "nul-file.txt"),
    ("com1.pdf", "com1-file.pdf"),
    ("LPT9.backup.md", "LPT9-file.backup.md"),
    ("CONSENT.md", "CONSENT.md"),
    ("???.md", "document.md"),
])
def test_safe_names_keep_letters(given: str, safe: str) -> None:
    from ingest.add import safe_name

    assert safe_name(given) == safe


def test_safe_names_fit_the_file_system() -> None:
    from ingest.add import safe_name

    name = safe_name("é" * 300 + ".md")
    assert len(name.encode()) <= 160 and name.endswith(".md") and set(name[:-3]) == {"é"}


def test_junk_is_refused_and_the_index_still_answers(small, embedder, tmp_path: Path) -> None:
    import base64
    import os

    from app.answer.engine import Engine
    from app.answer.settings import Settings
    from ingest.upload import add_files

    ingest(small, [small.corpus_dir], embedder)
    before = agree(small)
    junk = base64.b64encode(os.urandom(2_250_000))  # 3 MB, one line, no spaces
    placed, failed, report = add_files(small, [("dump.txt", junk)], embedder)
    assert placed == [] and report is None and not (small.corpus_dir / "dump.txt").exists()
    [(name, reason)] = failed
    assert name == "dump.txt" and "no word structure" in reason and "\n" not in reason
    assert agree(small) == before
    answer = Engine(Settings(index=small), embedder=embedder).ask("Is vertebroplasty recommended?")
    assert not answer.abstained and "not recommended" in answer.text


def test_max_doc_chunks_is_a_setting(small, embedder) -> None:
    assert IndexSettings.from_env({}).max_doc_chunks == 5000
    tight = IndexSettings.from_env({"MEDCITE_INDEX_DIR": str(small.index_dir), "MEDCITE_CORPUS_DIR":
                                    str(small.corpus_dir), "MEDCITE_MAX_DOC_CHUNKS": "3"})
    report = ingest(tight, [small.corpus_dir / SEED_MD.name], embedder)
    assert [Path(p).name for p, _ in report.failed] == [SEED_MD.name] and report.chunks == 0
    assert "MEDCITE_MAX_DOC_CHUNKS" in report.failed[0][1]


def test_cli_ingest_json_add_and_docs(tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from app.cli import cli

    corpus = tmp_path / "corpus"
    write(corpus / "a.md", "# Calcium\n\n- Calcium builds bone.\n")
    monkeypatch.setenv("MEDCITE_CORPUS_DIR", str(corpus))
    runner = CliRunner()
    out = runner.invoke(cli, ["ingest", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout) == {"added": 1, "updated": 0, "removed": 0, "unchanged": 0, "chunks": 1,
                                      "failed": []}
    bad = write(tmp_path / "bad.pdf", "not a pdf")
    good = write(tmp_path / "up" / "b.md", "# Vitamin D\n\n- Vitamin D helps absorb calcium.\n")
    out = runner.invoke(cli, ["add", str(good), str(bad)])
    assert out.exit_code == 1 and "corrupt PDF" in out.output and (corpus / "b.md").exists()
    assert not (corpus / "bad.pdf").exists()
    out = runner.invoke(cli, ["docs"])
    assert "2 documents" in out.output and "Vitamin D" in out.output


def test_a_documents_keyword_rows_are_found_by_rowid_not_by_a_scan(tmp_path: Path) -> None:
    from ingest.store.catalog import DELETE_FTS, Catalog

    catalog = Catalog(tmp_path / "medcite.sqlite3")
    plan = " ".join(r[3] for r in catalog.db.execute(f"EXPLAIN QUERY PLAN {DELETE_FTS}", ("doc",)))
    assert "INDEX 0:=" in plan and "chunks_doc" in plan  # fts by rowid, chunks by their doc_id index

    def doc(doc_id: str, words: list[str]):
        row = {"doc_id": doc_id, "path": f"/{doc_id}.md", "content_hash": words[0], "title": doc_id, "source": "",
               "kind": "guideline", "date": "", "refs": [], "extra": {}}
        records = [(f"{doc_id}-{i}", w, {"doc_id": doc_id, "position": i}) for i, w in enumerate(words)]
        return row, records, words

    catalog.replace_documents([doc("a", ["alpha one", "alpha two"]), doc("b", ["beta one"])])
    catalog.replace_documents([doc("a", ["gamma one"])])  # changed: its old keyword rows go, b's stay
    catalog.remove_document("b")
    rows = catalog.db.execute("SELECT chunk_id, body FROM fts ORDER BY chunk_id").fetchall()
    assert rows == [("a-0", "gamma one")] and catalog.chunk_ids() == {"a-0"}
    # an index whose keyword rows were written before they shared the chunks' rowids is rebuilt once
    catalog.db.execute("DELETE FROM meta WHERE key = 'fts_layout'")
    catalog.db.execute("DELETE FROM fts")
    catalog.db.execute("INSERT INTO fts (rowid, chunk_id, doc_id, body) VALUES (999, 'a-0', 'a', 'gamma one')")
    catalog.replace_documents([doc("c", ["delta one"])])
    catalog.remove_document("a")
    assert catalog.db.execute("SELECT chunk_id FROM fts").fetchall() == [("c-0",)]
    assert catalog.get("fts_layout") == "chunk-rowid"
