"""The scoring engine as plain functions: rules, priorities, alarms, branching and answer checks."""

import pytest

from rugwijs.selftests import engine

from .conftest import demo_definition


def definition(**overrides) -> engine.Definition:
    data = {
        "scales": [{"key": "a", "label": "A"}, {"key": "b", "label": "B"}],
        "questions": [
            {
                "key": "q1",
                "type": "single_choice",
                "options": [
                    {"key": "x", "points": {"a": 2}},
                    {"key": "y", "points": {"b": 3}},
                    {"key": "z", "alarm": "binnenkort"},
                ],
            },
            {
                "key": "q2",
                "type": "yes_no",
                "required": False,
                "show_when": {"question": "q1", "options": ["x"]},
                "options": [{"key": "ja", "alarm": "spoed"}, {"key": "nee"}],
            },
            {
                "key": "q3",
                "type": "multiple_choice",
                "required": False,
                "options": [{"key": "m1", "points": {"a": 1}}, {"key": "m2", "points": {"a": 1}}],
            },
        ],
        "point_rules": [],
        "result_rules": [],
        "results": [{"key": k} for k in ["r_a", "r_b", "r_default", "r_spoed", "r_soon"]],
        "default_result": "r_default",
        "spoed_result": "r_spoed",
        "vandaag_result": "",
        "binnenkort_result": "",
    }
    data.update(overrides)
    return engine.Definition.from_dict(data)


def rule(result, *conditions):
    return {"result": result, "conditions": list(conditions)}


@pytest.mark.parametrize(
    ("condition", "answers", "holds"),
    [
        ({"type": "scale_compare", "scale": "a", "op": ">=", "value": 2}, {"q1": "x"}, True),
        ({"type": "scale_compare", "scale": "a", "op": ">=", "value": 3}, {"q1": "x"}, False),
        ({"type": "scale_compare", "scale": "a", "op": "<=", "value": 2}, {"q1": "x"}, True),
        ({"type": "scale_compare", "scale": "b", "op": "=", "value": 3}, {"q1": "y"}, True),
        ({"type": "scale_compare", "scale": "b", "op": ">", "value": 3}, {"q1": "y"}, False),
        ({"type": "scale_compare", "scale": "b", "op": "<", "value": 3}, {"q1": "x"}, True),
        ({"type": "scale_greater", "scale": "b", "other": "a"}, {"q1": "y"}, True),
        ({"type": "scale_greater", "scale": "a", "other": "b"}, {"q1": "y"}, False),
        ({"type": "option_chosen", "question": "q3", "options": ["m2"]}, {"q1": "x", "q3": ["m1", "m2"]}, True),
        ({"type": "option_chosen", "question": "q3", "options": ["m2"]}, {"q1": "x", "q3": ["m1"]}, False),
        ({"type": "option_not_chosen", "question": "q3", "options": ["m2"]}, {"q1": "x", "q3": ["m1"]}, True),
        ({"type": "option_not_chosen", "question": "q3", "options": ["m2"]}, {"q1": "x", "q3": ["m2"]}, False),
    ],
    ids=[
        "ge-true",
        "ge-false",
        "le",
        "eq",
        "gt-false",
        "lt",
        "greater-true",
        "greater-false",
        "chosen-true",
        "chosen-false",
        "not-chosen-true",
        "not-chosen-false",
    ],
)
def test_every_condition_type(condition, answers, holds):
    test = definition(result_rules=[rule("r_a", condition)])
    assert engine.evaluate(test, answers).result == ("r_a" if holds else "r_default")


def test_conditions_in_a_rule_are_combined_with_and():
    both = [
        {"type": "scale_compare", "scale": "a", "op": ">=", "value": 2},
        {"type": "option_chosen", "question": "q3", "options": ["m1"]},
    ]
    test = definition(result_rules=[rule("r_a", *both)])
    assert engine.evaluate(test, {"q1": "x"}).result == "r_default"
    assert engine.evaluate(test, {"q1": "x", "q3": ["m1"]}).result == "r_a"


def test_the_first_rule_that_holds_wins():
    always = {"type": "scale_compare", "scale": "a", "op": ">=", "value": 0}
    test = definition(result_rules=[rule("r_b", always), rule("r_a", always)])
    assert engine.evaluate(test, {"q1": "x"}).result == "r_b"


