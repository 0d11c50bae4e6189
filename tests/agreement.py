"""Read an index's three parts and say whether they agree chunk for chunk (run as a child process too)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ingest.settings import IndexSettings


def index_state(settings: IndexSettings) -> dict[str, list[str]]:
    from ingest.store.catalog import Catalog
    from ingest.store.index import active_collection
    from ingest.store.vectors import VectorStore, release_embedded

    release_embedded(settings.chroma_dir)
    catalog = Catalog(settings.sqlite_path)
    try:
        manifest = sorted(cid for d in catalog.docs() for cid in d["chunk_ids"])
        chunks = sorted(catalog.chunk_ids())
        keywords = sorted(r[0] for r in catalog.db.execute("SELECT chunk_id FROM fts"))
        dirty = catalog.get("dirty")
        name = active_collection(settings, catalog)
    finally:
        catalog.close()
    chroma = sorted(VectorStore(settings.chroma_dir, settings.chroma_url, name).ids())
    return {"manifest": manifest, "chunks": chunks, "keywords": keywords, "chroma": chroma, "dirty": [dirty or ""]}


if __name__ == "__main__":
    print(json.dumps(index_state(IndexSettings(index_dir=Path(sys.argv[1])))))
