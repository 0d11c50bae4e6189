"""The error hierarchy: every message says what to do next."""


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
