"""View beacons skip the middleware for sessions, users and pages (engagement/middleware.py), and a
reader or attacker can tell no difference: every answer has the status, headers and body it has
through the full chain."""

import pytest
from django.conf import settings
from django.test import Client

from rugwijs.engagement import views
from rugwijs.engagement.view_store import RateLimit

from .conftest import BROWSER

pytestmark = pytest.mark.django_db

SHORTCUT = "rugwijs.engagement.middleware.ViewBeaconMiddleware"

# Status, then the request: method, body, and headers beyond those of a same-origin browser.
CASES = {
    "counted, JSON": (200, "POST", "", {"HTTP_ACCEPT": "application/json"}),
    "a bot": (204, "POST", "", {"HTTP_USER_AGENT": "Googlebot/2.1"}),
    "another site, JSON": (403, "POST", "", {"HTTP_ACCEPT": "application/json", "HTTP_SEC_FETCH_SITE": "cross-site"}),
    "another site, page": (403, "POST", "", {"HTTP_SEC_FETCH_SITE": "cross-site"}),
    "GET": (405, "GET", "", {}),
    "too large a body": (413, "POST", "x" * 5000, {"HTTP_ACCEPT": "application/json"}),
    "an unknown charset": (400, "POST", "a=1", {"CONTENT_TYPE": "text/plain; charset=nonsense"}),
    "over the limit, JSON": (429, "POST", "", {"HTTP_ACCEPT": "application/json"}),
    "over the limit, page": (429, "POST", "", {}),
}


def send(page_path, case, address):
    status, method, body, headers = CASES[case]
    extra = {"REMOTE_ADDR": address, "HTTP_USER_AGENT": BROWSER, "HTTP_SEC_FETCH_SITE": "same-origin", **headers}
    client = Client()
    if method == "GET":
        return client.get(page_path, **extra)
    return client.generic("POST", page_path, body, extra.pop("CONTENT_TYPE", "text/plain"), **extra)


def headers(response) -> dict:
    found = dict(response.headers.items())
    # Through the full chain a rendered page reads the session (for the user), so it varies by cookie;
    # the short chain reads no cookie, so its answers do not.
    found.pop("Vary", None)
    # The two answers are made moments apart: a date may tick over between them (it did on a busy machine).
    if "Expires" in found:
        found["Expires"] = "a date"
    if "Content-Security-Policy" in found:  # django-csp writes its directives in no fixed order
        found["Content-Security-Policy"] = sorted(found["Content-Security-Policy"].split("; "))
    return found


def full_chain_middleware():
    return [entry for entry in settings.MIDDLEWARE if entry != SHORTCUT]


@pytest.mark.parametrize("case", CASES)
def test_a_beacon_gets_the_same_answer_as_through_the_full_middleware(demo_site, case, settings, monkeypatch):
    if case.startswith("over the limit"):
        monkeypatch.setattr(views, "BEACON_RATE_LIMIT", RateLimit(beacons=0, seconds=60))
    path = f"/engagement/views/{demo_site.pk}/"
    short = send(path, case, "192.0.2.31")
    settings.MIDDLEWARE = full_chain_middleware()
    full = send(path, case, "192.0.2.32")

    assert short.status_code == full.status_code == CASES[case][0]
    assert headers(short) == headers(full)
    assert not short.cookies
    if short["Content-Type"] == "application/json":
        assert short.json().keys() == full.json().keys()
    else:
        assert short.content == full.content


def test_a_beacon_never_reaches_sessions_or_users(demo_site, monkeypatch):
    from django.contrib.auth.middleware import AuthenticationMiddleware
    from django.contrib.sessions.middleware import SessionMiddleware

    def refuse(*args, **kwargs):
        raise AssertionError("a view beacon went through the full middleware")

    monkeypatch.setattr(SessionMiddleware, "process_request", refuse)
    monkeypatch.setattr(AuthenticationMiddleware, "process_request", refuse)
    answer = send(f"/engagement/views/{demo_site.pk}/", "counted, JSON", "192.0.2.33")
    assert answer.status_code == 200
    with pytest.raises(AssertionError, match="full middleware"):
        Client().get(demo_site.url)


def test_only_the_beacon_address_takes_the_short_chain(demo_site, monkeypatch):
    from django.contrib.sessions.middleware import SessionMiddleware

    seen = []
    original = SessionMiddleware.process_request
    monkeypatch.setattr(
        SessionMiddleware, "process_request", lambda self, request: seen.append(request.path) or original(self, request)
    )
    for path in (
        f"/engagement/views/{demo_site.pk}/x/",
        f"/engagement/views/{demo_site.pk}",
        f"/engagement/helpful/{demo_site.pk}/",
    ):
        Client().post(path, HTTP_SEC_FETCH_SITE="same-origin")
    assert len(seen) == 3
