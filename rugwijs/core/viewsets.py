from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .permissions import RecordsPermissionPolicy


class YesNoColumn(Column):
    """A yes/no field as the words 'Ja' and 'Nee': Wagtail's BooleanColumn titles its icons 'True' and 'False'."""

    def get_value(self, instance):
        value = super().get_value(instance)
        if value is None:
            return ""
        return _("Yes") if value else _("No")


class RecordsViewSet(SnippetViewSet):
    """An admin listing of records readers left behind: to read and, if needed, delete."""

    inspect_view_enabled = True
    copy_view_enabled = False


def register_records(*viewsets_or_group):
    """Register record listings with a policy that lets editors read and delete, never add or change."""
    for item in viewsets_or_group:
        for viewset in getattr(item, "items", None) or (item,):
            register_permission_policy(viewset.model, RecordsPermissionPolicy(viewset.model))
        register_snippet(item)
