"""The lexicon's SQL: surface name -> canonical (loaded once per index), and which canonicals each document names.

`lexicon` holds the dictionaries of ingest/lexicon.py; `doc_names` holds, per document, every canonical it
mentions and the surface name it used, written in the transaction that writes the document's other rows.
Questions read both through indexed lookups (primary key, canonical, and a grouping of one canonical's rows for
the names the documents write); an index built before the lexicon existed has empty tables, and every lookup then
answers nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping

from ingest.lexicon import MAX_WORDS, american, normalize, phrases

SCHEMA = """
CREATE TABLE IF NOT EXISTS lexicon (name TEXT PRIMARY KEY, canonical TEXT, kind TEXT);
CREATE INDEX IF NOT EXISTS lexicon_canonical ON lexicon(canonical);
CREATE TABLE IF NOT EXISTS doc_names (doc_id TEXT, canonical TEXT, kind TEXT, name TEXT);
CREATE INDEX IF NOT EXISTS doc_names_canonical ON doc_names(canonical);
CREATE INDEX IF NOT EXISTS doc_names_doc ON doc_names(doc_id);
CREATE TABLE IF NOT EXISTS abbreviations (abbreviation TEXT, folded TEXT, meaning TEXT);
CREATE INDEX IF NOT EXISTS abbreviations_folded ON abbreviations(folded);
"""
# the condition dictionary's words (ingest/lexicon.py _condition_rows): word = 1, a word that names a condition;
# name = 1, one only when written with a capital ("Huntington"); head = 1, one that ends condition names ("syndrome");
# ends = 1, one that ends at least one ("gout", "dysphagia"; not "mucous" or "febrile", which only qualify them);
# finding = 1, one of the name of a symptom, a sign or an injury ("droop", "dysuria", "blister"); a row "-tosis"
# (named = 1) is an ending that condition words share
_CONDITIONS = ("CREATE TABLE IF NOT EXISTS conditions (word TEXT PRIMARY KEY, named INTEGER, name INTEGER, "
               "head INTEGER, ends INTEGER, finding INTEGER)")
# the same condition words stemmed as the keyword index stems: "wheeze" finds the dictionary's "wheezing"
_CONDITION_STEMS = ("CREATE VIRTUAL TABLE IF NOT EXISTS condition_stems USING fts5(word, "
                    "tokenize = 'porter unicode61 remove_diacritics 2')")
SCHEMA += _CONDITIONS + ";\n" + _CONDITION_STEMS + ";\n"
Names = Mapping[str, tuple[str, str]]  # surface name -> (canonical, kind)
DOC_NAMES_FORMAT = 2  # bump when `mentions` finds other names in the same text: every document's are derived again
_BATCH = 500  # SQLite's bound-parameter limit, with room


def load(db: sqlite3.Connection, rows: Iterable[tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """Replace the lexicon (inside the caller's transaction); returns it as a dict. First row of a name wins.
    Abbreviation rows go to their own table: an abbreviation has several meanings and is looked up by case.
    Condition words go to theirs: they are asked about one by one, never scanned for in documents."""
    names: dict[str, tuple[str, str]] = {}
    abbreviations: list[tuple[str, str, str]] = []
    conditions: dict[str, tuple[int, int, int, int, int]] = {}
    for name, canonical, kind in rows:
        if kind == "abbreviation":
            abbreviations.append((name, name.lower(), canonical))
        elif kind == "condition":
            roles = canonical.split()
            conditions[name] = ("word" in roles or "ending" in roles, "name" in roles, "head" in roles,
                                "end" in roles or "head" in roles, "finding" in roles)
        else:
            names.setdefault(name, (canonical, kind))
    db.execute("DELETE FROM abbreviations")
    db.executemany("INSERT INTO abbreviations VALUES (?, ?, ?)", abbreviations)
    db.execute("DROP TABLE IF EXISTS conditions")  # its columns may be an earlier format's
    db.execute(_CONDITIONS)
    db.execute(_CONDITION_STEMS)
    db.execute("DELETE FROM condition_stems")
    db.executemany("INSERT INTO condition_stems VALUES (?)",
                   ((w,) for w, (named, *_) in sorted(conditions.items()) if named and not w.startswith("-")))
    db.executemany("INSERT INTO conditions VALUES (?, ?, ?, ?, ?, ?)",
                   ((w, *r) for w, r in sorted(conditions.items())))
    for name, (canonical, kind) in names.items():  # "haemoglobin" -> the drug hemoglobin, not a bare spelling
        if kind == "spelling" and names.get(canonical, ("", kind))[1] != kind:
            names[name] = names[canonical]
    db.execute("DELETE FROM lexicon")
    db.executemany("INSERT INTO lexicon VALUES (?, ?, ?)", ((n, c, k) for n, (c, k) in names.items()))
    return names


def read(db: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """The whole lexicon in memory (ingest scans documents against it)."""
    return {name: (canonical, kind) for name, canonical, kind in db.execute("SELECT name, canonical, kind FROM lexicon")}


def mentions(texts: Iterable[str], names: Names) -> set[tuple[str, str, str]]:
    """(canonical, kind, surface name) for every lexicon name in `texts`; a British-looking word the dictionary
    lacks counts as its American form by the general rules (strict rules alone, or a result the lexicon knows)."""
    if not names:
        return set()
    found = set()
    for text in texts:
        here = set()
        for gram in phrases(text, MAX_WORDS):
            if gram in names:
                here.add((*names[gram], gram))
            elif " " not in gram and (us := american(gram)) and (us in names or american(gram, True)):
                here.add((*names.get(us, (us, "spelling")), gram))
        longer = [f" {gram} " for _, _, gram in here if " " in gram]
        # a condition's name inside a longer name the text writes is not written on its own ("anorexia" of
        # "anorexia nervosa" is not the loss of appetite)
        found |= {m for m in here if m[1] != "synonym" or not any(f" {m[2]} " in g and f" {m[2]} " != g
                                                                  for g in longer)}
    return found


def replace_doc_names(db: sqlite3.Connection, doc_id: str, texts: Iterable[str], names: Names) -> None:
    """A document's mentions, in the caller's transaction (its old rows are deleted with the document)."""
    db.execute("DELETE FROM doc_names WHERE doc_id = ?", (doc_id,))
    db.executemany("INSERT INTO doc_names VALUES (?, ?, ?, ?)",
                   [(doc_id, canonical, kind, name) for canonical, kind, name in sorted(mentions(texts, names))])


def resolve(db: sqlite3.Connection, tokens: list[str]) -> dict[str, tuple[str, str]]:
    """token -> (canonical, kind) for the tokens (words or phrases) that name something in the lexicon; single
    words it lacks are tried by their American form and as a spelling the corpus itself uses."""
    if db.execute("SELECT 1 FROM lexicon LIMIT 1").fetchone() is None:
        return {}
    keys = {t: normalize(t) for t in tokens}
    known = _lookup(db, "SELECT name, canonical, kind FROM lexicon WHERE name IN ({})", set(keys.values()))
    out = {t: known[k] for t, k in keys.items() if k in known}
    rest = {t: k for t, k in keys.items() if t not in out and k and " " not in k}
    if not rest:
        return out
    variants = {t: american(k) or k for t, k in rest.items()}
    lexicon = _lookup(db, "SELECT name, canonical, kind FROM lexicon WHERE name IN ({})", set(variants.values()))
    corpus = _lookup(db, "SELECT canonical, canonical, kind FROM doc_names WHERE canonical IN ({})",
                     set(variants.values()) | set(rest.values()))
    for token, variant in variants.items():
        hit = lexicon.get(variant) or corpus.get(variant) or corpus.get(rest[token])
        if hit is None and variant != rest[token] and _in_keywords(db, variant):
            hit = (variant, "spelling")
        if hit:
            out[token] = hit
    return out


def meanings(db: sqlite3.Connection, abbreviation: str, exact_case: bool = False) -> list[str]:
    """What an abbreviation stands for, in the dictionary's order; the meanings of the same letters written in
    other case only when none is written exactly so ("Ca" is calcium, "CA" cancer), and never with exact_case."""
    rows = db.execute("SELECT abbreviation, meaning FROM abbreviations WHERE folded = ? ORDER BY rowid",
                      (abbreviation.lower(),)).fetchall()
    exact = [m for a, m in rows if a == abbreviation]
    return list(dict.fromkeys(exact or ([] if exact_case else [m for _, m in rows])))


def conditions(db: sqlite3.Connection, candidates: Iterable[str], names: Iterable[str] = (),
               forms: bool = True) -> set[str] | None:
    """The candidate words that the condition dictionary names conditions with; of `names` (words written with a
    capital), also those it writes only as a name ("Huntington"); with `forms`, also another form of one ("wheeze").
    None for an index whose lexicon was loaded before it had a condition dictionary."""
    try:
        if db.execute("SELECT named FROM conditions LIMIT 1").fetchone() is None:
            return None
    except sqlite3.OperationalError:  # no such table or column: a lexicon of an earlier format
        return None
    capital = set(names)
    rows = _rows(db, "SELECT word, named, name FROM conditions WHERE word IN ({})", set(candidates) | capital)
    found = {word for word, named, name in rows if named or (name and word in capital)}
    # another form of a condition word ("wheeze" for "wheezing"), not a verb's ("relapsed" is no "relapsing" fever)
    for word in (set(candidates) - found - capital) if forms else ():
        if word.isalpha() and not word.endswith(("ed", "ing")) and db.execute("SELECT 1 FROM condition_stems WHERE condition_stems MATCH ? LIMIT 1",
                                         (f'"{word}"',)).fetchone():
            found.add(word)
    return found


def qualifiers(db: sqlite3.Connection, candidates: Iterable[str]) -> set[str]:
    """The candidate words the condition dictionary writes only before the word a condition's name ends with
    ("mucous" membranes, "febrile" convulsions, "unilateral" hearing loss): words that qualify conditions, none of
    which they name. A word the dictionary lacks is not one."""
    try:
        rows = _rows(db, "SELECT word, ends FROM conditions WHERE word IN ({})", set(candidates))
    except sqlite3.OperationalError:  # a lexicon of an earlier format (no such table or column): none known
        return set()
    return {word for word, ends in rows if not ends}


def findings(db: sqlite3.Connection, candidates: Iterable[str]) -> set[str]:
    """The candidate words the condition dictionary writes in the names of symptoms, signs or injuries ("droop",
    "dysuria", "blister"); none of an index whose lexicon is of an earlier format."""
    try:
        rows = _rows(db, "SELECT word, finding FROM conditions WHERE word IN ({})", set(candidates))
    except sqlite3.OperationalError:  # a lexicon of an earlier format (no such column): none known
        return set()
    return {word for word, finding in rows if finding}


def heads(db: sqlite3.Connection, candidates: Iterable[str]) -> set[str]:
    """The candidate words that end condition names ("syndrome", "myopathy")."""
    if conditions(db, ()) is None:
        return set()
    return {word for word, head in _rows(db, "SELECT word, head FROM conditions WHERE word IN ({})", set(candidates))
            if head}


def words_from(db: sqlite3.Connection, prefix: str, limit: int) -> set[str]:
    """The dictionaries' one-word names (drugs, their brands and spellings, and the condition dictionary's words)
    that begin with `prefix`, at most `limit` of each: read along the tables' primary keys."""
    out = {name for (name,) in db.execute("SELECT name FROM lexicon WHERE name >= ? AND name < ? AND name NOT LIKE "
                                          "'% %' LIMIT ?", (prefix, prefix + "{", limit))}
    try:
        out |= {word for (word,) in db.execute("SELECT word FROM conditions WHERE word >= ? AND word < ? LIMIT ?",
                                               (prefix, prefix + "{", limit))}
    except sqlite3.OperationalError:  # a lexicon of an earlier format: no condition words
        pass
    return out


