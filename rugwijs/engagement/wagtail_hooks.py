from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import HelpfulnessVote, PageViewTotal


class HelpfulnessVoteViewSet(SnippetViewSet):
    """Editors read what readers answered; answers are not edited, only removed if needed."""

    model = HelpfulnessVote
    icon = "comment"
    menu_label = _("Helpfulness")
    list_display = ["page", "day", "helpful", "comment"]
    list_filter = ["helpful", "day"]
    search_fields = ["comment"]
    inspect_view_enabled = True
    copy_view_enabled = False
    ordering = ["-day", "-pk"]


class PageViewTotalViewSet(SnippetViewSet):
    model = PageViewTotal
    icon = "view"
    menu_label = _("Views")
    list_display = ["page", "views"]
    ordering = ["-views"]
    inspect_view_enabled = True
    copy_view_enabled = False


class ReaderFeedbackGroup(SnippetViewSetGroup):
    items = (HelpfulnessVoteViewSet, PageViewTotalViewSet)
    menu_icon = "comment"
    menu_label = _("Reader feedback")
    menu_name = "reader-feedback"


register_snippet(ReaderFeedbackGroup)
