"""What a caching proxy may keep (Cache-Control), and what it is told to drop when pages change."""

import json
from urllib.parse import urlsplit

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Page

from rugwijs.articles.models import ArticlePage, RelatedSuggestion, TopicPage
from rugwijs.core.middleware import SharedCacheMiddleware
from rugwijs.home.models import HomePage
from rugwijs.people.models import PersonPage
from rugwijs.selftests.models import SelfTestPage

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, str]:
    parts = [part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()]
    return dict(part.split("=", 1) if "=" in part else (part, "") for part in parts)


PAGE_TYPES = {
    "home": HomePage,
    "topic": TopicPage,
    "article": ArticlePage,
    "person": PersonPage,
    "self-test": SelfTestPage,
}


@pytest.mark.parametrize("model", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_anonymous_pages_may_be_kept_by_a_proxy_but_not_by_the_browser(demo_site, client, model, settings):
    page = model.objects.live().first()
    response = client.get(page.url)
    assert response.status_code == 200
    cache_control = directives(response)
    assert "public" in cache_control
    assert cache_control["s-maxage"] == str(settings.PAGE_CACHE_SECONDS)
    assert cache_control["max-age"] == "0"  # the browser asks again, so a purge reaches it at once
    assert not response.cookies


@pytest.mark.parametrize("model", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_an_editors_pages_are_never_stored(demo_site, client, model, django_user_model):
    client.force_login(django_user_model.objects.create_user("redacteur", password="x" * 16))
    response = client.get(model.objects.live().first().url)
    cache_control = directives(response)
    assert "public" not in cache_control and "s-maxage" not in cache_control
    assert {"private", "no-store"} <= cache_control.keys()


def test_search_results_are_kept_for_a_minute_only(demo_site, client):
    cache_control = directives(client.get("/zoeken/", {"q": "rugpijn"}))
    assert cache_control["s-maxage"] == "60" and "public" in cache_control


def test_form_posts_are_never_stored(demo_site, client):
    response = client.post(f"/engagement/helpful/{demo_site.pk}/", {"helpful": "ja"})
    assert response.status_code == 303
    assert "no-store" in directives(response) and "public" not in directives(response)


def test_a_self_test_result_is_never_stored(demo_site, client):
    selftest = SelfTestPage.objects.live().first()
    response = client.post(f"/zelftest/{selftest.pk}/uitslag/", {})
    assert response.status_code == 400  # no answers: the form again, with its messages
    assert "public" not in directives(response) and "no-store" in directives(response)


def test_a_response_that_sets_a_cookie_is_never_shared():
    def view(request):
        response = HttpResponse("<p>hallo</p>", content_type="text/html")
        response.set_cookie("keuze", "1")
        return response

    response = SharedCacheMiddleware(view)(RequestFactory().get("/ergens/"))
    assert "public" not in directives(response) and "no-store" in directives(response)


def test_a_page_an_editor_sees_is_private_even_when_the_view_chose_public():
    def view(request):
        response = HttpResponse("<p>hallo</p>", content_type="text/html")
        response["Cache-Control"] = "public, s-maxage=60"
        return response

    request = RequestFactory().get("/zoeken/", HTTP_COOKIE="sessionid=abc")
    response = SharedCacheMiddleware(view)(request)
    assert "public" not in directives(response) and "private" in directives(response)


def test_static_files_keep_their_own_lifetime_for_editors_too(settings):
    def view(request):
        response = HttpResponse("body{}", content_type="text/css")
        response["Cache-Control"] = "max-age=315360000, public, immutable"
        return response

    request = RequestFactory().get(settings.STATIC_URL + "core/css/site.abc123.css", HTTP_COOKIE="sessionid=abc")
    assert "immutable" in directives(SharedCacheMiddleware(view)(request))


def test_healthz_says_whether_database_and_cache_answer(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content).items() >= {"status": "ok", "database": "ok", "cache": "ok"}.items()
    assert "no-store" in directives(response)


def test_healthz_is_503_when_the_cache_does_not_answer(db, client):
    dead_redis = {
        "default": {"BACKEND": "rugwijs.core.cache.KeptClientRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    with override_settings(CACHES=dead_redis, SHARED_CACHE="default"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["cache"] == "unavailable"
    assert response["Retry-After"]


# --- purges --------------------------------------------------------------------------------------


class RecordingBackend(BaseBackend):
    """A proxy that writes down what it is asked to drop."""

    purged: list[str] = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def purged(settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {"recorder": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.purged = []

    class Recorder:
        def during(self, change):
            with django_capture_on_commit_callbacks(execute=True):
                change()
            # Paths with their query, as the proxy keys its entries (one site, so the host says nothing).
            return {urlsplit(url)._replace(scheme="", netloc="").geturl() for url in RecordingBackend.purged}

    return Recorder()


def _paths(*pages):
    return {page.url for page in pages}


def test_publishing_an_article_purges_it_its_listings_people_and_related_cards(demo_site, purged):
    article = demo_site
    topic = article.get_parent().specific
    listing_it = ArticlePage.objects.filter(suggestions__article=article).first()
    assert listing_it is not None, "the demo should have an article that lists this one as related"

    urls = purged.during(lambda: article.save_revision().publish())

    expected = _paths(article, topic, HomePage.objects.get(), article.author, listing_it)
    assert expected <= urls
    assert f"{topic.url}?sorteer=meest-gelezen&pagina=1" in urls


def test_unpublishing_purges_the_articles_that_listed_it(demo_site, purged):
    article = demo_site
    listing_it = set(ArticlePage.objects.filter(suggestions__article=article))
    assert listing_it

    urls = purged.during(article.unpublish)

    assert _paths(article, article.get_parent(), *listing_it) <= urls
    assert not RelatedSuggestion.objects.filter(article=article).exists()  # they no longer show it


def test_moving_an_article_purges_its_old_and_new_place(demo_site, purged):
    article = demo_site
    old_topic = article.get_parent()
    old_url = article.url
    new_topic = TopicPage.objects.live().exclude(pk=old_topic.pk).first()

    urls = purged.during(lambda: article.move(new_topic, pos="last-child"))

    article.refresh_from_db()
    assert {old_url, article.url, old_topic.url, new_topic.url} <= urls
    assert old_url != article.url


def test_deleting_an_article_purges_it_and_its_topic(demo_site, purged):
    article = demo_site
    paths = _paths(article, article.get_parent())

    urls = purged.during(article.delete)

    assert paths <= urls


def test_changing_a_page_in_the_menu_purges_every_page(demo_site, purged):
    topic = demo_site.get_parent().specific
    assert topic.show_in_menus

    urls = purged.during(lambda: topic.save_revision().publish())

    assert _paths(*Page.objects.live().filter(depth__gt=1)) <= urls


def test_an_article_that_lists_nothing_new_leaves_other_topics_alone(demo_site, purged):
    article = demo_site
    other_topic = TopicPage.objects.live().exclude(pk=article.get_parent().pk).first()

    urls = purged.during(lambda: article.save_revision().publish())

    assert other_topic.url not in urls


def test_republishing_purges_the_articles_that_list_it_again(demo_site, purged):
    article = demo_site
    purged.during(article.unpublish)  # its related cards are gone from the other articles
    RecordingBackend.purged = []

    urls = purged.during(lambda: article.save_revision().publish())

    listing_it = ArticlePage.objects.filter(suggestions__article=article)
    assert listing_it.exists()
    assert _paths(*listing_it) <= urls
