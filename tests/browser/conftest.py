"""Browser tests: a real Chromium (Debian's, never a downloaded one) against pytest-django's live server.

One browser for the whole session, a fresh context (no cookies, no cache) for every test, and the
full demo site loaded into an empty transactional database before each test.
"""

import functools
import os

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, DESKTOP_CHROME, DESKTOP_VIEWPORT, TIMEOUT_MS

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


@pytest.fixture(scope="session")
def _cached_demo_images():
    """The demo's Pillow illustrations are identical every time; draw each once per session, not per test."""
    from rugwijs.demo import images

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(images, "abstract_illustration", functools.cache(images.abstract_illustration))
        patch.setattr(images, "avatar", functools.cache(images.avatar))
        yield


def _restore_wagtail_roots():
    """Recreate what Wagtail's data migrations made: the default locale, the root page and root collection.

    A transactional test ends by emptying every table; the demo loader builds on these three rows.
    """
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    if not Locale.objects.exists():
        Locale.objects.create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def site(transactional_db, live_server, _cached_demo_images):
    """The live server's base URL, serving the full demo site.

    Transactional, so the live server thread sees the demo and the tests see what it stores. The
    database may already hold the demo (the first transactional test of a run) or be empty (any later
    one); either way every test starts from the freshly built demo and nothing a previous test stored.
    """
    from django.core.cache import cache
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from rugwijs.articles.models import ArticlePage
    from rugwijs.demo.loader import DemoLoader

    cache.clear()  # rate limits and Wagtail's cached site roots start fresh, like the database
    if not ArticlePage.objects.filter(slug="stress-en-rugpijn").exists():
        _restore_wagtail_roots()
        # The admin's "used by" index plays no part on the public site; skipping it saves time per test.
        with disable_reference_index_auto_update():
            DemoLoader(log=lambda *args: None).load()
    return live_server.url


@pytest.fixture
def article(site):
    from rugwijs.articles.models import ArticlePage

    return ArticlePage.objects.get(slug="stress-en-rugpijn")
