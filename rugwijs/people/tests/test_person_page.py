import json

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def test_person_page_shows_roles_bio_and_their_articles(client, demo_site):
    response = client.get("/team/mila-voorbeeld/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Mila Voorbeeld"
    assert soup.select_one(".person__roles").get_text() == "Docent, Manueel therapeut, Onderzoeker"
    assert "fictief" in soup.select_one(".person__bio").get_text()
    assert soup.select_one(".person__photo")["alt"]
    titles = [a.get_text() for a in soup.select(".card__title a")]
    assert "Stress en rugpijn" in titles
    assert all(card.select_one(".card__meta") for card in soup.select(".card"))
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Person" and data["name"] == "Mila Voorbeeld"


def test_unpublished_articles_are_not_listed_on_the_person_page(client, demo_site):
    demo_site.unpublish()
    html = client.get("/team/mila-voorbeeld/").content.decode()
    assert "Stress en rugpijn" not in html


def test_team_page_lists_people(client, demo_site):
    soup = BeautifulSoup(client.get("/team/").content, "html.parser")
    assert [a.get_text() for a in soup.select(".people-list h2 a")] == ["Mila Voorbeeld", "Joris Proefmans"]
