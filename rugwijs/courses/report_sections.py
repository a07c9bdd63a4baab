"""What a course report shows, section by section, and the few queries behind it.

A section is a function of `CourseReportData` that returns a `reports.Section`; the report shows
`SECTIONS` in order and offers each table as CSV. Other apps add theirs with `register` (payments do).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from django.db.models import Count, DateField, OuterRef, Q, Subquery
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from . import reports
from .models import CoursePage, Enrolment, LessonCompletion

ACTIVE, PENDING, ENDED = Enrolment.Status.ACTIVE, Enrolment.Status.PENDING, Enrolment.Status.ENDED


def enrolment_count_annotations(prefix: str = "") -> dict:
    """Counts of a course's enrolments, for `aggregate()` on enrolments or `annotate()` on courses (prefix)."""

    def count(**lookups):
        condition = Q(**{f"{prefix}{name}": value for name, value in lookups.items()})
        return Count(f"{prefix}pk", filter=condition or None)

    return {
        "total": count(),
        "active": count(status=ACTIVE),
        "pending": count(status=PENDING),
        "ended": count(status=ENDED),
        "free": count(source=Enrolment.Source.FREE),
        "payment": count(source=Enrolment.Source.PAYMENT),
        "editor": count(source=Enrolment.Source.EDITOR),
        "finished": count(completed_at__isnull=False),
    }


class CourseReportData:
    """The numbers of one course, each fetched once, with one query (outline: two) and no query per learner."""

    def __init__(self, course: CoursePage, today=None):
        self.course = course
        self.today = today or timezone.localdate()

    @cached_property
    def lessons(self) -> list[reports.Lesson]:
        return [
            reports.Lesson(id=lesson.pk, number=f"{m}.{n}", title=lesson.title)
            for m, (_module, lessons) in enumerate(self.course.outline, start=1)
            for n, lesson in enumerate(lessons, start=1)
        ]

    @cached_property
    def enrolments(self):
        return Enrolment.objects.filter(course=self.course)

    @cached_property
    def counts(self) -> reports.EnrolmentCounts:
        return reports.EnrolmentCounts(**self.enrolments.aggregate(**enrolment_count_annotations()))

    @cached_property
    def weeks(self) -> list:
        start = timezone.make_aware(datetime.combine(reports.first_week(self.today), time.min))
        per_week = (
            self.enrolments.filter(created_at__gte=start)
            .annotate(week=TruncWeek("created_at", output_field=DateField()))
            .values("week")
            .annotate(enrolled=Count("pk"))
            .order_by()
        )
        return reports.weekly_counts({row["week"]: row["enrolled"] for row in per_week}, self.today)

    @cached_property
    def lessons_done(self) -> dict[int, int]:
        """Per lesson, the active learners who marked it done."""
        rows = (
            LessonCompletion.objects.filter(enrolment__course=self.course, enrolment__status=ACTIVE)
            .values("lesson_id")
            .annotate(learners=Count("pk"))
            .order_by()
        )
        return {row["lesson_id"]: row["learners"] for row in rows}

    @cached_property
    def stops(self) -> list[reports.StopRow]:
        """Active learners who have not finished, counted per (last lesson done, last lesson opened)."""
        # The last done is the most recently marked; two marked in the same instant go by course order.
        last_done = (
            LessonCompletion.objects.filter(enrolment=OuterRef("pk"))
            .order_by("-completed_at", "-lesson__path")
            .values("lesson_id")[:1]
        )
        rows = (
            self.enrolments.filter(status=ACTIVE, completed_at__isnull=True)
            .annotate(last_done=Subquery(last_done))
            .values("last_done", "last_lesson_id")
            .annotate(learners=Count("pk"))
            .order_by()
        )
        return [reports.StopRow(row["last_done"], row["last_lesson_id"], row["learners"]) for row in rows]


def enrolments_section(data: CourseReportData) -> reports.Section:
    return reports.Section(
        slug="enrolments",
        title=_("Enrolments"),
        explanation=_(
            "Every enrolment in this course by status and by how the learner enrolled. Finished: "
            "marked every lesson done, whatever the status now."
        ),
        table=reports.enrolment_table(data.counts),
    )


def weekly_section(data: CourseReportData) -> reports.Section:
    return reports.Section(
        slug="weeks",
        title=_("New enrolments per week"),
        explanation=_(
            "Enrolments made in each of the last %(weeks)s weeks, Monday to Sunday, whatever their status now."
        )
        % {"weeks": reports.WEEKS},
        table=reports.weekly_table(data.weeks),
        chart=reports.weekly_chart(data.weeks),
    )


def completion_section(data: CourseReportData) -> reports.Section:
    rows = reports.completion_rows(data.lessons, data.lessons_done, data.counts.active)
    return reports.Section(
        slug="lessons",
        title=_("Lessons done, per lesson"),
        explanation=_(
            "For each published lesson in course order: how many of the %(active)s active learners marked it "
            "done, and what share of them that is. Ended enrolments are left out."
        )
        % {"active": data.counts.active},
        table=reports.completion_table(rows),
        chart=reports.completion_chart(rows, data.counts.active),
    )


def stops_section(data: CourseReportData) -> reports.Section:
    rows = reports.stop_rows(data.lessons, data.stops)
    return reports.Section(
        slug="stops",
        title=_("Where learners stop"),
        explanation=_(
            "Active learners who have not finished, counted by the lesson they marked done most recently "
            "(the point where they stopped) and by the lesson they opened most recently. “No lesson yet”: "
            "they have not marked or opened any lesson."
        ),
        table=reports.stop_table(rows),
        chart=reports.stop_chart(rows),
    )


SECTIONS: list[Callable[[CourseReportData], reports.Section]] = [
    enrolments_section,
    weekly_section,
    completion_section,
    stops_section,
]


def register(section: Callable[[CourseReportData], reports.Section]) -> None:
    if section not in SECTIONS:
        SECTIONS.append(section)


def course_report(course: CoursePage, today=None) -> list[reports.Section]:
    data = CourseReportData(course, today)
    return [section(data) for section in SECTIONS]
