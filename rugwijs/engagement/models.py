"""What readers do with a page: views and helpfulness votes, kept without identifying anyone."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The longest comment a reader may write. The form, the textarea and its hint all read it from here.
COMMENT_MAX_LENGTH = 1000


class DailySalt(models.Model):
    """The secret that makes today's visitor hashes; deleted as soon as the day is over."""

    day = models.DateField(unique=True)
    salt = models.CharField(max_length=64)

    def __str__(self):
        return str(self.day)


class VisitorMark(models.Model):
    """'This visitor already did this for this page today', keyed by a salted hash, never an address."""

    class Kind(models.TextChoices):
        VIEW = "view", _("view")
        VOTE = "vote", _("vote")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    visitor = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "page", "day", "visitor"], name="one_mark_per_visitor_per_day")
        ]

    def __str__(self):
        return f"{self.kind} {self.page_id} {self.day}"


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
