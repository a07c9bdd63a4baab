"""What a finished test shows: the result, each score against its maximum, and the recommendations."""

from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rugwijs.core.counters import increment

from . import engine
from .models import SelfTestPage, SelfTestResultCount
from .scales import maximum_scores


@dataclass(frozen=True)
class Advice:
    """What a reader should do, for one urgency level: a heading and a few short paragraphs."""

    heading: str
    paragraphs: tuple[str, ...]


# The standard advice per urgency level, in the words every page uses (issue 7). A stand-in until
# rugwijs/core/urgency.py (clinical branch) is merged: then this reads the advice from there.
ADVICE = {
    "spoed": Advice(
        _("Call your GP or the huisartsenpost now."),
        (
            _("Can't reach anyone? Call 112."),
            _("One of your answers is a sign that a doctor must look at your back at once."),
            _("Do not wait to see whether it passes."),
        ),
    ),
    "vandaag": Advice(
        _("Call your GP today."),
        (
            _("One of your answers is a sign that a doctor should look at your back today."),
            _("In the evening, at night or at the weekend, call the huisartsenpost."),
        ),
    ),
    "binnenkort": Advice(
        _("Make an appointment with your GP within a few days."),
        (_("One of your answers is a sign that a doctor should look at your back soon."),),
    ),
    "afspraak": Advice(
        _("Make an appointment with your GP."),
        (_("It is not urgent, but your GP can check where your complaints come from."),),
    ),
}


def advice_for(level: str) -> Advice | None:
    """The advice for an urgency level; None for 'geen' and for no level at all."""
    return ADVICE.get(level)


@dataclass
class ShownOutcome:
    page: SelfTestPage
    outcome: engine.Outcome
    result: dict

    @property
    def urgency(self) -> str:
        if self.outcome.see_gp_soon and self.result["urgency"] == engine.GEEN:
            return engine.BINNENKORT
        return self.result["urgency"]

    @property
    def advice(self) -> Advice | None:
        return advice_for(self.urgency)

    @cached_property
    def recommendations(self) -> list:
        return [page for page in self.result["recommended"] if page and page.live]

    @cached_property
    def bars(self) -> list[dict]:
        """Each scale with its score, its maximum and how full its bar is (0-100), for the score table."""
        labels = self.page.scale_labels
        tops = maximum_scores(self.page.definition)
        bars = []
        for key, value in self.outcome.scores.items():
            top = tops.get(key)
            bars.append(
                {
                    "key": key,
                    "label": labels.get(key, key),
                    "value": _plain(value),
                    "maximum": _plain(top) if top else None,
                    "percent": round(100 * min(max(value, 0), top) / top) if top else None,
                }
            )
        return bars


def _plain(value: float):
    return int(value) if float(value).is_integer() else round(value, 1)


def outcome_for(page: SelfTestPage, answers: dict) -> ShownOutcome:
    outcome = engine.evaluate(page.definition, answers)
    return ShownOutcome(page, outcome, page.result(outcome.result))


def count(page: SelfTestPage, result_key: str) -> None:
    """Keep only how often this result was given today; the answers themselves are never stored."""
    increment(SelfTestResultCount, "count", page=page, result=result_key, day=timezone.localdate())
