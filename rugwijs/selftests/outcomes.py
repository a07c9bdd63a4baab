"""What a finished test shows: the result, the scores as a picture and the recommendations."""

from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone

from rugwijs.core.counters import increment
from rugwijs.core.numbers import plain_number

from . import engine
from .models import SelfTestPage, SelfTestResultCount

CHART_BAR_WIDTH = 280  # leaves room for the label on the left and the value on the right


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

    @cached_property
    def recommendations(self) -> list:
        return [page for page in self.result["recommended"] if page and page.live]

    @cached_property
    def bars(self) -> list[dict]:
        """Each scale as a bar scaled to the largest score, for the SVG and its text equivalent."""
        labels = self.page.scale_labels
        scores = self.outcome.scores
        top = max([abs(value) for value in scores.values()] + [1])
        return [
            {
                "key": key,
                "label": labels.get(key, key),
                "value": plain_number(round(value, 1)),
                "width": round(CHART_BAR_WIDTH * max(value, 0) / top),
                "y": index * 36,
            }
            for index, (key, value) in enumerate(scores.items())
        ]

    @property
    def chart_height(self) -> int:
        return max(len(self.outcome.scores) * 36, 36)


def outcome_for(page: SelfTestPage, answers: dict) -> ShownOutcome:
    outcome = engine.evaluate(page.definition, answers)
    return ShownOutcome(page, outcome, page.result(outcome.result))


def count(page: SelfTestPage, result_key: str) -> None:
    """Keep only how often this result was given today; the answers themselves are never stored."""
    increment(SelfTestResultCount, "count", page=page, result=result_key, day=timezone.localdate())
