from django.utils.translation import gettext_lazy as _

from rugwijs.core.viewsets import RecordsViewSet, register_records

from .models import SelfTestResultCount


class SelfTestResultCountViewSet(RecordsViewSet):
    """How often each result was given per day: all that is kept of the tests readers take."""

    model = SelfTestResultCount
    icon = "tasks"
    menu_label = _("Self-test results")
    add_to_admin_menu = True
    list_display = ["page", "result", "day", "count"]
    list_filter = ["day"]
    ordering = ["-day", "page", "result"]


register_records(SelfTestResultCountViewSet)
