"""Security headers on every public page type, graded the way the MDN HTTP Observatory grades them."""

import json
import os
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from rugwijs.core.tests.test_settings import PRODUCTION, _import_settings
from rugwijs.selftests.models import SelfTestPage
from rugwijs.selftests.tests.test_views import BROWSER, NERVE_ANSWERS

pytestmark = pytest.mark.django_db

# A key check --deploy accepts (long, many different characters).
PRODUCTION_ENV = {**PRODUCTION, "SECRET_KEY": "Tq8#vL2!mZ5@pR9$wX4%nB7^cF1&hJ6*kD3(sG0)yE-uA_iO+Wm4Zr8Kp2Nx6"}

# The settings module alone: loading every app would add seconds.
_PRINT_SECURITY_SETTINGS = """
import json
from django.conf import settings
names = [n for n in dir(settings) if n.startswith(("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_"))]
names += ["X_FRAME_OPTIONS", "CONTENT_SECURITY_POLICY", "PERMISSIONS_POLICY_DENIED", "CROSS_ORIGIN_RESOURCE_POLICY"]
print(json.dumps({n: getattr(settings, n) for n in names}))
"""

HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}


@pytest.fixture(scope="module")
def production_security_settings():
    result = _import_settings("production", _PRINT_SECURITY_SETTINGS, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production_client(client, settings, production_security_settings):
    """The test site with production's security settings, reached over HTTPS behind the proxy."""
    for name, value in production_security_settings.items():
        setattr(settings, name, value)
    return client


def test_check_deploy_prints_nothing_with_production_settings():
    environment = {k: v for k, v in os.environ.items() if k not in {*PRODUCTION, "SERVER_EMAIL"}}
    environment.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="rugwijs.settings.production", ENV_FILE="/nonexistent")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], env=environment, capture_output=True, text=True
    )
    output = result.stdout + result.stderr
    # How many checks are silenced depends on the cache (django-ratelimit warns only without Redis).
    clean = re.fullmatch(r"System check identified no issues \(\d+ silenced\)\.", output.strip())
    assert result.returncode == 0 and clean, output


def test_production_sends_hsts_for_subdomains_without_preload(production_security_settings):
    assert production_security_settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production_security_settings["SECURE_HSTS_PRELOAD"] is False
    assert production_security_settings["SECURE_HSTS_SECONDS"] >= 15_768_000


# --- The Observatory's scoring -------------------------------------------------------------------------
# From its documented test list (developer.mozilla.org/en-US/observatory/docs/tests_and_scoring): every
# site starts at 100; bonuses count only when the score without them is 90 or more; 100+ is A+.
# Implemented here (result: points):
#   Content Security Policy: header missing -25; 'unsafe-inline' in script-src (or default-src when there is
#     no script-src) -20; http: sources -20; 'unsafe-eval' -10; 'unsafe-inline' only in style-src 0;
#     no unsafe at all +5; and with default-src 'none' +10.
#   Cookies: none 0; all Secure, session cookies HttpOnly, SameSite set +5; Secure + HttpOnly only 0;
#     SameSite invalid -20; a cookie without Secure -20; session cookie without HttpOnly -30;
#     session cookie without Secure -40.
#   Referrer-Policy: no-referrer, same-origin, strict-origin, strict-origin-when-cross-origin +5; missing 0;
#     unsafe-url or no-referrer-when-downgrade... (unsafe-url, origin, origin-when-cross-origin) -5.
#   Strict-Transport-Security: missing or invalid -20; max-age under six months (15768000) -10; else 0.
#     (The +5 for the browsers' preload list needs the list itself: not verifiable here, not counted.)
#   Subresource Integrity: only same-origin scripts 0; external https scripts without integrity -5;
#     external http scripts -50.
#   X-Content-Type-Options: nosniff 0; missing or anything else -5.
#   X-Frame-Options: CSP frame-ancestors +5; XFO DENY or SAMEORIGIN 0; missing or invalid -20.
#   Cross-Origin-Resource-Policy: same-origin, same-site, cross-origin or missing 0; invalid -5.
#   CORS: Access-Control-Allow-Origin "*" on a page 0 (public); "*" with credentials -50.
# Not implemented: Redirection (needs a plain-http listener; SECURE_SSL_REDIRECT is tested below instead)
# and the preload lists.

PRIVATE_REFERRERS = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
UNSAFE_REFERRERS = {"unsafe-url", "origin", "origin-when-cross-origin"}


def _csp(header):
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), [w.lower() for w in words[1:]])
    return directives


