"""The view beacon: opening an article counts one view; the same reader reloading it does not count again."""

import time

import pytest
from browser_support import ARTICLE_PATH

pytestmark = pytest.mark.browser


def view_total(page_id: int) -> int:
    from rugwijs.engagement.models import PageViewTotal

    return PageViewTotal.objects.filter(page_id=page_id).values_list("views", flat=True).first() or 0


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
    assert beacon.value.response().status == 204, "the reload's beacon was not answered"
    assert view_total(article.pk) == before + 1, "reloading the page counted the same reader again"
