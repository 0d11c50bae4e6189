"""The index: Chroma for vectors (vectors.py), one SQLite file for manifest, embedding cache and keywords
(catalog.py), tied together with their consistency rules in index.py. The only place that imports chromadb
and sqlite3 for the index."""

from ingest.store.index import Index, open_index

__all__ = ["Index", "open_index"]