def observatory(response) -> dict[str, int]:
    """The score modifier per test for one response."""
    headers = response.headers
    scores = {}

    csp = _csp(headers.get("Content-Security-Policy", ""))
    scripts = csp.get("script-src", csp.get("default-src", []))
    styles = csp.get("style-src", csp.get("default-src", []))
    if not csp:
        scores["csp"] = -25
    elif "'unsafe-inline'" in scripts:
        scores["csp"] = -20
    elif any(source.startswith("http:") for sources in csp.values() for source in sources):
        scores["csp"] = -20
    elif "'unsafe-eval'" in scripts:
        scores["csp"] = -10
    elif "'unsafe-inline'" in styles:
        scores["csp"] = 0
    else:
        scores["csp"] = 10 if csp.get("default-src") == ["'none'"] else 5

    cookies = list(response.cookies.values())
    if not cookies:
        scores["cookies"] = 0
    else:
        session = [c for c in cookies if not c["expires"] and not c["max-age"]] or cookies
        if any(not c["secure"] for c in session):
            scores["cookies"] = -40
        elif any(not c["httponly"] for c in session):
            scores["cookies"] = -30
        elif any(not c["secure"] for c in cookies):
            scores["cookies"] = -20
        elif any(c["samesite"] and c["samesite"].lower() not in {"strict", "lax", "none"} for c in cookies):
            scores["cookies"] = -20
        else:
            scores["cookies"] = 5 if all(c["samesite"] for c in cookies) else 0

    referrer = [p.strip().lower() for p in headers.get("Referrer-Policy", "").split(",") if p.strip()]
    if not referrer:
        scores["referrer-policy"] = 0
    elif referrer[-1] in PRIVATE_REFERRERS:
        scores["referrer-policy"] = 5
    else:
        scores["referrer-policy"] = -5 if referrer[-1] in UNSAFE_REFERRERS else 0

    hsts = re.search(r"(?:^|;)\s*max-age=\"?(\d+)\"?", headers.get("Strict-Transport-Security", ""), re.I)
    scores["hsts"] = -20 if not hsts else (-10 if int(hsts.group(1)) < 15_768_000 else 0)

    if "html" in headers.get("Content-Type", ""):
        srcs = [s["src"] for s in BeautifulSoup(response.content, "html.parser").select("script[src]")]
        external = [s for s in srcs if re.match(r"^(https?:)?//", s)]
        scores["sri"] = -50 if any(s.startswith("http:") for s in external) else (-5 if external else 0)

    scores["x-content-type-options"] = 0 if headers.get("X-Content-Type-Options", "").lower() == "nosniff" else -5

    if "frame-ancestors" in csp:
        scores["x-frame-options"] = 5
    else:
        valid = headers.get("X-Frame-Options", "").upper() in {"DENY", "SAMEORIGIN"}
        scores["x-frame-options"] = 0 if valid else -20

    corp = headers.get("Cross-Origin-Resource-Policy")
    scores["corp"] = 0 if corp in {None, "same-origin", "same-site", "cross-origin"} else -5

    credentials = headers.get("Access-Control-Allow-Credentials", "").lower() == "true"
    scores["cors"] = -50 if headers.get("Access-Control-Allow-Origin") == "*" and credentials else 0
    return scores


def observatory_grade(scores: dict[str, int]) -> tuple[int, str]:
    penalties = 100 + sum(s for s in scores.values() if s < 0)
    total = penalties + (sum(s for s in scores.values() if s > 0) if penalties >= 90 else 0)
    grades = [(100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"), (50, "C")]
    return total, next((grade for floor, grade in grades if total >= floor), "F")


def _page_responses(client, demo_site):
    selftest = SelfTestPage.objects.get(slug="zenuw-spier-of-gewricht")
    get = {
        "home": "/",
        "topic": demo_site.get_parent().url,
        "article": demo_site.url,
        "person": "/team/mila-voorbeeld/",
        "team": "/team/",
        "self-test index": "/zelftests/",
        "self-test": selftest.url,
        "search": "/zoeken/?q=rugpijn",
        "404": "/bestaat-niet/",
    }
    responses = {name: client.get(url, **HTTPS) for name, url in get.items()}
    responses["self-test result"] = client.post(f"/zelftest/{selftest.pk}/uitslag/", NERVE_ANSWERS, **BROWSER, **HTTPS)
    return responses


def test_every_public_page_type_gets_an_a_plus_from_the_observatory_rules(production_client, demo_site):
    responses = _page_responses(production_client, demo_site)
    statuses = {name: response.status_code for name, response in responses.items()}
    assert statuses == {**dict.fromkeys(responses, 200), "404": 404}
    for name, response in responses.items():
        scores = observatory(response)
        assert observatory_grade(scores) == (115, "A+"), (name, scores)
        assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin", name
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains", name


def test_the_observatory_rules_can_fail_a_weak_policy(production_client, demo_site, settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": ["'self'", "'unsafe-inline'"]}}
    settings.SECURE_HSTS_SECONDS = 0
    response = production_client.get("/", **HTTPS)
    scores = observatory(response)
    assert scores["csp"] == -20 and scores["hsts"] == -20 and scores["x-frame-options"] == 0
    assert observatory_grade(scores) == (60, "C+")


def test_plain_http_is_sent_to_https_on_the_same_host(production_client, demo_site):
    response = production_client.get("/", HTTP_HOST="testserver")
    assert response.status_code == 301 and response["Location"] == "https://testserver/"


@pytest.mark.parametrize("path", ["/", "/bestaat-niet/", "/robots.txt", "/api/selftests/", "/admin/login/"])
def test_every_response_switches_off_browser_features_and_cross_origin_reads(client, demo_site, path):
    response = client.get(path)
    denied = {p.strip() for p in response.headers["Permissions-Policy"].split(",")}
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
        assert f"{feature}=()" in denied
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
