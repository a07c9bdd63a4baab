import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.models import IndexEntry
from wagtail.search.query import Phrase

from rugwijs.articles.factories import make_article
from rugwijs.articles.models import TopicPage

pytestmark = pytest.mark.django_db


def search_page(client, query, **params):
    response = client.get("/zoeken/", {"q": query, **params})
    return response, BeautifulSoup(response.content, "html.parser").select_one("main")


def results(client, query, **params):
    """The results area only, never the site header: each result's title, kind and snippet HTML."""
    response, main = search_page(client, query, **params)
    found = [
        {
            "title": item.select_one(".search-results__title").get_text(strip=True),
            "kind": item.select_one(".search-results__type").get_text(strip=True),
            "snippet": item.select_one(".search-results__snippet"),
        }
        for item in main.select(".search-results > li")
    ]
    return response, found


def titles(found):
    return [result["title"] for result in found]


@pytest.fixture
def topic(demo_site):
    return TopicPage.objects.get(slug="stress-en-pijn")


def test_search_finds_articles(client, demo_site):
    response, found = results(client, "stress")
    assert response.status_code == 200
    assert "Stress en rugpijn" in titles(found)


def test_hernia_finds_the_hernia_topic_first_and_every_person_after_it(client, demo_site):
    _response, found = results(client, "hernia")
    assert found[0]["title"] == "Hernia"
    assert found[0]["kind"] == "Onderwerp"
    people = [index for index, result in enumerate(found) if result["kind"] == "Persoon"]
    assert people, "a person's bio mentions hernia, so the ranking is put to the test"
    assert min(people) > 0
    assert found[-1]["kind"] == "Persoon"  # the articles about hernia come before the person who mentions it


@pytest.mark.parametrize(
    ("query", "title", "kind"),
    [
        ("hernia", "Hernia", "Onderwerp"),
        ("stress", "Stress en rugpijn", "Artikel"),
        ("alarmsignalen", "Check: zijn er alarmsignalen bij je rugpijn?", "Zelftest"),
        ("Proefmans", "Joris Proefmans", "Persoon"),
    ],
    ids=["topic", "article", "self-test", "person"],
)
def test_each_kind_is_found_and_labelled(client, demo_site, query, title, kind):
    _response, found = results(client, query)
    assert {"title": title, "kind": kind} in [{"title": r["title"], "kind": r["kind"]} for r in found]


def test_a_title_match_comes_before_pages_that_only_mention_the_word(client, demo_site):
    _response, found = results(client, "Proefmans")
    assert found[0] == {**found[0], "title": "Joris Proefmans", "kind": "Persoon"}
    assert "Ik heb rugpijn: is een foto of scan nodig?" in titles(found)  # written by Joris


def test_the_snippet_marks_the_words_searched_for(client, demo_site):
    _response, found = results(client, "hernia")
    snippet = found[0]["snippet"]
    assert [mark.get_text() for mark in snippet.select("mark")] == ["hernia"]
    assert "uitstraalt naar je been" in snippet.get_text()  # a short excerpt of the topic's text


def test_the_snippet_escapes_markup_in_the_content(client, topic):
    make_article(topic, "koffie", summary='Let op <script>alert("x")</script> bij <b>koffiedrinkers</b> & thee.')
    _response, found = results(client, "koffiedrinkers")
    snippet = found[0]["snippet"]
    assert snippet.select("script, b") == []
    assert [mark.get_text() for mark in snippet.select("mark")] == ["koffiedrinkers"]
    assert '<script>alert("x")</script>' in snippet.get_text()  # shown as text, never run


def test_markup_in_the_query_is_shown_as_text(client, topic):
    make_article(topic, "koffie", summary="Over koffie en slaap.")
    response, main = search_page(client, "<i>koffie</i>")
    assert main.select(".search-results i, [role=status] i") == []
    assert "<i>koffie</i>" in main.select_one("[role=status]").get_text()


@pytest.mark.parametrize(
    ("written", "typed"),
    [("cafeïne", "cafeine"), ("cafeine", "cafeïne"), ("Cafeïne", "CAFEINE")],
    ids=["without-accent-finds-accent", "accent-finds-without", "case"],
)
def test_accents_do_not_matter(client, topic, written, typed):
    make_article(topic, "koffie", title="Koffie en je rug", text=f"Te veel {written} kan je slaap verstoren.")
    _response, found = results(client, typed)
    assert titles(found) == ["Koffie en je rug"]
    assert {mark.get_text() for mark in found[0]["snippet"].select("mark")} == {written}


