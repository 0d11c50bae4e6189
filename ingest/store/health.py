"""Child-process check that the embedded Chroma collection opens and answers a query.

Run as `python -m ingest.store.health CHROMA_DIR COLLECTION DIM`: exit 0 when healthy. A damaged HNSW
segment can segfault the process that opens it, so the parent never opens it first.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def check_in_child(chroma_dir: Path, collection: str, dim: int, timeout_s: float = 120) -> bool:
    try:
        proc = subprocess.run([sys.executable, "-m", "ingest.store.health", str(chroma_dir), collection, str(dim)],
                              capture_output=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return False
    return proc.returncode == 0


def _main(chroma_dir: str, collection: str, dim: str) -> int:
    import numpy as np

    from ingest.store.vectors import VectorStore

    store = VectorStore(Path(chroma_dir), None, collection, create=False)
    count = store.count()
    if count:
        store.query(np.ones(int(dim), dtype=np.float32) / np.sqrt(int(dim)), min(count, 3))
        store.collection.get(limit=1, include=["embeddings"])
    return 0


if __name__ == "__main__":
    sys.exit(_main(*sys.argv[1:4]))
