from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from rugwijs.core.viewsets import RecordsViewSet, YesNoColumn, register_records

from .models import HelpfulnessVote, PageViewTotal


class HelpfulnessVoteViewSet(RecordsViewSet):
    model = HelpfulnessVote
    icon = "comment"
    menu_label = _("Helpfulness")
    list_display = ["page", "day", YesNoColumn("helpful", label=_("Helpful")), "comment"]
    list_filter = ["helpful", "day"]
    search_fields = ["comment"]
    ordering = ["-day", "-pk"]


class PageViewTotalViewSet(RecordsViewSet):
    model = PageViewTotal
    icon = "view"
    menu_label = _("Views")
    list_display = ["page", "views"]
    ordering = ["-views"]


class ReaderFeedbackGroup(SnippetViewSetGroup):
    items = (HelpfulnessVoteViewSet, PageViewTotalViewSet)
    menu_icon = "comment"
    menu_label = _("Reader feedback")
    menu_name = "reader-feedback"


register_records(ReaderFeedbackGroup)
