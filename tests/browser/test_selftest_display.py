"""What a reader of a self-test sees, checked on screen: the stepper's buttons, the early stop on a
'spoed' answer, the form without JavaScript, and the result page, at desktop and phone width."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from test_accessibility import WCAG_TAGS, describe

pytestmark = pytest.mark.browser

ALARMS_PATH = "/zelftests/alarmsignalen/"
RECOVERY_PATH = "/zelftests/herstelkansen/"
SPOED_ADVICE = "Bel nu je huisarts of de huisartsenpost."
ALARMS_FILE = Path(__file__).parents[2] / "rugwijs/demo/content/selftests/alarmsignalen.json"
TOTAL = len(json.loads(ALARMS_FILE.read_text(encoding="utf-8"))["questions"])
WIDTHS = pytest.mark.parametrize("width", [1280, 320], ids=["1280px", "320px"])

# Every word of a text node whose boxes lie on more than one line: a word broken in the middle.
BROKEN_WORDS_JS = """root => {
    const broken = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        for (const match of node.data.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
            if (lines.size > 1) broken.push(match[0]);
        }
    }
    return broken;
}"""


@pytest.fixture
def reader(new_context, width):
    """A reader's page at the test's width, with JavaScript."""
    return new_context(viewport={"width": width, "height": 900}).new_page()


@pytest.fixture
def reader_without_script(new_context, width):
    return new_context(viewport={"width": width, "height": 900}, java_script_enabled=False).new_page()


def current(page):
    return page.locator("fieldset.is-current")


def visible_buttons(page) -> list[str]:
    """The names of the buttons of the test form a reader can see, in order."""
    buttons = page.locator("[data-selftest-form] button")
    return [button.inner_text() for button in buttons.all() if button.is_visible()]


def assert_buttons_fit(page):
    for button in page.locator("[data-selftest-form] button").all():
        if not button.is_visible():
            continue
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"], button.inner_text()
        assert button.evaluate(BROKEN_WORDS_JS) == [], f"a word is broken in {button.inner_text()!r}"


def assert_no_horizontal_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


def answer_and_go_on(page, value="nee"):
    current(page).locator(f'input[value="{value}"]').check()
    page.get_by_role("button", name="Volgende vraag").click()


# The stepper --------------------------------------------------------------------------------------


@WIDTHS
def test_each_question_shows_only_the_buttons_that_make_sense(reader, site, width):
    reader.goto(site + ALARMS_PATH)
    progress = reader.locator("[data-progress-text]")
    expect(progress).to_have_text(f"Vraag 1 van {TOTAL}")
    assert visible_buttons(reader) == ["Volgende vraag"]
    assert_buttons_fit(reader)

    answer_and_go_on(reader)
    expect(progress).to_have_text(f"Vraag 2 van {TOTAL}")
    assert visible_buttons(reader) == ["Vorige vraag", "Volgende vraag"]
    assert_buttons_fit(reader)

    for _ in range(TOTAL - 2):
        answer_and_go_on(reader)
    expect(progress).to_have_text(f"Vraag {TOTAL} van {TOTAL}")
    assert visible_buttons(reader) == ["Vorige vraag", "Toon mijn uitslag"]
    assert_buttons_fit(reader)
    assert_no_horizontal_scroll(reader)

    reader.get_by_role("button", name="Vorige vraag").click()
    expect(progress).to_have_text(f"Vraag {TOTAL - 1} van {TOTAL}")
    assert visible_buttons(reader) == ["Vorige vraag", "Volgende vraag"]


@WIDTHS
def test_without_javascript_every_question_and_one_send_button_show(reader_without_script, site, width):
    page = reader_without_script
    page.goto(site + ALARMS_PATH)
    questions = page.locator("fieldset[data-question]")
    expect(questions).to_have_count(TOTAL)
    assert all(question.is_visible() for question in questions.all())
    assert visible_buttons(page) == ["Toon mijn uitslag"]
    expect(page.get_by_text(SPOED_ADVICE)).to_have_count(0)
    expect(page.locator("[data-progress]")).to_be_hidden()
    assert_buttons_fit(page)
    assert_no_horizontal_scroll(page)


# Early stop ---------------------------------------------------------------------------------------


@WIDTHS
def test_a_spoed_answer_stops_the_test_with_the_urgent_advice_at_once(reader, site, width):
    reader.goto(site + ALARMS_PATH)
    answer_and_go_on(reader)
    current(reader).locator('input[value="ja"]').check()  # numb saddle area: 'spoed'

    advice = reader.get_by_role("alert").get_by_role("heading", name=SPOED_ADVICE)
    expect(advice).to_be_visible()
    expect(advice).to_be_in_viewport()
    expect(reader.get_by_role("alert")).to_contain_text("Krijg je niemand te pakken? Bel 112.")
    assert visible_buttons(reader) == ["Vorige vraag", "Toon mijn uitslag"]
    expect(reader.locator("[data-progress-text]")).to_have_text(f"Vraag 2 van {TOTAL}")  # the rest left unasked
    assert_buttons_fit(reader)
    assert_no_horizontal_scroll(reader)

    current(reader).locator('input[value="nee"]').check()  # changing the answer back resumes the test
    expect(reader.get_by_text(SPOED_ADVICE)).to_have_count(0)
    assert visible_buttons(reader) == ["Vorige vraag", "Volgende vraag"]


def test_a_weaker_alarm_does_not_stop_the_test(page, site):
    page.goto(site + ALARMS_PATH)
    # A weaker leg ('vandaag') and cancer ('binnenkort') must not end the test: a spoed sign may follow.
    for key in ("alarm_krachtverlies", "alarm_kanker"):
        while not current(page).locator(f'input[name="q_{key}"]').count():
            answer_and_go_on(page)
        current(page).locator('input[value="ja"]').check()
        assert visible_buttons(page) == ["Vorige vraag", "Volgende vraag"], key
        expect(page.get_by_text(SPOED_ADVICE)).to_have_count(0)
        page.get_by_role("button", name="Volgende vraag").click()


def test_sending_after_an_early_stop_gives_the_spoed_result(page, site):
    page.goto(site + ALARMS_PATH)
    current(page).locator('input[value="ja"]').check()
    page.get_by_role("button", name="Toon mijn uitslag").click()
    banner = page.locator("[data-urgent]")
    expect(banner.get_by_role("heading", name=SPOED_ADVICE)).to_be_visible(timeout=2_000)


@WIDTHS
def test_without_javascript_a_spoed_answer_gives_the_urgent_advice_on_top(reader_without_script, site, width):
    page = reader_without_script
    page.goto(site + ALARMS_PATH)
    for question in page.locator("fieldset[data-question]").all():
        question.locator('input[value="nee"]').check()
    page.locator('input[name="q_alarm_blaas_darm"][value="ja"]').check()
    page.get_by_role("button", name="Toon mijn uitslag").click()
    heading = page.locator("[data-urgent]").get_by_role("heading", name=SPOED_ADVICE)
    expect(heading).to_be_visible()
    expect(heading).to_be_in_viewport()
    lead = page.locator(".selftest-result .lead")
    assert heading.bounding_box()["y"] < lead.bounding_box()["y"]  # the advice comes before the explanation


# The result page ----------------------------------------------------------------------------------


def recovery_result(page, site):
    """Herstelkansen with four 'ja' answers, one of them in the worries-and-mood part."""
    page.goto(site + RECOVERY_PATH)
    answers = {f"herstel_{number}": "ja" if number in (1, 2, 3, 5) else "nee" for number in range(1, 9)}
    answers["herstel_9"] = "een_beetje"
    for key, value in answers.items():
        page.evaluate(f'document.querySelector(\'input[name="q_{key}"][value="{value}"]\').checked = true')
    page.evaluate("document.querySelector('[data-selftest-form]').submit()")
    expect(page.locator("#scores")).to_be_visible()


@WIDTHS
def test_the_result_shows_each_score_against_its_maximum_once(reader, site, width):
    recovery_result(reader, site)
    scores = reader.locator("section[aria-labelledby=scores]")
    rows = scores.locator("tbody tr")
    expect(rows).to_have_count(2)
    shown = {row.locator("th").inner_text(): row.locator("td").inner_text().strip() for row in rows.all()}
    assert shown == {"Totaal": "4 van 9", "Zorgen en stemming": "1 van 5"}
    snapshot = scores.aria_snapshot()
    for label in shown:
        # One visible label per scale, and one in what a screen reader gets: no chart beside a copy in a table.
        expect(scores.get_by_text(label, exact=True)).to_have_count(1)
        # (a row's own name repeats its cells, so row lines are left out)
        mentions = [line for line in snapshot.splitlines() if label in line and not line.strip().startswith("- row ")]
        assert len(mentions) == 1, snapshot
    expect(scores.get_by_role("img")).to_have_count(0)
    for bar in scores.locator("svg.score-bar").all():
        expect(bar).to_be_visible()
        expect(bar).to_have_attribute("aria-hidden", "true")


@WIDTHS
def test_result_labels_are_readable_and_fit(reader, site, width):
    recovery_result(reader, site)
    scores = reader.locator("section[aria-labelledby=scores]")
    for cell in scores.locator("th, td").all():
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, cell.inner_text()
        size = float(cell.evaluate("element => getComputedStyle(element).fontSize").removesuffix("px"))
        assert size >= 16, f"{cell.inner_text()!r} is {size}px"
        assert cell.evaluate(BROKEN_WORDS_JS) == []
    for heading in reader.locator(".selftest-result h1, .selftest-result h2").all():
        assert heading.evaluate(BROKEN_WORDS_JS) == [], heading.inner_text()
    assert_no_horizontal_scroll(reader)


def test_the_result_reads_as_the_readers_result(page, site):
    recovery_result(page, site)
    expect(page).to_have_title(re.compile(r"^Jouw uitslag: Herstelkansen"))
    expect(page.locator(".selftest-result__test")).to_have_text(re.compile(r"^Jouw uitslag voor “Herstelkansen"))
    expect(page.locator("h1")).to_have_text("Enkele dingen die je herstel kunnen remmen")


@pytest.mark.parametrize("state", ["early-stop", "spoed-result"])
def test_urgent_advice_has_no_wcag_violations(page, site, state):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site + ALARMS_PATH)
    if state == "early-stop":
        current(page).locator('input[value="ja"]').check()
        expect(page.get_by_role("alert")).to_contain_text(SPOED_ADVICE)
    else:
        page.evaluate("document.querySelectorAll('input[value=\"nee\"]').forEach(input => input.checked = true)")
        page.evaluate('document.querySelector(\'input[name="q_alarm_blaas_darm"][value="ja"]\').checked = true')
        page.evaluate("document.querySelector('[data-selftest-form]').submit()")
        expect(page.locator("[data-urgent]")).to_be_visible()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, describe(violations)
