"""Kept routes and page parts (core.routes, core.fragments): cheaper for the next reader, never outdated."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from rugwijs.articles.models import ArticlePage, TopicPage
from rugwijs.core import content_state
from rugwijs.core.models import SiteSettings

pytestmark = pytest.mark.django_db


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response, len(captured)


def test_the_next_reader_of_an_article_costs_a_handful_of_queries(client, demo_site):
    content_state.changed()  # nothing kept yet
    first, first_count = _queries(client, demo_site.url)
    again, kept_count = _queries(client, demo_site.url)
    assert first.status_code == again.status_code == 200
    assert first.content == again.content
    # The content state, the page, its restrictions (Wagtail's check: two queries), the view count.
    assert kept_count <= 5 < first_count


def test_without_a_content_state_every_request_renders_in_full(client, demo_site, monkeypatch):
    client.get(demo_site.url)
    monkeypatch.setattr(content_state, "current", lambda request=None: None)  # the shared cache is down
    response, count = _queries(client, demo_site.url)
    assert response.status_code == 200 and demo_site.title in response.content.decode()
    assert count > 5


def test_an_unpublished_article_is_gone_at_once(client, demo_site):
    assert client.get(demo_site.url).status_code == 200
    ArticlePage.objects.get(pk=demo_site.pk).unpublish()
    assert client.get(demo_site.url).status_code == 404


def test_a_moved_article_answers_at_its_new_address_and_the_old_one_leads_there(client, demo_site):
    old_url = demo_site.url
    assert client.get(old_url).status_code == 200
    ArticlePage.objects.get(pk=demo_site.pk).move(TopicPage.objects.get(slug="hernia"), pos="last-child")
    new_url = ArticlePage.objects.get(pk=demo_site.pk).url
    assert new_url != old_url
    moved = client.get(old_url)
    assert (moved.status_code, moved["Location"]) == (301, new_url)  # Wagtail's redirect, not the kept route
    assert client.get(new_url).status_code == 200


def test_a_section_closed_to_the_public_is_closed_at_once(client, demo_site):
    assert client.get(demo_site.url).status_code == 200
    PageViewRestriction.objects.create(page=demo_site.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    response = client.get(demo_site.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_new_site_settings_show_in_the_kept_footer_at_once(client, demo_site):
    client.get(demo_site.url)
    settings = SiteSettings.objects.get()
    settings.organisation_name = "Fysio <Nieuwe> Naam"
    settings.save()
    html = client.get(demo_site.url).content.decode()
    assert "<title>Stress en rugpijn | Fysio &lt;Nieuwe&gt; Naam</title>" in html  # kept too, and escaped
    assert html.count("Fysio &lt;Nieuwe&gt; Naam") >= 3  # the logo, og:site_name and the footer


def test_a_changed_image_shows_at_once(client, demo_site):
    from bs4 import BeautifulSoup
    from wagtail.images.models import Image

    def shared_image(html):
        return BeautifulSoup(html, "html.parser").find("meta", property="og:image")["content"]

    before = shared_image(client.get(demo_site.url).content)
    image = Image.objects.get(pk=demo_site.listing_image_id)
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 10, 10, 20, 20
    image.save()
    # A new focal point makes new renditions, with new addresses.
    assert shared_image(client.get(demo_site.url).content) != before
