"""One urgency rule: the levels in order and the standard Dutch advice every text uses."""

import pytest
from django.utils.translation import override

from rugwijs.core import urgency


def test_levels_run_from_most_to_least_urgent():
    assert urgency.LEVELS == ("spoed", "vandaag", "binnenkort", "afspraak", "geen")
    assert urgency.ALARM_LEVELS == ("spoed", "vandaag", "binnenkort")


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        (("geen", "spoed"), "spoed"),
        (("binnenkort", "vandaag"), "vandaag"),
        (("afspraak", "binnenkort"), "binnenkort"),
        (("geen", ""), "geen"),
        (("afspraak", "onbekend"), "afspraak"),
        ((), "geen"),
    ],
    ids=["spoed-wins", "vandaag-over-binnenkort", "binnenkort-over-afspraak", "empty", "unknown", "nothing"],
)
def test_the_most_urgent_level_wins(levels, expected):
    assert urgency.most_urgent(*levels) == expected


@pytest.mark.parametrize(
    ("level", "heading", "in_action"),
    [
        ("spoed", "Bel nu je huisarts of de huisartsenpost.", "Krijg je niemand te pakken? Bel 112."),
        ("vandaag", "Bel vandaag nog je huisarts.", "huisartsenpost"),
        ("binnenkort", "Maak binnen een paar dagen een afspraak bij je huisarts.", "Dat hoeft niet vandaag."),
        ("afspraak", "Maak een gewone afspraak bij je huisarts.", "niet dringend"),
    ],
    ids=["spoed", "vandaag", "binnenkort", "afspraak"],
)
def test_each_level_has_the_canonical_dutch_advice(level, heading, in_action):
    with override("nl"):
        advice = urgency.advice_for(level)
        assert str(advice.heading) == heading
        assert in_action in str(advice.action)


def test_no_advice_without_urgency():
    assert urgency.advice_for("geen") is None
    assert urgency.advice_for("") is None


def test_choices_cover_every_level_in_order():
    assert [value for value, _label in urgency.choices()] == list(urgency.LEVELS)
    assert [value for value, _label in urgency.choices(urgency.ALARM_LEVELS)] == list(urgency.ALARM_LEVELS)
