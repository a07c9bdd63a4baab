"""Search snippets: a short excerpt around the first word that matches the query, with the matches marked.

Plain Python without the database, so it can be tested with plain functions. Words are compared after
folding case and accents, so "cafeine" marks "cafeïne" and the reverse, as the search backends match them.
"""

import re
import unicodedata
from html import escape

from django.utils.safestring import SafeString, mark_safe

SNIPPET_LENGTH = 200  # characters, about two lines of a result
_LEAD = SNIPPET_LENGTH // 3  # context kept before the first match
# A word, with a Dutch apostrophe ending kept on it ("hernia's").
_WORD = re.compile(r"\w+(?:['’]\w+)*")
# Dutch inflections the search backend's stemmer removes ("rugpijn-en", "hernia-'s", "oefening-en"). The
# snippet only marks words, so a close prefix is enough here: which pages match is the backend's decision.
_MIN_STEM = 4
_MAX_ENDING = 3
# Text from markup has a space where an inline tag stood ("lees <a>dit</a>." -> "lees dit .").
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[.,:;!?)])")


def fold(text: str) -> str:
    """Lower case without accents: "Cafeïne" -> "cafeine"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def query_terms(query: str) -> list[str]:
    """The folded words of a query, each once, in the order typed."""
    return list(dict.fromkeys(fold(word) for word in _WORD.findall(unicodedata.normalize("NFC", query))))


def word_matches(word: str, term: str) -> bool:
    """Whether a folded word of the text is the folded query term or an inflection of it."""
    if word == term:
        return True
    shorter, longer = sorted((word, term), key=len)
    return len(shorter) >= _MIN_STEM and longer.startswith(shorter) and len(longer) - len(shorter) <= _MAX_ENDING


def _matches(text: str, terms: list[str]) -> list[re.Match]:
    return [m for m in _WORD.finditer(text) if any(word_matches(fold(m.group()), term) for term in terms)]


def _window(text: str, first: re.Match | None) -> tuple[int, int]:
    """Start and end of the excerpt, on word boundaries, with the first match near the start."""
    start = 0 if first is None else max(0, first.start() - _LEAD)
    if start > 0:
        space = text.find(" ", start, first.start())
        start = space + 1 if space != -1 else first.start()
    end = min(len(text), start + SNIPPET_LENGTH)
    if end < len(text):
        space = text.rfind(" ", start, end)
        if first is not None and space < first.end():
            end = max(end, first.end())
        elif space > start:
            end = space
    return start, end


def snippet(texts: list[str], query: str) -> SafeString:
    """An HTML-escaped excerpt of the texts around the first match of the query, matches in <mark>.

    Without a match (a page found through its title, tags or author) it is the start of the texts.
    """
    text = " ".join(" ".join(unicodedata.normalize("NFC", part).split()) for part in texts if part and part.strip())
    text = _SPACE_BEFORE_PUNCTUATION.sub("", text)
    if not text:
        return mark_safe("")  # noqa: S308 - an empty string
    matches = _matches(text, query_terms(query))
    start, end = _window(text, matches[0] if matches else None)
    pieces = ["… "] if start > 0 else []
    position = start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(text[position:end]))
    if end < len(text):
        pieces.append(" …")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text above is escaped
