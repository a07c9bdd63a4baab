"""The urgency rule of ../shared/facts/clinical.md holds in every demo self-test, answers and words alike.

Cauda equina signs are 'spoed', today-signs 'vandaag', within-days signs 'binnenkort'; a stronger alarm
always wins; no text tells a reader with a weaker leg to wait, names the questionnaire a test resembles,
or shows a note meant for the practice.
"""

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rugwijs.core import urgency
from rugwijs.demo.loader import CONTENT_DIR
from rugwijs.selftests import engine
from rugwijs.selftests.outcomes import ShownOutcome

from .conftest import DEMO_SLUGS, demo_data, demo_definition
from .test_demo_tests import CAUDA_EQUINA_KEYS, SOON_KEYS, TODAY_KEYS, answers_strategy

ALARM_TESTS = ["zenuw-spier-of-gewricht", "alarmsignalen"]
NERVE_SOON_OPTIONS = [
    "kanker",
    "gewichtsverlies",
    "boven_50_nieuw",
    "prednison_osteoporose",
    "nachtpijn",
    "steeds_erger",
    "infectie",
]
OWN_WORDS = Path("/work/shared/tools/own_words.py")


def shown(slug: str, raw: dict) -> ShownOutcome:
    """What a reader is shown for these answers: the result and its urgency, as the form and API give it."""
    test = demo_definition(slug)
    answers, errors = engine.check_answers(test, raw)
    assert errors == {}, errors
    outcome = engine.evaluate(test, answers)
    result = next(item for item in demo_data(slug)["results"] if item["key"] == outcome.result)
    return ShownOutcome(None, outcome, result)


def no_alarm_answers(slug: str) -> dict:
    """Every question answered without raising an alarm (first option without one)."""
    answers = {}
    for question in demo_definition(slug).questions:
        quiet = next(option.key for option in question.options if not option.alarm)
        answers[question.key] = [quiet] if question.multiple else quiet
    return answers


def alarm_option(slug: str, key: str) -> engine.Option:
    return demo_definition(slug).question(key).option("ja")


# Levels per sign --------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ALARM_TESTS)
@pytest.mark.parametrize("key", CAUDA_EQUINA_KEYS)
def test_every_cauda_equina_sign_is_spoed_and_stops_the_test_at_once(slug, key):
    assert alarm_option(slug, key).alarm == urgency.SPOED
    alone = shown(slug, {key: "ja"})  # nothing else answered: the early stop
    assert (alone.outcome.result, alone.urgency) == (demo_definition(slug).spoed_result, urgency.SPOED)


@pytest.mark.parametrize("slug", ALARM_TESTS)
@pytest.mark.parametrize("key", TODAY_KEYS)
def test_every_today_sign_gives_the_vandaag_advice(slug, key):
    assert alarm_option(slug, key).alarm == urgency.VANDAAG
    reader = shown(slug, {**no_alarm_answers(slug), key: "ja"})
    assert reader.outcome.result == demo_definition(slug).vandaag_result
    assert reader.urgency == urgency.VANDAAG
    assert "Bel vandaag nog je huisarts" in reader.result["title"] + reader.result["summary"]


@pytest.mark.parametrize("key", SOON_KEYS)
def test_every_within_days_sign_of_the_alarm_check_keeps_binnenkort(key):
    assert alarm_option("alarmsignalen", key).alarm == urgency.BINNENKORT
    reader = shown("alarmsignalen", {**no_alarm_answers("alarmsignalen"), key: "ja"})
    assert (reader.outcome.result, reader.urgency) == ("binnenkort", urgency.BINNENKORT)


@pytest.mark.parametrize("option", NERVE_SOON_OPTIONS)
def test_every_within_days_sign_of_the_nerve_test_adds_the_gp_note_to_its_pattern_result(option):
    slug = "zenuw-spier-of-gewricht"
    question = demo_definition(slug).question("alarm_binnenkort")
    assert question.option(option).alarm == urgency.BINNENKORT
    assert question.option("geen_van_deze").alarm == ""
    reader = shown(slug, {**no_alarm_answers(slug), "alarm_binnenkort": [option]})
    assert reader.outcome.result not in {"spoed", "vandaag"}
    assert reader.urgency == urgency.BINNENKORT
    assert reader.advice.heading == urgency.ADVICE[urgency.BINNENKORT].heading


