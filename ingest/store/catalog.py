"""The SQLite side of the index (WAL): manifest, stored chunks, embedding cache and the FTS5 keyword index.

The manifest, the chunk rows and the keyword rows of one document change in one transaction, so these three
always agree; Chroma is reconciled to them (see index.py).
"""

from __future__ import annotations

import json
import itertools
import re
import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from ingest.store import lexicon_table
from ingest.store.records import embed_text

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs (doc_id TEXT PRIMARY KEY, path TEXT, content_hash TEXT, title TEXT,
    source TEXT, kind TEXT, date TEXT, refs TEXT, extra TEXT, chunk_ids TEXT, ingested_at REAL);
CREATE TABLE IF NOT EXISTS chunks (chunk_id TEXT PRIMARY KEY, doc_id TEXT, position INTEGER,
    document TEXT, meta TEXT);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS embed_cache (model TEXT, text_hash TEXT, vector BLOB,
    PRIMARY KEY (model, text_hash));
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(chunk_id UNINDEXED, doc_id UNINDEXED, body,
    tokenize = 'porter unicode61 remove_diacritics 2');
"""


# a chunk's keyword row has the chunk's rowid: a document's rows are deleted through the chunks' doc_id index.
# A chunk the manifest lacks (a keyword index rebuilt from a Chroma server on a reading host) gets a fresh rowid.
FTS_LAYOUT = "chunk-rowid"
DOCUMENT_HITS = 5000  # chunks read for the documents that hold a phrase (documents_with)
INSERT_FTS = ("INSERT OR REPLACE INTO fts (rowid, chunk_id, doc_id, body) "
              "VALUES ((SELECT rowid FROM chunks WHERE chunk_id = ?), ?, ?, ?)")
DELETE_FTS = "DELETE FROM fts WHERE rowid IN (SELECT rowid FROM chunks WHERE doc_id = ?)"


COMPLETION_TERMS = 8  # the most frequent index terms a short form's completions are taken from
NEAR = 3  # words between the words of a name of several words that all_together allows
MAX_SPELLINGS = 8  # spellings of a name all_together tries


class Catalog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self._names: dict[str, tuple[str, str]] | None = None  # the lexicon in memory, read at the first write
        self._like: dict[str, list[str]] = {}  # canonicals_like, per pattern, until the lexicon is reloaded
        with self._lock:
            self.db.executescript(_SCHEMA)
            self.db.executescript(lexicon_table.SCHEMA)

    def close(self) -> None:
        self.db.close()

    # -- meta ---------------------------------------------------------------------------------------
    def get(self, key: str, default: str | None = None) -> str | None:
        with self._lock:
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set(self, **values: object) -> None:
        with self._lock, self._tx():
            self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in values.items()])

    def generation(self) -> int:
        return int(self.get("generation", "0") or 0)

    # -- manifest -----------------------------------------------------------------------------------
    def docs(self) -> list[dict]:
        with self._lock:
            rows = self.db.execute("SELECT doc_id, path, content_hash, title, source, kind, date, refs, extra,"
                                   " chunk_ids, ingested_at FROM docs ORDER BY doc_id").fetchall()
        keys = ("doc_id", "path", "content_hash", "title", "source", "kind", "date", "refs", "extra",
                "chunk_ids", "ingested_at")
        out = []
        for row in rows:
            d = dict(zip(keys, row))
            d["refs"], d["extra"], d["chunk_ids"] = (json.loads(d[k]) for k in ("refs", "extra", "chunk_ids"))
            out.append(d)
        return out

    def replace_document(self, doc_row: dict, records: list[tuple[str, str, dict]], embed_texts: list[str]) -> None:
        """Swap one document's manifest row, chunk rows and keyword rows in a single transaction."""
        self.replace_documents([(doc_row, records, embed_texts)])

    def replace_documents(self, docs: list[tuple[dict, list[tuple[str, str, dict]], list[str]]], *,
                          clear: bool = False, meta: dict[str, object] | None = None) -> None:
        """Swap several documents in one transaction (bulk loads); with `clear`, every other document goes in
        the same transaction, and `meta` is written with it (a rebuild's switch)."""
        with self._lock, self._tx():
            if clear:
                for table in ("docs", "chunks", "fts", "doc_names"):
                    self.db.execute(f"DELETE FROM {table}")
            if meta:
                self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                    [(k, str(v)) for k, v in meta.items()])
            for doc_row, records, embed_texts in docs:
                self._replace(doc_row, records, embed_texts)

    def _replace(self, doc_row: dict, records: list[tuple[str, str, dict]], embed_texts: list[str]) -> None:
        self._delete_doc(doc_row["doc_id"])
        self.db.execute("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?,?,?)", (
            doc_row["doc_id"], doc_row["path"], doc_row["content_hash"], doc_row["title"], doc_row["source"],
            doc_row["kind"], doc_row["date"], json.dumps(doc_row["refs"]), json.dumps(doc_row["extra"]),
            json.dumps([cid for cid, _, _ in records]), time.time()))
        self.db.executemany("INSERT INTO chunks VALUES (?,?,?,?,?)", [
            (cid, m["doc_id"], m["position"], document, json.dumps(m)) for cid, document, m in records])
        self._fts_layout()
        self.db.executemany(INSERT_FTS, [(cid, cid, m["doc_id"], text) for (cid, _, m), text in zip(records, embed_texts)])
        lexicon_table.replace_doc_names(self.db, doc_row["doc_id"], [doc_row["title"], *embed_texts],
                                        self._lexicon())

    def clear_documents(self) -> None:
        """Forget every document (manifest, chunks, keywords) in one transaction; the embedding cache stays."""
        with self._lock, self._tx():
            for table in ("docs", "chunks", "fts", "doc_names"):
                self.db.execute(f"DELETE FROM {table}")

    def remove_document(self, doc_id: str) -> None:
        with self._lock, self._tx():
            self._delete_doc(doc_id)

    def _delete_doc(self, doc_id: str) -> None:
        self._fts_layout()
        self.db.execute("DELETE FROM docs WHERE doc_id = ?", (doc_id,))
        self.db.execute(DELETE_FTS, (doc_id,))  # before the chunks that give the rowids
        self.db.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM doc_names WHERE doc_id = ?", (doc_id,))

    def chunk_count(self) -> int:
        with self._lock:
            return self.db.execute("SELECT count(*) FROM chunks").fetchone()[0]

    def chunk_ids(self) -> set[str]:
        with self._lock:
            return {r[0] for r in self.db.execute("SELECT chunk_id FROM chunks")}

    def records(self, ids: Iterable[str] | None = None) -> list[tuple[str, str, dict]]:
        """Stored (chunk_id, document, metadata) triples, all of them or the given ids."""
        with self._lock:
            if ids is None:
                rows = self.db.execute("SELECT chunk_id, document, meta FROM chunks ORDER BY doc_id, position")
                rows = rows.fetchall()
            else:
                ids = list(ids)
                rows = []
                for start in range(0, len(ids), 500):
                    part = ids[start:start + 500]
                    rows += self.db.execute(f"SELECT chunk_id, document, meta FROM chunks WHERE chunk_id IN "
                                            f"({','.join('?' * len(part))})", part).fetchall()
        return [(cid, document, json.loads(meta)) for cid, document, meta in rows]

    def doc_records(self, doc_id: str) -> list[tuple[str, str, dict]]:
        """One document's stored (chunk_id, document, metadata) triples in reading order."""
        with self._lock:
            rows = self.db.execute("SELECT chunk_id, document, meta FROM chunks WHERE doc_id = ? ORDER BY position",
                                   (doc_id,)).fetchall()
        return [(cid, document, json.loads(meta)) for cid, document, meta in rows]

    def titles(self) -> list[str]:
        """The titles of the indexed documents."""
        with self._lock:
            return [r[0] for r in self.db.execute("SELECT title FROM docs ORDER BY doc_id") if r[0]]

    def sections(self) -> list[str]:
        """Distinct heading paths of the stored chunks."""
        with self._lock:
            rows = self.db.execute("SELECT DISTINCT json_extract(meta, '$.section') FROM chunks").fetchall()
        return [r[0] for r in rows if r[0]]

    def doc_sections(self, doc_ids: list[str]) -> list[str]:
        """Distinct heading paths of these documents' chunks."""
        marks = ",".join("?" * len(doc_ids))
        with self._lock:
            rows = self.db.execute(f"SELECT DISTINCT json_extract(meta, '$.section') FROM chunks WHERE doc_id IN "
                                   f"({marks})", doc_ids).fetchall() if doc_ids else []
        return [r[0] for r in rows if r[0]]

    # -- embedding cache ----------------------------------------------------------------------------
    def cached_vectors(self, model: str, hashes: list[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(hashes), 500):
                part = hashes[start:start + 500]
                for h, blob in self.db.execute(
                        f"SELECT text_hash, vector FROM embed_cache WHERE model = ? AND text_hash IN "
                        f"({','.join('?' * len(part))})", [model, *part]):
                    out[h] = np.frombuffer(blob, dtype=np.float32)
        return out

    def store_vectors(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        with self._lock, self._tx():
            self.db.executemany("INSERT OR REPLACE INTO embed_cache VALUES (?, ?, ?)",
                                [(model, h, v.astype(np.float32).tobytes()) for h, v in vectors.items()])

    # -- keyword index ------------------------------------------------------------------------------
    def keyword_count(self) -> int:
        with self._lock:
            return self.db.execute("SELECT count(*) FROM fts").fetchone()[0]

    def rebuild_keywords(self, rows: list[tuple[str, str, str]]) -> None:
        """Replace the keyword index with (chunk_id, doc_id, body) rows (used when it is behind Chroma)."""
        with self._lock, self._tx():
            self.db.execute("DELETE FROM fts")
            self.db.executemany(INSERT_FTS, [(cid, cid, doc, body) for cid, doc, body in rows])
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('fts_layout', ?)", (FTS_LAYOUT,))

    def _fts_layout(self) -> None:
        """Inside a write: a keyword index made before its rows shared the chunks' rowids is rebuilt once, from
        the chunks, so that a document's keyword rows are found by rowid (no scan of the whole index)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'fts_layout'").fetchone()
        if row and row[0] == FTS_LAYOUT:
            return
        self.db.execute("DELETE FROM fts")
        for cid, doc_id, document, meta in self.db.execute("SELECT chunk_id, doc_id, document, meta FROM chunks").fetchall():
            self.db.execute(INSERT_FTS, (cid, cid, doc_id, embed_text(document, json.loads(meta))))
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('fts_layout', ?)", (FTS_LAYOUT,))

    def keyword_search(self, terms: list[str], limit: int) -> list[tuple[str, float]]:
        """BM25 over the chunks for any of `terms`; scores are positive, higher is better."""
        words = [t for t in terms if re.fullmatch(r"\w+", t)]
        if not words:
            return []
        query = " OR ".join(f'"{w}"' for w in words)  # quoted: never FTS5 syntax
        with self._lock:
            rows = self.db.execute("SELECT chunk_id, rank FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?",
                                   (query, limit)).fetchall()  # rank is bm25, computed once per row
        return [(cid, -score) for cid, score in rows]

    def doc_freq(self, terms: list[str], cap: int | None = None) -> dict[str, int]:
        """How many chunks contain each word (stemmed as the index stems); 0 for non-words. With a cap, counting
        stops there: exact below it, `cap` at or above it (the count reads only that many postings)."""
        sql, extra = ("SELECT count(*) FROM fts WHERE fts MATCH ?", ()) if cap is None else \
            ("SELECT count(*) FROM (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?)", (cap,))
        out = {}
        with self._lock:
            for term in terms:
                ok = re.fullmatch(r"\w+", term) is not None
                out[term] = self.db.execute(sql, (f'"{term}"', *extra)).fetchone()[0] if ok else 0
        return out

    def completions(self, prefix: str, limit: int = COMPLETION_TERMS) -> dict[str, int]:
        """The words the keyword index holds that begin with `prefix`, as the documents write them, each with the
        number of chunks it is in ("bicarb" -> {"bicarbonate": 3}): read from the index's own term list (an
        fts5vocab table over it; about a millisecond at a million chunks), the `limit` most frequent; {} for a
        prefix that is not a plain word."""
        if re.fullmatch(r"[a-z]{3,}", prefix) is None:
            return {}
        with self._lock:
            self.db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms USING fts5vocab(main, 'fts', 'row')")
            terms = self.db.execute("SELECT term, doc FROM temp.fts_terms WHERE term >= ? AND term < ? "
                                    "ORDER BY doc DESC LIMIT ?", (prefix, prefix + "{", limit)).fetchall()
            found: dict[str, int] = {}
            for term, n in terms:  # the stemmed term, written out as a chunk that holds it writes it (matched as a
                # prefix: a stem stemmed again may change, "nebulis" -> "nebuli")
                row = self.db.execute("SELECT body FROM fts WHERE fts MATCH ? LIMIT 1", (f'"{term}"*',)).fetchone()
                word = re.search(rf"\b{re.escape(prefix)}[^\W\d_]*", row[0], re.I) if row else None
                if word:
                    found[word.group(0).lower()] = found.get(word.group(0).lower(), 0) + n
        return found

    def terms_present(self, terms: list[str]) -> dict[str, bool]:
        """Whether each word occurs anywhere in the keyword index (stemmed as the index stems)."""
        return {term: n > 0 for term, n in self.doc_freq(terms, cap=1).items()}

    # -- lexicon (drug names, spellings; see ingest/lexicon.py) --------------------------------------
    def lexicon_version(self) -> str | None:
        return self.get("lexicon_version")

    def load_lexicon(self, rows: Iterable[tuple[str, str, str]], version: str) -> None:
        """Replace the lexicon and re-derive every document's names from its stored chunks, in one transaction;
        the names only when the rows documents are scanned for, or the way they are scanned (DOC_NAMES_FORMAT),
        changed (new condition or abbreviation rows alone leave them: re-deriving reads every chunk, two minutes
        at a million)."""
        rows = list(rows)  # built before the write lock is taken
        with self._lock, self._tx():
            before = self._lexicon()  # what documents were scanned for (held in memory once read)
            self._names = lexicon_table.load(self.db, rows)
            self._like = {}
            same_scan = self.get("doc_names_format", str(lexicon_table.DOC_NAMES_FORMAT)) == \
                str(lexicon_table.DOC_NAMES_FORMAT)  # an index from before the key: the format it was made with
            if self._names == before and same_scan and self.db.execute("SELECT 1 FROM doc_names LIMIT 1").fetchone():
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('lexicon_version', ?)", (version,))
                return
            titles = dict(self.db.execute("SELECT doc_id, title FROM docs").fetchall())
            texts: dict[str, list[str]] = {doc_id: [title] for doc_id, title in titles.items()}
            for doc_id, document, meta in self.db.execute("SELECT doc_id, document, meta FROM chunks"):
                texts.setdefault(doc_id, []).append(embed_text(document, json.loads(meta)))
            self.db.execute("DELETE FROM doc_names")
            for doc_id, doc_texts in texts.items():
                lexicon_table.replace_doc_names(self.db, doc_id, doc_texts, self._names)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('lexicon_version', ?)", (version,))
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('doc_names_format', ?)",
                            (str(lexicon_table.DOC_NAMES_FORMAT),))

    def resolve_names(self, tokens: list[str]) -> dict[str, tuple[str, str]]:
        """token -> (canonical, kind) for the words and phrases (give it `ingest.lexicon.phrases`) it knows."""
        with self._lock:
            return lexicon_table.resolve(self.db, tokens)

    def names_of(self, canonical: str) -> list[str]:
        """Every surface name of a canonical (brand, generic, synonyms, spellings), for query expansion."""
        with self._lock:
            return lexicon_table.names_of(self.db, canonical)

    def canonicals_like(self, pattern: str) -> list[str]:
        """The drug dictionary's canonical names matching a LIKE pattern (a scan of the dictionary, not the corpus,
        remembered per pattern: a drug group's stems are scanned once, not per question)."""
        with self._lock:
            if pattern not in self._like:
                self._like[pattern] = lexicon_table.canonicals_like(self.db, pattern)
            return self._like[pattern]

    def meanings(self, abbreviation: str, exact_case: bool = False) -> list[str]:
        """What a medical abbreviation stands for, from the dictionary in the index ([] when unknown)."""
        with self._lock:
            return lexicon_table.meanings(self.db, abbreviation, exact_case)

    def condition_words(self, words: list[str], names: list[str] = (), forms: bool = True) -> set[str] | None:
        """The words that name conditions (ICD-10-CM's words that are not general English; of `names`, written
        with a capital, also its names such as "Huntington"); None when the index's lexicon has no condition
        dictionary (loaded by an older version)."""
        with self._lock:
            return lexicon_table.conditions(self.db, words, names, forms)

    def dictionary_words(self, prefix: str, limit: int) -> set[str]:
        """The drug and condition dictionaries' one-word names that begin with `prefix` (lower case)."""
        with self._lock:
            return lexicon_table.words_from(self.db, prefix, limit)

    def condition_qualifiers(self, words: list[str]) -> set[str]:
        """Of these, the words condition names have only before their last word ("mucous", "febrile")."""
        with self._lock:
            return lexicon_table.qualifiers(self.db, words)

    def condition_findings(self, words: list[str]) -> set[str]:
        """Of these, the words of the names of symptoms, signs and injuries ("droop", "dysuria", "blister")."""
        with self._lock:
            return lexicon_table.findings(self.db, words)

    def condition_heads(self, words: list[str]) -> set[str]:
        """The words that end condition names ("syndrome", "myopathy"), of these."""
        with self._lock:
            return lexicon_table.heads(self.db, words)

    def phrases_present(self, phrases: list[str]) -> dict[str, int]:
        """How many chunks hold each phrase, word for word (stemmed as the index stems; hyphens split words)."""
        out = {}
        with self._lock:
            for phrase in phrases:
                tokens = re.findall(r"\w+", phrase)
                out[phrase] = self.db.execute("SELECT count(*) FROM fts WHERE fts MATCH ?",
                                              (f'"{" ".join(tokens)}"',)).fetchone()[0] if tokens else 0
        return out

    def documents_with(self, phrase: str, limit: int = DOCUMENT_HITS) -> set[str]:
        """The documents some chunk of which (its text, heading or title) holds the phrase word for word (stemmed
        as the index stems), from the first `limit` such chunks."""
        tokens = re.findall(r"\w+", phrase)
        if not tokens:
            return set()
        with self._lock:
            rows = self.db.execute("SELECT doc_id FROM fts WHERE fts MATCH ? LIMIT ?",
                                   (f'"{" ".join(tokens)}"', limit)).fetchall()
        return {doc for doc, in rows}

    def bodies_with(self, phrase: str, limit: int = DOCUMENT_HITS) -> list[str]:
        """The texts (with headings and title) of the first `limit` chunks holding the phrase word for word."""
        tokens = re.findall(r"\w+", phrase)
        if not tokens:
            return []
        with self._lock:
            rows = self.db.execute("SELECT body FROM fts WHERE fts MATCH ? LIMIT ?",
                                   (f'"{" ".join(tokens)}"', limit)).fetchall()
        return [body for body, in rows]

    def phrases_written(self, phrases: list[str]) -> list[str]:
        """The phrases some chunk holds word for word (one stops at its first chunk; phrases_present counts)."""
        out = []
        with self._lock:
            for phrase in phrases:
                tokens = re.findall(r"\w+", phrase)
                if tokens and self.db.execute("SELECT 1 FROM fts WHERE fts MATCH ? LIMIT 1",
                                              (f'"{" ".join(tokens)}"',)).fetchone():
                    out.append(phrase)
        return out

    def together(self, phrase: str, terms: list[str]) -> dict[str, bool]:
        """Whether some chunk holds both the phrase (word for word) and each word (stemmed as the index stems)."""
        tokens = re.findall(r"\w+", phrase)
        out = {}
        with self._lock:
            for term in terms:
                ok = bool(tokens) and re.fullmatch(r"\w+", term) is not None
                query = f'"{" ".join(tokens)}" AND "{term}"'
                out[term] = ok and self.db.execute("SELECT 1 FROM fts WHERE fts MATCH ? LIMIT 1",
                                                   (query,)).fetchone() is not None
        return out

    def all_together(self, terms: list[str | list[str]], near: int = NEAR) -> bool:
        """Whether some chunk holds every word within `near` words of each other, in any order (stemmed as the
        index stems); a list is a word's other forms, any of which will do ("sulfate" or "sulphate")."""
        groups = [[t for form in ([term] if isinstance(term, str) else term) for t in re.findall(r"\w+", form)]
                  for term in terms]
        groups = [list(dict.fromkeys(g)) for g in groups if g]
        if not groups:
            return False
        with self._lock:
            for combination in itertools.islice(itertools.product(*groups), MAX_SPELLINGS):
                query = f'NEAR({" ".join(f"{chr(34)}{t}{chr(34)}" for t in combination)}, {near})'
                if self.db.execute("SELECT 1 FROM fts WHERE fts MATCH ? LIMIT 1", (query,)).fetchone():
                    return True
        return False

    def corpus_names(self) -> list[str]:
        """The drug names the indexed documents use, as they write them."""
        with self._lock:
            return [r[0] for r in self.db.execute("SELECT DISTINCT name FROM doc_names WHERE kind = 'drug' "
                                                  "ORDER BY name")]

    def written_names(self, canonical: str) -> list[str]:
        """The names the indexed documents write for a canonical name, the most widely written first."""
        with self._lock:
            return lexicon_table.written(self.db, canonical)

    def corpus_mentions(self, canonicals: list[str]) -> dict[str, bool]:
        """Whether any indexed document names each canonical under any of its names."""
        with self._lock:
            return lexicon_table.corpus_mentions(self.db, canonicals)

    def _lexicon(self) -> dict[str, tuple[str, str]]:
        if self._names is None:
            self._names = lexicon_table.read(self.db)
        return self._names

    def _tx(self):
        return _Transaction(self.db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")
