import re
from pathlib import Path

import pytest
from django.db import connection

from rugwijs.search.dutch import fold, stem, stemmed_text

DEMO_CONTENT = Path(__file__).resolve().parents[2] / "demo" / "content"


def test_fold_drops_case_and_accents():
    assert fold("Cafeïne") == fold("cafeine") == "cafeine"
    assert fold("ÉÉN idee") == "een idee"


@pytest.mark.parametrize(
    ("inflected", "base"),
    [("rugpijnen", "rugpijn"), ("hernia's", "hernia"), ("oefeningen", "oefenen"), ("Cafeïne", "CAFEINE")],
    ids=["plural", "apostrophe-s", "noun-and-verb", "accent-and-case"],
)
def test_inflections_share_a_stem(inflected, base):
    assert stem(inflected) == stem(base)


def test_the_index_text_is_the_stems_in_order():
    assert stemmed_text("Rugpijnen bij hernia's, ook na 3 weken!") == "rugpijn bij hernia s ook na 3 wek"


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL's own Dutch stemmer")
def test_every_word_of_the_demo_content_stems_as_postgresql_stems_it():
    words = set()
    for path in DEMO_CONTENT.rglob("*.json"):
        words |= {word.lower() for word in re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8"))}
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, ts_lexize('dutch_stem', word) FROM unnest(%s::text[]) AS word", [sorted(words)])
        postgresql = {word: lexemes[0] for word, lexemes in cursor.fetchall() if lexemes}  # stop words have none
    assert len(postgresql) > 1000
    assert {word: stem(word) for word in postgresql} == postgresql
