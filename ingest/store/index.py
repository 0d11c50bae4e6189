"""The index as one thing: catalog (SQLite) + vectors (Chroma), the model check, repair and freshness."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from ingest.errors import IndexDamaged, IndexMissing, ModelMismatch
from ingest.settings import IndexSettings
from ingest.store.catalog import Catalog
from ingest.store.health import check_in_child
from ingest.store.lock import is_locked
from ingest.store.records import embed_text, text_hash
from ingest.store.vectors import VectorStore, release_embedded

Embed = Callable[[list[str]], np.ndarray]
# generations this process committed: its own shared Chroma client already sees them, so no reopen
_COMMITTED_HERE: set[tuple[str, int]] = set()
REOPEN_TRIES = 3


class Index:
    def __init__(self, settings: IndexSettings, catalog: Catalog, vectors: VectorStore | Future) -> None:
        self.settings = settings
        self.catalog = catalog
        self._vectors = vectors  # a Future while Chroma starts in the background (ingest parses meanwhile)
        self.generation = catalog.generation()
        self.repaired = False  # set when open_index had to drop a collection that would not open

    @property
    def vectors(self) -> VectorStore:
        if isinstance(self._vectors, Future):
            self._vectors = self._vectors.result()
        return self._vectors

    @vectors.setter
    def vectors(self, store: VectorStore) -> None:
        self._vectors = store

    # -- reading ------------------------------------------------------------------------------------
    def fetch(self, ids: list[str]) -> dict[str, tuple[str, dict]]:
        """id -> (document, metadata): from the catalog (the same rows, about 4x faster than Chroma's get at 100k
        chunks), from Chroma for ids the catalog lacks (a chunk written to Chroma whose transaction has not
        committed yet, or a Chroma server filled by another host)."""
        found = {cid: (document, meta) for cid, document, meta in self.catalog.records(ids)}
        missing = [cid for cid in ids if cid not in found]
        if missing:
            found.update(self._read(lambda vectors: vectors.get(missing)))
        return found

    def query(self, vector: np.ndarray, n: int) -> list[tuple[str, float]]:
        """Nearest chunks as (id, cosine similarity)."""
        return self._read(lambda vectors: vectors.query(vector, n))

    def _read(self, call: Callable[[VectorStore], object]):
        """A read that survives a rebuild in another process: the collection it had open may have been
        switched for a new one and dropped; the reader reopens the one the catalog now names (again if a
        back-to-back rebuild switched once more meanwhile)."""
        for attempt in range(REOPEN_TRIES):
            try:
                return call(self.vectors)
            except Exception:
                switched = self.catalog.get("collection", self.settings.collection) != self.vectors.name or \
                    self.catalog.generation() != self.generation
                if not switched or attempt + 1 == REOPEN_TRIES:
                    raise  # nothing was switched: a real failure
                self.reopen()
        raise AssertionError("unreachable")

    def reopen(self) -> None:
        """Open the collection the catalog names now (after another process switched it). The generation stays
        as it was, so the owner's refresh still sees the change and rebuilds what it derived from the index."""
        if not self.settings.chroma_url:
            release_embedded(self.settings.chroma_dir)
        self.vectors = VectorStore(self.settings.chroma_dir, self.settings.chroma_url,
                                   active_collection(self.settings, self.catalog), create=False)

    def refresh_if_changed(self) -> bool:
        """Reopen after another process committed an ingest; never while a write is in flight. A rebuild that
        switches collections again while this reopens (back-to-back rebuilds) is followed to the newer one."""
        for attempt in range(REOPEN_TRIES):
            generation = self.catalog.generation()
            if generation == self.generation or self.catalog.get("dirty") == "1":
                return False
            try:
                here = (str(self.settings.index_dir), generation) in _COMMITTED_HERE
                if not here or self.vectors.name != active_collection(self.settings, self.catalog):
                    self.reopen()  # another process committed, or a rebuild here switched collections
                sync_keywords(self.catalog, self.vectors)
            except Exception:
                if attempt + 1 < REOPEN_TRIES and self.catalog.generation() != generation:
                    continue  # switched again meanwhile: open the newer one
                raise
            self.generation = generation
            return True
        return False

    # -- writing (callers hold the write lock) ------------------------------------------------------
    def check_model(self, model: str, dim: Callable[[], int], rebuild: bool, record: bool = True) -> int:
        """Refuse another model than the one that built the index; record the model (and return its
        dimension) unless `record` is False."""
        recorded = self.catalog.get("embed_model")
        if not recorded and self.settings.chroma_url:  # a server filled by another host
            recorded = self.vectors.marker().get("embed_model")
        if recorded and not rebuild and recorded != model:
            raise model_mismatch(self.settings, recorded, self.catalog.get("embed_dim"), model)
        if recorded == model and self.catalog.get("embed_dim"):
            return int(self.catalog.get("embed_dim"))  # known: the model is not loaded just to tell its size
        if not record:
            return 0
        size = dim()
        self.catalog.set(embed_model=model, embed_dim=size)
        return size

    def model_changed(self, model: str) -> bool:
        """The collection still holds vectors of another model (a --rebuild was interrupted)."""
        served = self.vectors.marker().get("embed_model")
        return bool(served) and served != model and self.vectors.count() > 0

    def reconcile(self, model: str, embed: Embed, rewrite_all: bool = False) -> int:
        """Make Chroma hold exactly the manifest's chunks; after an unclean stop (`rewrite_all`) every chunk is
        written again from the manifest, so metadata written before a kill cannot outlive it. Returns the
        number of chunks written."""
        wanted = self.catalog.chunk_ids()
        present = self.vectors.ids()
        extra = sorted(present - wanted)
        if extra:
            self.vectors.delete(extra)
        missing = sorted(wanted if rewrite_all else wanted - present)
        if missing:
            self.add(self.catalog.records(missing), model, embed)
        return len(missing)

    def add(self, records: list[tuple[str, str, dict]], model: str, embed: Embed) -> None:
        """Upsert records into Chroma, vectors from the cache, embedding only what it lacks."""
        texts = [embed_text(doc, meta) for _, doc, meta in records]
        vectors = vectors_for(self.catalog, model, texts, embed)
        self.vectors.add([r[0] for r in records], vectors, [r[1] for r in records], [r[2] for r in records])

    def commit(self) -> None:
        generation = self.catalog.generation() + 1
        self.vectors.set_marker(generation=generation, embed_model=self.catalog.get("embed_model") or "",
                                embed_dim=int(self.catalog.get("embed_dim", "0") or 0))
        self.catalog.set(generation=generation, keyword_generation=generation, dirty=0, last_ingest=time.time())
        self.generation = generation
        _COMMITTED_HERE.add((str(self.settings.index_dir), generation))

    def switch(self, target: VectorStore, rows: list, model: str, dim: int, encoder: str = "torch") -> None:
        """Make `target` (a complete collection built beside the served one) the index, atomically for
        readers: the manifest, chunks and keywords are replaced and the collection's name recorded in one
        SQLite transaction, which is also the commit. The old collection is dropped only after it; a reader
        still holding it reopens (Index._read). A kill before the transaction leaves the old index serving
        and `target` a stray that the next write drops."""
        generation = self.catalog.generation() + 1
        target.set_marker(generation=generation, embed_model=model, embed_dim=dim)
        self.catalog.replace_documents(rows, clear=True, meta={
            "collection": target.name, "generation": generation, "keyword_generation": generation, "dirty": 0,
            "last_ingest": time.time(), "embed_model": model, "embed_dim": dim, "encoder": encoder})
        self.vectors, self.generation = target, generation
        _COMMITTED_HERE.add((str(self.settings.index_dir), generation))
        self.drop_strays()

    def drop_strays(self) -> None:
        """Drop this index's collections that the catalog does not name: the one a rebuild replaced, or one a
        killed rebuild left half-built."""
        base, active = self.settings.collection, self.vectors.name
        for name in self.vectors.names():
            if name != active and (name == base or name.startswith(f"{base}-g")):
                stray = VectorStore.__new__(VectorStore)
                stray.client, stray.name, stray.chroma_url = self.vectors.client, name, self.settings.chroma_url
                stray.drop()

    def close(self) -> None:
        self.catalog.close()


