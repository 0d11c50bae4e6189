"""Library warnings held back on the load path: a file's trouble is told once, in its one-line reason.

pypdf logs what it repairs ("EOF marker not found", "Ignoring wrong pointing object ...") and parsers use the
warnings module; without a handler Python prints both to stderr, ahead of our own message.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

# catch_warnings and a logger's propagate flag are process-wide: one loader holds them at a time
_LOCK = threading.RLock()


class _Collect(logging.Handler):
    def __init__(self, heard: list[str]) -> None:
        super().__init__(logging.DEBUG)
        self.heard = heard

    def emit(self, record: logging.LogRecord) -> None:
        self.heard.append(record.getMessage())


@contextmanager
def held_warnings(*loggers: str) -> Iterator[list[str]]:
    """Inside the block, warnings and the named loggers' records are kept, not printed; yields their texts."""
    heard: list[str] = []
    handler = _Collect(heard)
    with _LOCK, warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = lambda message, *_args, **_kw: heard.append(str(message))
        saved = [(logging.getLogger(name), logging.getLogger(name).propagate) for name in loggers]
        for log, _ in saved:
            log.addHandler(handler)
            log.propagate = False
        try:
            yield heard
        finally:
            for log, propagate in saved:
                log.removeHandler(handler)
                log.propagate = propagate
