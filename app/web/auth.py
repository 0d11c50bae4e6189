"""Who is asking. With Streamlit's built-in authentication configured (an `[auth]` section in
.streamlit/secrets.toml, any OpenID Connect provider), the signed-in user, by e-mail (else subject); without
it, the one local user of a chat bound to 127.0.0.1. Conversations and feedback belong to that user."""

from __future__ import annotations

import sys

LOCAL_USER = "local"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def auth_configured(st) -> bool:
    """Whether secrets.toml has an [auth] section (no secrets file at all is not an error)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - Streamlit raises its own error when no secrets file exists
        return False


def current_user(st) -> str | None:
    """The user the page belongs to; None when authentication is configured and nobody has signed in."""
    if not auth_configured(st):
        return LOCAL_USER
    if not st.user.is_logged_in:
        return None
    return str(st.user.get("email") or st.user.get("sub"))


def is_loopback(address: str | None) -> bool:
    """An address only this machine reaches. Unset, Streamlit listens on every interface."""
    return bool(address) and address.strip("[]") in LOOPBACK


def exposure_warning(address: str | None) -> str | None:
    """The warning for a chat that others can reach without signing in, or None."""
    if is_loopback(address):
        return None
    where = address or "every network interface"
    return (f"medcite is listening on {where} without authentication: anyone who reaches this page sees every "
            "conversation. Configure [auth] in .streamlit/secrets.toml (README, Users and privacy) or bind "
            "to 127.0.0.1.")


def warn_once(message: str) -> None:
    """Print a start-up warning on the server's terminal (the caller caches it once per process)."""
    print(f"WARNING: {message}", file=sys.stderr, flush=True)
