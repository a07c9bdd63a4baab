"""What learners do in a course: their enrolment, the lessons they finished, modules opened early for them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Enrolment.Status.ACTIVE)


class Enrolment(ClusterableModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        # A paid course waits here until the payment provider confirms the payment.
        PENDING = "pending", _("waiting for payment")
        ENDED = "ended", _("ended")

    class Source(models.TextChoices):
        FREE = "free", _("free course")
        PAYMENT = "payment", _("payment")
        EDITOR = "editor", _("enrolled by an editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.ACTIVE)
    source = models.CharField(_("how"), max_length=10, choices=Source)
    created_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    # Drip counts from here: the moment access began (a paid course: when the payment was confirmed).
    started_at = models.DateTimeField(_("access since"), null=True, blank=True)
    completed_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    last_lesson = models.ForeignKey(
        "courses.LessonPage", verbose_name=_("last lesson opened"), null=True, blank=True, on_delete=models.SET_NULL
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enrolled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course")]
        indexes = [models.Index(fields=["course", "status"])]

    def __str__(self):
        return f"{self.user} – {self.course}"

    def activate(self) -> None:
        self.status = self.Status.ACTIVE
        self.started_at = self.started_at or timezone.now()


class LessonCompletion(models.Model):
    """A lesson the learner marked as done."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="completions")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("finished lesson")
        verbose_name_plural = _("finished lessons")
        constraints = [models.UniqueConstraint(fields=["enrolment", "lesson"], name="one_completion_per_lesson")]

    def __str__(self):
        return f"{self.enrolment} – {self.lesson}"


class ModuleOpening(models.Model):
    """A module an editor opened for one learner before its days had passed or its required module was done."""

    enrolment = ParentalKey(Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="openings")
    module = models.ForeignKey(
        "courses.CourseModulePage", verbose_name=_("module"), on_delete=models.CASCADE, related_name="openings"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)

    class Meta:
        verbose_name = _("module opened early")
        verbose_name_plural = _("modules opened early")
        constraints = [models.UniqueConstraint(fields=["enrolment", "module"], name="one_opening_per_module")]

    def __str__(self):
        return f"{self.module} – {self.enrolment}"
