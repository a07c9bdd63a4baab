"""The strict Content-Security-Policy holds, and the public pages' own scripts work within it."""

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


def test_public_pages_allow_only_their_own_scripts(page, site):
    for name, path in PUBLIC_PAGES.items():
        policy = page.goto(site + path).headers.get("content-security-policy", "")

        assert "script-src 'self'" in policy, f"{name} page, Content-Security-Policy: {policy!r}"
        assert "'unsafe-inline'" not in policy, f"{name} page, Content-Security-Policy: {policy!r}"
        assert "'unsafe-eval'" not in policy, f"{name} page, Content-Security-Policy: {policy!r}"


def test_article_loads_without_console_errors_or_csp_violations(context, site):
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))

    page.goto(site + ARTICLE_PATH, wait_until="networkidle")

    expect(page.locator("details[data-toc] a[aria-current]")).to_have_count(1)  # toc.js ran
    assert errors == [], f"console errors: {errors}"
    assert page.evaluate("window.__cspViolations") == [], "CSP blocked something on the article"
