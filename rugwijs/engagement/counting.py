"""Atomic counters for views and votes, safe under concurrent requests on SQLite and PostgreSQL."""

from datetime import date

from django.db import models, transaction

from .models import DailyPageViews, HelpfulnessVote, PageViewTotal
from .view_store import view_store
from .visitors import Visitor, mark_once


def record_view(page_id: int, visitor: Visitor) -> bool:
    """Count a view unless this visitor already viewed this page today, or their address has
    used up its views of this page for today. True when counted."""
    store = view_store()
    recorded = store.record(page_id, visitor)
    if recorded is not None:
        return recorded
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
    stored = PageViewTotal.objects.filter(page_id=page_id).values_list("views", flat=True).first() or 0
    return stored + view_store().pending([page_id]).get(page_id, 0)


def add_historic_views(page_id: int, views: int, day: date) -> None:
    """Start a page's count from a figure carried over from an earlier site (demo content, imports)."""
    with transaction.atomic():
        DailyPageViews.objects.update_or_create(page_id=page_id, day=day, defaults={"views": views})
        total = DailyPageViews.objects.filter(page_id=page_id).aggregate(total=models.Sum("views"))["total"]
        PageViewTotal.objects.update_or_create(page_id=page_id, defaults={"views": total})


def record_vote(page_id: int, visitor: Visitor, helpful: bool) -> HelpfulnessVote | None:
    """Store a vote unless this visitor already voted on this page today."""
    with transaction.atomic():
        if not mark_once(visitor.mark("vote", page_id), visitor.day):
            return None
        return HelpfulnessVote.objects.create(page_id=page_id, day=visitor.day, helpful=helpful)


def add_comment(vote_id: int, comment: str) -> bool:
    """Attach a comment to a vote that has none yet; False if the vote is gone or already has one."""
    return bool(HelpfulnessVote.objects.filter(pk=vote_id, comment="").update(comment=comment))