def test_point_rules_add_points_for_combinations():
    test = definition(
        point_rules=[
            {
                "scale": "b",
                "points": 5,
                "conditions": [
                    {"type": "option_chosen", "question": "q3", "options": ["m1"]},
                    {"type": "option_not_chosen", "question": "q3", "options": ["m2"]},
                ],
            }
        ]
    )
    assert engine.evaluate(test, {"q1": "x", "q3": ["m1"]}).scores["b"] == 5
    assert engine.evaluate(test, {"q1": "x", "q3": ["m1", "m2"]}).scores["b"] == 0


def test_spoed_beats_every_rule_and_binnenkort_adds_a_note_without_its_own_result():
    always = {"type": "scale_compare", "scale": "a", "op": ">=", "value": 0}
    test = definition(result_rules=[rule("r_a", always)])
    assert engine.evaluate(test, {"q1": "x", "q2": "ja"}).result == "r_spoed"
    soon = engine.evaluate(test, {"q1": "z"})
    assert (soon.result, soon.see_gp) == ("r_a", "binnenkort")
    with_result = definition(result_rules=[rule("r_a", always)], binnenkort_result="r_soon")
    assert engine.evaluate(with_result, {"q1": "z"}).result == "r_soon"


def alarms_definition(**overrides) -> engine.Definition:
    """Three yes/no questions, one per alarm level, each with a result of its own, and a required last question."""
    data = {
        "questions": [
            {"key": level, "type": "yes_no", "options": [{"key": "ja", "alarm": level}, {"key": "nee"}]}
            for level in ("binnenkort", "vandaag", "spoed")
        ]
        + [{"key": "last", "type": "yes_no", "options": [{"key": "ja"}, {"key": "nee"}]}],
        "results": [{"key": k} for k in ["r_default", "r_spoed", "r_today", "r_soon"]],
        "default_result": "r_default",
        "spoed_result": "r_spoed",
        "vandaag_result": "r_today",
        "binnenkort_result": "r_soon",
    }
    data.update(overrides)
    return engine.Definition.from_dict(data)


@pytest.mark.parametrize(
    ("yes", "expected"),
    [
        ({"spoed", "vandaag", "binnenkort"}, "r_spoed"),
        ({"spoed", "binnenkort"}, "r_spoed"),
        ({"vandaag", "binnenkort"}, "r_today"),
        ({"binnenkort"}, "r_soon"),
        (set(), "r_default"),
    ],
    ids=["all", "spoed-and-soon", "today-and-soon", "soon", "none"],
)
def test_the_strongest_alarm_gives_its_result(yes, expected):
    answers = {key: "ja" if key in yes else "nee" for key in ("binnenkort", "vandaag", "spoed", "last")}
    outcome = engine.evaluate(alarms_definition(), answers)
    assert outcome.result == expected
    assert outcome.alarm == next((level for level in ("spoed", "vandaag", "binnenkort") if level in yes), "")


def test_a_today_answer_without_its_own_result_is_named_for_the_result_to_advise():
    test = alarms_definition(vandaag_result="", results=[{"key": k} for k in ["r_default", "r_spoed", "r_soon"]])
    outcome = engine.evaluate(test, {"binnenkort": "ja", "vandaag": "ja", "spoed": "nee", "last": "nee"})
    assert (outcome.result, outcome.alarm, outcome.see_gp) == ("r_default", "vandaag", "vandaag")


def test_a_spoed_answer_stops_the_test_early():
    test = alarms_definition()
    answers, errors = engine.check_answers(test, {"spoed": "ja"})
    assert errors == {}
    assert engine.evaluate(test, answers).result == "r_spoed"


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"vandaag": "ja"}, "last"),  # a today-sign does not stop: a later spoed sign could be missed
        ({"binnenkort": "ja"}, "last"),
        ({"spoed": "nee"}, "last"),
        ({"spoed": "ja", "last": "misschien"}, "last"),  # answers given are still checked
        ({"spoed": "ja", "bogus": "ja"}, "bogus"),
    ],
    ids=["vandaag", "binnenkort", "no-alarm", "junk-after-spoed", "unknown-key-after-spoed"],
)
def test_only_spoed_stops_early_and_given_answers_stay_checked(raw, field):
    _answers, errors = engine.check_answers(alarms_definition(), raw)
    assert field in errors