def test_the_alarm_tests_ask_every_sign():
    alarm_check = {question.key for question in demo_definition("alarmsignalen").questions}
    assert {*CAUDA_EQUINA_KEYS, *TODAY_KEYS, *SOON_KEYS, "alarm_ontsteking"} <= alarm_check
    nerve = {question.key for question in demo_definition("zenuw-spier-of-gewricht").questions}
    assert {*CAUDA_EQUINA_KEYS, *TODAY_KEYS, "alarm_binnenkort"} <= nerve
    options = demo_definition("zenuw-spier-of-gewricht").question("alarm_binnenkort").option_keys
    assert set(options) == {*NERVE_SOON_OPTIONS, "geen_van_deze"}


def test_every_alarm_level_in_every_demo_test_has_a_result_with_at_least_that_urgency():
    for slug in DEMO_SLUGS:
        data, test = demo_data(slug), demo_definition(slug)
        urgencies = {item["key"]: item["urgency"] for item in data["results"]}
        raised = {option.alarm for question in test.questions for option in question.options if option.alarm}
        for level in raised - {urgency.BINNENKORT}:
            assert urgencies[test.alarm_result(level)] == level, (slug, level)


# A stronger alarm always wins ---------------------------------------------------------------------


def options_raising(test: engine.Definition, level: str) -> list[tuple[str, str]]:
    return [
        (question.key, option.key)
        for question in test.questions
        for option in question.options
        if option.alarm == level
    ]


def with_answer(raw: dict, test: engine.Definition, question_key: str, option_key: str) -> dict:
    multiple = test.question(question_key).multiple
    return {**raw, question_key: [option_key] if multiple else option_key}


@pytest.mark.parametrize("slug", ALARM_TESTS)
def test_a_spoed_answer_wins_over_any_other_answers(slug):
    test = demo_definition(slug)

    @settings(max_examples=150, deadline=None)
    @given(answers_strategy(test), st.sampled_from(options_raising(test, urgency.SPOED)))
    def check(raw, spoed):
        reader = shown(slug, with_answer(raw, test, *spoed))
        assert (reader.outcome.result, reader.urgency) == ("spoed", urgency.SPOED)

    check()


@pytest.mark.parametrize("slug", ALARM_TESTS)
def test_without_spoed_a_today_answer_wins_over_any_other_answers(slug):
    test = demo_definition(slug)
    spoed = options_raising(test, urgency.SPOED)

    @settings(max_examples=150, deadline=None)
    @given(answers_strategy(test), st.sampled_from(options_raising(test, urgency.VANDAAG)))
    def check(raw, today):
        for question_key, option_key in spoed:  # take every spoed answer back
            answer = raw.get(question_key)
            raw[question_key] = [key for key in answer if key != option_key] if isinstance(answer, list) else "nee"
        raw = with_answer(raw, test, *today)
        answers, errors = engine.check_answers(test, raw)
        if errors:  # an empty required body map or list
            return
        assert engine.evaluate(test, answers).result == "vandaag"

    check()


def test_inflammation_pattern_alone_gives_an_ordinary_gp_appointment():
    reader = shown("alarmsignalen", {**no_alarm_answers("alarmsignalen"), "alarm_ontsteking": "ja"})
    assert (reader.outcome.result, reader.urgency) == ("huisarts", urgency.AFSPRAAK)
    assert reader.advice.heading == urgency.ADVICE[urgency.AFSPRAAK].heading


@pytest.mark.parametrize(
    ("key", "expected"),
    [("alarm_kanker", "binnenkort"), ("alarm_koorts", "vandaag"), ("alarm_rijbroek", "spoed")],
    ids=["binnenkort", "vandaag", "spoed"],
)
def test_inflammation_pattern_never_hides_an_alarm(key, expected):
    raw = {**no_alarm_answers("alarmsignalen"), "alarm_ontsteking": "ja", key: "ja"}
    assert shown("alarmsignalen", raw).outcome.result == expected


