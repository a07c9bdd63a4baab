"""The view beacon: opening an article counts one view; the same reader reloading it does not count again.
A page served from a cache, with the count it had then, shows the fresh count once loaded."""

import time
from datetime import date

import pytest
from browser_support import ARTICLE_PATH

pytestmark = pytest.mark.browser


def view_total(page_id: int) -> int:
    """What readers see: the stored total plus views still in the Redis buffer (when there is one)."""
    from rugwijs.engagement.counting import current_views

    return current_views(page_id)


def wait_for_total(page_id: int, expected: int, seconds: float = 5.0) -> int:
    deadline = time.monotonic() + seconds
    while (total := view_total(page_id)) != expected and time.monotonic() < deadline:
        time.sleep(0.1)
    return total


def test_opening_the_article_counts_one_view_and_reloading_does_not(page, site, article):
    before = view_total(article.pk)

    page.goto(site + ARTICLE_PATH)
    assert wait_for_total(article.pk, before + 1) == before + 1, "opening the article did not count exactly one view"

    beacon_path = page.locator("article[data-view-beacon]").get_attribute("data-view-beacon")
    with page.expect_request_finished(lambda request: request.url.endswith(beacon_path)) as beacon:
        page.reload()
    # The server commits a count before it answers, so once the reload's beacon is answered the total is final.
    assert beacon.value.response().status == 200, "the reload's beacon was not answered"
    assert view_total(article.pk) == before + 1, "reloading the page counted the same reader again"


def test_a_page_from_a_cache_shows_the_fresh_count(page, site, article):
    from playwright.sync_api import expect

    from rugwijs.core.numbers import dutch_thousands
    from rugwijs.engagement.counting import add_historic_views

    # The copy a proxy stored a while ago; since then thousands of readers came.
    cached_html = page.request.get(site + ARTICLE_PATH).text()
    stale = f"{dutch_thousands(view_total(article.pk))} x bekeken"
    assert stale in cached_html
    add_historic_views(article.pk, 5000, date(2001, 1, 1))
    fresh = f"{dutch_thousands(view_total(article.pk) + 1)} x bekeken"
    page.route(
        site + ARTICLE_PATH,
        lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=cached_html),
    )

    page.goto(site + ARTICLE_PATH)
    count = page.locator("[data-view-count]")
    expect(count).to_have_text(fresh)
    assert count.is_visible()
    assert count.inner_text() == fresh, "the page kept the count it had when it was cached"
