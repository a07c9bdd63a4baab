"""Dutch words as site search compares them: folded (no case, no accents) and stemmed ("rugpijnen" -> "rugpijn").

Plain Python without the database. The SQLite search backend stems what it indexes and what is searched with
it, and the snippets mark words with it, so what is marked is what was found.

The stemmer is Snowball's original Dutch algorithm, the one PostgreSQL's `dutch` search configuration uses
(a test compares the two word by word). snowballstemmer 3 calls it "dutch_porter"; its "dutch" is a newer
algorithm that stems about half the words of our content differently ("afspraak" -> "afspraak", not "afsprak").
"""

import functools
import re
import threading
import unicodedata

import snowballstemmer

ALGORITHM = "dutch_porter"
# Letters and digits: where SQLite's unicode61 tokenizer and PostgreSQL's parser split a text into words
# ("hernia's" -> "hernia", "s").
_TOKEN = re.compile(r"[^\W_]+")
# A stemmer object keeps the word it works on, so each thread gets its own.
_local = threading.local()


def fold(text: str) -> str:
    """Lower case without accents: "Cafeïne" -> "cafeine"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _stemmer():
    if not hasattr(_local, "stemmer"):
        _local.stemmer = snowballstemmer.stemmer(ALGORITHM)
    return _local.stemmer


# Snowball in pure Python takes tens of microseconds a word; a text repeats its words, a site its vocabulary.
@functools.lru_cache(maxsize=50_000)
def _stem_token(token: str) -> str:
    return _stemmer().stemWord(token)


def stems(text: str) -> list[str]:
    """The stem of every word in the text, in order: "Rugpijnen bij hernia's" -> ["rugpijn", "bij", "hernia", "s"]."""
    return [_stem_token(token) for token in _TOKEN.findall(fold(text))]


def stem(word: str) -> str:
    """The stem of a word; a word with an apostrophe ending is stemmed without it ("hernia's" -> "hernia")."""
    found = stems(word)
    return found[0] if found else ""


def stemmed_text(text: str) -> str:
    """The text as the SQLite index holds it: its stems, separated by spaces."""
    return " ".join(stems(text))