def test_dutch_plurals_find_the_singular(client, demo_site):
    _response, found = results(client, "rugpijnen")
    assert found[0] == {**found[0], "title": "Lage rugpijn", "kind": "Onderwerp"}
    assert "Stress en rugpijn" in titles(found)


@pytest.mark.parametrize(
    ("written", "typed"),
    [("rugzakken", "rugzak"), ("rugzak", "RUGZAKKEN")],
    ids=["singular-finds-plural", "plural-finds-singular"],
)
def test_a_published_article_is_found_by_another_form_of_its_words(client, topic, written, typed):
    make_article(
        topic, "tas", title="Tassen en je rug", sections=1, text=f"Zware {written} dragen? Verdeel het gewicht."
    )
    _response, found = results(client, typed)
    assert titles(found) == ["Tassen en je rug"]
    assert [mark.get_text() for mark in found[0]["snippet"].select("mark")] == [written]


def test_a_phrase_matches_other_forms_of_its_words_in_that_order(topic):
    make_article(topic, "tas", title="Tassen en je rug", text="Zware rugzakken dragen? Verdeel het gewicht.")
    assert [page.title for page in Page.objects.live().search(Phrase("zware rugzak"))] == ["Tassen en je rug"]
    assert list(Page.objects.live().search(Phrase("rugzak zware"))) == []


def test_update_index_rebuilds_what_search_finds(client, demo_site):
    IndexEntry.objects.all().delete()
    assert titles(results(client, "alarmsignaal")[1]) == []
    call_command("update_index", stdout=io.StringIO())
    _response, found = results(client, "alarmsignaal")  # the singular: the rebuilt index holds stems
    assert "Check: zijn er alarmsignalen bij je rugpijn?" in titles(found)


def test_search_without_results_says_so(client, demo_site):
    response, main = search_page(client, "xylofoonkwartet")
    assert main.select(".search-results") == []
    assert "0 resultaten" in main.select_one("[role=status]").get_text()
    assert "Probeer een ander woord, of bekijk de onderwerpen in het menu." in main.get_text()


def test_empty_search_shows_the_search_form_in_the_page(client, demo_site):
    response, main = search_page(client, "")
    assert response.status_code == 200
    field = main.select_one("form[role=search] input[name=q]")
    assert field is not None
    assert main.select_one(f"label[for={field['id']}]").get_text(strip=True) == "Waar ben je naar op zoek?"
    assert main.select("[role=status]") == []


def test_too_long_query_is_a_400_with_a_message(client, demo_site):
    response, main = search_page(client, "rug" * 100)
    assert response.status_code == 400
    field = main.select_one("form[role=search] input[name=q]")
    assert field["aria-invalid"] == "true"
    assert "200" in main.select_one(f"#{field['aria-describedby']}").get_text()


def test_unpublished_articles_are_not_found(client, demo_site):
    demo_site.unpublish()
    _response, found = results(client, "stress")
    assert "Stress en rugpijn" not in titles(found)


def test_search_pages_tolerate_bad_page_numbers(client, demo_site):
    response, found = results(client, "rugpijn", pagina="abc")
    assert response.status_code == 200
    assert found


def test_the_second_page_goes_on_where_the_first_stopped(client, demo_site):
    _response, first = results(client, "rugpijn")
    _response, second = results(client, "rugpijn", pagina="2")
    assert len(first) == 10
    assert second
    assert not set(titles(first)) & set(titles(second))


def test_a_search_takes_the_same_queries_for_one_result_as_for_many(client, topic):
    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            client.get("/zoeken/", {"q": query})
        return len(captured.captured_queries)

    make_article(topic, "een-keer", text="Eenmaalwoord staat hier.")
    for number in range(12):
        make_article(topic, f"vaak-{number}", text="Veelwoord staat hier.")
    queries("warm")  # the menu and footer are rendered once, then kept (core.fragments)
    assert queries("veelwoord") == queries("eenmaalwoord")


@pytest.mark.parametrize(
    "query",
    ['hernia"', '"', "\x00", "rug*", "a OR", "(stress", "NEAR(rug pijn)", "de", "'", "rug -pijn", "\\"],
    ids=["open-quote", "only-quote", "nul", "star", "or", "bracket", "near", "stop-word", "apostrophe", "minus", "bs"],
)
def test_search_syntax_in_the_query_never_gives_a_500(client, demo_site, query):
    assert client.get("/zoeken/", {"q": query}).status_code in (200, 400)
