"""Wagtail's SQLite search backend with Dutch stemming, so "rugpijnen" finds "rugpijn" as on PostgreSQL.

PostgreSQL stems with its `dutch` search configuration. SQLite's full-text index (FTS5) has no Dutch stemmer
and Python cannot add an FTS5 tokenizer, so this backend stems the text before it reaches the index and the
words of every search before they reach FTS5. FTS5 still folds case and accents, and so does the stemmer's
input, so "cafeine" and "cafeïne" keep finding each other. Settings choose this backend on SQLite only.

The index keeps only the stems of titles and bodies; snippets are made from the pages themselves. Autocomplete
is left unstemmed, as PostgreSQL leaves it (its `simple` configuration). After switching an existing SQLite
database to this backend, run `manage.py update_index` once.
"""

from django.db.models import QuerySet
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import Phrase, PlainText

from rugwijs.search.dutch import stemmed_text

_STEMMED_FIELDS = ("title", "body")


class StemmedIndexEntries(QuerySet):
    """Index entries whose title and body are stemmed on the way in.

    SQLiteIndex.add_items builds the entries' text with a module-level indexer class that cannot be swapped,
    then writes it only through `entries.update()` and `entries.bulk_create()`: those two writes are the
    narrowest point where all indexed text passes, and database triggers copy it into the FTS5 table.
    """

    def update(self, **kwargs):
        for name in _STEMMED_FIELDS:
            if name in kwargs:
                kwargs[name] = stemmed_text(kwargs[name])
        return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for entry in objs:
            for name in _STEMMED_FIELDS:
                setattr(entry, name, stemmed_text(getattr(entry, name)))
        return super().bulk_create(objs, *args, **kwargs)


class DutchSQLiteIndex(SQLiteIndex):
    def __init__(self, backend):
        super().__init__(backend)
        self.entries = StemmedIndexEntries(IndexEntry)


class DutchSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        # And, Or and Not come back here for each of their parts, so only the word-holding queries need stems.
        # A query without any word (only punctuation) is left as it was: it finds nothing either way.
        if isinstance(query, PlainText) and stemmed_text(query.query_string):
            query = PlainText(stemmed_text(query.query_string), operator=query.operator, boost=query.boost)
        elif isinstance(query, Phrase) and stemmed_text(query.query_string):
            query = Phrase(stemmed_text(query.query_string))
        return super().build_search_query_content(query, config=config)


class DutchSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = DutchSQLiteSearchQueryCompiler
    index_class = DutchSQLiteIndex


SearchBackend = DutchSQLiteSearchBackend
