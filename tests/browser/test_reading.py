"""Reading an article: what the reader sees at the top, moving around by keyboard, and a small phone screen."""

import re

import pytest
from browser_support import ARTICLE_PATH, tab_to
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_article_shows_title_key_points_author_review_and_views(page, site, article):
    from rugwijs.core.numbers import dutch_thousands

    # The beacon counts this visit and the page shows the fresh total at once.
    views = dutch_thousands(article.view_count + 1)
    page.goto(site + ARTICLE_PATH)

    expect(page.get_by_role("heading", level=1)).to_have_text("Stress en rugpijn")
    key_points = page.get_by_role("region", name="In het kort")
    expect(key_points.get_by_role("heading", name="In het kort")).to_be_visible()
    expect(key_points.get_by_role("listitem").first).to_be_visible()
    byline = page.locator(".author-box")
    expect(byline).to_contain_text("Geschreven door Mila Voorbeeld")
    expect(byline.get_by_role("link", name="Mila Voorbeeld")).to_be_visible()
    facts = page.locator(".article__facts")
    expect(facts).to_contain_text("Medisch gecontroleerd door Joris Proefmans")
    expect(facts).to_contain_text(f"{views} x bekeken")


def test_table_of_contents_link_followed_by_keyboard_moves_focus_to_the_section(page, site):
    page.goto(site + ARTICLE_PATH)
    toc_link = page.locator("nav.toc").get_by_role("link", name="De vicieuze cirkel", exact=True)
    heading = page.locator("h2#vicieuze-cirkel")

    tab_to(page, toc_link)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"#vicieuze-cirkel$"))
    expect(heading).to_have_text("De vicieuze cirkel")
    expect(heading).to_be_in_viewport()
    expect(heading).to_be_focused()
    # The next Tab continues inside that section rather than back at the table of contents.
    page.keyboard.press("Tab")
    assert heading.evaluate(
        "h => h.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING"
    ), "after following the link, Tab went back up the page instead of on from the section"


def test_phone_screen_has_no_sideways_scrolling_and_a_folded_contents_list(new_context, site):
    page = new_context(viewport={"width": 320, "height": 800}).new_page()
    page.goto(site + ARTICLE_PATH, wait_until="load")

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    too_wide = page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
            .slice(0, 8)
            .map(el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "")
                        + " right=" + Math.round(el.getBoundingClientRect().right))"""
    )
    assert scroll_width <= 320, (
        f"the page scrolls sideways at 320 px (scrollWidth {scroll_width}); too wide: {too_wide}"
    )

    contents = page.locator("details[data-toc]")
    first_link = contents.get_by_role("link").first
    assert contents.evaluate("details => details.open") is False, "the contents list should start folded on a phone"
    expect(first_link).to_be_hidden()

    tab_to(page, contents.locator("summary"))
    page.keyboard.press("Enter")

    assert contents.evaluate("details => details.open") is True, "Enter on the summary did not open the contents"
    expect(first_link).to_be_visible()
