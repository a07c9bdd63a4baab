"""Hostile input against every public endpoint: never a 500, and JSON endpoints answer 4xx in JSON."""

import json

import pytest
from django.test import Client

from rugwijs.selftests.models import SelfTestPage

from .corpus import Req, build

pytestmark = pytest.mark.django_db


def _ids(article) -> dict:
    test = SelfTestPage.objects.live().get(slug="fase-van-rugpijn")
    return {"article": (article.pk, article.url), "selftest": (test.pk, test.url), "slug": test.slug}


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


def problems(client, reqs) -> list[str]:
    found = []
    for req in reqs:
        try:
            response = send(client, req)
        except Exception as error:  # noqa: BLE001 - the test client re-raises what would be a 500
            found.append(f"500 ({type(error).__name__}: {str(error)[:80]}) {req}")
            continue
        status = response.status_code
        if status >= 500:
            found.append(f"{status} {req}")
        elif req.json_endpoint and 400 <= status < 500 and req.method != "HEAD":
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
    reqs = build(_ids(demo_site))
    found = problems(Client(raise_request_exception=True), reqs)
    assert not found, f"{len(found)} of {len(reqs)} requests failed:\n" + "\n".join(found)
