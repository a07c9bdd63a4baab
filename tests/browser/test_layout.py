"""What a reader sees of the site's frame: the header and its menu, whole words, the footer, print and 404."""

import pytest
from browser_support import ARTICLE_PATH, tab_to
from playwright.sync_api import expect
from test_accessibility import WCAG_TAGS, describe
from test_selftests import ANSWERS, NERVE_PATH

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 800}
DESKTOP = {"width": 1280, "height": 800}
JS = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
WIDTHS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "320px"])

# Each word of the element's text should sit on one line: a Range over the word gives one box per line it spans.
BROKEN_WORDS_JS = """selector => {
    const broken = [];
    for (const element of document.querySelectorAll(selector)) {
        if (!element.checkVisibility()) continue;
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.data.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (lines.size > 1) broken.push(`${element.tagName} "${element.textContent.trim()}": ${match[0]}`);
            }
        }
    }
    return broken;
}"""
INTERFACE_TEXT = "button, .button, label, legend, summary, h1, h2, h3, h4, h5, h6, th"


def show_self_test_result(page, site):
    """Answer the nerve test in the plain form and send it, as a reader without the stepper would."""
    page.goto(site + NERVE_PATH)
    for key, answer in ANSWERS.items():
        for value in answer if isinstance(answer, list) else [answer]:
            page.evaluate(f'document.querySelector(\'input[name="q_{key}"][value="{value}"]\').checked = true')
    page.evaluate("document.querySelector('[data-selftest-form]').submit()")
    expect(page.locator("#scores")).to_be_visible()


def statement_pages():
    """The privacy, accessibility and colophon pages linked from the footer, as the demo has them.

    Made here when the demo content does not hold them yet, then linked by the demo loader.
    """
    from wagtail.models import Page

    from rugwijs.core.models import StandardPage
    from rugwijs.demo.loader import DemoLoader
    from rugwijs.home.models import HomePage

    home = HomePage.objects.get()
    titles = {"privacy": "Privacyverklaring", "toegankelijkheid": "Toegankelijkheid", "colofon": "Colofon"}
    for slug, title in titles.items():
        if not Page.objects.child_of(home).filter(slug=slug).exists():
            page = StandardPage(title=title, slug=slug, intro="Uitleg.", show_in_menus=False)
            home.add_child(instance=page)
            page.save_revision().publish()
    DemoLoader().site_settings()
    return {slug: Page.objects.child_of(home).get(slug=slug).title for slug in titles}


# Header and menu -------------------------------------------------------------------------------


@JS
def test_on_a_phone_the_header_is_compact_and_its_menu_opens_by_keyboard(new_context, site, javascript):
    page = new_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    page.goto(site + "/")
    header = page.locator(".site-header")
    nav_links = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link")
    toggle = page.locator(".site-menu summary")

    assert header.bounding_box()["height"] < 100, "the phone header should be one compact row"
    expect(toggle).to_be_visible()
    expect(toggle).to_have_text("Menu")
    expect(nav_links.first).to_be_hidden()

    tab_to(page, toggle)
    page.keyboard.press("Enter")

    expect(nav_links.first).to_be_visible()
    for link in nav_links.all():
        page.keyboard.press("Tab")
        expect(link).to_be_focused()
        expect(link).to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(page.get_by_role("searchbox", name="Zoeken op de website")).to_be_focused()
    if javascript:
        page.keyboard.press("Escape")
        expect(nav_links.first).to_be_hidden()
        expect(toggle).to_be_focused()


@JS
def test_on_a_wide_screen_the_whole_navigation_shows(new_context, site, javascript):
    page = new_context(viewport=DESKTOP, java_script_enabled=javascript).new_page()
    page.goto(site + ARTICLE_PATH)
    nav_links = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link")

    expect(page.locator(".site-menu summary")).to_be_hidden()
    assert nav_links.count() >= 4
    for link in nav_links.all():
        expect(link).to_be_visible()
    expect(page.get_by_role("searchbox", name="Zoeken op de website")).to_be_visible()
    assert page.locator(".site-header").bounding_box()["height"] < 100
    tab_to(page, nav_links.first)


