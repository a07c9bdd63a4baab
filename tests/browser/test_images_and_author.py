"""On a 320 px phone the article's images fit the screen, are phone-sized WebP files, and the author box shows."""

import pytest
from browser_support import ARTICLE_PATH
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}


def test_at_320_px_images_fit_and_the_author_box_is_visible(new_context, site):
    page = new_context(viewport=PHONE).new_page()
    downloaded = []
    page.on(
        "response",
        lambda response: downloaded.append(response.url) if response.request.resource_type == "image" else None,
    )
    page.goto(site + ARTICLE_PATH)

    box = page.locator(".author-box")
    expect(box).to_be_visible()
    expect(box.locator(".author-box__label")).to_have_text("Geschreven door")
    expect(box.get_by_role("link", name="Mila Voorbeeld")).to_be_visible()
    expect(box.locator(".author-box__bio")).to_be_visible()
    assert box.bounding_box()["width"] <= PHONE["width"]

    images = page.locator("main img")
    assert images.count() >= 3
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        expect(image).to_be_visible()
        # A lazy image starts loading once scrolled into view; a broken one never gets a width.
        page.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=image.element_handle())
        bounds = image.bounding_box()
        assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= PHONE["width"], image.evaluate("e => e.outerHTML")
        # The browser picked a WebP candidate no wider than twice what it draws.
        chosen = image.evaluate("e => [e.currentSrc, e.naturalWidth]")
        assert chosen[0].endswith(".webp") and chosen[1] <= 2 * bounds["width"], chosen
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "nothing scrolls sideways"
    assert downloaded and all(url.endswith(".webp") for url in downloaded), downloaded
