"""The loaded demo as a reader meets it: links that lead somewhere, the footer's pages, true alt texts."""

import json
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from rugwijs.articles.models import ArticlePage
from rugwijs.core.models import StandardPage
from rugwijs.demo import images
from rugwijs.demo.loader import CONTENT_DIR, DemoLoader
from rugwijs.people.models import PersonPage

pytestmark = pytest.mark.django_db

# The colours demo/images.py paints each topic in, as a reader would name them.
TOPIC_COLOURS = {"lage-rugpijn": "groenblauw", "hernia": "blauw", "stress-en-pijn": "oranje"}


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_the_stress_article_links_to_the_stress_check_and_the_breathing_exercise(client, demo_site):
    section = soup_of(client, demo_site.url).find(id="cirkel-doorbreken").find_parent("section")
    hrefs = {link["href"]: link.get_text() for link in section.find_all("a")}
    stress_check = Page.objects.get(slug="stress-check").url
    breathing = Page.objects.get(slug="ademhalingsoefening").url
    assert hrefs.get(stress_check) == "stresscheck"
    assert hrefs.get(breathing) == "ademhalingsoefening"


def test_the_article_calls_to_action_come_from_the_json_and_go_to_self_tests_and_courses(client, demo_site):
    soup = soup_of(client, demo_site.url)
    buttons = {link.get_text(" ", strip=True): link["href"] for link in soup.select("main a") if link.get("href")}
    assert buttons["Start de stresscheck"] == Page.objects.get(slug="stress-check").url
    assert buttons["Ja, geef mij duidelijkheid"] == Page.objects.get(slug="zenuw-spier-of-gewricht").url
    assert buttons["Bekijk de cursus"] == Page.objects.get(slug="grip-op-langdurige-rugpijn").url
    assert soup.select_one("nav.toc .toc__extra")["href"] == Page.objects.get(slug="cursussen").url


def test_a_call_to_action_to_a_page_the_demo_lacks_is_left_out(demo_site):
    people = {"mila": demo_site.author}
    loader = DemoLoader()
    call = {"type": "selftest_promo", "title": "T", "button_label": "Ga", "page": "stress-check"}
    assert [block for block, _value in loader.calls_to_action([call], people)] == ["selftest_promo"]
    assert loader.calls_to_action([{**call, "page": "cursusaanbod"}], people) == []


def test_every_link_on_the_demo_pages_leads_to_a_page_that_answers(client, demo_site):
    """No dead ends: every internal link on the articles and standard pages opens a page."""
    pages = [*ArticlePage.objects.live(), *StandardPage.objects.live()]
    targets = {}
    for page in pages:
        for link in soup_of(client, page.url).select("main a[href]"):
            href = link["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/") or href.startswith("/static/"):
                continue
            targets.setdefault(parts.path, page.url)
    assert len(targets) >= 15
    broken = {path: source for path, source in targets.items() if client.get(path).status_code != 200}
    assert not broken, broken


def test_the_course_placeholder_is_gone_and_the_footer_pages_are_there(client, demo_site):
    assert not Page.objects.filter(slug="cursusaanbod").exists()
    for slug, words in {
        "privacy": ["geen cookies", "IP-adres", "één dag", "niet bewaard", "e-mailadres"],
        "toegankelijkheid": ["WCAG 2.2", "zonder JavaScript", "toetsenbord", "320 pixels", "schermlezer"],
        "colofon": ["Rugwijs", "Wagtail", "open-source", "NHG", "KNGF"],
    }.items():
        page = StandardPage.objects.live().get(slug=slug)
        text = soup_of(client, page.url).main.get_text(" ")
        for word in words:
            assert word in text, (slug, word)


def test_links_between_standard_pages_work_whatever_order_they_are_made_in(client, demo_site):
    """The privacy page is made before the pages it links to; its links must still be real links."""
    soup = soup_of(client, StandardPage.objects.get(slug="privacy").url)
    hrefs = {link["href"] for link in soup.main.select("a[href]")}
    assert {Page.objects.get(slug="toegankelijkheid").url, Page.objects.get(slug="colofon").url} <= hrefs


@pytest.mark.parametrize("path", sorted((CONTENT_DIR / "articles").glob("*.json")), ids=lambda path: path.stem)
def test_article_alt_text_names_what_the_drawing_shows(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    alt = data["image_alt"].lower()
    assert data["topic"] in images.PALETTES
    colour = TOPIC_COLOURS[data["topic"]]
    assert colour in alt and "heuvels" in alt and "cirkel" in alt, alt
    others = {word for topic, word in TOPIC_COLOURS.items() if word not in colour}
    # Nothing the drawing does not contain: no colours of another topic, no lines, hands or puzzle pieces.
    for absent in [*others, "rood", "geel", "lijn", "hand", "puzzel", "trede", "pad"]:
        assert absent not in alt.replace(colour, ""), (absent, alt)


def test_avatar_alt_text_names_the_initials_drawn(demo_site):
    for person in PersonPage.objects.all():
        initials = "".join(part[0] for part in person.title.split()[:2]).upper()
        assert f"initialen {initials}" in person.photo_alt, person.photo_alt
