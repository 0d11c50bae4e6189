"""The Chroma side of the index: embedded (PersistentClient) or a server (HttpClient), one code path."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from ingest.errors import ConfigError, IndexMissing

_PAGE = 2000


def make_client(chroma_dir: Path, chroma_url: str | None):
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if chroma_url:
        url = urlparse(chroma_url)
        if not url.hostname:
            raise ConfigError(f"MEDCITE_CHROMA_URL={chroma_url!r} is not a URL; use http://host:port.")
        return chromadb.HttpClient(host=url.hostname, port=url.port or 8000, ssl=url.scheme == "https",
                                   settings=settings)
    chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(chroma_dir), settings=settings)


class VectorStore:
    def __init__(self, chroma_dir: Path, chroma_url: str | None, name: str, create: bool = True) -> None:
        self.chroma_dir, self.chroma_url, self.name = chroma_dir, chroma_url, name
        self.client = make_client(chroma_dir, chroma_url)
        self.collection = self._open(create)

    def _open(self, create: bool):
        if create:
            return self.client.get_or_create_collection(self.name, configuration={"hnsw": {"space": "cosine"}},
                                                        embedding_function=None)
        try:
            return self.client.get_collection(self.name, embedding_function=None)
        except Exception:  # chromadb raises NotFoundError or ValueError by version
            raise IndexMissing("The index has no Chroma collection - run `medcite ingest` first.") from None

    def count(self) -> int:
        return self.collection.count()

    def ids(self) -> set[str]:
        out: set[str] = set()
        for offset in range(0, self.count(), _PAGE):
            out.update(self.collection.get(include=[], limit=_PAGE, offset=offset)["ids"])
        return out

    def records(self) -> list[tuple[str, str, dict]]:
        """Every (id, document, metadata), paged."""
        out = []
        for offset in range(0, self.count(), _PAGE):
            page = self.collection.get(include=["documents", "metadatas"], limit=_PAGE, offset=offset)
            out += list(zip(page["ids"], page["documents"], page["metadatas"]))
        return out

    def add(self, ids: list[str], vectors: np.ndarray, documents: list[str], metadatas: list[dict]) -> None:
        step = self.client.get_max_batch_size()
        for start in range(0, len(ids), step):
            end = start + step
            self.collection.upsert(ids=ids[start:end], embeddings=vectors[start:end],
                                   documents=documents[start:end], metadatas=metadatas[start:end])

    def delete(self, ids: list[str]) -> None:
        step = self.client.get_max_batch_size()
        for start in range(0, len(ids), step):
            self.collection.delete(ids=ids[start:start + step])

    def query(self, vector: np.ndarray, n: int) -> list[tuple[str, float]]:
        """Nearest chunks as (id, cosine similarity)."""
        if n <= 0:
            return []
        res = self.collection.query(query_embeddings=[vector], n_results=n, include=["distances"])
        return [(cid, 1.0 - dist) for cid, dist in zip(res["ids"][0], res["distances"][0])]

    def get(self, ids: list[str]) -> dict[str, tuple[str, dict]]:
        if not ids:
            return {}
        res = self.collection.get(ids=ids, include=["documents", "metadatas"])
        return {cid: (doc, meta) for cid, doc, meta in zip(res["ids"], res["documents"], res["metadatas"])}

    def marker(self) -> dict:
        """What the last committed ingest wrote on the collection: generation, embed_model, embed_dim."""
        return dict(self.collection.metadata or {})

    def generation(self) -> int:
        return int(self.marker().get("generation", 0))

    def set_marker(self, **values: str | int) -> None:
        self.collection.modify(metadata=values)

    def beside(self, name: str) -> VectorStore:
        """A new, empty collection of the same store (a stray of that name, left by a killed run, is dropped)."""
        other = VectorStore.__new__(VectorStore)
        other.chroma_dir, other.chroma_url, other.name, other.client = (self.chroma_dir, self.chroma_url, name,
                                                                      self.client)
        other.drop()
        other.collection = other._open(True)
        return other

    def drop(self) -> None:
        """Delete this collection; one already gone is fine."""
        try:
            self.client.delete_collection(self.name)
        except Exception:  # chromadb raises NotFoundError or ValueError by version
            pass

    def names(self) -> list[str]:
        """The names of every collection of the store."""
        return [c if isinstance(c, str) else c.name for c in self.client.list_collections()]

    def reset(self) -> None:
        """Drop the collection and start an empty one; an embedded store that will not open is removed."""
        try:
            self.client.delete_collection(self.name)
        except Exception:
            if self.chroma_url:
                raise
        if not self.chroma_url:
            release_embedded(self.chroma_dir)
            shutil.rmtree(self.chroma_dir, ignore_errors=True)
            self.client = make_client(self.chroma_dir, None)
        self.collection = self._open(True)


def release_embedded(chroma_dir: Path) -> None:
    """Forget Chroma's per-process cached client so that the next open reads the store afresh."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
