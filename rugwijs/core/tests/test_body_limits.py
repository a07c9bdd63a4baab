"""Each public endpoint takes the body it needs and answers a larger one with 413, whatever Content-Length says."""

import io
import json
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.test import Client

from rugwijs.core.http import PUBLIC_BODY_LIMIT
from rugwijs.engagement.forms import comment_token
from rugwijs.engagement.models import COMMENT_MAX_LENGTH, HelpfulnessVote
from rugwijs.engagement.views import BEACON_BODY_LIMIT, COMMENT_BODY_LIMIT, VOTE_BODY_LIMIT
from rugwijs.selftests import engine
from rugwijs.selftests.models import SelfTestPage

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
HEADERS = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_USER_AGENT": "Mozilla/5.0 Chrome/131"}


@dataclass
class Endpoint:
    path: str
    limit: int
    content_type: str
    body: bytes  # a valid request; padded up to the limit
    ok: int  # its status when valid

    def padded(self, size: int) -> bytes:
        if self.content_type == FORM:
            filler = size - len(self.body) - len(b"&pad=")
            return self.body + b"&pad=" + b"x" * filler
        return self.body + b" " * (size - len(self.body))  # JSON allows trailing whitespace


def endpoints(article) -> dict[str, Endpoint]:
    test = SelfTestPage.objects.get(slug="fase-van-rugpijn")
    vote = HelpfulnessVote.objects.create(page=article, day="2026-01-01", helpful=True)
    # The longest comment a reader can write: every character 4 bytes of UTF-8, percent-encoded.
    longest_comment = quote("😀" * COMMENT_MAX_LENGTH)
    comment = f"token={comment_token(vote.pk, True, article.pk)}&comment={longest_comment}".encode()
    answers = b"q_duur_weken=3&q_eerder_gehad=ja"
    return {
        "beacon": Endpoint(f"/engagement/views/{article.pk}/", BEACON_BODY_LIMIT, FORM, b"v=1", 200),
        "vote": Endpoint(f"/engagement/helpful/{article.pk}/", VOTE_BODY_LIMIT, FORM, b"helpful=ja", 303),
        "comment": Endpoint(f"/engagement/helpful/{article.pk}/comment/", COMMENT_BODY_LIMIT, FORM, comment, 303),
        "selftest-form": Endpoint(f"/zelftest/{test.pk}/uitslag/", engine.ANSWERS_BODY_LIMIT, FORM, answers, 200),
        "selftest-mail": Endpoint(
            f"/zelftest/{test.pk}/mail/", engine.ANSWERS_BODY_LIMIT, FORM, answers + b"&email=a%40b.nl", 200
        ),
        "selftest-api": Endpoint(
            "/api/selftests/fase-van-rugpijn/result/",
            engine.ANSWERS_BODY_LIMIT,
            "application/json",
            json.dumps({"answers": {"duur_weken": 3, "eerder_gehad": "ja"}}).encode(),
            200,
        ),
    }


NAMES = ["beacon", "vote", "comment", "selftest-form", "selftest-mail", "selftest-api"]


class CountingStream(io.BytesIO):
    """wsgi.input that remembers how many bytes the site read from it."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.taken = 0

    def read(self, size=-1):
        data = super().read(size)
        self.taken += len(data)
        return data

    def readline(self, size=-1):
        data = super().readline(size)
        self.taken += len(data)
        return data


def send(endpoint: Endpoint, body: bytes, **extra):
    return Client().post(endpoint.path, body, content_type=endpoint.content_type, **HEADERS, **extra)


def test_each_endpoint_needs_less_than_the_default_and_the_comment_fits(demo_site):
    limits = {name: endpoint.limit for name, endpoint in endpoints(demo_site).items()}
    assert limits["beacon"] <= 1024 and limits["vote"] <= 1024
    assert all(limit <= PUBLIC_BODY_LIMIT for limit in limits.values())
    assert len(endpoints(demo_site)["comment"].body) < limits["comment"]


@pytest.mark.parametrize("name", NAMES)
def test_a_body_at_the_limit_is_answered_normally(demo_site, name, settings):
    settings.RATELIMIT_ENABLE = False
    endpoint = endpoints(demo_site)[name]
    response = send(endpoint, endpoint.padded(endpoint.limit))
    assert response.status_code == endpoint.ok, response.content[:300]


@pytest.mark.parametrize("name", NAMES)
def test_one_byte_more_is_a_413_with_a_message(demo_site, name):
    endpoint = endpoints(demo_site)[name]
    response = send(endpoint, endpoint.padded(endpoint.limit + 1))
    assert response.status_code == 413
    text = response.content.decode()
    assert "te groot" in text and f"{endpoint.limit:,}".replace(",", ".") in text
    if name == "selftest-api":
        assert "te groot" in response.json()["errors"]["_body"]


@pytest.mark.parametrize("name", NAMES)
def test_a_content_length_that_lies_low_reads_no_more_than_it_says(demo_site, name):
    endpoint = endpoints(demo_site)[name]
    body = endpoint.padded(endpoint.limit * 4)
    stream = CountingStream(body)
    response = send(endpoint, body, **{"wsgi.input": stream, "CONTENT_LENGTH": str(endpoint.limit)})
    assert response.status_code < 500
    assert stream.taken <= endpoint.limit + 1


@pytest.mark.parametrize("name", NAMES)
def test_a_body_without_content_length_is_not_read(demo_site, name):
    endpoint = endpoints(demo_site)[name]
    body = endpoint.padded(endpoint.limit * 4)
    stream = CountingStream(body)
    response = send(endpoint, body, **{"wsgi.input": stream, "CONTENT_LENGTH": ""})
    assert response.status_code < 500
    assert stream.taken == 0


@pytest.mark.parametrize("name", NAMES)
def test_a_content_length_that_lies_high_is_a_413_before_reading(demo_site, name):
    endpoint = endpoints(demo_site)[name]
    stream = CountingStream(endpoint.body)
    response = send(endpoint, endpoint.body, **{"wsgi.input": stream, "CONTENT_LENGTH": str(endpoint.limit + 1)})
    assert response.status_code == 413
    assert stream.taken == 0


def test_other_public_addresses_keep_the_default_and_the_admin_keeps_djangos(demo_site):
    big = b"x" * (PUBLIC_BODY_LIMIT + 1)
    assert Client().post("/zoeken/", big, content_type=FORM).status_code == 413
    assert Client().post(demo_site.url, big, content_type=FORM).status_code == 413
    assert Client().post("/admin/login/", big, content_type=FORM).status_code != 413


def test_the_largest_test_the_engine_allows_fits_the_answer_limit():
    question_key = "q" * engine.KEY_MAX_LENGTH
    answers = [
        f"q_{question_key}{number:02}"[: 2 + engine.KEY_MAX_LENGTH]
        + "="
        + f"{option:02}".rjust(engine.KEY_MAX_LENGTH, "o")
        for number in range(engine.MAX_QUESTIONS)
        for option in range(engine.MAX_OPTIONS)
    ]
    body = "&".join(answers) + "&email=" + quote("x" * 64 + "@" + "y" * 185 + ".nl")
    assert len(body.encode()) <= engine.ANSWERS_BODY_LIMIT
