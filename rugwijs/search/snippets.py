"""Search snippets: a short excerpt around the first word that matches the query, with the matches marked.

Plain Python without the database, so it can be tested with plain functions. Words are compared by their
Dutch stem, folded and stemmed as the search backends do (see `dutch`), so "cafeine" marks "cafeïne" and the
reverse, "rugpijnen" marks "rugpijn", and what is marked is what was found.
"""

import re
import unicodedata
from html import escape

from django.utils.safestring import SafeString, mark_safe

from rugwijs.search.dutch import fold, stem

SNIPPET_LENGTH = 200  # characters, about two lines of a result
_LEAD = SNIPPET_LENGTH // 3  # context kept before the first match
# A word, with a Dutch apostrophe ending kept on it ("hernia's").
_WORD = re.compile(r"\w+(?:['’]\w+)*")
# Text from markup has a space where an inline tag stood ("lees <a>dit</a>." -> "lees dit .").
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[.,:;!?)])")


def query_terms(query: str) -> list[str]:
    """The folded words of a query, each once, in the order typed."""
    return list(dict.fromkeys(fold(word) for word in _WORD.findall(unicodedata.normalize("NFC", query))))


def word_matches(word: str, term: str) -> bool:
    """Whether a word of the text is the query term or an inflection of it: whether their stems are equal."""
    return stem(word) == stem(term)


def _matches(text: str, terms: list[str]) -> list[re.Match]:
    stems = {stem(term) for term in terms} - {""}
    return [match for match in _WORD.finditer(text) if stem(match.group()) in stems]


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