def test_no_early_stop_without_a_spoed_result():
    test = alarms_definition(spoed_result="")
    _answers, errors = engine.check_answers(test, {"spoed": "ja"})
    assert "last" in errors


def test_answers_to_hidden_questions_are_ignored():
    test = definition()
    answers, errors = engine.check_answers(test, {"q1": "y", "q2": "ja"})
    assert errors == {}
    assert "q2" not in answers
    assert engine.evaluate(test, answers).result == "r_default"  # the hidden 'spoed' answer does not count


@pytest.mark.parametrize(
    ("raw", "key", "message"),
    [
        ({}, "q1", "This question needs an answer."),
        ({"q1": "nope"}, "q1", "Unknown option: nope."),
        ({"q1": 3}, "q1", "Give one option key as text."),
        ({"q1": "x", "q3": "m1"}, "q3", "Give a list of option keys."),
        ({"q1": "x", "q3": ["m9"]}, "q3", "Unknown option: m9."),
        ({"q1": "x", "bogus": 1}, "bogus", "There is no question with this key."),
    ],
    ids=["missing", "unknown-option", "wrong-type", "not-a-list", "unknown-in-list", "unknown-key"],
)
def test_bad_answers_get_a_message_per_question(raw, key, message, settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils.translation import override

    with override("en"):
        _answers, errors = engine.check_answers(definition(), raw)
    assert errors[key] == message


@pytest.mark.parametrize("raw", [[], "answers", 3, None], ids=["list", "string", "number", "null"])
def test_answers_must_be_an_object(raw):
    _answers, errors = engine.check_answers(definition(), raw)
    assert list(errors) == ["_body"]


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (0, True),
        (520, True),
        (5.5, True),
        (-1, False),
        (521, False),
        ("6", False),
        (True, False),
        (float("nan"), False),
    ],
    ids=["min", "max", "decimal", "below", "above", "text", "bool", "nan"],
)
def test_number_answers_are_checked(value, ok):
    test = demo_definition("fase-van-rugpijn")
    _answers, errors = engine.check_answers(test, {"duur_weken": value, "eerder_gehad": "nee"})
    assert ("duur_weken" not in errors) is ok


# Checking definitions ---------------------------------------------------------------------------


def messages(test):
    return [problem.message for problem in engine.problems(test)]


def test_the_demo_tests_are_sound(any_demo):
    _slug, test = any_demo
    assert engine.problems(test) == []


