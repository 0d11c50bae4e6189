"""Refuse text with no word structure before it is chunked: encoded data, binary text layers, symbol soup.

Such a file would add thousands of chunks that match every question a little (a 3 MB line of base64 became
3,496 chunks). The screen reads a sample of about a million characters, so it costs the same for any size.
"""

from __future__ import annotations

import re

from ingest.errors import BadDocument

SAMPLE_CHARS, WINDOWS = 1_000_000, 16
LONG_TOKEN = 64  # a token this long is no word: encoded data, a hash, text that lost its spaces
MAX_LONG_SHARE = 0.5  # of the visible characters, in such tokens
MIN_WORD_SHARE = 0.25  # of the tokens, holding a letter (a dosing table of numbers and bars has about 0.3)
MAX_UNPRINTABLE_SHARE = 0.05  # control, private-use and replacement characters
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")
# scripts written without spaces (Thai, Lao, Myanmar, Khmer, kana, CJK): each character counts as a word
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                       r"\uf900-\ufaff]")
_TOKEN = re.compile(r"\S+")
_URL = re.compile(r"://|^\W*www\.", re.IGNORECASE)  # a long link is a link, not encoded data
_LETTER = re.compile(r"[^\W\d_]")


def screen(text: str) -> None:
    """Raise BadDocument with a one-line reason when `text` is not prose: binary-looking, in runs hundreds of
    characters long, or mostly tokens that are not words."""
    tokens = _TOKEN.findall(_UNSPACED.sub(" a ", sample(text)))
    visible = sum(map(len, tokens))
    if not visible:
        return
    unprintable = sum(len(_UNPRINTABLE.findall(t)) for t in tokens) / visible
    if unprintable > MAX_UNPRINTABLE_SHARE:
        raise BadDocument(f"the text looks binary ({unprintable:.0%} unprintable characters); export it "
                          "again as text or PDF, or run OCR on a scan")
    long = sum(len(t) for t in tokens if len(t) >= LONG_TOKEN and not _URL.search(t)) / visible
    if long > MAX_LONG_SHARE:
        raise BadDocument(f"no word structure: {long:.0%} of the text is in runs of {LONG_TOKEN} or more "
                          "characters without a space (encoded data?); add the document as prose")
    words = sum(1 for t in tokens if _LETTER.search(t)) / len(tokens)
    if words < MIN_WORD_SHARE:
        raise BadDocument(f"no word structure: only {words:.0%} of its tokens are words; add the document "
                          "as prose")


def sample(text: str, size: int = SAMPLE_CHARS, windows: int = WINDOWS) -> str:
    """The text itself when short, else `windows` evenly spaced slices adding up to `size` characters."""
    if len(text) <= size:
        return text
    width, step = size // windows, len(text) // windows
    return "\n".join(text[i * step:i * step + width] for i in range(windows))
