import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def results(client, query, **params):
    response = client.get("/zoeken/", {"q": query, **params})
    return response, [a.get_text() for a in BeautifulSoup(response.content, "html.parser").select(".search-results a")]


def test_search_finds_articles(client, demo_site):
    response, titles = results(client, "stress")
    assert response.status_code == 200
    assert "Stress en rugpijn" in titles


def test_search_finds_people_and_the_articles_they_wrote(client, demo_site):
    response, titles = results(client, "Proefmans")
    assert "Joris Proefmans" in titles
    assert "Ik heb rugpijn: is een foto of scan nodig?" in titles  # written by Joris
    assert "Persoon" in response.content.decode()


def test_search_without_results_says_so(client, demo_site):
    response, titles = results(client, "xylofoonkwartet")
    assert titles == []
    assert "0 resultaten" in response.content.decode()


def test_empty_search_shows_the_form(client, demo_site):
    response = client.get("/zoeken/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_too_long_query_is_a_400_with_a_message(client, demo_site):
    response = client.get("/zoeken/", {"q": "rug" * 100})
    assert response.status_code == 400
    assert "200" in response.content.decode()


def test_unpublished_articles_are_not_found(client, demo_site):
    demo_site.unpublish()
    _response, titles = results(client, "stress")
    assert "Stress en rugpijn" not in titles


def test_search_pages_tolerate_bad_page_numbers(client, demo_site):
    assert results(client, "rugpijn", pagina="abc")[0].status_code == 200


@pytest.mark.parametrize(
    "query",
    ['hernia"', '"', "\x00", "rug*", "a OR", "(stress", "NEAR(rug pijn)"],
    ids=["open-quote", "only-quote", "nul", "star", "or", "bracket", "near"],
)
def test_search_syntax_in_the_query_never_gives_a_500(client, demo_site, query):
    assert client.get("/zoeken/", {"q": query}).status_code in (200, 400)
