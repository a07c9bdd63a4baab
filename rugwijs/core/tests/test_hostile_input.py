"""Each family of hostile input from issue 8, one test each: a 4xx with a message, never a 500.

The broad sweep is tests/hostile/ (the corpus); these name the cases so a failure says which rule broke.
"""

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from rugwijs.selftests.models import SelfTestPage

pytestmark = pytest.mark.django_db

API = "/api/selftests/fase-van-rugpijn/result/"
GOOD = b'{"answers": {"duur_weken": 6, "eerder_gehad": "nee"}}'


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    """A 429 would hide what the view does with the input."""
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def strict():
    return Client(raise_request_exception=True)


@pytest.fixture
def test_id(demo_site):
    return SelfTestPage.objects.live().get(slug="fase-van-rugpijn").pk


def api_post(client, body: bytes, content_type="application/json", **headers):
    return client.generic("POST", API, body, content_type=content_type, headers=headers)


def message_of(response) -> str:
    data = response.json()
    return data.get("message") or data.get("error") or data["errors"]["_body"]


@pytest.mark.parametrize(
    "body",
    [
        b'{"answers": {"duur_weken": 1e999, "eerder_gehad": "nee"}}',
        b'{"answers": {"duur_weken": ' + b"9" * 4301 + b', "eerder_gehad": "nee"}}',
        b'{"answers": ' + b"[" * 5_000 + b"]" * 5_000 + b"}",
        b'{"answers": {"duur_weken": 6, "eerder_gehad": "\xc3\x28"}}',
    ],
    ids=["beyond-float", "4301-digits", "deeply-nested", "invalid-utf8"],
)
def test_unreadable_json_gets_400_with_a_message(strict, demo_site, body):
    response = api_post(strict, body)
    assert response.status_code == 400
    assert all(response.json()["errors"].values())


def test_a_body_that_is_not_json_gets_415(strict, demo_site):
    response = api_post(strict, GOOD, content_type="text/plain")
    assert response.status_code == 415 and "application/json" in message_of(response)


@pytest.mark.parametrize("headers", [{"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}])
def test_a_cross_site_browser_post_is_refused(strict, demo_site, headers):
    response = api_post(strict, GOOD, **headers)
    assert response.status_code == 403 and message_of(response)
    assert api_post(strict, GOOD, **{"Sec-Fetch-Site": "same-origin"}).status_code == 200


def test_a_body_larger_than_needed_gets_413(strict, demo_site, test_id):
    padding = b'"' + b"x" * 70_000 + b'"'
    response = api_post(strict, b'{"answers": {}, "pad": ' + padding + b"}")
    assert response.status_code == 413 and message_of(response)
    form = strict.post(f"/zelftest/{test_id}/uitslag/", {"pad": "x" * 70_000})
    assert form.status_code == 413


@pytest.mark.parametrize("charset", ["\x00", "no-such-charset"])
def test_an_unknown_charset_gets_400(strict, test_id, charset):
    content_type = f"application/x-www-form-urlencoded; charset={charset}"
    response = strict.generic("POST", f"/zelftest/{test_id}/uitslag/", b"duur_weken=6", content_type=content_type)
    assert response.status_code == 400
    assert "tekenset" in response.content.decode()
    assert api_post(strict, GOOD, content_type=f"application/json; charset={charset}").status_code == 400


def test_invalid_utf8_in_a_form_or_a_query_gets_400(strict, test_id):
    form = "application/x-www-form-urlencoded"
    response = strict.generic("POST", f"/zelftest/{test_id}/uitslag/", b"duur_weken=%FF", content_type=form)
    assert response.status_code == 400 and "niet zijn toegestaan" in response.content.decode()
    assert strict.get("/zoeken/", QUERY_STRING="q=%C3%28").status_code == 400
    assert strict.get("/zoeken/", QUERY_STRING="q=rug").status_code == 200


@pytest.mark.parametrize("path", ["/zelftest/{}/uitslag/", "/zelftest/{}/mail/", "/engagement/helpful/{}/"])
def test_a_page_id_beyond_64_bits_is_a_404(strict, demo_site, path):
    response = strict.post(path.format("9" * 20), {"a": "1"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?offset=" + "9" * 20,
        "/api/v2/pages/?limit=" + "9" * 20,
        "/api/v2/pages/?type=articles.ArticlePage&first_published_at=geen-datum",
        "/api/v2/pages/find/?id=abc",
        "/api/v2/pages/find/?html_path=/%00",
        "/api/v2/pages/?child_of=" + "9" * 20,
    ],
)
def test_wagtail_api_query_mistakes_get_400_with_a_message(strict, demo_site, url):
    response = strict.get(url)
    assert response.status_code == 400
    assert response.json()["message"]


def test_the_wagtail_api_still_lists_pages(strict, demo_site):
    response = strict.get("/api/v2/pages/?offset=1&limit=2")
    assert response.status_code == 200 and len(response.json()["items"]) == 2


def test_api_404_and_405_are_json_with_a_message(strict, demo_site):
    assert message_of(strict.get("/api/selftests/<script>/")) and strict.get("/api/v2/pages/x/").status_code == 404
    response = strict.get(API)
    assert response.status_code == 405 and message_of(response) and response["Allow"] == "POST"


def test_self_test_results_are_not_stored_by_caches(strict, test_id):
    api = api_post(strict, GOOD)
    html = strict.post(f"/zelftest/{test_id}/uitslag/", {"q_duur_weken": "6", "q_eerder_gehad": "nee"})
    assert api.status_code == html.status_code == 200
    assert "no-store" in api["Cache-Control"] and "no-store" in html["Cache-Control"]


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
answers = st.dictionaries(
    st.sampled_from(["duur_weken", "eerder_gehad", "x", ""]) | st.text(max_size=8), json_values, max_size=4
)
bodies = st.one_of(
    json_values, st.fixed_dictionaries({"answers": answers}), st.fixed_dictionaries({"answers": json_values})
)


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_any_json_body_gets_a_result_or_400_with_messages(strict, demo_site, body):
    response = api_post(strict, json.dumps(body).encode())
    assert response.status_code in (200, 400)
    data = response.json()
    assert ("result" in data) if response.status_code == 200 else data["errors"]
