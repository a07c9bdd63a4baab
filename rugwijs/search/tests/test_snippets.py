import pytest

from rugwijs.search.snippets import SNIPPET_LENGTH, query_terms, snippet, word_matches


def test_query_terms_are_folded_words_each_once():
    assert query_terms("Rugpijn, rugpijn en CAFEÏNE!") == ["rugpijn", "en", "cafeine"]


@pytest.mark.parametrize(
    ("word", "term", "expected"),
    [
        ("rugpijnen", "rugpijn", True),
        ("rugpijn", "rugpijnen", True),
        ("hernia's", "hernia", True),
        ("Cafeïne", "cafeine", True),
        ("oefeningen", "oefenen", True),  # one stem, though neither word starts with the other
        ("lage", "laag", True),
        ("rug", "rugpijn", False),  # a short word is not a stem of a longer one
        ("rugpijnklachten", "rugpijn", False),  # a compound is another word
        ("pijn", "rugpijn", False),
        ("spiertje", "spier", False),  # the stemmer keeps diminutives, so search does not find them either
    ],
    ids=[
        "plural",
        "singular",
        "apostrophe-s",
        "accent",
        "one-stem",
        "vowel",
        "short",
        "compound",
        "suffix",
        "diminutive",
    ],
)
def test_word_matches_inflections_only(word, term, expected):
    assert word_matches(word, term) is expected


def test_snippet_marks_every_match_and_escapes_the_rest():
    html = snippet(["Bij <b>rugpijn</b> & stress helpt bewegen; Rugpijnen gaan <i>vaak</i> over."], "rugpijn")
    assert html == (
        "Bij &lt;b&gt;<mark>rugpijn</mark>&lt;/b&gt; &amp; stress helpt bewegen; <mark>Rugpijnen</mark> gaan "
        "&lt;i&gt;vaak&lt;/i&gt; over."
    )


def test_snippet_marks_other_forms_of_an_inflected_query():
    assert snippet(["Oefenen helpt, deze oefening ook."], "oefeningen") == (
        "<mark>Oefenen</mark> helpt, deze <mark>oefening</mark> ook."
    )


def test_snippet_escapes_a_hostile_match():
    html = snippet(['"><img src=x onerror=alert(1)> cafeïne'], '"><img src=x onerror=alert(1)> cafeine')
    assert "<img" not in html
    assert "<mark>cafeïne</mark>" in html


def test_snippet_is_an_excerpt_around_the_first_match():
    before = "Eerst een heel lang verhaal over iets anders. " * 10
    after = " En daarna nog veel meer tekst die er niet toe doet." * 10
    html = snippet([before, "Hier staat het woord hernia in een zin.", after], "hernia")
    assert html.startswith("… ")
    assert html.endswith(" …")
    assert "<mark>hernia</mark>" in html
    assert len(html) <= SNIPPET_LENGTH + len("… <mark></mark> …")
    assert "  " not in html


def test_snippet_without_a_match_is_the_start_of_the_text():
    assert snippet(["", "Een korte samenvatting.", None], "proefmans") == "Een korte samenvatting."


def test_snippet_drops_the_space_left_by_an_inline_tag():
    assert snippet(["Lees meer over hernia ."], "hernia") == "Lees meer over <mark>hernia</mark>."


def test_no_text_gives_no_snippet():
    assert snippet(["", None], "hernia") == ""
