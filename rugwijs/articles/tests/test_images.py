"""Images are sized for the reader's screen: WebP candidates, a fallback, and their size known in advance."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image

from rugwijs.articles.factories import make_article, section
from rugwijs.articles.models import ArticlePage, TopicPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(demo_site):
    return TopicPage.objects.get(slug="hernia")


def _soup(client, page):
    return BeautifulSoup(client.get(page.url).content, "html.parser")


def _assert_responsive(img, alt):
    candidates = [candidate.split() for candidate in img["srcset"].split(",")]
    assert len(candidates) >= 2 and all(url.endswith(".webp") and width.endswith("w") for url, width in candidates)
    assert img["src"].endswith(".webp")
    assert img["sizes"]
    assert int(img["width"]) > 0 and int(img["height"]) > 0, "width and height keep the layout from shifting"
    assert img["alt"] == alt


def test_figures_have_webp_candidates_width_height_and_alt(client, topic):
    image = Image.objects.first()
    article = make_article(topic, "met-figuur", sections=1, image=image)
    img = _soup(client, article).select_one("figure.figure img")
    _assert_responsive(img, "Illustratie 1")
    assert "42rem" in img["sizes"], "sizes follows the article column"


def test_article_cards_and_people_have_responsive_webp_images(client, demo_site):
    soup = _soup(client, demo_site)
    card = soup.select_one(".related .card")
    related = ArticlePage.objects.get(title=card.select_one(".card__title a").get_text())
    _assert_responsive(card.select_one("img"), related.listing_image_alt)
    _assert_responsive(soup.select_one(".author-box img"), "")
    person = BeautifulSoup(client.get(demo_site.author.url).content, "html.parser")
    _assert_responsive(person.select_one(".person img"), demo_site.author.photo_alt)


def test_the_social_preview_image_is_one_jpeg(client, demo_site):
    og = _soup(client, demo_site).select_one('meta[property="og:image"]')
    assert og["content"].endswith(".jpg")


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _with_calls_to_action(article, target, person, sections):
    """Every section also holds a self-test promo and an author promo."""
    body = []
    for number in range(1, sections + 1):
        name, value = section(number, link_to=target, image=Image.objects.first())
        value["content"] += [
            (
                "selftest_promo",
                {"title": "Test", "text": "", "button_label": "Start", "link": {"page": target, "url": ""}},
            ),
            ("author_promo", {"person": person, "text": "Hallo", "button_label": "Lees", "link": {"page": target}}),
        ]
        body.append((name, value))
    article.body = body
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def test_calls_to_action_people_and_figures_do_not_add_queries_per_block(client, demo_site, topic):
    small = _with_calls_to_action(make_article(topic, "klein"), topic, demo_site.author, 1)
    large = _with_calls_to_action(make_article(topic, "groot"), topic, demo_site.author, 10)
    client.get(small.url)  # renditions are made once, then reused
    client.get(large.url)
    assert _soup(client, large).select(".cta--author")
    assert _queries(client, small.url) == _queries(client, large.url)
