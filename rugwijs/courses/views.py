"""What learners do outside the page tree: enrol, mark lessons done, fetch a lesson's files and videos.

Each view asks `LearnerCourse` who may do what, so a lesson's page, files and videos follow one rule.
Every answer is for one person only and is never stored by a shared cache.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit
from wagtail.documents import get_document_model
from wagtailmedia import get_media_model

from rugwijs.core.files import private_file_response
from rugwijs.core.models import published_page

from .forms import MarkDoneForm
from .models import CoursePage, Enrolment, LearnerCourse, LessonCompletion, LessonPage, courses_of

LEARNER_RATE = "60/m"


def _lesson_or_404(lesson_id: int) -> LessonPage:
    lesson = published_page(LessonPage, pk=lesson_id)
    if lesson is None:
        raise Http404
    return lesson


def _denied(request, lesson, learner, access):
    context = {"page": lesson, "course": lesson.course, "learner": learner, "access": access}
    response = render(request, "courses/lesson_locked.html", context, status=403)
    add_never_cache_headers(response)
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(key="user_or_ip", rate=LEARNER_RATE, method="POST")
def enrol(request, course_id: int):
    course = published_page(CoursePage, pk=course_id)
    if course is None:
        raise Http404
    learner = LearnerCourse(course, request.user)
    if learner.is_enrolled:
        return HttpResponseRedirect((learner.resume_lesson or course).url)
    # A paid course is paid for online (rugwijs.payments posts the form) or, without a provider, through the practice.
    context = {"page": course, "course": course, "learner": learner, "pays_online": bool(settings.PAYMENT_PROVIDER)}
    if not request.user.is_authenticated or not course.is_free:
        response = render(request, "courses/enrol.html", context, status=200 if request.method != "POST" else 403)
        if context["pays_online"]:
            # The pay form is answered with a redirect to the provider's checkout, which CSP must allow.
            response._csp_update = {"form-action": settings.PAYMENT_PROVIDER.get("CHECKOUT_ORIGINS", [])}
        return response
    if request.method != "POST":
        return render(request, "courses/enrol.html", context)
    try:
        with transaction.atomic():
            enrolment, _created = Enrolment.objects.get_or_create(
                user=request.user, course=course, defaults={"source": Enrolment.Source.FREE}
            )
            enrolment.activate()
            enrolment.save()
    except IntegrityError:  # a second click that raced the first: that one enrolled
        pass
    messages.success(request, _("You are enrolled. Welcome to the course!"))
    first = LearnerCourse(course, request.user).resume_lesson
    return HttpResponseRedirect((first or course).url)


@never_cache
@require_POST
@login_required
@ratelimit(key="user", rate=LEARNER_RATE)
def mark_done(request, lesson_id: int):
    lesson = _lesson_or_404(lesson_id)
    course = lesson.course
    learner = LearnerCourse(course, request.user)
    access = learner.lesson_access(lesson)
    if not (access.allowed and learner.is_enrolled):
        return _denied(request, lesson, learner, access)
    form = MarkDoneForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("This form was not filled in as expected. Go back and try again."))
    enrolment = learner.enrolment
    with transaction.atomic():
        if form.cleaned_data["done"]:
            LessonCompletion.objects.get_or_create(enrolment=enrolment, lesson=lesson)
        else:
            LessonCompletion.objects.filter(enrolment=enrolment, lesson=lesson).delete()
        learner = LearnerCourse(course, request.user)
        finished = learner.progress.is_complete
        if finished != (enrolment.completed_at is not None):
            enrolment.completed_at = timezone.now() if finished else None
            enrolment.save(update_fields=["completed_at"])
    if not form.cleaned_data["done"]:
        return HttpResponseRedirect(lesson.url + "#klaar")
    if finished:
        messages.success(request, _("You finished every lesson of this course. Well done!"))
        return HttpResponseRedirect(course.url)
    _before, after = learner.neighbours(lesson)
    if after is not None and learner.lesson_access(after).allowed:
        messages.success(request, _("Lesson marked as done. On to the next one."))
        return HttpResponseRedirect(after.url)
    messages.success(request, _("Lesson marked as done."))
    return HttpResponseRedirect(lesson.url + "#klaar")


def _checked(request, lesson_id: int):
    lesson = _lesson_or_404(lesson_id)
    learner = LearnerCourse(lesson.course, request.user)
    return lesson, learner, learner.lesson_access(lesson)


@require_http_methods(["GET", "HEAD"])
def lesson_document(request, lesson_id: int, document_id: int, filename: str = ""):
    lesson, learner, access = _checked(request, lesson_id)
    # Only a file this lesson shows: known from the lesson itself, so no query for an id that is not there.
    if not lesson.uses_document(document_id):
        raise Http404
    if not access.allowed:
        return _denied(request, lesson, learner, access)
    document = get_document_model().objects.get(pk=document_id)
    return private_file_response(
        request, document.file, filename=document.filename, as_attachment=document.file_extension != "pdf"
    )


@require_http_methods(["GET", "HEAD"])
def lesson_video(request, lesson_id: int, video_id: int, part: str):
    lesson, learner, access = _checked(request, lesson_id)
    if not lesson.uses_video(video_id):
        raise Http404
    if not access.allowed:
        return _denied(request, lesson, learner, access)
    video = get_media_model().objects.get(pk=video_id)
    field = {"bestand": video.file, "ondertiteling": video.captions, "poster": video.thumbnail}[part]
    if not field:
        raise Http404
    return private_file_response(request, field, filename=field.name.rsplit("/", 1)[-1])


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
def my_courses(request):
    return render(request, "courses/my_courses.html", {"learners": courses_of(request.user)})
