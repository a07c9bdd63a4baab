"""Atomic counters for views and votes, safe under concurrent requests on SQLite and PostgreSQL."""

from collections.abc import Callable
from datetime import date

from django.db import models, transaction

from .models import DailyPageViews, HelpfulnessVote, PageViewTotal
from .view_store import RateLimit, Recorded, stored_total, view_store
from .visitors import Visitor, mark_once


def record_view(page_id: int, visitor: Visitor, limit: RateLimit | None, over_limit: Callable[[], bool]) -> Recorded:
    """Count a view unless the address sent more beacons than `limit` (None: no limit) allows, this visitor already
    viewed this page today, or their address has used up its views of this page for today.

    The Redis store applies the limit in the same round trip as the count; in the database the caller's
    `over_limit` (django-ratelimit) decides. The answer carries the page's count as the reader should
    see it.
    """
    store = view_store()
    recorded = store.record(page_id, visitor, limit)
    if recorded is not None:
        return recorded
    # No Redis, or Redis down: the limit, the marks and the count in the database.
    if over_limit():
        return Recorded(counted=False, views=None, over_limit=True)
    counted = _record_view_in_database(store, page_id, visitor)
    return Recorded(counted=counted, views=current_views(page_id))


def _record_view_in_database(store, page_id: int, visitor: Visitor) -> bool:
    day = visitor.day
    with transaction.atomic():
        if not mark_once(visitor.mark("view", page_id), day):
            return False
        if not any(mark_once(slot, day) for slot in visitor.address_slots(page_id)):
            return False
        store.add(page_id, day)
    return True


def current_views(page_id: int) -> int:
    """The page's count as a reader should see it: the database total plus views not yet flushed."""
    return stored_total(page_id) + view_store().pending([page_id]).get(page_id, 0)


def add_historic_views(page_id: int, views: int, day: date) -> None:
    """Start a page's count from a figure carried over from an earlier site (demo content, imports)."""
    with transaction.atomic():
        DailyPageViews.objects.update_or_create(page_id=page_id, day=day, defaults={"views": views})
        total = DailyPageViews.objects.filter(page_id=page_id).aggregate(total=models.Sum("views"))["total"]
        PageViewTotal.objects.update_or_create(page_id=page_id, defaults={"views": total})
    transaction.on_commit(lambda: view_store().forget_stored_totals([page_id]))


def record_vote(page_id: int, visitor: Visitor, helpful: bool) -> HelpfulnessVote | None:
    """Store a vote unless this visitor already voted on this page today."""
    with transaction.atomic():
        if not mark_once(visitor.mark("vote", page_id), visitor.day):
            return None
        return HelpfulnessVote.objects.create(page_id=page_id, day=visitor.day, helpful=helpful)


def add_comment(vote_id: int, comment: str) -> bool:
    """Attach a comment to a vote that has none yet; False if the vote is gone or already has one."""
    return bool(HelpfulnessVote.objects.filter(pk=vote_id, comment="").update(comment=comment))