# Whole words -----------------------------------------------------------------------------------


@JS
@WIDTHS
def test_no_button_label_or_heading_breaks_a_word(new_context, site, viewport, javascript):
    page = new_context(viewport=viewport, java_script_enabled=javascript).new_page()
    broken = {}

    def check(name):
        if page.locator(".site-menu summary").is_visible():
            page.locator(".site-menu summary").click()  # the search button in the folded menu counts too
        if found := page.evaluate(BROKEN_WORDS_JS, INTERFACE_TEXT):
            broken[name] = found

    pages = {"home": "/", "article": ARTICLE_PATH, "search": "/zoeken/?q=stress", "self-test": NERVE_PATH}
    for name, path in pages.items():
        page.goto(site + path)
        check(name)
    show_self_test_result(page, site)
    check("result")

    assert not broken, f"words broken across lines: {broken}"


# Footer ----------------------------------------------------------------------------------------


@WIDTHS
def test_the_footer_shows_the_practice_its_statements_and_the_disclaimer(new_context, site, viewport):
    titles = statement_pages()
    page = new_context(viewport=viewport).new_page()
    page.goto(site + ARTICLE_PATH)
    footer = page.locator("footer")

    footer.scroll_into_view_if_needed()
    expect(footer.locator("address")).to_be_visible()
    expect(footer.locator("address")).to_contain_text("Voorbeeldstraat 1")
    expect(footer.get_by_role("link", name="012 345 67 89")).to_have_attribute("href", "tel:0123456789")
    expect(footer.get_by_role("link", name="info@rugwijs.example")).to_have_attribute(
        "href", "mailto:info@rugwijs.example"
    )
    expect(footer.get_by_text("vervangt geen bezoek aan je huisarts")).to_be_visible()
    statements = footer.get_by_role("navigation", name="Over deze website").get_by_role("link")
    expect(statements).to_have_text(list(titles.values()))
    for link in statements.all():
        expect(link).to_be_visible()

    statements.first.click()
    expect(page).to_have_url(f"{site}/privacy/")


# Print -----------------------------------------------------------------------------------------


def test_a_printed_article_shows_site_disclaimer_review_date_and_link_addresses(page, site):
    page.goto(site + ARTICLE_PATH)
    page.emulate_media(media="print")

    expect(page.locator(".site-logo")).to_be_visible()
    expect(page.locator(".site-header__address")).to_have_text(f"http://testserver{ARTICLE_PATH}")
    expect(page.locator(".site-menu")).to_be_hidden()
    expect(page.locator(".site-footer__disclaimer")).to_be_visible()
    expect(page.locator(".review-note")).to_be_visible()
    expect(page.locator(".review-note")).to_contain_text("2026")
    link = page.locator(".article__body a[href^='/']").first
    href = link.get_attribute("href")
    printed = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert href in printed, f"the printed link shows {printed!r}, not its address {href}"


# Not found -------------------------------------------------------------------------------------


@WIDTHS
def test_the_not_found_page_offers_search_and_topics_without_violations(new_context, site, viewport):
    from axe_playwright_python.sync_playwright import Axe

    page = new_context(viewport=viewport).new_page()
    response = page.goto(site + "/bestaat-niet/")

    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Pagina niet gevonden")
    search = page.get_by_role("main").get_by_role("searchbox", name="Waar ben je naar op zoek?")
    expect(search).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="Hernia")).to_be_visible()

    search.fill("hernia")
    search.press("Enter")
    expect(page).to_have_url(f"{site}/zoeken/?q=hernia")

    page.go_back()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    assert not results.response["violations"], describe(results.response["violations"])


@pytest.mark.parametrize("path", ["/", ARTICLE_PATH], ids=["home", "article"])
def test_the_open_phone_menu_has_no_violations(new_context, site, path):
    from axe_playwright_python.sync_playwright import Axe

    page = new_context(viewport=PHONE).new_page()
    page.goto(site + path)
    page.locator(".site-menu summary").click()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    assert not results.response["violations"], describe(results.response["violations"])