@pytest.mark.parametrize(
    ("overrides", "path", "fragment"),
    [
        (
            {"results": [{"key": "r_a"}, {"key": "r_default"}, {"key": "r_spoed"}, {"key": "r_nooit"}]},
            ("results", 3),
            "Result 'r_nooit' can never be given",
        ),
        (
            {"result_rules": [rule("r_a", {"type": "scale_compare", "scale": "zzz", "op": ">=", "value": 1})]},
            ("result_rules", 0, "conditions", 0, "scale"),
            "unknown scale 'zzz'",
        ),
        (
            {"result_rules": [rule("r_a", {"type": "option_chosen", "question": "q3", "options": ["m7"]})]},
            ("result_rules", 0, "conditions", 0, "options"),
            "unknown option(s) m7 of question 'q3'",
        ),
        (
            {"result_rules": [rule("r_a", {"type": "option_chosen", "question": "q9", "options": ["m1"]})]},
            ("result_rules", 0, "conditions", 0, "question"),
            "unknown question 'q9'",
        ),
        ({"result_rules": [rule("r_onbekend")]}, ("result_rules", 0, "result"), "unknown result 'r_onbekend'"),
        ({"scales": [{"key": "a"}, {"key": "a"}, {"key": "b"}]}, ("scales", 1, "key"), "Duplicate scale key 'a'"),
        ({"default_result": ""}, ("default_result",), "Choose the default result"),
        (
            {
                "questions": [
                    {"key": "q1", "type": "yes_no", "options": [{"key": "ja"}, {"key": "nee"}]},
                    {"key": "q1", "type": "yes_no", "options": [{"key": "ja"}, {"key": "nee"}]},
                ]
            },
            ("questions", 1, "key"),
            "Duplicate question key 'q1'",
        ),
        (
            {
                "questions": [
                    {
                        "key": "q1",
                        "type": "yes_no",
                        "show_when": {"question": "q2", "options": ["ja"]},
                        "options": [{"key": "ja"}, {"key": "nee"}],
                    },
                    {"key": "q2", "type": "yes_no", "options": [{"key": "ja"}, {"key": "nee"}]},
                ]
            },
            ("questions", 0, "show_when", "question"),
            "does not come before it",
        ),
        (
            {"questions": [{"key": "q1", "type": "single_choice", "options": [{"key": "x"}, {"key": "x"}]}]},
            ("questions", 0, "options", 1, "key"),
            "Duplicate option key",
        ),
        ({"scales": [{"key": "a"}]}, ("questions", 0, "options", 1, "points", "b"), "points to unknown scale 'b'"),
        (
            {
                "questions": [
                    {"key": "q1", "type": "yes_no", "options": [{"key": "ja"}, {"key": "nee"}]},
                    {"key": "q2", "type": "yes_no", "show_when": {"question": "q1", "options": ["misschien"]}},
                ]
            },
            ("questions", 1, "show_when", "options"),
            "unknown option(s) misschien of question 'q1'",
        ),
        (
            {"point_rules": [{"scale": "zzz", "points": 1, "conditions": []}]},
            ("point_rules", 0, "scale"),
            "adds to unknown scale 'zzz'",
        ),
        (
            {"questions": [{"key": "weken", "type": "number", "min": 10, "max": 5}]},
            ("questions", 0, "min"),
            "the minimum is above the maximum",
        ),
    ],
    ids=[
        "unreachable-result",
        "unknown-scale",
        "unknown-option",
        "unknown-question",
        "unknown-result",
        "duplicate-scale",
        "missing-default",
        "duplicate-question",
        "branch-on-later",
        "duplicate-option",
        "points-to-unknown-scale",
        "branch-on-unknown-option",
        "point-rule-unknown-scale",
        "minimum-above-maximum",
    ],
)
def test_each_problem_in_a_definition_is_named_where_it_is(overrides, path, fragment):
    from django.utils.translation import override

    with override("en"):
        found = engine.problems(definition(**overrides))
    assert [problem.path for problem in found if fragment in problem.message] == [path], found


def test_a_vandaag_alarm_needs_its_own_result():
    from django.utils.translation import override

    test = alarms_definition(vandaag_result="", results=[{"key": k} for k in ["r_default", "r_spoed", "r_soon"]])
    with override("en"):
        found = engine.problems(test)
    assert found == [
        engine.Problem(("vandaag_result",), "Answers can raise a 'vandaag' alarm: choose the vandaag result.")
    ]


def test_an_unknown_alarm_level_is_named():
    from django.utils.translation import override

    questions = [{"key": "q", "type": "yes_no", "options": [{"key": "ja", "alarm": "morgen"}, {"key": "nee"}]}]
    with override("en"):
        found = engine.problems(alarms_definition(questions=questions))
    message = "Question 'q', option 'ja', raises unknown alarm 'morgen'."
    assert engine.Problem(("questions", 0, "options", 0, "alarm"), message) in found


def test_a_spoed_alarm_without_a_spoed_result_is_named_once():
    from django.utils.translation import override

    with override("en"):
        found = engine.problems(definition(spoed_result=""))
    message = "Answers can raise a 'spoed' alarm: choose the spoed result."
    assert found.count(engine.Problem(("spoed_result",), message)) == 1


def test_a_test_larger_than_the_answer_limit_allows_is_refused_with_a_message():
    """The answer endpoints' body limit is sized for MAX_QUESTIONS of MAX_OPTIONS; an editor cannot go past it."""
    options = [{"key": f"o{number}"} for number in range(engine.MAX_OPTIONS + 1)]
    questions = [
        {"key": f"q{number}", "type": "yes_no", "options": [{"key": "ja"}, {"key": "nee"}]}
        for number in range(engine.MAX_QUESTIONS)
    ]
    questions.append({"key": "veel", "type": "multiple_choice", "required": False, "options": options})
    found = {problem.path: problem.message for problem in engine.problems(definition(questions=questions))}
    assert "hoogstens 40 vragen; deze heeft er 41" in found[("questions",)]
    assert "13 antwoordopties; een vraag heeft er hoogstens 12" in found[("questions", engine.MAX_QUESTIONS, "options")]
    at_the_limit = engine.problems(definition(questions=questions[: engine.MAX_QUESTIONS]))
    assert not [problem for problem in at_the_limit if problem.path[0] == "questions"]
