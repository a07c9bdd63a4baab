from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

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


@hooks.register("insert_editor_js")
def self_test_editor_js():
    """Lists to pick questions, answers, scales and results from (see blocks.ReferenceInput)."""
    return format_html('<script src="{}" defer></script>', static("selftests/admin/editor.js"))


@hooks.register("insert_global_admin_css")
def self_test_editor_css():
    return format_html('<link rel="stylesheet" href="{}">', static("selftests/admin/editor.css"))
