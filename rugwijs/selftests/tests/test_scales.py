"""The highest score a scale can reach, so a result can show "6 van 7"."""

import pytest

from rugwijs.selftests import engine
from rugwijs.selftests.scales import maximum_scores

from .conftest import demo_definition

YES_NO = [{"key": "ja", "label": "Ja"}, {"key": "nee", "label": "Nee"}]


def definition(**data) -> engine.Definition:
    return engine.Definition.from_dict({"default_result": "klaar", "results": [{"key": "klaar"}], **data})


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("herstelkansen", {"totaal": 9, "sub": 5}),
        ("stress-check", {"totaal": 40}),
        ("zenuw-spier-of-gewricht", {"zenuw": 6, "gewricht": 4, "spier": 5}),
        ("fase-van-rugpijn", {"weken": None}),
    ],
    ids=["herstelkansen", "stress-check", "zenuw-spier-of-gewricht", "fase-van-rugpijn"],
)
def test_demo_tests(slug, expected):
    assert maximum_scores(demo_definition(slug)) == expected


def test_single_choice_counts_its_best_option_and_multiple_choice_all_positive_ones():
    options = [
        {"key": "a", "points": {"s": 2}},
        {"key": "b", "points": {"s": 3}},
        {"key": "c", "points": {"s": -1}},
    ]
    found = maximum_scores(
        definition(
            scales=[{"key": "s"}],
            questions=[
                {"key": "een", "type": "single_choice", "options": options},
                {"key": "meer", "type": "multiple_choice", "options": options},
            ],
        )
    )
    assert found == {"s": 3 + 5}


def test_reversed_scale_questions_and_point_rules_count_too():
    found = maximum_scores(
        definition(
            scales=[{"key": "s"}],
            questions=[
                {"key": "gewoon", "type": "scale", "max": 4, "scale": "s"},
                {"key": "omgekeerd", "type": "scale", "max": 10, "scale": "s", "reverse": True},
                {"key": "vraag", "type": "yes_no", "options": YES_NO},
            ],
            point_rules=[
                {
                    "scale": "s",
                    "points": 2,
                    "conditions": [{"type": "option_chosen", "question": "vraag", "options": ["ja"]}],
                },
                {"scale": "s", "points": -5, "conditions": []},
            ],
        )
    )
    assert found == {"s": 4 + 10 + 2}


def test_a_scale_without_points_or_fed_by_a_number_has_no_maximum():
    found = maximum_scores(
        definition(
            scales=[{"key": "leeg"}, {"key": "kilo"}],
            questions=[{"key": "gewicht", "type": "number", "scale": "kilo", "max": 300}],
        )
    )
    assert found == {"leeg": None, "kilo": None}
