from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Payment


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Payments are records for the books: editors look them up, nobody changes or deletes them here."""

    def user_has_permission(self, user, action):
        return action in {"view", "inspect"} and super().user_has_permission(user, "view")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class PaymentViewSet(SnippetViewSet):
    model = Payment
    icon = "list-ul"
    menu_label = _("Payments")
    menu_order = 260
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "description",
        Column("learner", label=_("Learner"), accessor="enrolment.user.email"),
        "amount",
        "status",
        "method",
        "created_at",
        "paid_at",
    ]
    list_filter = ["status", "course", "method"]
    ordering = ["-created_at"]

    def get_queryset(self, request):
        return Payment.objects.select_related("enrolment__user", "course")


register_permission_policy(Payment, ReadOnlyPolicy(Payment))
register_snippet(PaymentViewSet)
