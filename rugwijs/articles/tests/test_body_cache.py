"""An article's rendered parts are kept until content changes: same page, fresher links, never a preview's text."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from rugwijs.articles.factories import make_article, section
from rugwijs.articles.models import ArticlePage, TopicPage
from rugwijs.core import fragments

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def _without_fragment_cache(monkeypatch):
    monkeypatch.setattr(fragments, "key", lambda request, name, vary=(): None)


def test_the_cached_body_gives_the_same_page_as_rendering_it(client, demo_site, monkeypatch):
    first = client.get(demo_site.url).content
    from_cache = client.get(demo_site.url).content
    _without_fragment_cache(monkeypatch)
    rendered = client.get(demo_site.url).content
    assert first == from_cache == rendered
    assert b'class="article-section"' in rendered


def test_a_new_revision_shows_at_once(client, demo_site):
    client.get(demo_site.url)
    page = ArticlePage.objects.get(pk=demo_site.pk)
    page.body[0].value["heading"] = "Een nieuwe kop"
    page.save_revision().publish()
    assert "Een nieuwe kop" in client.get(demo_site.url).content.decode()


def test_a_linked_page_that_moves_or_goes_offline_is_not_served_from_the_cache(client, demo_site):
    linked = TopicPage.objects.get(slug="hernia")
    article = make_article(TopicPage.objects.get(slug="lage-rugpijn"), "met-link", sections=1)
    article.body = [section(1, link_to=linked)]
    article.save_revision().publish()
    assert 'href="/hernia/"' in client.get(article.url).content.decode()
    linked.slug = "hernia-nieuw"
    linked.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert 'href="/hernia-nieuw/"' in html and 'href="/hernia/"' not in html
    TopicPage.objects.get(pk=linked.pk).unpublish()
    assert 'href="/hernia-nieuw/"' not in client.get(article.url).content.decode()


def test_a_preview_neither_reads_nor_fills_the_cache(client, demo_site, rf):
    client.get(demo_site.url)  # the live body is cached
    draft = ArticlePage.objects.get(pk=demo_site.pk)
    draft.body[0].value["heading"] = "Alleen in het concept"
    request = rf.get("/")
    request.user = AnonymousUser()
    request.is_preview = True
    preview = draft.make_preview_request(request, draft.default_preview_mode).content.decode()
    assert "Alleen in het concept" in preview
    assert "Alleen in het concept" not in client.get(demo_site.url).content.decode()


def test_the_article_reads_in_one_round_trip_every_part_its_templates_keep(client, demo_site, monkeypatch):
    """ArticlePage._fragments names the parts its templates keep, so that a reader whose parts are all
    kept skips the body's queries. A part added to a template and not to that list would be read on its
    own, and one named there but no longer kept would make every reader render in full."""
    asked, listed = [], []
    get_or_render, prefetch = fragments.get_or_render, fragments.prefetch

    def spy_get_or_render(request, name, vary, render):
        asked.append((name, tuple(vary)))
        return get_or_render(request, name, vary, render)

    def spy_prefetch(request, names_and_vary):
        listed.extend((name, tuple(vary)) for name, vary in names_and_vary)
        return prefetch(request, names_and_vary)

    monkeypatch.setattr(fragments, "get_or_render", spy_get_or_render)
    monkeypatch.setattr(fragments, "prefetch", spy_prefetch)
    assert client.get(demo_site.url).status_code == 200
    assert sorted(listed) == sorted(set(asked))
