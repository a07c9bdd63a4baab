"""Browser tests: a real Chromium (Debian's, never a downloaded one) against pytest-django's live server.

One browser per test module, a fresh context (no cookies, no cache) for every test, and the
full demo site restored into the transactional database before each test. The demo is built once per
session and kept as a copy of its tables (DatabaseSnapshot): restoring that takes a fraction of a second.
"""

import os

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, DESKTOP_CHROME, DESKTOP_VIEWPORT, TIMEOUT_MS


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}; install Debian's chromium package to run browser tests"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}. CI must run the browser tests.", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in the main thread for as long as the browser
    # lives; Django would otherwise refuse ORM calls from the tests and the demo loader as "async unsafe".
    # Set here rather than on import, and per module rather than per session, so the rest of the suite
    # (in whichever worker process and order it runs) keeps Django's safety check, and servers the
    # other tests start never inherit the variable.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def new_context(browser):
    """Make browser contexts like a reader's desktop Chrome; all are closed after the test."""
    contexts = []

    def make(**options):
        # Reduced motion turns off the site's smooth scrolling, so elements are still when the test acts on them.
        settings = {
            "user_agent": DESKTOP_CHROME,
            "viewport": DESKTOP_VIEWPORT,
            "locale": "nl-NL",
            "reduced_motion": "reduce",
            **options,
        }
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


@pytest.fixture
def site(browser, transactional_db, live_server, demo_snapshot):
    """The live server's base URL, serving the full demo site.

    Transactional, so the live server thread sees the demo and the tests see what it stores. Each test
    starts from the demo exactly as built: the snapshot replaces whatever an earlier transactional test
    left (Django's flush re-creates some rows, such as content types).
    `browser` comes first so that without Chromium the test skips before the demo is built.
    """
    demo_snapshot.restore()
    return live_server.url


@pytest.fixture
def article(site):
    from rugwijs.articles.models import ArticlePage

    return ArticlePage.objects.get(slug="stress-en-rugpijn")
