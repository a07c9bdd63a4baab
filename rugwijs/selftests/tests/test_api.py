import json

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rugwijs.selftests.models import SelfTestResultCount

pytestmark = pytest.mark.django_db

PHASE = "/api/selftests/fase-van-rugpijn/"


def post(client, url, body, raw=False):
    return client.post(url, body if raw else json.dumps(body), content_type="application/json")


def test_the_list_names_all_five_tests(client, demo_site):
    items = client.get("/api/selftests/").json()["items"]
    assert {item["slug"] for item in items} == {
        "zenuw-spier-of-gewricht",
        "alarmsignalen",
        "fase-van-rugpijn",
        "stress-check",
        "herstelkansen",
    }
    phase = next(item for item in items if item["slug"] == "fase-van-rugpijn")
    assert phase["url"].endswith("/zelftests/fase-van-rugpijn/") and phase["minutes"] == 1


def test_the_definition_has_keys_types_options_limits_and_branching(client, demo_site):
    data = client.get(PHASE).json()
    weeks, before = data["questions"]
    assert weeks == {
        "key": "duur_weken",
        "text": weeks["text"],
        "help": weeks["help"],
        "type": "number",
        "required": True,
        "min": 0,
        "max": 520,
        "unit": "weken",
        "show_when": None,
    }
    assert [option["key"] for option in before["options"]] == ["ja", "nee"]
    nerve = client.get("/api/selftests/zenuw-spier-of-gewricht/").json()
    body_map = next(q for q in nerve["questions"] if q["key"] == "pijn_plek")
    assert body_map["type"] == "body_map"
    assert [o["key"] for o in body_map["options"]] == ["onderrug", "bil", "bovenbeen", "onderbeen_voet"]


def test_a_result_has_the_documented_shape(client, demo_site):
    response = post(client, PHASE + "result/", {"answers": {"duur_weken": 6, "eerder_gehad": "nee"}})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"result", "scores", "recommendations"}
    assert set(data["result"]) == {"key", "title", "summary", "explanation_html", "urgency"}
    assert data["result"]["key"] == "subacuut" and data["result"]["urgency"] == "geen"
    assert data["scores"] == {"weken": 6}
    assert all(set(item) == {"title", "url"} for item in data["recommendations"])
    assert data["recommendations"]


def test_a_spoed_answer_gives_the_spoed_result(client, demo_site):
    answers = {
        "alarm_blaas_darm": "nee",
        "alarm_rijbroek": "ja",
        "alarm_seksueel": "nee",
        "alarm_beide_benen": "nee",
        "alarm_binnenkort": ["geen_van_deze"],
        "alarm_krachtverlies": "nee",
        "alarm_ongeval": "nee",
        "alarm_koorts": "nee",
        "pijn_plek": ["onderrug"],
        "been_vs_rug": "geen_beenpijn",
        "tintelingen": "nee",
        "hoesten_niezen": "nee",
        "pijn_soort": "stijf_gespannen",
        "drukpijn": "ja",
        "na_inspanning": "ja",
    }
    data = post(client, "/api/selftests/zenuw-spier-of-gewricht/result/", {"answers": answers}).json()
    assert (data["result"]["key"], data["result"]["urgency"]) == ("spoed", "spoed")


NERVE_RESULT = "/api/selftests/zenuw-spier-of-gewricht/result/"


@pytest.mark.parametrize(
    "answers",
    [{"alarm_blaas_darm": "ja"}, {"alarm_blaas_darm": "nee", "alarm_rijbroek": "nee", "alarm_seksueel": "ja"}],
    ids=["first-question", "third-question"],
)
def test_a_spoed_answer_stops_early_with_later_questions_unanswered(client, demo_site, answers):
    response = post(client, NERVE_RESULT, {"answers": answers})
    assert response.status_code == 200
    assert (response.json()["result"]["key"], response.json()["result"]["urgency"]) == ("spoed", "spoed")
    assert SelfTestResultCount.objects.get().result == "spoed"


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"alarm_krachtverlies": "ja"}, "pijn_plek"),
        ({"alarm_blaas_darm": "ja", "alarm_koorts": "misschien"}, "alarm_koorts"),
        ({"alarm_blaas_darm": "ja", "pijn_plek": "onderrug"}, "pijn_plek"),
        ({"alarm_blaas_darm": "ja", "onbekend": "ja"}, "onbekend"),
    ],
    ids=["vandaag-does-not-stop", "junk-after-spoed", "wrong-type-after-spoed", "unknown-key-after-spoed"],
)
def test_partial_answers_without_spoed_or_with_junk_are_a_400(client, demo_site, answers, field):
    response = post(client, NERVE_RESULT, {"answers": answers})
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not SelfTestResultCount.objects.exists()


