"""The app's own page cache: anonymous pages come from the shared cache until a change purges them."""

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory

from rugwijs.core.page_cache import PageCacheMiddleware

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_ENABLED = True
    settings.WAGTAILFRONTENDCACHE = {"app": settings.PAGE_CACHE_PURGE}
    caches[settings.SHARED_CACHE].clear()
    yield django_capture_on_commit_callbacks
    caches[settings.SHARED_CACHE].clear()


def test_a_second_reader_gets_the_stored_page_without_a_query(
    demo_site, client, page_cache, django_assert_max_num_queries
):
    first = client.get(demo_site.url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(1):  # the shared cache's own read, when it is a table
        second = client.get(demo_site.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert not second.cookies


def test_publishing_a_change_purges_the_stored_page(demo_site, client, page_cache):
    topic = demo_site.get_parent()
    client.get(demo_site.url)
    client.get(topic.url)

    demo_site.title = "Stress, spanning en rugpijn"
    with page_cache(execute=True):
        demo_site.save_revision().publish()

    article = client.get(demo_site.url)
    assert article["X-Page-Cache"] == "miss"
    assert "Stress, spanning en rugpijn" in article.content.decode()
    listing = client.get(topic.url)
    assert listing["X-Page-Cache"] == "miss"
    assert "Stress, spanning en rugpijn" in listing.content.decode()


def test_editors_and_posts_never_get_or_fill_the_stored_page(demo_site, client, page_cache, django_user_model):
    client.get(demo_site.url)  # stored for readers
    client.force_login(django_user_model.objects.create_user("redacteur", password="x" * 16))
    editor_page = client.get(demo_site.url)
    assert "X-Page-Cache" not in editor_page
    assert "private" in editor_page["Cache-Control"]
    client.logout()
    vote = client.post(f"/engagement/helpful/{demo_site.pk}/", {"helpful": "ja"})
    assert "X-Page-Cache" not in vote


def test_a_query_string_is_a_page_of_its_own(demo_site, client, page_cache):
    topic = demo_site.get_parent()
    newest = client.get(topic.url, {"sorteer": "nieuwste"})
    most_read = client.get(topic.url, {"sorteer": "meest-gelezen"})
    assert newest["X-Page-Cache"] == most_read["X-Page-Cache"] == "miss"
    assert client.get(topic.url, {"sorteer": "meest-gelezen"}).content == most_read.content


def test_without_the_setting_nothing_is_stored(demo_site, client, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get(demo_site.url)
    assert "X-Page-Cache" not in client.get(demo_site.url)


@pytest.mark.parametrize(
    "cache_control, sets_cookie",
    [("public, s-maxage=600", True), ("private, s-maxage=600", False), ("public, max-age=600", False)],
    ids=["sets-a-cookie", "private", "no-s-maxage"],
)
def test_only_what_a_proxy_may_share_is_stored(page_cache, cache_control, sets_cookie):
    rendered = []

    def view(request):
        rendered.append(request)
        response = HttpResponse("<p>hallo</p>", content_type="text/html")
        response["Cache-Control"] = cache_control
        if sets_cookie:
            response.set_cookie("keuze", "1")
        return response

    middleware = PageCacheMiddleware(view)
    middleware(RequestFactory().get("/ergens/"))
    second = middleware(RequestFactory().get("/ergens/"))
    assert len(rendered) == 2, "the second request should have been rendered again"
    assert second["X-Page-Cache"] == "miss"
