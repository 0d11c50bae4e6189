"""What the index holds, for `medcite docs` and the chat's sidebar."""

from __future__ import annotations

import datetime as dt

from ingest.errors import IndexMissing
from ingest.settings import IndexSettings


def corpus_overview(settings: IndexSettings) -> list[dict]:
    """One row per indexed document: id, title, kind, chunks, references, date, source."""
    from ingest.store.catalog import Catalog

    if not settings.sqlite_path.exists():
        raise IndexMissing(f"No index at {settings.index_dir} - run `medcite ingest` first.")
    catalog = Catalog(settings.sqlite_path)
    try:
        return [{"doc_id": d["doc_id"], "title": d["title"], "kind": d["kind"], "chunks": len(d["chunk_ids"]),
                 "references": len(d["refs"]), "date": d["date"], "source": d["source"]}
                for d in catalog.docs()]
    finally:
        catalog.close()


def last_ingest(settings: IndexSettings) -> str | None:
    """When the last ingest committed, as local time text, or None."""
    from ingest.store.catalog import Catalog

    if not settings.sqlite_path.exists():
        return None
    catalog = Catalog(settings.sqlite_path)
    try:
        stamp = catalog.get("last_ingest")
    finally:
        catalog.close()
    return dt.datetime.fromtimestamp(float(stamp)).strftime("%Y-%m-%d %H:%M:%S") if stamp else None
