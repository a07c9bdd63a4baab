"""Privacy as the footer promises it: no cookies, and nothing loaded from other websites."""

import pytest
from browser_support import ARTICLE_PATH, PUBLIC_PAGES, same_origin
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_reading_and_voting_sets_no_cookies_and_contacts_no_other_site(context, site):
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()

    for path in PUBLIC_PAGES.values():
        page.goto(site + path)
    page.goto(site + ARTICLE_PATH)
    feedback = page.locator("#feedback")
    feedback.get_by_role("button", name="Ja", exact=True).click()
    expect(feedback.get_by_role("textbox")).to_be_focused()  # the vote went through: the comment box is open
    page.wait_for_load_state("networkidle")  # let late requests (the view beacon) show up too

    assert context.cookies() == []
    assert page.evaluate("document.cookie") == ""
    elsewhere = sorted({url for url in requested if url.startswith(("http:", "https:")) and not same_origin(url, site)})
    other_schemes = sorted({url[:80] for url in requested if not url.startswith(("http:", "https:", "data:"))})
    assert elsewhere == [], f"requests to other sites: {elsewhere}"
    assert other_schemes == [], f"unexpected requests: {other_schemes}"
    assert len(requested) > len(PUBLIC_PAGES), "the request log stayed empty; the check above proves nothing"
