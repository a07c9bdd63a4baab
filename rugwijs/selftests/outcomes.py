"""What a finished test shows: the result, each score against its maximum, and the recommendations."""

import logging
from dataclasses import dataclass
from functools import cached_property

from django.db import DatabaseError
from django.utils import timezone

from rugwijs.core.counters import increment
from rugwijs.core.numbers import plain_number
from rugwijs.core.outages import is_database_unavailable
from rugwijs.core.urgency import Advice, advice_for, most_urgent

from . import engine
from .models import SelfTestPage, SelfTestResultCount
from .scales import maximum_scores

logger = logging.getLogger(__name__)


@dataclass
class ShownOutcome:
    page: SelfTestPage
    outcome: engine.Outcome
    result: dict

    @property
    def urgency(self) -> str:
        """The result's own urgency, raised to the strongest alarm answer, so no alarm is ever played down.

        This also gives the GP note for an alarm the test has no result of its own for.
        """
        return most_urgent(self.result["urgency"], self.outcome.alarm)

    @property
    def advice(self) -> Advice | None:
        """The standard GP advice for this urgency, shown above the result."""
        return advice_for(self.urgency)

    @cached_property
    def recommendations(self) -> list:
        return [page for page in self.result["recommended"] if page and page.live]

    @cached_property
    def bars(self) -> list[dict]:
        """Each scale with its score, its maximum and how full its bar is (0-100), for the score table.

        Empty for a result given because of an alarm: the scores did not decide it.
        """
        if self.outcome.for_alarm:
            return []
        labels = self.page.scale_labels
        tops = maximum_scores(self.page.definition)
        bars = []
        for key, value in self.outcome.scores.items():
            top = tops.get(key)
            bars.append(
                {
                    "key": key,
                    "label": labels.get(key, key),
                    "value": plain_number(round(value, 1)),
                    "maximum": plain_number(round(top, 1)) if top else None,
                    "percent": round(100 * min(max(value, 0), top) / top) if top else None,
                }
            )
        return bars


def outcome_for(page: SelfTestPage, answers: dict) -> ShownOutcome:
    outcome = engine.evaluate(page.definition, answers)
    return ShownOutcome(page, outcome, page.result(outcome.result))


def count(page: SelfTestPage, result_key: str) -> None:
    """Keep only how often this result was given today; the answers themselves are never stored.

    The reader's result never waits for this statistic: while the database refuses writes (locked,
    read-only) the count is skipped and logged, and the result is shown all the same.
    """
    try:
        increment(SelfTestResultCount, "count", page=page, result=result_key, day=timezone.localdate())
    except DatabaseError as error:
        if not is_database_unavailable(error):
            raise
        logger.warning("Self-test result not counted (database unavailable): %s %s: %s", page.pk, result_key, error)
