import json
import re

import pytest
from bs4 import BeautifulSoup

from rugwijs.articles.factories import make_article
from rugwijs.articles.models import TopicPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def article_html(client, demo_site):
    response = client.get(demo_site.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def test_the_demo_article_shows_everything_the_seed_page_has(article_html):
    page = text(article_html)
    assert text(article_html.h1) == "Stress en rugpijn"
    assert "Geschreven door Mila Voorbeeld" in page
    assert re.search(r"Medisch gecontroleerd door Joris Proefmans \(.+\) op 14 september 2026", page)
    assert re.search(r"\d+ minuten leestijd", page)
    assert "1.289 x bekeken" in page
    key_points = article_html.select("#in-het-kort + ul li")
    assert len(key_points) == 5
    assert article_html.select_one("#feedback h2").get_text() == "Heeft dit artikel je geholpen?"
    assert [b.get("value") for b in article_html.select("#feedback button")] == ["ja", "nee"]
    assert text(article_html.select_one("#gerelateerd-titel")) == "Andere artikelen over dit onderwerp"
    assert "Ja, geef mij duidelijkheid" in page
    assert "Start de stresscheck" in page
    assert "Hallo! Ik ben Mila" in page


def test_the_table_of_contents_links_to_every_section_heading(article_html):
    links = article_html.select("nav.toc ol a")
    targets = [link["href"].lstrip("#") for link in links]
    assert targets[0] == "in-het-kort"
    assert targets[1:] == [
        "wat-is-stress",
        "gezonde-stress",
        "ongezonde-stress",
        "stress-als-oorzaak",
        "stress-als-gevolg",
        "vicieuze-cirkel",
        "cirkel-doorbreken",
    ]
    ids = [node["id"] for node in article_html.select("[id]")]
    assert len(ids) == len(set(ids)), "ids on the page must be unique"
    for target in targets:
        heading = article_html.find(id=target)
        assert heading is not None and heading.name == "h2", target
    extra = article_html.select_one("nav.toc .toc__extra")
    assert extra.get_text() == "Naar het cursusaanbod" and extra["href"] == "/cursussen/"


def test_related_cards_show_image_alt_title_summary_and_compact_count(article_html):
    cards = article_html.select("#gerelateerd .card")
    assert len(cards) == 9
    first = cards[0]
    assert first.select_one(".card__title a").get_text().startswith("Wat kan de neuroloog")
    assert first.img["alt"]
    assert first.select_one(".card__summary").get_text()
    counts = [card.select_one(".card__meta [aria-hidden]").get_text() for card in cards]
    assert "6K x" in counts and "704 x" in counts and "24K x" in counts


def test_head_has_title_description_canonical_and_open_graph(article_html, demo_site):
    assert article_html.title.get_text().startswith("Stress en rugpijn")
    assert article_html.select_one('meta[name="description"]')["content"] == demo_site.summary
    canonical = article_html.select_one('link[rel="canonical"]')["href"]
    assert canonical == "http://testserver/stress-en-pijn/stress-en-rugpijn/"
    og = {m["property"]: m["content"] for m in article_html.select("meta[property^='og:']")}
    assert og["og:type"] == "article" and og["og:title"] == "Stress en rugpijn"
    assert og["og:image"].startswith("http") and og["og:image:alt"]


def test_json_ld_is_a_medical_web_page_with_people_and_breadcrumbs(article_html):
    data = json.loads(article_html.select_one('script[type="application/ld+json"]').string)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == "2026-09-14"
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Joris Proefmans",
        "url": data["reviewedBy"]["url"],
        "jobTitle": data["reviewedBy"]["jobTitle"],
    }
    assert data["mainEntity"]["@type"] == "Article"
    assert data["mainEntity"]["author"]["@type"] == "Person"
    assert data["mainEntity"]["author"]["name"] == "Mila Voorbeeld"
    crumbs = data["breadcrumb"]
    assert crumbs["@type"] == "BreadcrumbList"
    assert [item["name"] for item in crumbs["itemListElement"]] == ["Rugwijs", "Stress en pijn", "Stress en rugpijn"]
    assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2, 3]


def test_json_ld_cannot_be_broken_out_of(client, demo_site):
    demo_site.title = "</script><script>alert(1)</script>"
    demo_site.save_revision().publish()
    html = client.get(demo_site.url).content.decode()
    script = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<script>" not in script
    assert json.loads(script)["name"] == "</script><script>alert(1)</script>"


def test_breadcrumbs_lead_home(article_html):
    crumbs = [a.get_text() for a in article_html.select("nav.breadcrumbs a")]
    assert crumbs == ["Rugwijs", "Stress en pijn", "Stress en rugpijn"]


def test_feedback_states_on_the_page(client, demo_site):
    done = BeautifulSoup(client.get(demo_site.url + "?feedback=bedankt").content, "html.parser")
    assert "Bedankt" in text(done.select_one("#feedback [role=status]"))
    expired = BeautifulSoup(client.get(demo_site.url + "?feedback=kapot").content, "html.parser")
    assert "verlopen" in text(expired.select_one("#feedback [role=status]"))
    assert expired.select("#feedback button[name=helpful]")


def test_overlapping_anchors_in_stored_data_are_made_unique_when_rendering(client, demo_site):
    topic = TopicPage.objects.get(slug="stress-en-pijn")
    article = make_article(topic, "dubbele-ankers", sections=3)
    raw = list(article.body.raw_data)
    for block in raw:
        block["value"]["anchor"] = "zelfde"
    article.body = raw
    article.save_revision().publish()
    soup = BeautifulSoup(client.get("/stress-en-pijn/dubbele-ankers/").content, "html.parser")
    assert [h["id"] for h in soup.select("section.article-section h2")] == ["zelfde", "zelfde-2", "zelfde-3"]
    assert [a["href"] for a in soup.select("nav.toc ol a")] == ["#zelfde", "#zelfde-2", "#zelfde-3"]


def test_preview_of_an_unsaved_article_renders_without_counting(demo_site, rf):
    from django.contrib.auth.models import AnonymousUser

    from rugwijs.articles.models import ArticlePage

    draft = ArticlePage(
        title="Nog niet opgeslagen", slug="nieuw", intro="Inleiding.", body=demo_site.body, author=demo_site.author
    )
    request = rf.get("/")
    request.user = AnonymousUser()
    request.is_preview = True
    response = draft.make_preview_request(request, draft.default_preview_mode)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nog niet opgeslagen" in html
    assert "data-view-beacon" not in html and 'id="feedback"' not in html


def test_links_to_unpublished_people_and_pages_are_not_shown(client, demo_site):
    demo_site.author.unpublish()
    demo_site.toc_link_page.unpublish()
    soup = BeautifulSoup(client.get(demo_site.url).content, "html.parser")
    assert "Mila Voorbeeld" in text(soup.select_one(".author-box"))
    assert not soup.select(".author-box a")
    assert not soup.select(".toc__extra")
    assert 'href="None"' not in str(soup)