def _rows(db: sqlite3.Connection, sql: str, keys: set[str]) -> list[tuple]:
    """The rows of `sql` (an "IN ({})" query) for these keys, in batches under SQLite's parameter limit."""
    ordered, out = sorted(keys), []
    for start in range(0, len(ordered), _BATCH):
        part = ordered[start:start + _BATCH]
        out += db.execute(sql.format(",".join("?" * len(part))), part).fetchall()
    return out


def canonicals_like(db: sqlite3.Connection, pattern: str) -> list[str]:
    """The dictionary's canonical names matching a LIKE pattern ("%xaban": apixaban, edoxaban, ...)."""
    return [r[0] for r in db.execute("SELECT DISTINCT canonical FROM lexicon WHERE canonical LIKE ? AND kind = 'drug'",
                                     (pattern,))]


def names_of(db: sqlite3.Connection, canonical: str) -> list[str]:
    """Every surface name of `canonical`: the lexicon's and the spellings the documents use."""
    rows = db.execute("SELECT name FROM lexicon WHERE canonical = ? UNION SELECT name FROM doc_names "
                      "WHERE canonical = ?", (canonical, canonical)).fetchall()
    return sorted(r[0] for r in rows)


def written(db: sqlite3.Connection, canonical: str) -> list[str]:
    """The names the documents write for `canonical`, the one most documents write first."""
    rows = db.execute("SELECT name FROM doc_names WHERE canonical = ? GROUP BY name "
                      "ORDER BY COUNT(DISTINCT doc_id) DESC, name", (canonical,)).fetchall()
    return [r[0] for r in rows]


def corpus_mentions(db: sqlite3.Connection, canonicals: list[str]) -> dict[str, bool]:
    """Whether any document names each canonical (under any of its names)."""
    return {c: db.execute("SELECT 1 FROM doc_names WHERE canonical = ? LIMIT 1", (c,)).fetchone() is not None
            for c in canonicals}


def _lookup(db: sqlite3.Connection, sql: str, keys: set[str]) -> dict[str, tuple[str, str]]:
    """first column -> (second, third) for the rows whose key is in `keys`, the first row of a key winning."""
    found: dict[str, tuple[str, str]] = {}
    for key, canonical, kind in _rows(db, sql, keys):
        found.setdefault(key, (canonical, kind))
    return found


def _in_keywords(db: sqlite3.Connection, word: str) -> bool:
    """Whether the keyword index has `word` (a rule-made spelling counts only where the corpus uses it)."""
    return db.execute("SELECT 1 FROM fts WHERE fts MATCH ? LIMIT 1", (f'"{word}"',)).fetchone() is not None
