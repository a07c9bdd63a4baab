"""A small, fixed number of database queries for every page type, however many items a page shows.

Counted on the second request, when renditions exist and per-process lookups are warm, as in production.
The rate limits of forms and the API use the database cache table in tests; those queries count too.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rugwijs.articles.factories import make_article
from rugwijs.articles.models import ArticlePage, TopicPage
from rugwijs.people.models import PersonIndexPage, PersonPage
from rugwijs.selftests.models import SelfTestIndexPage, SelfTestPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    """Wagtail keeps site root paths in the per-process cache; another test's entries would skew counts."""
    from django.core.cache import cache

    cache.clear()


BROWSER = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_USER_AGENT": "Mozilla/5.0 Chrome/131"}


def _no_alarm_answers(page) -> dict:
    """Every question answered with its first option that raises no alarm, as a form would send it."""
    data = {}
    for question in page.definition.questions:
        if not question.options:
            data[f"q_{question.key}"] = str(question.minimum)
            continue
        quiet = next(option.key for option in question.options if not option.alarm)
        data[f"q_{question.key}"] = [quiet] if question.multiple else quiet
    return data


def _home(client):
    return client.get("/")


def _topic(client):
    return client.get(TopicPage.objects.get(slug="lage-rugpijn").url)


def _article(client):
    return client.get(ArticlePage.objects.get(slug="stress-en-rugpijn").url)


def _person(client):
    return client.get(PersonPage.objects.live().first().url)


def _team(client):
    return client.get(PersonIndexPage.objects.get().url)


def _selftest_index(client):
    return client.get(SelfTestIndexPage.objects.get().url)


def _selftest(client):
    return client.get(SelfTestPage.objects.get(slug="zenuw-spier-of-gewricht").url)


def _selftest_result(client):
    page = SelfTestPage.objects.get(slug="zenuw-spier-of-gewricht")
    return client.post(f"/zelftest/{page.pk}/uitslag/", _no_alarm_answers(page), **BROWSER)


def _standard(client):
    from rugwijs.core.models.pages import StandardPage

    return client.get(StandardPage.objects.live().first().url)


def _search(client):
    return client.get("/zoeken/?q=rugpijn")


def _not_found(client):
    return client.get("/bestaat-niet/")


# (id, request, expected status, budget). Budgets are today's counts plus two queries of headroom.
PAGE_TYPES = [
    ("home", _home, 200, 20),
    ("topic", _topic, 200, 18),
    ("article", _article, 200, 26),
    ("person", _person, 200, 22),
    ("team", _team, 200, 17),
    ("selftest-index", _selftest_index, 200, 15),
    ("selftest", _selftest, 200, 18),
    ("selftest-result", _selftest_result, 200, 26),
    ("standard-page", _standard, 200, 20),
    ("search", _search, 200, 12),
    ("not-found", _not_found, 404, 11),
]


def _count(client, make_request, status):
    make_request(client)  # renditions and per-process lookups are made once, then reused
    with CaptureQueriesContext(connection) as queries:
        response = make_request(client)
    assert response.status_code == status
    return len(queries), queries


@pytest.mark.parametrize(
    ("make_request", "status", "budget"), [row[1:] for row in PAGE_TYPES], ids=[row[0] for row in PAGE_TYPES]
)
def test_every_page_type_stays_within_its_query_budget(client, demo_site, make_request, status, budget):
    count, queries = _count(client, make_request, status)
    assert count <= budget, "\n".join(query["sql"] for query in queries)


def _add_articles(first, number):
    topic = TopicPage.objects.get(slug="lage-rugpijn")
    model = ArticlePage.objects.get(slug="stress-en-rugpijn")
    for index in range(first, first + number):
        make_article(
            topic,
            f"extra-{index}",
            sections=1,
            tags=["zenuw"],
            intro="Rugpijn en bewegen.",
            listing_image=model.listing_image,
            listing_image_alt="Illustratie",
            author=model.author,
        )


def _add_people(first, number):
    team = PersonIndexPage.objects.get()
    model = PersonPage.objects.live().first()
    for index in range(first, first + number):
        person = PersonPage(
            title=f"Extra {index}",
            slug=f"extra-{index}",
            photo=model.photo,
            photo_alt="Portret",
            specialism="Fysiotherapie",
        )
        team.add_child(instance=person)
        person.roles.set(model.roles.all())
        person.save_revision().publish()


# (id, request, what adds items to the page). A page listing 1 new article or person costs as many
# queries as one listing 4 of them: a query per item would show three times.
GROWING = [
    ("home", _home, _add_articles),
    ("topic", _topic, _add_articles),
    ("team", _team, _add_people),
    ("search", _search, _add_articles),
]


@pytest.mark.parametrize(("make_request", "add_items"), [row[1:] for row in GROWING], ids=[row[0] for row in GROWING])
def test_pages_with_more_items_cost_no_more_queries(client, demo_site, make_request, add_items):
    add_items(0, 1)
    before, _queries = _count(client, make_request, 200)
    add_items(1, 3)
    after, queries = _count(client, make_request, 200)
    assert after == before, "\n".join(query["sql"] for query in queries)
