"""Certificates of completion: what was printed for whom, under a code anyone can check."""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import certificate_codes
from .learning import Enrolment

NAME_MIN_LENGTH = 2
NAME_MAX_LENGTH = 80
# Fresh codes collide once in hundreds of billions; a few tries make a collision a non-event.
CODE_ATTEMPTS = 5


def validate_printable(value: str) -> None:
    """No control or formatting characters (a NUL, an escape, a right-to-left override) in a printed name."""
    if any(unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"} for char in value):
        raise ValidationError(_("Use letters, spaces and punctuation only."), code="unprintable")


class CertificateQuerySet(models.QuerySet):
    def with_code(self, text: str):
        """The certificate behind what someone typed (any case, spaces or hyphens), or none."""
        code = certificate_codes.normalise(text)
        if code is None:
            return None
        return self.filter(code=code).first()


class Certificate(models.Model):
    """Issued once per enrolment, at the learner's request, after they finished every lesson.

    The course title and the moment of finishing are copied in: a certificate says what was true when it
    was issued, whatever the course or the learner's ticks do later. It goes with the enrolment, and so
    with the account: from then on its code is unknown.
    """

    enrolment = models.OneToOneField(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(_("code"), max_length=certificate_codes.LENGTH, editable=False)
    name = models.CharField(
        _("name on the certificate"),
        max_length=NAME_MAX_LENGTH,
        validators=[MinLengthValidator(NAME_MIN_LENGTH), validate_printable],
    )
    course_title = models.CharField(_("course"), max_length=255)
    completed_at = models.DateTimeField(_("finished at"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [models.UniqueConstraint(fields=["code"], name="one_certificate_per_code")]

    def __str__(self):
        return self.display_code

    @property
    def display_code(self) -> str:
        return certificate_codes.display(self.code)

    @classmethod
    def issue(cls, enrolment: Enrolment, name: str) -> "Certificate":
        """The enrolment's certificate: made now with a fresh code, or the one it already has (a second click)."""
        for _attempt in range(CODE_ATTEMPTS):
            certificate = cls(
                enrolment=enrolment,
                code=certificate_codes.new_code(),
                name=name,
                course_title=enrolment.course.title,
                completed_at=enrolment.completed_at,
            )
            try:
                with transaction.atomic():
                    certificate.save()
                return certificate
            except IntegrityError:
                existing = cls.objects.filter(enrolment=enrolment).first()
                if existing is not None:
                    return existing
        raise IntegrityError("no free certificate code after several attempts")
