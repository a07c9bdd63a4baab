"""Every 429 says when to come back, in the form the caller speaks."""

import json

import pytest
from django.conf import settings
from django.core.cache import caches

from rugwijs.selftests.models import SelfTestPage

pytestmark = pytest.mark.django_db

SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin", "REMOTE_ADDR": "192.0.2.44"}


def flood(send, times):
    return [send() for _ in range(times)]


@pytest.fixture(autouse=True)
def fresh_counts():
    caches[settings.RATELIMIT_USE_CACHE].clear()
    yield
    caches[settings.RATELIMIT_USE_CACHE].clear()


def test_the_self_test_api_says_when_to_try_again(client, demo_site):
    url = "/api/selftests/fase-van-rugpijn/result/"
    body = json.dumps({"answers": {}})
    responses = flood(lambda: client.post(url, body, content_type="application/json", **SAME_SITE), 61)
    assert [r.status_code for r in responses[:60]].count(429) == 0
    refused = responses[-1]
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert refused.json()["errors"]["_body"]


def test_a_vote_script_hears_when_to_try_again(client, demo_site):
    url = f"/engagement/helpful/{demo_site.pk}/"
    responses = flood(lambda: client.post(url, {"helpful": "ja"}, HTTP_ACCEPT="application/json", **SAME_SITE), 21)
    refused = responses[-1]
    assert refused.status_code == 429 and refused["Retry-After"] == "60" and refused.json()["error"]


def test_a_form_gets_a_page_that_says_when_to_try_again(client, demo_site):
    page = SelfTestPage.objects.get(slug="fase-van-rugpijn")
    url = f"/zelftest/{page.pk}/mail/"
    responses = flood(lambda: client.post(url, {"email": "niet-geldig"}, **SAME_SITE), 6)
    refused = responses[-1]
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "text/html" in refused["Content-Type"]


def test_the_rate_limit_clock_stands_still_within_a_test(steady_rate_limit_clock):
    """Counts never restart halfway a test because a clock window ended (the old flaky failure)."""
    import django_ratelimit.core

    assert django_ratelimit.core.time.time() == steady_rate_limit_clock
    assert django_ratelimit.core._get_window("192.0.2.44", 60) == django_ratelimit.core._get_window("192.0.2.44", 60)
