from django.db.models import Count
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from . import report_views
from .admin_forms import EnrolmentAdminForm
from .models import Enrolment


class ProgressColumn(Column):
    def get_value(self, instance):
        return _("%(done)s of %(total)s") % {"done": instance.lessons_done, "total": instance.course.lesson_count}


class EnrolmentIndexView(IndexView):
    @cached_property
    def header_more_buttons(self):
        report = Button(_("Course reports"), url=reverse("course_reports:index"), icon_name="table", priority=50)
        return [*super().header_more_buttons, report]


class EnrolmentViewSet(SnippetViewSet):
    model = Enrolment
    index_view_class = EnrolmentIndexView
    icon = "group"
    menu_label = _("Enrolments")
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        Column("user", label=_("Learner"), accessor="user.email"),
        "course",
        "status",
        "source",
        "created_at",
        ProgressColumn("progress", label=_("Lessons done")),
    ]
    list_filter = ["course", "status", "source"]
    search_fields = []
    ordering = ["-created_at"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            # The learner is chosen by e-mail address, a field of the form rather than the model.
            FieldPanel("learner_email"),
            FieldPanel("course"),
            FieldPanel("status"),
            InlinePanel("openings", label=_("Modules opened early"), panels=[FieldPanel("module")]),
        ],
        base_form_class=EnrolmentAdminForm,
    )

    def get_queryset(self, request):
        return (
            Enrolment.objects.select_related("user", "course")
            .annotate(lessons_done=Count("completions"))
            .order_by("-created_at")
        )


register_snippet(EnrolmentViewSet)


@hooks.register("register_admin_urls")
def register_course_report_urls():
    return [path("reports/courses/", include(report_views.admin_urls()))]


class CourseReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return report_views.user_may_see_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_course_reports_menu_item():
    return CourseReportsMenuItem(
        _("Courses"), reverse("course_reports:index"), name="course-reports", icon_name="table", order=900
    )
