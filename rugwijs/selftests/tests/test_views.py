"""Taking a self-test in the browser without JavaScript: one form, one result page, nothing stored."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from rugwijs.selftests.models import SelfTestPage, SelfTestResultCount

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_USER_AGENT": "Mozilla/5.0 Chrome/131"}
NERVE_ALARMS_NO = {
    **{
        f"q_{key}": "nee"
        for key in [
            "alarm_blaas_darm",
            "alarm_rijbroek",
            "alarm_seksueel",
            "alarm_beide_benen",
            "alarm_krachtverlies",
            "alarm_ongeval",
            "alarm_koorts",
        ]
    },
    "q_alarm_binnenkort": ["geen_van_deze"],
}
NERVE_ANSWERS = {
    **NERVE_ALARMS_NO,
    "q_pijn_plek": ["onderrug", "onderbeen_voet"],
    "q_been_vs_rug": "been_erger",
    "q_tintelingen": "ja",
    "q_hoesten_niezen": "nee",
    "q_pijn_soort": "dof_zeurend",
    "q_drukpijn": "nee",
    "q_na_inspanning": "nee",
}


def selftest_page(slug):
    return SelfTestPage.objects.get(slug=slug)


def submit(client, slug, data):
    return client.post(f"/zelftest/{selftest_page(slug).pk}/uitslag/", data, **BROWSER)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_test_is_one_accessible_form_without_cookies(client, demo_site):
    response = client.get(selftest_page("zenuw-spier-of-gewricht").url)
    assert response.status_code == 200 and not response.cookies
    page = soup(response)
    fieldsets = page.select("form fieldset[data-question]")
    assert len(fieldsets) == 15
    assert all(fieldset.legend.get_text(strip=True) for fieldset in fieldsets)
    body_map = page.select_one('[data-question="pijn_plek"]')
    assert [box["value"] for box in body_map.select("input[type=checkbox]")] == [
        "onderrug",
        "bil",
        "bovenbeen",
        "onderbeen_voet",
    ]
    assert body_map.select_one("svg[hidden]") is not None  # shown by script only
    assert page.select_one("form[data-selftest-form]")["method"] == "post"


def test_a_result_page_explains_scores_and_sets_no_cookie(client, demo_site):
    response = submit(client, "zenuw-spier-of-gewricht", NERVE_ANSWERS)
    assert response.status_code == 200 and not response.cookies
    page = soup(response)
    assert page.h1.get_text() == selftest_page("zenuw-spier-of-gewricht").result("zenuw")["title"]
    rows = {row.th.get_text(): row.td.get_text(strip=True) for row in page.select(".score-table tbody tr")}
    assert rows == {"Zenuw": "4 van 6", "Gewricht": "2 van 4", "Spier": "0 van 5"}
    assert page.select_one("#geen-diagnose")
    assert page.select(".sources")
    hidden = {(field["name"], field["value"]) for field in page.select(".mail-form input[type=hidden]")}
    assert ("q_pijn_plek", "onderbeen_voet") in hidden and ("q_tintelingen", "ja") in hidden
    assert SelfTestResultCount.objects.get(page=selftest_page("zenuw-spier-of-gewricht")).result == "zenuw"


def test_missing_answers_come_back_with_messages_and_the_answers_kept(client, demo_site):
    data = {**NERVE_ANSWERS}
    del data["q_pijn_soort"]
    response = submit(client, "zenuw-spier-of-gewricht", data)
    assert response.status_code == 400
    page = soup(response)
    summary = page.select_one("[data-error-summary]")
    assert summary and summary.select_one('a[href="#vraag-pijn_soort"]')
    assert page.select_one('[data-question="pijn_soort"] .field-error')
    assert page.select_one('input[name="q_tintelingen"][value="ja"]').has_attr("checked")
    assert page.select_one('input[name="q_pijn_plek"][value="onderbeen_voet"]').has_attr("checked")
    assert not SelfTestResultCount.objects.exists()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("5", "acuut"), ("6", "subacuut"), ("11,5", "subacuut"), ("12", "langdurig")],
    ids=["5", "6", "decimal-comma", "12"],
)
def test_numbers_typed_in_the_form(client, demo_site, typed, expected):
    response = submit(client, "fase-van-rugpijn", {"q_duur_weken": typed, "q_eerder_gehad": "nee"})
    assert response.status_code == 200
    result = selftest_page("fase-van-rugpijn").result(expected)
    assert soup(response).h1.get_text() == result["title"]


@pytest.mark.parametrize("typed", ["veel", "600", "-3"], ids=["text", "too-many", "negative"])
def test_bad_numbers_are_a_400_with_a_message(client, demo_site, typed):
    response = submit(client, "fase-van-rugpijn", {"q_duur_weken": typed, "q_eerder_gehad": "nee"})
    assert response.status_code == 400
    assert soup(response).select_one('[data-question="duur_weken"] .field-error').get_text()


def test_a_spoed_answer_shows_the_urgent_message_first(client, demo_site):
    response = submit(client, "zenuw-spier-of-gewricht", {**NERVE_ANSWERS, "q_alarm_rijbroek": "ja"})
    page = soup(response)
    assert page.h1.get_text() == selftest_page("zenuw-spier-of-gewricht").result("spoed")["title"]
    banner = page.h1.find_next_sibling()
    assert "urgent--spoed" in banner["class"] and banner["role"] == "alert"
    assert banner.h2.get_text() == "Bel nu je huisarts of de huisartsenpost."
    assert "Krijg je niemand te pakken? Bel 112." in banner.get_text()


def test_a_result_without_alarm_shows_no_urgent_advice(client, demo_site):
    page = soup(submit(client, "zenuw-spier-of-gewricht", NERVE_ANSWERS))
    assert page.select("[data-urgent]") == []


@pytest.mark.parametrize("slug", ["zenuw-spier-of-gewricht", "alarmsignalen"])
def test_options_carry_their_alarm_level_in_the_form(client, demo_site, slug):
    test = selftest_page(slug)
    page = soup(client.get(test.url))
    for question in test.definition.questions:
        for option in question.options:
            field = page.select_one(f'input[name="q_{question.key}"][value="{option.key}"]')
            assert field.get("data-alarm") == (option.alarm or None), (question.key, option.key)


def test_the_early_stop_advice_waits_in_a_template_for_script(client, demo_site):
    page = soup(client.get(selftest_page("alarmsignalen").url))
    template = page.select_one("form template[data-early-stop-template]")
    assert "Bel nu je huisarts of de huisartsenpost." in template.decode_contents()
    # Outside the template, a reader without script sees one form with one way to send it.
    buttons = page.select("form[data-selftest-form] button")
    assert [(button["type"], button.get_text()) for button in buttons] == [("submit", "Toon mijn uitslag")]


def test_a_spoed_answer_gives_the_urgent_result_without_the_other_answers(client, demo_site):
    response = submit(client, "zenuw-spier-of-gewricht", {"q_alarm_blaas_darm": "ja"})
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == selftest_page("zenuw-spier-of-gewricht").result("spoed")["title"]
    assert page.select_one(".urgent--spoed[role=alert]")
    assert not page.select(".score-table")  # scores of a half-answered test are not shown
    hidden = {(field["name"], field["value"]) for field in page.select(".mail-form input[type=hidden]")}
    assert hidden == {("q_alarm_blaas_darm", "ja")}  # mailing the result stops early too
    assert SelfTestResultCount.objects.get().result == "spoed"


def test_a_today_answer_does_not_stop_the_test(client, demo_site):
    response = submit(client, "zenuw-spier-of-gewricht", {"q_alarm_krachtverlies": "ja"})
    assert response.status_code == 400
    assert soup(response).select_one('[data-question="pijn_plek"] .field-error')


def test_a_weaker_leg_gets_the_call_today_advice(client, demo_site):
    response = submit(client, "zenuw-spier-of-gewricht", {**NERVE_ANSWERS, "q_alarm_krachtverlies": "ja"})
    page = soup(response)
    banner = page.select_one(".urgent--vandaag[role=alert]")
    assert "Bel vandaag nog je huisarts." in banner.get_text()
    assert page.h1.get_text() == selftest_page("zenuw-spier-of-gewricht").result("vandaag")["title"]


def test_a_history_of_cancer_adds_the_gp_note_to_the_pattern_result(client, demo_site):
    answers = {**NERVE_ANSWERS, "q_alarm_binnenkort": ["kanker"]}
    page = soup(submit(client, "zenuw-spier-of-gewricht", answers))
    assert page.h1.get_text() == selftest_page("zenuw-spier-of-gewricht").result("zenuw")["title"]
    banner = page.select_one(".urgent--binnenkort")
    assert "Maak binnen een paar dagen een afspraak bij je huisarts." in banner.get_text()


def test_other_sites_cannot_post_answers(client, demo_site):
    page = selftest_page("fase-van-rugpijn")
    response = client.post(
        f"/zelftest/{page.pk}/uitslag/", {"q_duur_weken": "3", "q_eerder_gehad": "ja"}, HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert response.status_code == 403


def test_unknown_test_is_a_404(client, demo_site):
    assert client.post("/zelftest/999999/uitslag/", {}, **BROWSER).status_code == 404


def test_mail_me_my_result_sends_once_and_stores_no_address(client, demo_site, django_db_blocker):
    page = selftest_page("fase-van-rugpijn")
    response = client.post(
        f"/zelftest/{page.pk}/mail/",
        {"q_duur_weken": "13", "q_eerder_gehad": "ja", "email": "lezer@voorbeeld.nl"},
        **BROWSER,
    )
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lezer@voorbeeld.nl"]
    assert page.result("langdurig")["title"] in mail.outbox[0].body
    assert "lezer@voorbeeld.nl" not in response.content.decode()
    from django.db import connection

    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            assert "lezer@voorbeeld.nl" not in repr(cursor.fetchall()), table


def test_mail_with_a_bad_address_is_a_400_and_the_result_stays(client, demo_site):
    page = selftest_page("fase-van-rugpijn")
    response = client.post(
        f"/zelftest/{page.pk}/mail/", {"q_duur_weken": "3", "q_eerder_gehad": "ja", "email": "geen-adres"}, **BROWSER
    )
    assert response.status_code == 400
    html = soup(response)
    assert html.select_one("#mail-error").get_text()
    assert html.h1.get_text() == page.result("acuut")["title"]
    assert not mail.outbox


def test_the_overview_lists_the_tests(client, demo_site):
    page = soup(client.get("/zelftests/"))
    assert len(page.select(".test-list h2 a")) == 5
