"""Drop the site chrome of scraped guideline pages; keep the disclaimer and the update date as metadata."""

from __future__ import annotations

import re
from datetime import datetime

from ingest.types import Line

# Whole lines that are page furniture, never clinical content.
_CHROME = [re.compile(p, re.IGNORECASE) for p in (
    r"^Medical Advisory Board.*reviewed for accuracy",
    r"^Educational purpose only\b",
    r"^Article Review Status$",
    r"^(Submitted|Under Review|Approved|Pending)$",
    r"^Personalize$",
    r"^Help us tailor your experience$",
    r"^Which best describes you\?",
    r"^View editorial policy$",
    r"^(Share|Print|Copy link|Bookmark)$",
    r"^(©|\(c\)\s|Copyright\b|All rights reserved\b)",
)]
# A heading whose section is boilerplate: ("heading", keep-as-metadata-key or None).
_DROP_SECTIONS = {
    "professional medical disclaimer": "disclaimer",
    "medical disclaimer": "disclaimer",
    "disclaimer": "disclaimer",
    "have a follow-up question?": None,
}
_UPDATED = re.compile(r"^Last updated:\s*(.+?\d{4})", re.IGNORECASE)


def clean_lines(lines: list[Line]) -> tuple[list[Line], dict[str, str]]:
    """Return the clinical lines and the metadata found in the chrome (disclaimer, date)."""
    kept: list[Line] = []
    meta: dict[str, str] = {}
    dropping: str | None = None  # metadata key of the section being dropped, "" when not kept
    seen_text = False
    for line in lines:
        text = line.text.strip()
        key = text.lstrip("#").strip().lower()
        if key in _DROP_SECTIONS:
            dropping, seen_text = _DROP_SECTIONS[key] or "", False
            continue
        if dropping is not None:
            if text.startswith("#") or (not text and seen_text):
                dropping = None  # a heading, or the blank line after its paragraph, ends the boilerplate
            else:
                seen_text = seen_text or bool(text)
                if dropping and text:
                    meta[dropping] = (meta.get(dropping, "") + " " + text).strip()
                continue
        if _is_chrome(text, meta):
            continue
        kept.append(line)
    return kept, meta


def _is_chrome(text: str, meta: dict[str, str]) -> bool:
    updated = _UPDATED.match(text)
    if updated:
        meta.setdefault("date", _iso_date(updated.group(1)))
        return True
    return any(p.search(text) for p in _CHROME)


def _iso_date(raw: str) -> str:
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.strptime(raw.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return raw.strip()
