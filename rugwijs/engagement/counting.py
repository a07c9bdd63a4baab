"""Atomic counters for views and votes, safe under concurrent requests on SQLite and PostgreSQL."""

from datetime import date

from django.db import IntegrityError, models, transaction
from django.db.models import F

from .models import DailyPageViews, HelpfulnessVote, PageViewTotal, VisitorMark
from .visitors import mark_once


def _increment(model: type[models.Model], **lookup) -> None:
    """Add one to `views` of the row matching `lookup`, creating it if needed, in one statement each way."""
    if model.objects.filter(**lookup).update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(views=1, **lookup)
    except IntegrityError:  # a concurrent request created it between our update and insert
        model.objects.filter(**lookup).update(views=F("views") + 1)


def record_view(page_id: int, visitor: str, day: date) -> bool:
    """Count a view unless this visitor already viewed this page today. True when counted."""
    with transaction.atomic():
        if not mark_once(VisitorMark.Kind.VIEW, page_id, day, visitor):
            return False
        _increment(DailyPageViews, page_id=page_id, day=day)
        _increment(PageViewTotal, page_id=page_id)
    return True


def add_historic_views(page_id: int, views: int, day: date) -> None:
    """Start a page's count from a figure carried over from an earlier site (demo content, imports)."""
    with transaction.atomic():
        DailyPageViews.objects.update_or_create(page_id=page_id, day=day, defaults={"views": views})
        total = DailyPageViews.objects.filter(page_id=page_id).aggregate(total=models.Sum("views"))["total"]
        PageViewTotal.objects.update_or_create(page_id=page_id, defaults={"views": total})


def record_vote(page_id: int, visitor: str, day: date, helpful: bool) -> HelpfulnessVote | None:
    """Store a vote unless this visitor already voted on this page today."""
    with transaction.atomic():
        if not mark_once(VisitorMark.Kind.VOTE, page_id, day, visitor):
            return None
        return HelpfulnessVote.objects.create(page_id=page_id, day=day, helpful=helpful)


def add_comment(vote_id: int, comment: str) -> bool:
    """Attach a comment to a vote that has none yet; False if the vote is gone or already has one."""
    return bool(HelpfulnessVote.objects.filter(pk=vote_id, comment="").update(comment=comment))