def active_collection(settings: IndexSettings, catalog: Catalog) -> str:
    """The Chroma collection the index serves: the one the last rebuild switched to, else the configured one."""
    return catalog.get("collection") or settings.collection


def next_collection(settings: IndexSettings, generation: int) -> str:
    """A new collection's name for a rebuild: the configured name, the generation it will serve and a random
    part (two writers never share a name, even after a kill)."""
    import uuid

    return f"{settings.collection}-g{generation}-{uuid.uuid4().hex[:8]}"


def vectors_for(catalog: Catalog, model: str, texts: list[str], embed: Embed) -> np.ndarray:
    """Vectors for `texts` from the embedding cache; the rest embedded once and cached."""
    hashes = [text_hash(t) for t in texts]
    cached = catalog.cached_vectors(model, list(set(hashes)))
    todo = sorted({h: t for h, t in zip(hashes, texts) if h not in cached}.items())
    if todo:
        new = embed([t for _, t in todo])
        fresh = {h: v for (h, _), v in zip(todo, new)}
        catalog.store_vectors(model, fresh)
        cached.update(fresh)
    if not texts:
        return np.zeros((0, 0), np.float32)
    return np.vstack([cached[h] for h in hashes])


def sync_keywords(catalog: Catalog, vectors: VectorStore) -> bool:
    """Rebuild the derived keyword index from Chroma when it is missing or behind; True when it did."""
    generation = vectors.generation()
    local = int(catalog.get("keyword_generation", "-1") or -1)
    if local == generation and catalog.keyword_count() == vectors.count():
        return False
    rows = [(cid, meta["doc_id"], embed_text(doc, meta)) for cid, doc, meta in vectors.records()]
    catalog.rebuild_keywords(rows)
    catalog.set(keyword_generation=generation)
    return True


