"""Course reports in the Wagtail admin: Reports › Courses lists every course, each links to its own report."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.ui.tables import NumberColumn, TitleColumn
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from . import reports
from .models import CoursePage, Enrolment
from .report_sections import course_report, enrolment_count_annotations

# Whoever may see the learners' enrolments may see their counts.
REPORT_PERMISSION_POLICY = ModelPermissionPolicy(Enrolment)


def user_may_see_reports(user) -> bool:
    return REPORT_PERMISSION_POLICY.user_has_permission(user, "view")


class ReportPermissionMixin(PermissionCheckedMixin):
    permission_policy = REPORT_PERMISSION_POLICY
    permission_required = "view"


class CourseReportIndexView(ReportPermissionMixin, ReportView):
    page_title = gettext_lazy("Courses")
    header_icon = "table"
    verbose_name = gettext_lazy("course")
    verbose_name_plural = gettext_lazy("courses")
    index_url_name = "course_reports:index"
    index_results_url_name = "course_reports:index_results"
    paginate_by = 50
    columns = [
        TitleColumn(
            "title",
            label=gettext_lazy("Course"),
            get_url=lambda course: reverse("course_reports:course", args=[course.pk]),
        ),
        NumberColumn("total", label=gettext_lazy("Enrolments")),
        NumberColumn("active", label=gettext_lazy("Active")),
        NumberColumn("pending", label=gettext_lazy("Waiting for payment")),
        NumberColumn("ended", label=gettext_lazy("Ended")),
        NumberColumn("finished", label=gettext_lazy("Finished")),
    ]

    def get_queryset(self):
        return CoursePage.objects.annotate(**enrolment_count_annotations("enrolments__")).order_by("title", "pk")


class CourseReportMixin(ReportPermissionMixin):
    @cached_property
    def course(self) -> CoursePage:
        return get_object_or_404(CoursePage, pk=self.kwargs["pk"])

    @cached_property
    def today(self):
        return timezone.localdate()

    @cached_property
    def sections(self) -> list[reports.Section]:
        return course_report(self.course, self.today)


class CourseReportView(CourseReportMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/admin/course_report.html"
    header_icon = "table"

    def get_page_title(self):
        return _("Report: %(course)s") % {"course": self.course.title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("course_reports:index"), "label": _("Courses")},
            {"url": "", "label": self.course.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(course=self.course, sections=self.sections, today=self.today)
        return context


class CourseReportCsvView(CourseReportMixin, View):
    """One table of the report as a CSV file: `<course slug>-<table>-<date>.csv`."""

    def get(self, request, pk, section):
        found = next((s for s in self.sections if s.slug == section), None)
        if found is None:
            raise Http404
        title = f"{self.course.title}: {found.title}"
        response = HttpResponse(reports.table_csv(found.table, title), content_type="text/csv; charset=utf-8")
        filename = f"{self.course.slug}-{slugify(found.title)}-{self.today.isoformat()}.csv"
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
        response["Cache-Control"] = "private, no-store"
        return response


def admin_urls():
    return (
        [
            path("", CourseReportIndexView.as_view(), name="index"),
            path("results/", CourseReportIndexView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", CourseReportView.as_view(), name="course"),
            path("<int:pk>/<slug:section>.csv", CourseReportCsvView.as_view(), name="csv"),
        ],
        "course_reports",
    )
