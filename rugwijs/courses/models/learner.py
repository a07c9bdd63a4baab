"""One person's view of one course: their enrolment, which lessons they may open, and what they finished.

Every page, file and video of a course asks this before it shows anything (three queries at most).
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.functional import cached_property

from .. import schedule
from .learning import Enrolment

if TYPE_CHECKING:
    from .pages import CoursePage, LessonPage


class Denied(StrEnum):
    """Why a lesson is closed to this person, in the order a learner meets the reasons."""

    LOGIN = "login"
    ENROL = "enrol"
    PAYMENT = "payment"
    NOT_YET = "not_yet"


@dataclass(frozen=True)
class LessonAccess:
    allowed: bool
    denied: Denied | None = None
    module_access: schedule.ModuleAccess | None = None


class LearnerCourse:
    def __init__(self, course: "CoursePage", user, *, today=None):
        self.course = course
        self.user = user
        self.today = today or timezone.localdate()

    @cached_property
    def enrolment(self) -> Enrolment | None:
        if not self.user.is_authenticated:
            return None
        return Enrolment.objects.filter(user=self.user, course=self.course).first()

    @property
    def is_enrolled(self) -> bool:
        return self.enrolment is not None and self.enrolment.status == Enrolment.Status.ACTIVE

    @cached_property
    def is_editor(self) -> bool:
        """Editors see every lesson, to check what learners get; they are not counted as learners."""
        return self.user.is_authenticated and self.user.has_perm("wagtailadmin.access_admin")

    @cached_property
    def completed(self) -> set[int]:
        if not self.is_enrolled:
            return set()
        return set(self.enrolment.completions.values_list("lesson_id", flat=True))

    @cached_property
    def modules(self) -> list[schedule.Module]:
        return self.course.schedule_modules

    @cached_property
    def access(self) -> dict[int, schedule.ModuleAccess]:
        if not self.is_enrolled:
            closed = schedule.ModuleAccess(is_open=False)
            return {module.id: closed for module in self.modules}
        return schedule.module_access(
            self.modules,
            started_on=timezone.localdate(self.enrolment.started_at or self.enrolment.created_at),
            today=self.today,
            completed=self.completed,
            opened_early=self.enrolment.openings.values_list("module_id", flat=True),
        )

    def module_of(self, lesson: "LessonPage") -> schedule.Module | None:
        return next((module for module in self.modules if lesson.pk in module.lesson_ids), None)

    def lesson_access(self, lesson: "LessonPage") -> LessonAccess:
        module = self.module_of(lesson)
        if module is None:  # not published, or moved out of this course
            return LessonAccess(allowed=self.is_editor, denied=None if self.is_editor else Denied.ENROL)
        if lesson.free_preview or self.is_editor:
            return LessonAccess(allowed=True)
        if not self.user.is_authenticated:
            return LessonAccess(allowed=False, denied=Denied.LOGIN)
        if not self.is_enrolled:
            pending = self.enrolment is not None and self.enrolment.status == Enrolment.Status.PENDING
            return LessonAccess(allowed=False, denied=Denied.PAYMENT if pending else Denied.ENROL)
        module_access = self.access[module.id]
        if not module_access.is_open:
            return LessonAccess(allowed=False, denied=Denied.NOT_YET, module_access=module_access)
        return LessonAccess(allowed=True, module_access=module_access)

    @property
    def progress(self) -> schedule.Progress:
        return schedule.progress(self.modules, self.completed)

    def module_progress(self, module_id: int) -> schedule.Progress:
        return schedule.progress([m for m in self.modules if m.id == module_id], self.completed)

    @cached_property
    def resume_lesson(self) -> "LessonPage | None":
        if not self.is_enrolled:
            return None
        lesson_id = schedule.resume_lesson(self.modules, self.access, self.completed, self.enrolment.last_lesson_id)
        return self.course.lessons.get(lesson_id)

    def neighbours(self, lesson: "LessonPage") -> tuple["LessonPage | None", "LessonPage | None"]:
        if self.module_of(lesson) is None:
            return None, None
        before, after = schedule.neighbours(self.modules, lesson.pk)
        return self.course.lessons.get(before), self.course.lessons.get(after)

    def outline(self) -> list[dict]:
        """The course's modules and lessons as the course and module pages list them, with this person's state."""
        rows = []
        for (module_page, lessons), module in zip(self.course.outline, self.modules, strict=True):
            access = self.access[module.id]
            rows.append(
                {
                    "module": module_page,
                    "access": access,
                    "waits_for": access.waits_for and self.course.outline[self._index(access.waits_for.id)][0],
                    "progress": self.module_progress(module.id),
                    "lessons": [
                        {
                            "page": lesson,
                            "done": lesson.pk in self.completed,
                            "can_open": lesson.free_preview or self.is_editor or access.is_open,
                        }
                        for lesson in lessons
                    ],
                }
            )
        return rows

    def _index(self, module_id: int) -> int:
        return next(i for i, module in enumerate(self.modules) if module.id == module_id)


def courses_of(user) -> list[LearnerCourse]:
    """The courses this person is enrolled in or waiting to pay for, newest first, each as they see it."""
    enrolments = (
        Enrolment.objects.filter(user=user, course__live=True)
        .exclude(status=Enrolment.Status.ENDED)
        .select_related("course")
        .order_by("-created_at")
    )
    courses = []
    for enrolment in enrolments:
        learner = LearnerCourse(enrolment.course, user)
        learner.enrolment = enrolment  # already read: saves a query per course
        courses.append(learner)
    return courses
