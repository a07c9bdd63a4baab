"""Which pages count views, remembered for a few seconds in each process.

The view beacon comes with every page view, also of pages a proxy serves from its cache: it is the
product's busiest path. Whether a page counts views changes only when it is published, unpublished,
moved, deleted or put behind a restriction, so a process asks the database once and keeps the answer
for COUNTABLE_SECONDS. Those events clear it at once in the process where they happen; other app
servers follow within the interval (views of a page just taken offline may be counted that long,
and the flush drops views of deleted pages).
"""

import threading
import time

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from rugwijs.core.models import published_page

COUNTABLE_SECONDS = 10
# Ids come from URLs, so a script could ask for any number of them: the memo never grows past this.
MAX_REMEMBERED = 10_000

_lock = threading.Lock()
_answers: dict[int, tuple[float, bool]] = {}


def counts_views(page_id: int) -> bool:
    """True for a published page readers may see whose type counts views (articles)."""
    now = time.monotonic()
    with _lock:
        known = _answers.get(page_id)
    if known is not None and known[0] > now:
        return known[1]
    page = published_page(pk=page_id)
    answer = page is not None and bool(getattr(page.specific_class, "accepts_reader_feedback", False))
    with _lock:
        if len(_answers) >= MAX_REMEMBERED:
            _answers.clear()
        _answers[page_id] = (now + COUNTABLE_SECONDS, answer)
    return answer


def forget(**kwargs) -> None:
    with _lock:
        _answers.clear()


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget, dispatch_uid=f"rugwijs.engagement.countable.{id(signal)}")
    post_delete.connect(forget, sender=Page, dispatch_uid="rugwijs.engagement.countable.page_deleted")
    for signal in (post_save, post_delete):
        signal.connect(forget, sender=PageViewRestriction, dispatch_uid=f"rugwijs.engagement.countable.r{id(signal)}")
