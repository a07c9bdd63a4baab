"""Taking a self-test: one question at a time by keyboard, the body map, branching, and the result."""

import json

import pytest
from playwright.sync_api import expect
from test_accessibility import WCAG_TAGS, describe

pytestmark = pytest.mark.browser

NERVE_PATH = "/zelftests/zenuw-spier-of-gewricht/"
ALARMS = [
    "alarm_blaas_darm",
    "alarm_rijbroek",
    "alarm_seksueel",
    "alarm_beide_benen",
    "alarm_krachtverlies",
    "alarm_ongeval",
    "alarm_koorts",
]
ANSWERS = {
    **dict.fromkeys(ALARMS, "nee"),
    "alarm_binnenkort": ["geen_van_deze"],
    "pijn_plek": ["onderrug", "onderbeen_voet"],
    "been_vs_rug": "been_erger",
    "tintelingen": "ja",
    "hoesten_niezen": "ja",
    "pijn_soort": "scherp_schietend",
    "drukpijn": "nee",
    "na_inspanning": "nee",
}


def api_result(site, page, answers):
    response = page.request.post(
        f"{site}/api/selftests/zenuw-spier-of-gewricht/result/",
        data=json.dumps({"answers": answers}),
        headers={"Content-Type": "application/json"},
    )
    return response.json()["result"]


def current(page):
    return page.locator("fieldset.is-current")


def test_one_question_at_a_time_by_keyboard_gives_the_same_result_as_the_api(page, site):
    page.goto(site + NERVE_PATH)
    progress = page.locator("[data-progress-text]")
    expect(progress).to_have_text(f"Vraag 1 van {len(ANSWERS)}")
    for key, answer in ANSWERS.items():
        fieldset = current(page)
        expect(fieldset).to_have_attribute("data-question", key)
        if key == "pijn_plek":
            for region in answer:
                target = page.locator(f'[data-region="{region}"]')
                target.focus()
                page.keyboard.press("Space")
                expect(target).to_have_attribute("aria-checked", "true")
            expect(page.locator(".body-map__chosen")).to_contain_text("Onderbeen")
        else:
            for value in answer if isinstance(answer, list) else [answer]:
                radio = fieldset.locator(f'input[value="{value}"]')
                radio.focus()
                page.keyboard.press("Space")
                expect(radio).to_be_checked()
        if key == "na_inspanning":
            break
        if key == "pijn_plek":
            page.get_by_role("button", name="Volgende vraag").press("Enter")
        else:
            page.keyboard.press("Enter")  # Enter in an answer moves on instead of sending the form early
    expect(progress).to_have_text(f"Vraag {len(ANSWERS)} van {len(ANSWERS)}")
    page.get_by_role("button", name="Toon mijn uitslag").click()
    expected = api_result(site, page, ANSWERS)
    expect(page.locator("h1")).to_have_text(expected["title"])
    assert expected["key"] == "zenuw"
    expect(page.locator("[data-print]")).to_be_visible()
    assert "pijn_plek" not in page.url and page.context.cookies() == []


def test_next_refuses_an_unanswered_required_question(page, site):
    page.goto(site + NERVE_PATH)
    page.get_by_role("button", name="Volgende vraag").click()
    expect(current(page).locator("[data-step-error]")).to_have_text("Deze vraag heeft een antwoord nodig.")
    expect(page.locator("[data-progress-text]")).to_have_text(f"Vraag 1 van {len(ANSWERS)}")


def test_without_javascript_the_whole_test_is_one_form(new_context, site):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site + NERVE_PATH)
    expect(page.locator("fieldset[data-question]")).to_have_count(len(ANSWERS))
    # The drawing only works with script; without it the body map is the list of checkboxes.
    expect(page.locator("[data-body-map-figure]")).to_be_hidden()
    expect(page.locator('input[name="q_pijn_plek"][value="onderrug"]')).to_be_visible()
    for key, answer in ANSWERS.items():
        for value in answer if isinstance(answer, list) else [answer]:
            page.locator(f'input[name="q_{key}"][value="{value}"]').check()
    page.get_by_role("button", name="Toon mijn uitslag").click()
    expect(page.locator("h1")).to_have_text(api_result(site, page, ANSWERS)["title"])
    expect(page.locator(".score-table")).to_contain_text("Zenuw")


def test_branching_shows_a_question_only_after_the_answer_it_depends_on(page, site):
    from rugwijs.selftests.importing import page_fields
    from rugwijs.selftests.models import SelfTestIndexPage, SelfTestPage

    data = {
        "slug": "vertakking",
        "title": "Vertakking",
        "intro": "Test.",
        "minutes": 1,
        "scales": [],
        "questions": [
            {
                "key": "been",
                "type": "yes_no",
                "text": "Pijn in je been?",
                "options": [{"key": "ja", "label": "Ja"}, {"key": "nee", "label": "Nee"}],
            },
            {
                "key": "voet",
                "type": "yes_no",
                "text": "Ook in je voet?",
                "show_when": {"question": "been", "options": ["ja"]},
                "options": [{"key": "ja", "label": "Ja"}, {"key": "nee", "label": "Nee"}],
            },
        ],
        "results": [{"key": "klaar", "title": "Klaar", "summary": "Klaar.", "explanation_html": "<p>Klaar.</p>"}],
        "default_result": "klaar",
    }
    test = SelfTestPage(**page_fields(data, {}))
    SelfTestIndexPage.objects.get().add_child(instance=test)
    test.save_revision().publish()

    page.goto(site + test.url)
    expect(page.locator("[data-progress-text]")).to_have_text("Vraag 1 van 1")
    current(page).locator('input[value="ja"]').check()
    expect(page.locator("[data-progress-text]")).to_have_text("Vraag 1 van 2")
    page.get_by_role("button", name="Volgende vraag").click()
    expect(current(page)).to_have_attribute("data-question", "voet")


@pytest.mark.parametrize("with_result", [False, True], ids=["questions", "result"])
def test_self_test_pages_have_no_wcag_violations(page, site, with_result):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site + NERVE_PATH)
    if with_result:
        for key, answer in ANSWERS.items():
            for value in answer if isinstance(answer, list) else [answer]:
                page.evaluate(f'document.querySelector(\'input[name="q_{key}"][value="{value}"]\').checked = true')
        page.evaluate("document.querySelector('[data-selftest-form]').submit()")
        expect(page.locator("#scores")).to_be_visible()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, describe(violations)