# What readers read ---------------------------------------------------------------------------------


def reader_texts(slug: str):
    """(where, text) for everything of a demo test a reader can see, HTML reduced to text."""
    data = demo_data(slug)
    yield "title", data["title"]
    yield "intro", data["intro"]
    yield "sources", data.get("sources_html", "")
    for question in data["questions"]:
        yield question["key"], " ".join([question["text"], question.get("help", "")])
        for option in question.get("options", []):
            yield f"{question['key']}.{option['key']}", option.get("label", "")
        if question.get("min_label"):
            yield question["key"], f"{question['min_label']} {question['max_label']}"
    for result in data["results"]:
        for field in ("title", "summary", "explanation_html", "self_care_html", "who_to_see_html"):
            yield f"{result['key']}.{field}", result.get(field, "")


def plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def blocks(text: str) -> list[str]:
    """Paragraphs and list items, each as plain text."""
    return [plain(part) for part in re.split(r"</p>|</li>|<ul>|<ol>", text) if plain(part).strip()]


FORBIDDEN = ["SBST", "STarT", "Keele", "PSS", "Perceived Stress", "laat de praktijk", "ontstekingsremmend"]


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_no_reader_text_names_a_questionnaire_or_holds_a_practice_note(slug):
    found = [
        (where, word) for where, text in reader_texts(slug) for word in FORBIDDEN if word.lower() in plain(text).lower()
    ]
    assert found == []


@pytest.mark.parametrize("slug", ["herstelkansen", "stress-check"])
def test_reworded_questionnaires_say_they_are_not_validated(slug):
    data = demo_data(slug)
    for where, text in [("intro", data["intro"])] + [(r["key"], r["explanation_html"]) for r in data["results"]]:
        assert "niet gevalideerd" in plain(text) or "niet wetenschappelijk getest" in plain(text), where
    assert "eigen woorden" in data["intro"]


LEG_WEAKNESS = re.compile(r"zwakker|zwakte|minder kracht|krachtverlies|klapvoet|sleept|neerklapt", re.IGNORECASE)


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_no_result_tells_a_reader_with_a_weaker_leg_to_wait(slug):
    """Every paragraph or list item about a weaker leg says to call today (or now), unless the whole
    result already is the call-today or call-now advice."""
    for result in demo_data(slug)["results"]:
        if result["urgency"] in (urgency.SPOED, urgency.VANDAAG):
            continue
        for field in ("summary", "explanation_html", "self_care_html", "who_to_see_html"):
            for block in blocks(result.get(field, "")):
                if LEG_WEAKNESS.search(block):
                    assert "vandaag" in block or "Bel nu" in block, (result["key"], field, block)


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_plain_language_rules(slug):
    for where, text in reader_texts(slug):
        for block in blocks(text):
            for sentence in re.split(r"(?<=[.?!])\s+", block):
                assert len(re.findall(r"\w+", sentence)) <= 40, (where, sentence)
            if "prednison" in block:
                assert "bijnierschorshormoon" in block, (where, block)
            assert "een paar weken" not in block, (where, block)


def test_no_phase_result_says_a_scan_becomes_useful_with_time():
    for where, text in reader_texts("fase-van-rugpijn"):
        assert "6 tot 8 weken" not in plain(text), where


def test_the_muscle_result_says_only_a_hands_on_examination_can_tell():
    spier = next(item for item in demo_data("zenuw-spier-of-gewricht")["results"] if item["key"] == "spier")
    text = plain(spier["summary"] + spier["explanation_html"])
    assert "met de handen onderzoekt" in text
    assert "Wat je antwoorden wel laten zien" in text


@pytest.mark.skipif(not OWN_WORDS.exists(), reason="the own-words checker lives outside the repository")
@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_demo_tests_are_in_our_own_words(slug):
    path = CONTENT_DIR / "selftests" / f"{slug}.json"
    run = subprocess.run([sys.executable, str(OWN_WORDS), str(path)], capture_output=True, text=True, check=False)
    assert run.returncode == 0 and " 0 run(s)" in run.stdout, run.stdout