def test_options_say_which_alarm_they_raise(client, demo_site):
    questions = {q["key"]: q for q in client.get("/api/selftests/alarmsignalen/").json()["questions"]}
    assert questions["alarm_rijbroek"]["options"] == [
        {"key": "ja", "label": "Ja", "alarm": "spoed"},
        {"key": "nee", "label": "Nee"},
    ]
    assert questions["alarm_koorts"]["options"][0]["alarm"] == "vandaag"
    assert questions["alarm_infectie"]["options"][0]["alarm"] == "binnenkort"
    assert "alarm" not in questions["alarm_ontsteking"]["options"][0]


@pytest.mark.parametrize(
    ("key", "expected"),
    [("alarm_koorts", ("vandaag", "vandaag")), ("alarm_ontsteking", ("huisarts", "afspraak"))],
    ids=["vandaag", "afspraak"],
)
def test_the_api_returns_the_new_urgency_levels(client, demo_site, key, expected):
    questions = client.get("/api/selftests/alarmsignalen/").json()["questions"]
    answers = {question["key"]: "nee" for question in questions} | {key: "ja"}
    result = post(client, "/api/selftests/alarmsignalen/result/", {"answers": answers}).json()["result"]
    assert (result["key"], result["urgency"]) == expected


@pytest.mark.parametrize(
    ("body", "raw", "field"),
    [
        ("{not json", True, "_body"),
        ("", True, "_body"),
        ([], False, "_body"),
        ({"antwoorden": {}}, False, "_body"),
        ({"answers": []}, False, "_body"),
        ({"answers": {"eerder_gehad": "nee"}}, False, "duur_weken"),
        ({"answers": {"duur_weken": 5, "eerder_gehad": "nee", "extra": 1}}, False, "extra"),
        ({"answers": {"duur_weken": "vijf", "eerder_gehad": "nee"}}, False, "duur_weken"),
        ({"answers": {"duur_weken": 600, "eerder_gehad": "nee"}}, False, "duur_weken"),
        ({"answers": {"duur_weken": -1, "eerder_gehad": "nee"}}, False, "duur_weken"),
        ({"answers": {"duur_weken": 5, "eerder_gehad": "misschien"}}, False, "eerder_gehad"),
        ({"answers": {"duur_weken": 5, "eerder_gehad": ["ja"]}}, False, "eerder_gehad"),
    ],
    ids=[
        "malformed",
        "empty-body",
        "not-an-object",
        "no-answers-key",
        "answers-not-object",
        "missing-required",
        "unknown-key",
        "wrong-type",
        "above-max",
        "below-min",
        "unknown-option",
        "list-for-single",
    ],
)
def test_bad_requests_get_400_with_errors_per_key(client, demo_site, body, raw, field):
    before = SelfTestResultCount.objects.count()
    response = post(client, PHASE + "result/", body, raw=raw)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in errors and errors[field]
    assert SelfTestResultCount.objects.count() == before


def test_unknown_test_is_404(client, demo_site):
    assert client.get("/api/selftests/bestaat-niet/").status_code == 404
    response = post(client, "/api/selftests/bestaat-niet/result/", {"answers": {}})
    assert response.status_code == 404
    assert response.json()["errors"]["_body"]


def test_get_on_the_result_endpoint_is_405(client, demo_site):
    assert client.get(PHASE + "result/").status_code == 405


def test_no_answer_is_written_to_the_database_only_a_count(client, demo_site, django_assert_max_num_queries):
    models = [model for model in apps.get_models() if model._meta.app_label not in {"sessions"}]
    before = {model: model.objects.count() for model in models}
    post(client, PHASE + "result/", {"answers": {"duur_weken": 7, "eerder_gehad": "ja"}})
    after = {model: model.objects.count() for model in models}
    changed = {model.__name__ for model in models if before[model] != after[model]}
    assert changed == {"SelfTestResultCount"}
    count = SelfTestResultCount.objects.get()
    assert (count.result, count.count) == ("subacuut", 1)
    post(client, PHASE + "result/", {"answers": {"duur_weken": 8, "eerder_gehad": "nee"}})
    count.refresh_from_db()
    assert count.count == 2


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
        lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=12), children, max_size=4),
        max_leaves=10,
    )
)
def test_random_bodies_never_give_a_500(client, demo_site, settings, answers):
    settings.RATELIMIT_ENABLE = False
    for slug in ("zenuw-spier-of-gewricht", "stress-check"):
        response = post(client, f"/api/selftests/{slug}/result/", {"answers": answers})
        assert response.status_code in (200, 400)
        data = response.json()
        assert ("result" in data) != ("errors" in data)


def test_floods_get_a_429_in_json(client, demo_site):
    statuses = [post(client, PHASE + "result/", {"answers": {}}).status_code for _ in range(61)]
    assert statuses[-1] == 429
    response = post(client, PHASE + "result/", {"answers": {}})
    assert response.status_code == 429 and response.json()["errors"]["_body"]
