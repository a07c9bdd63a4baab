"""Plain-text helpers for reading time and search snippets."""

import math
import re
from html import unescape

WORDS_PER_MINUTE = 200  # a calm reading pace for health information in Dutch
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+", re.UNICODE)


def strip_tags(html: str) -> str:
    return unescape(_TAG.sub(" ", html or ""))


def word_count(text: str) -> int:
    return len(_WORD.findall(text or ""))


def reading_minutes(words: int) -> int:
    """Whole minutes, at least one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


# StreamField keys that hold settings or references, not words a reader sees.
_NON_TEXT_KEYS = frozenset({"id", "type", "anchor", "variant", "level", "image", "page", "url", "person"})


def stream_text(raw) -> str:
    """The readable words in a StreamField's raw JSON, without rendering it."""
    if isinstance(raw, str):
        return strip_tags(raw)
    if isinstance(raw, list):
        return " ".join(stream_text(item) for item in raw)
    if isinstance(raw, dict):
        return " ".join(stream_text(value) for key, value in raw.items() if key not in _NON_TEXT_KEYS)
    return ""
