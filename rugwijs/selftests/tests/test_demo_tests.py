"""The five demo tests behave as issue 4 fixes them: boundaries, alarms first, exactly one result."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rugwijs.selftests import engine

from .conftest import DEMO_SLUGS, demo_definition

CAUDA_EQUINA_KEYS = ["alarm_blaas_darm", "alarm_rijbroek", "alarm_seksueel", "alarm_beide_benen"]
TODAY_KEYS = ["alarm_krachtverlies", "alarm_ongeval", "alarm_koorts"]
ALARM_KEYS = CAUDA_EQUINA_KEYS + TODAY_KEYS  # yes/no alarm questions in both alarm tests
SOON_KEYS = [
    "alarm_kanker",
    "alarm_gewichtsverlies",
    "alarm_boven_50_nieuw",
    "alarm_prednison_osteoporose",
    "alarm_nachtpijn",
    "alarm_steeds_erger",
    "alarm_infectie",
]


def result(slug, answers):
    test = demo_definition(slug)
    checked, errors = engine.check_answers(test, answers)
    assert errors == {}, errors
    return engine.evaluate(test, checked)


@pytest.mark.parametrize(
    ("weeks", "expected"),
    [
        (0, "acuut"),
        (5, "acuut"),
        (5.9, "acuut"),
        (6, "subacuut"),
        (11, "subacuut"),
        (11.9, "subacuut"),
        (12, "langdurig"),
        (520, "langdurig"),
    ],
    ids=lambda value: str(value),
)
def test_phase_boundaries(weeks, expected):
    assert result("fase-van-rugpijn", {"duur_weken": weeks, "eerder_gehad": "ja"}).result == expected


def stress_answers(total_raw: list[int]) -> dict:
    return {f"stress_{n}": str(value) for n, value in enumerate(total_raw, start=1)}


def stress_total(values: list[int]) -> int:
    reversed_items = {4, 5, 7, 8}
    return sum(4 - value if n in reversed_items else value for n, value in enumerate(values, start=1))


def values_for_total(total: int) -> list[int]:
    """Answers 0-4 for the ten questions that add up to `total`, using the reversed items last."""
    values, left = [0] * 10, total
    for n in (1, 2, 3, 6, 9, 10):
        values[n - 1] = min(4, left)
        left -= values[n - 1]
    for n in (4, 5, 7, 8):
        points = min(4, left)
        values[n - 1] = 4 - points  # reversed: answering 4 adds nothing
        left -= points
    return values


@pytest.mark.parametrize(
    ("total", "expected"),
    [(0, "laag"), (13, "laag"), (14, "gemiddeld"), (26, "gemiddeld"), (27, "hoog"), (40, "hoog")],
    ids=lambda value: str(value),
)
def test_stress_check_bands(total, expected):
    values = values_for_total(total)
    assert stress_total(values) == total
    outcome = result("stress-check", stress_answers(values))
    assert outcome.scores["totaal"] == total
    assert outcome.result == expected


def test_stress_check_reverses_items_4_5_7_8():
    all_zero = result("stress-check", stress_answers([0] * 10))
    assert all_zero.scores["totaal"] == 16  # the four positive items count 4 - 0 each


def recovery_answers(yes: set[int], bother: str) -> dict:
    answers = {f"herstel_{n}": "ja" if n in yes else "nee" for n in range(1, 9)}
    answers["herstel_9"] = bother
    return answers


@pytest.mark.parametrize(
    ("yes", "bother", "total", "sub", "expected"),
    [
        ({1, 2, 3}, "matig", 3, 0, "laag"),
        ({1, 2, 3, 4}, "matig", 4, 0, "middel"),
        ({1, 2, 5, 6}, "erg", 5, 3, "middel"),
        ({5, 6, 7}, "extreem", 4, 4, "hoog"),
        ({5, 6, 7, 8}, "een_beetje", 4, 4, "hoog"),
        (set(), "helemaal_niet", 0, 0, "laag"),
        (set(range(1, 9)), "extreem", 9, 5, "hoog"),
    ],
    ids=["total-3", "total-4", "sub-3", "sub-4-with-bother", "sub-4-items", "nothing", "everything"],
)
def test_recovery_total_and_subscale(yes, bother, total, sub, expected):
    outcome = result("herstelkansen", recovery_answers(yes, bother))
    assert (outcome.scores["totaal"], outcome.scores["sub"], outcome.result) == (total, sub, expected)


NERVE_BASE = {**dict.fromkeys(ALARM_KEYS, "nee"), "alarm_binnenkort": ["geen_van_deze"]}


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {
                "pijn_plek": ["onderrug", "onderbeen_voet"],
                "been_vs_rug": "been_erger",
                "tintelingen": "ja",
                "hoesten_niezen": "nee",
                "pijn_soort": "dof_zeurend",
                "drukpijn": "nee",
                "na_inspanning": "nee",
            },
            "zenuw",
        ),
        (
            {
                "pijn_plek": ["onderrug", "bil"],
                "been_vs_rug": "rug_erger",
                "tintelingen": "nee",
                "hoesten_niezen": "nee",
                "pijn_soort": "dof_zeurend",
                "drukpijn": "nee",
                "na_inspanning": "nee",
            },
            "gewricht",
        ),
        (
            {
                "pijn_plek": ["onderrug"],
                "been_vs_rug": "geen_beenpijn",
                "tintelingen": "nee",
                "hoesten_niezen": "nee",
                "pijn_soort": "stijf_gespannen",
                "drukpijn": "ja",
                "na_inspanning": "nee",
            },
            "spier",
        ),
        (
            {
                "pijn_plek": ["onderrug"],
                "been_vs_rug": "geen_beenpijn",
                "tintelingen": "nee",
                "hoesten_niezen": "nee",
                "pijn_soort": "scherp_schietend",
                "drukpijn": "nee",
                "na_inspanning": "nee",
            },
            "onduidelijk",
        ),
    ],
    ids=["zenuw", "gewricht", "spier", "onduidelijk"],
)
def test_nerve_muscle_joint_rules(answers, expected):
    assert result("zenuw-spier-of-gewricht", {**NERVE_BASE, **answers}).result == expected


def test_buttock_or_thigh_pain_counts_for_the_joint_only_without_lower_leg_pain():
    base = {
        **NERVE_BASE,
        "been_vs_rug": "even_erg",
        "tintelingen": "nee",
        "hoesten_niezen": "nee",
        "pijn_soort": "stijf_gespannen",
        "drukpijn": "nee",
        "na_inspanning": "nee",
    }
    assert result("zenuw-spier-of-gewricht", {**base, "pijn_plek": ["bil"]}).scores["gewricht"] == 2
    assert result("zenuw-spier-of-gewricht", {**base, "pijn_plek": ["bil", "bovenbeen"]}).scores["gewricht"] == 2
    with_foot = result("zenuw-spier-of-gewricht", {**base, "pijn_plek": ["bil", "onderbeen_voet"]})
    assert (with_foot.scores["gewricht"], with_foot.scores["zenuw"]) == (1, 2)


def test_alarm_check_levels():
    none = dict.fromkeys([*ALARM_KEYS, *SOON_KEYS, "alarm_ontsteking"], "nee")
    assert result("alarmsignalen", none).result == "geen_alarmsignalen"
    assert result("alarmsignalen", {**none, "alarm_nachtpijn": "ja"}).result == "binnenkort"
    assert result("alarmsignalen", {**none, "alarm_nachtpijn": "ja", "alarm_koorts": "ja"}).result == "vandaag"
    both = {**none, "alarm_koorts": "ja", "alarm_seksueel": "ja"}
    assert result("alarmsignalen", both).result == "spoed"


# Property-based: random answer sets -----------------------------------------------------------------


def answer_strategy(question: engine.Question):
    if question.type == engine.NUMBER:
        return st.one_of(
            st.integers(int(question.minimum), int(question.maximum)),
            st.floats(question.minimum, question.maximum, allow_nan=False),
        )
    keys = list(question.option_keys)
    if question.multiple:
        return st.lists(st.sampled_from(keys), unique=True)
    return st.sampled_from(keys)


def answers_strategy(test: engine.Definition):
    return st.fixed_dictionaries({question.key: answer_strategy(question) for question in test.questions})


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_random_valid_answers_always_give_exactly_one_known_result(slug):
    test = demo_definition(slug)

    @settings(max_examples=200, deadline=None)
    @given(answers_strategy(test))
    def check(raw):
        answers, errors = engine.check_answers(test, raw)
        empty_lists = {key for key, value in raw.items() if value == []}
        assert set(errors) <= empty_lists  # a required multiple choice or body map may be left empty
        if errors:
            return
        outcome = engine.evaluate(test, answers)
        assert outcome.result in test.results

    check()


@pytest.mark.parametrize("slug", ["zenuw-spier-of-gewricht", "alarmsignalen"])
def test_any_spoed_answer_beats_every_scoring_outcome(slug):
    test = demo_definition(slug)

    @settings(max_examples=200, deadline=None)
    @given(answers_strategy(test), st.sampled_from(CAUDA_EQUINA_KEYS))
    def check(raw, alarm):
        raw = {**raw, alarm: "ja"}
        answers, errors = engine.check_answers(test, raw)
        assert errors == {}  # a spoed answer makes empty required answers no problem
        assert engine.evaluate(test, answers).result == "spoed"

    check()


JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_random_junk_never_crashes_and_gives_errors_or_one_result(slug):
    test = demo_definition(slug)
    keys = [question.key for question in test.questions] + ["onbekend"]

    @settings(max_examples=200, deadline=None)
    @given(st.one_of(JUNK, st.dictionaries(st.sampled_from(keys), JUNK)))
    def check(raw):
        answers, errors = engine.check_answers(test, raw)
        if not errors:
            assert engine.evaluate(test, answers).result in test.results

    check()
