"""What the courses keep about a learner, for "Download my data" and for deleting the account."""

from .models import Certificate, Enrolment


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def export(user) -> dict:
    enrolments = (
        Enrolment.objects.filter(user=user)
        .select_related("course", "last_lesson")
        .prefetch_related("completions__lesson", "openings__module")
        .order_by("created_at")
    )
    return {
        "enrolments": [
            {
                "course": enrolment.course.title,
                "status": enrolment.get_status_display(),
                "how": enrolment.get_source_display(),
                "enrolled_at": _when(enrolment.created_at),
                "access_since": _when(enrolment.started_at),
                "finished_at": _when(enrolment.completed_at),
                "last_lesson_opened": enrolment.last_lesson.title if enrolment.last_lesson else None,
                "lessons_done": [
                    {"lesson": completion.lesson.title, "done_at": _when(completion.completed_at)}
                    for completion in enrolment.completions.all()
                ],
                "modules_opened_early": [
                    {"module": opening.module.title, "opened_at": _when(opening.opened_at)}
                    for opening in enrolment.openings.all()
                ],
            }
            for enrolment in enrolments
        ],
        "certificates": [
            {
                "code": certificate.display_code,
                "name": certificate.name,
                "course": certificate.course_title,
                "finished_at": _when(certificate.completed_at),
                "issued_at": _when(certificate.issued_at),
            }
            for certificate in Certificate.objects.filter(enrolment__user=user).order_by("issued_at")
        ],
    }


def erase(user) -> None:
    # Lessons done, modules opened and certificates go with their enrolment (on_delete CASCADE).
    Enrolment.objects.filter(user=user).delete()
