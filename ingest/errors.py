"""The error hierarchy (every message says what to do next) and any exception told to a user in one line."""


class MedciteError(Exception):
    """Base class: the CLI prints the message as one line, the app shows it with st.error."""


class IndexMissing(MedciteError):
    """No index where the settings point."""


class ModelMismatch(MedciteError):
    """The index was built by another embedding model."""


class IndexBusy(MedciteError):
    """Another process holds the ingest lock."""


class IndexDamaged(MedciteError):
    """The index was left mid-write and must be repaired by an ingest."""


class BadDocument(MedciteError):
    """A file that cannot be indexed: the reason is the message."""


class ConfigError(MedciteError):
    """A setting that cannot work (unknown LLM provider, missing API key, bad value)."""


def one_line(exc: BaseException, limit: int = 200) -> str:
    """An exception as one line: a MedciteError's message, else its type and message; cut at `limit`."""
    text = " ".join(str(exc).split())
    if not isinstance(exc, MedciteError):
        text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def failure_line(exc: BaseException, details: str, what: str = "answer") -> str:
    """What a user reads when we could not `what`; `details` says where the traceback went."""
    if isinstance(exc, MedciteError):
        return one_line(exc, limit=400)
    return f"Could not {what} ({one_line(exc)}). Try again in a moment; if it keeps failing, {details}."