def model_mismatch(settings: IndexSettings, recorded: str, dim: str | None, wanted: str) -> ModelMismatch:
    return ModelMismatch(f"The index at {settings.index_dir} was built with embedding model {recorded!r} "
                         f"(dim {dim}), but MEDCITE_EMBED_MODEL is {wanted!r}; run `medcite ingest --rebuild` "
                         "to rebuild it with the new model, or set MEDCITE_EMBED_MODEL back.")


def open_index(settings: IndexSettings, *, for_write: bool = False, model: str | None = None) -> Index:
    """Open for reading (the index must exist and match `model`) or for writing (created when missing)."""
    if not for_write and not settings.chroma_url and not settings.sqlite_path.exists():
        raise IndexMissing(f"No index at {settings.index_dir} - run `medcite ingest` first.")
    catalog = Catalog(settings.sqlite_path)
    if for_write:
        damaged = _drop_if_damaged(settings, catalog)
        # Chroma's start-up (about a second) overlaps with parsing and embedding in the caller
        starting = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chroma-open").submit(
            VectorStore, settings.chroma_dir, settings.chroma_url, active_collection(settings, catalog))
        index = Index(settings, catalog, starting)
        index.repaired = damaged
        return index
    if catalog.get("dirty") == "1" and not is_locked(settings.index_dir) and not settings.chroma_url:
        catalog.close()
        raise IndexDamaged(f"The index at {settings.index_dir} was left mid-write by an interrupted ingest - "
                           "run `medcite ingest` to repair it.")
    recorded = catalog.get("embed_model")
    if model and recorded and recorded != model:
        catalog.close()
        raise model_mismatch(settings, recorded, catalog.get("embed_dim"), model)
    try:
        vectors = VectorStore(settings.chroma_dir, settings.chroma_url, active_collection(settings, catalog),
                              create=False)
    except IndexMissing:
        catalog.close()
        raise IndexMissing(f"No index at {settings.chroma_url or settings.index_dir} - run `medcite ingest` "
                           "first.") from None
    served = vectors.marker().get("embed_model")
    if model and served and served != model:
        catalog.close()
        raise model_mismatch(settings, served, str(vectors.marker().get("embed_dim")), model)
    sync_keywords(catalog, vectors)
    return Index(settings, catalog, vectors)


def _drop_if_damaged(settings: IndexSettings, catalog: Catalog) -> bool:
    """After an unclean stop, check in a child process that the embedded collection opens and answers;
    if not, remove it (reconcile then restores every chunk from the manifest and the embedding cache)."""
    if catalog.get("dirty") != "1" or settings.chroma_url or not settings.chroma_dir.exists():
        return False
    dim = int(catalog.get("embed_dim", "0") or 0) or 384
    if check_in_child(settings.chroma_dir, active_collection(settings, catalog), dim):
        return False
    release_embedded(settings.chroma_dir)
    shutil.rmtree(settings.chroma_dir, ignore_errors=True)
    return True
