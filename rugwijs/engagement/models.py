"""What readers do with a page: views and helpfulness votes, kept without identifying anyone."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The longest comment a reader may write. The form, the textarea and its hint all read it from here.
COMMENT_MAX_LENGTH = 1000


class VisitorMark(models.Model):
    """'Someone already did this today': a view, a vote, one of an address's view slots.

    The key is an HMAC, under the day's salt, of what was done (view or vote), the page, the day
    and who did it; the salt itself is never in the database. The row holds nothing else: no
    page, no kind, no number, no shared visitor value. So marks cannot be told apart, a view
    cannot be linked to a vote of the same reader, and no sequence ties a mark to the vote stored
    with it.
    """

    key = models.CharField(primary_key=True, max_length=64)
    day = models.DateField(db_index=True)  # only to delete earlier days' marks

    def __str__(self):
        return str(self.day)


class DailyPageViews(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="daily_views")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="one_view_row_per_page_per_day")]
        ordering = ["-day"]
        verbose_name = _("views per day")
        verbose_name_plural = _("views per day")

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.views}"


class PageViewTotal(models.Model):
    """The running total shown as '1.289 x bekeken'; kept apart from the page so revisions never reset it."""

    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="view_total"
    )
    views = models.PositiveIntegerField(_("views"), default=0)

    wagtail_reference_index_ignore = True  # records, not content: no "used by" entries

    class Meta:
        verbose_name = _("view total")
        verbose_name_plural = _("view totals")

    def __str__(self):
        return f"{self.page_id}: {self.views}"


class HelpfulnessVote(models.Model):
    """An answer to 'Heeft dit artikel je geholpen?'. Holds no time of day and nothing about the visitor."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="helpfulness_votes"
    )
    day = models.DateField(_("day"))
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX_LENGTH)

    wagtail_reference_index_ignore = True  # records, not content: no "used by" entries

    class Meta:
        ordering = ["-day", "-pk"]
        verbose_name = _("helpfulness vote")
        verbose_name_plural = _("helpfulness votes")
        indexes = [models.Index(fields=["page", "day"])]

    def __str__(self):
        return f"{self.page} ({self.day}): {'ja' if self.helpful else 'nee'}"
