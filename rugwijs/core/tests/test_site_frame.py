"""The frame around every page: its title, the footer with the practice's details, and the 404 page."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, Site

from rugwijs.core.models import SiteSettings, StandardPage
from rugwijs.core.templatetags.rugwijs_tags import tel_href, with_site_name
from rugwijs.demo.loader import DemoLoader
from rugwijs.home.models import HomePage

pytestmark = pytest.mark.django_db

ARTICLE_PATH = "/stress-en-pijn/stress-en-rugpijn/"


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def add_page(slug, title, live=True):
    """A fresh statement page under the home page, in place of the demo's page with that slug."""
    home = HomePage.objects.get()
    Page.objects.filter(slug=slug).delete()
    page = StandardPage(title=title, slug=slug, intro="Uitleg.", show_in_menus=False, live=live)
    home.add_child(instance=page)
    return page


@pytest.fixture
def site_settings(demo_site):
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


# Titles ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "site_name", "expected"),
    [
        ("Stress en rugpijn", "Rugwijs", "Stress en rugpijn | Rugwijs"),
        ("Rugwijs", "Rugwijs", "Rugwijs"),
        ("Welkom bij Rugwijs", "Rugwijs", "Welkom bij Rugwijs"),
        ("", "Rugwijs", "Rugwijs"),
        ("Tom & Jerry", "A&B", "Tom &amp; Jerry | A&amp;B"),
    ],
    ids=["page", "home-named-like-the-site", "title-names-the-site", "no-title", "escaped"],
)
def test_page_title_names_the_site_once(title, site_name, expected):
    assert with_site_name(title, site_name) == expected


def test_home_page_title_is_the_site_name_once_and_an_article_adds_it(client, demo_site):
    assert soup(client.get("/")).title.string == "Rugwijs"
    assert soup(client.get(ARTICLE_PATH)).title.string == "Stress en rugpijn | Rugwijs"


# Footer ------------------------------------------------------------------------------------------


def test_tel_link_keeps_only_digits_and_plus():
    assert tel_href("024 123 45 67") == "tel:0241234567"
    assert tel_href("+31 (0)24-1234567") == "tel:+310241234567"


def test_footer_shows_the_practice_disclaimer_and_live_statement_pages(client, site_settings):
    site_settings.organisation_name = "Fysio De Rug"
    site_settings.address = "Kerkstraat 5\n6511 AB Nijmegen"
    site_settings.phone = "024 123 45 67"
    site_settings.email = "praktijk@derug.example"
    site_settings.footer_text = "Dit vervangt geen bezoek aan je huisarts."
    site_settings.privacy_page = add_page("privacy", "Privacyverklaring")
    site_settings.accessibility_page = add_page("toegankelijkheid", "Toegankelijkheid", live=False)
    site_settings.colophon_page = add_page("colofon", "Colofon")
    site_settings.save()

    footer = soup(client.get(ARTICLE_PATH)).find("footer")

    assert footer.find(class_="site-footer__name").get_text() == "Fysio De Rug"
    assert footer.address.find("p").get_text("\n") == "Kerkstraat 5\n6511 AB Nijmegen"
    assert footer.address.find("a", href="tel:0241234567").get_text() == "024 123 45 67"
    assert footer.address.find("a", href="mailto:praktijk@derug.example")
    assert "Dit vervangt geen bezoek aan je huisarts." in footer.get_text()
    links = [(a.get_text(), a["href"]) for a in footer.find("nav").find_all("a")]
    assert links == [("Privacyverklaring", "/privacy/"), ("Colofon", "/colofon/")], "an unpublished page is left out"


def test_footer_without_contact_details_or_pages_shows_no_empty_parts(client, site_settings):
    site_settings.address = site_settings.phone = site_settings.email = ""
    site_settings.privacy_page = site_settings.accessibility_page = site_settings.colophon_page = None
    site_settings.save()

    footer = soup(client.get("/")).find("footer")

    assert footer.address is None
    assert footer.find("nav") is None


def test_footer_pages_come_with_the_settings_at_no_extra_query(site_settings, django_assert_num_queries):
    site_settings.privacy_page = add_page("privacy", "Privacyverklaring")
    site_settings.colophon_page = add_page("colofon", "Colofon")
    site_settings.accessibility_page = add_page("toegankelijkheid", "Toegankelijkheid")
    site_settings.save()
    loaded = SiteSettings.for_site(Site.objects.get(is_default_site=True))

    with django_assert_num_queries(0):
        assert len(loaded.footer_pages()) == 3


def test_demo_loader_fills_in_the_practice_and_links_statement_pages_by_slug(site_settings):
    site_settings.address = site_settings.phone = site_settings.email = ""
    site_settings.privacy_page = site_settings.accessibility_page = site_settings.colophon_page = None
    site_settings.save()
    Page.objects.filter(slug__in=["privacy", "toegankelijkheid", "colofon"]).delete()
    privacy = add_page("privacy", "Privacyverklaring")

    DemoLoader().site_settings()

    site_settings.refresh_from_db()
    assert site_settings.address.splitlines() == ["Voorbeeldstraat 1", "1234 AB Voorbeeldstad"]
    assert (site_settings.phone, site_settings.email) == ("012 345 67 89", "info@rugwijs.example")
    assert site_settings.privacy_page_id == privacy.pk
    assert site_settings.accessibility_page is None, "a page the demo does not have is skipped"
    assert site_settings.colophon_page is None


def test_demo_loader_keeps_what_an_editor_filled_in(site_settings):
    site_settings.phone = "06 12345678"
    site_settings.save()

    DemoLoader().site_settings()

    site_settings.refresh_from_db()
    assert site_settings.phone == "06 12345678"


# 404 ---------------------------------------------------------------------------------------------


def test_not_found_page_offers_a_search_box_and_the_topics(client, demo_site):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    html = soup(response)
    assert html.title.string == "Pagina niet gevonden | Rugwijs"
    main = html.find("main")
    form = main.find("form", role="search")
    assert form["action"] == "/zoeken/"
    assert form.find("input", attrs={"type": "search", "name": "q"})
    topics = [a.get_text(" ", strip=True) for a in main.select(".topic-list a")]
    assert [topic.split(" ")[0] for topic in topics] == ["Lage", "Hernia", "Stress"]
    assert main.find("a", href="/hernia/")
