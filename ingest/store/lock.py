"""One writer at a time: an exclusive flock on <index>/ingest.lock, released by the OS if the writer dies."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from ingest.errors import IndexBusy


class WriteLock:
    def __init__(self, index_dir: Path, wait_s: float = 0.0) -> None:
        self.path = index_dir / "ingest.lock"
        self.wait_s = wait_s
        self._fd: int | None = None

    def __enter__(self) -> WriteLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
                    os.close(fd)
                    raise IndexBusy(f"Another ingest (pid {holder}) is writing the index at {self.path.parent}; "
                                    "wait for it to finish or pass --wait SECONDS.") from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def is_locked(index_dir: Path) -> bool:
    """True while some process holds the write lock."""
    path = index_dir / "ingest.lock"
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
