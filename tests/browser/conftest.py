"""Browser tests: a real Chromium (Debian's, never a downloaded one) against pytest-django's live server.

One browser for the whole session, a fresh context (no cookies, no cache) for every test, and the
full demo site loaded into an empty transactional database before each test.
"""

import functools
import os
import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS, DESKTOP_CHROME, DESKTOP_VIEWPORT, TIMEOUT_MS, DutchCopy

# Playwright's sync API keeps an event loop running in the main thread; Django would otherwise
# refuse ORM calls from the tests (and from the demo loader) as "async unsafe".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}; install Debian's chromium package to run browser tests"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}. CI must run the browser tests.", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Make browser contexts like a reader's desktop Chrome; all are closed after the test."""
    contexts = []

    def make(**options):
        settings = {"user_agent": DESKTOP_CHROME, "viewport": DESKTOP_VIEWPORT, "locale": "nl-NL", **options}
        context = browser.new_context(**settings)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def _cached_demo_images():
    """The demo's Pillow illustrations are identical every time; draw each once per session, not per test."""
    from rugwijs.demo import images

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(images, "abstract_illustration", functools.cache(images.abstract_illustration))
        patch.setattr(images, "avatar", functools.cache(images.avatar))
        yield


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback, live_server, _cached_demo_images):
    """The live server's base URL, serving the full demo site.

    Transactional, so the live server thread sees the demo and the tests see what it stores. The
    serialized rollback brings back the rows migrations create (Wagtail's root page, default locale),
    which the flush after every transactional test removes.
    """
    from django.core.cache import cache

    from rugwijs.demo.loader import DemoLoader

    cache.clear()  # rate limits and Wagtail's cached site roots start fresh, like the database
    DemoLoader(log=lambda *args: None).load()
    return live_server.url


@pytest.fixture
def article(site):
    from rugwijs.articles.models import ArticlePage

    return ArticlePage.objects.get(slug="stress-en-rugpijn")


@pytest.fixture
def dutch():
    copy = DutchCopy()
    yield copy
    assert copy.reported or not copy.missing, "a test collected Dutch-copy checks but never called dutch.assert_all()"
