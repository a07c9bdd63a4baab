"""Text similarity between articles, for filling 'related articles' automatically.

A small TF-IDF with cosine similarity over the few candidates that share a topic or a tag.
Written here because the search backends we support (database, PostgreSQL) offer no
'more like this', and a machine-learning library would dwarf the rest of the install.
"""

import math
import re
from collections import Counter
from collections.abc import Sequence

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# The commonest Dutch function words; they say nothing about what a text is about.
STOPWORDS = frozenset(
    """
    aan als bij dan dat die dit door een eens en er ook geen had heb hebben heeft het hier hij hoe
    hun iets ik in is je jij jou jouw kan kun kunnen maar meer met mijn naar niet nog nu of om omdat
    ons onze op over te tot uit van veel voor wat wel werd wie wij wil worden wordt zal ze zelf zich
    zij zijn zo zoals zonder zou the and
    """.split()
)


def tokens(text: str) -> list[str]:
    return [word for word in _WORD.findall(text.lower()) if word not in STOPWORDS]


def _vector(counts: Counter, idf: dict[str, float]) -> dict[str, float]:
    vector = {word: count * idf[word] for word, count in counts.items()}
    norm = math.sqrt(sum(weight * weight for weight in vector.values())) or 1.0
    return {word: weight / norm for word, weight in vector.items()}


def similarity_scores(text: str, others: Sequence[str]) -> list[float]:
    """Cosine similarity (0..1) of `text` to each of `others`, weighted by TF-IDF over all of them."""
    documents = [Counter(tokens(text))] + [Counter(tokens(other)) for other in others]
    frequency = Counter(word for document in documents for word in document)
    total = len(documents)
    idf = {word: math.log((1 + total) / (1 + seen)) + 1 for word, seen in frequency.items()}
    query, *rest = (_vector(document, idf) for document in documents)
    return [sum(weight * other.get(word, 0.0) for word, weight in query.items()) for other in rest]
