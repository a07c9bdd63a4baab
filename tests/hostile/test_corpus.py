"""Hostile input against every public endpoint: never a 500, and JSON endpoints answer 4xx in JSON."""

import json
import socket

import pytest
from django.db import connection
from django.test import Client

from rugwijs.courses.models import CoursePage, LessonPage
from rugwijs.selftests.models import SelfTestPage

from .corpus import Req, build

pytestmark = pytest.mark.django_db


def _ids(article) -> dict:
    test = SelfTestPage.objects.live().get(slug="fase-van-rugpijn")
    course = CoursePage.objects.live().get(slug="rugpijn-begrijpen")
    preview = LessonPage.objects.live().descendant_of(course).filter(free_preview=True).first()
    return {
        "article": (article.pk, article.url),
        "selftest": (test.pk, test.url),
        "slug": test.slug,
        "course": (course.pk, course.url),
        "lesson": (preview.pk, preview.url),
    }


def send(client: Client, req: Req):
    extra = {}
    if req.query is not None:
        extra["QUERY_STRING"] = req.query
    kwargs = {"headers": req.headers}
    if req.body is not None:
        kwargs["data"] = req.body
    if req.content_type is not None:
        kwargs["content_type"] = req.content_type
    elif req.body is not None:
        extra["CONTENT_TYPE"] = ""
    return client.generic(req.method, req.path, **kwargs, **extra)


def problems(client, reqs, unavailable: list | None = None) -> list[str]:
    """What went wrong. With `unavailable` (a fault is on), a 503 with Retry-After is a right answer, noted there."""
    found = []
    for req in reqs:
        try:
            response = send(client, req)
        except Exception as error:  # noqa: BLE001 - the test client re-raises what would be a 500
            found.append(f"500 ({type(error).__name__}: {str(error)[:80]}) {req}")
            continue
        status = response.status_code
        if status == 503 and unavailable is not None and int(response.get("Retry-After", 0)) > 0:
            unavailable.append(req)
        elif status >= 500:
            found.append(f"{status} {req}")
        if req.json_endpoint and 400 <= status < 600 and req.method != "HEAD":
            try:
                data = json.loads(response.content)
            except ValueError:
                found.append(f"{status} not JSON {req}")
                continue
            keys = ("message", "detail", "error", "errors")
            if not (isinstance(data, dict) and any(data.get(key) for key in keys)):
                found.append(f"{status} JSON without a message {data!r} {req}")
    return found


def test_the_corpus_is_large(demo_site):
    assert len(build(_ids(demo_site))) >= 500


def test_no_hostile_request_gets_a_500(demo_site, settings):
    settings.RATELIMIT_ENABLE = False  # a 429 would hide what the view does with the input
    settings.ACCOUNT_RATE_LIMITS = False  # allauth's limits, for the account forms
    reqs = build(_ids(demo_site))
    found = problems(Client(raise_request_exception=True), reqs)
    assert not found, f"{len(found)} of {len(reqs)} requests failed:\n" + "\n".join(found)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _valid_writes(ids: dict) -> list[Req]:
    """Requests that would be stored or mailed on a healthy site (the corpus is mostly refused before that)."""
    article_id, _url = ids["article"]
    test_id, _url = ids["selftest"]
    form = "application/x-www-form-urlencoded"
    browser = {"Sec-Fetch-Site": "same-origin", "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0"}
    answers = b"q_duur_weken=3&q_eerder_gehad=ja"
    return [
        Req("POST", f"/engagement/views/{article_id}/", b"", form, browser),
        Req("POST", f"/engagement/helpful/{article_id}/", b"helpful=ja", form, browser),
        Req(
            "POST", f"/engagement/helpful/{article_id}/", b"helpful=ja", form, {**browser, "Accept": "application/json"}
        ),
        Req("POST", f"/zelftest/{test_id}/uitslag/", answers, form, browser),
        Req("POST", f"/zelftest/{test_id}/mail/", answers + b"&email=lezer%40voorbeeld.nl", form, browser),
    ]


@pytest.mark.faults
@pytest.mark.sqlite
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's read-only switch; PostgreSQL: tests/faults")
@pytest.mark.django_db(transaction=True)  # a read-only connection must not sit inside the test's own transaction
def test_no_hostile_request_gets_a_500_while_the_database_is_read_only_and_mail_is_down(demo_site, settings):
    settings.RATELIMIT_ENABLE = False
    settings.ACCOUNT_RATE_LIMITS = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 0.5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    ids = _ids(demo_site)
    client = Client(raise_request_exception=True)
    for url in ("/", ids["article"][1], ids["selftest"][1]):  # image renditions are stored on first view
        client.get(url)
    reqs = [req for req in build(ids) if req.method not in ("GET", "HEAD")] + _valid_writes(ids)
    unavailable = []
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = ON")
    try:
        found = problems(client, reqs, unavailable)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")
    assert not found, f"{len(found)} of {len(reqs)} requests failed:\n" + "\n".join(found)
    # The valid vote, view and mail (and nothing that was refused anyway) met the fault.
    assert len(unavailable) >= 4, [str(req) for req in unavailable]
