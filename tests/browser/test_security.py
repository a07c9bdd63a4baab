"""The strict Content-Security-Policy holds, and the public pages' own scripts work within it without errors."""

from urllib.parse import urljoin, urlsplit

import pytest
from browser_support import ARTICLE_PATH, PUBLIC_PAGES
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    const where = `${event.sourceFile}:${event.lineNumber}`;
    window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${where}`);
});
"""


def described(message) -> str:
    where = message.location.get("url", "")
    return f"{message.text} ({where})" if where else message.text


def is_browser_favicon_fetch(message) -> bool:
    # Chromium fetches /favicon.ico once per browser, so its failure lands on whichever test loads the
    # first page. test_the_site_icon_loads checks the icon directly instead.
    return urlsplit(message.location.get("url", "")).path == "/favicon.ico"


def test_public_pages_keep_a_strict_policy_and_run_without_errors_or_violations(context, site):
    context.add_init_script(RECORD_CSP_VIOLATIONS)  # listening before any of the page's own scripts run
    page = context.new_page()
    errors = []

    def record_error(message):
        if message.type == "error" and not is_browser_favicon_fetch(message):
            errors.append(described(message))

    page.on("console", record_error)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))

    for name, path in PUBLIC_PAGES.items():
        policy = page.goto(site + path, wait_until="networkidle").headers.get("content-security-policy", "")

        assert "script-src 'self'" in policy, f"{name} page, Content-Security-Policy: {policy!r}"
        assert "'unsafe-inline'" not in policy, f"{name} page, Content-Security-Policy: {policy!r}"
        assert "'unsafe-eval'" not in policy, f"{name} page, Content-Security-Policy: {policy!r}"
        if path == ARTICLE_PATH:
            expect(page.locator("details[data-toc] a[aria-current]")).to_have_count(1)  # its scripts did run
        assert errors == [], f"console errors on the {name} page: {errors}"
        assert page.evaluate("window.__cspViolations") == [], f"CSP blocked something on the {name} page"


def test_the_site_icon_loads(page, site):
    """Browsers fetch the declared icon, or /favicon.ico when none is declared; a 404 is a console error."""
    page.goto(site + "/")
    declared = page.locator('link[rel~="icon"]')
    icon_url = urljoin(page.url, declared.first.get_attribute("href")) if declared.count() else site + "/favicon.ico"

    status = page.request.get(icon_url).status

    assert status == 200, f"the site icon {icon_url} answers {status}, a console error on every reader's first visit"
