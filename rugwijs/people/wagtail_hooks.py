from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Role


class RoleViewSet(SnippetViewSet):
    model = Role
    icon = "user"
    menu_label = _("Roles")
    add_to_admin_menu = False
    list_display = ["name"]
    search_fields = ["name"]


register_snippet(RoleViewSet)
