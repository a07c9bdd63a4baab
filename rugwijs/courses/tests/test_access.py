"""Only learners with an open module get a paid lesson, its files and its videos; the server checks each."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model

from rugwijs.courses.models import Enrolment, ModuleOpening

from .conftest import enrol, lesson_with, lessons_of, main_text

pytestmark = pytest.mark.django_db


def protected_urls(lesson) -> list[str]:
    """The lesson page and every file and video it shows."""
    urls = [lesson.url]
    for block in lesson.body:
        if block.block_type == "document":
            document = block.value["document"]
            urls.append(reverse("courses:lesson_document", args=[lesson.pk, document.pk, document.filename]))
        if block.block_type == "video":
            video = block.value["video"]
            for name in ("courses:lesson_video", "courses:lesson_video_captions", "courses:lesson_video_poster"):
                urls.append(reverse(name, args=[lesson.pk, video.pk]))
    return urls


def all_protected(course) -> list[str]:
    return [url for lesson in lessons_of(course) if not lesson.free_preview for url in protected_urls(lesson)]


def test_the_demo_courses_protect_files_and_videos_not_only_pages(free_course, paid_course):
    urls = all_protected(free_course) + all_protected(paid_course)
    assert any("/bestand/" in url for url in urls)
    assert any("/video/" in url for url in urls)


@pytest.mark.parametrize("who", ["anonymous", "not-enrolled", "enrolment-ended", "waiting-for-payment"])
def test_no_protected_lesson_file_or_video_reaches_someone_without_an_active_enrolment(
    client, learner, free_course, paid_course, who
):
    if who != "anonymous":
        client.force_login(learner, backend="django.contrib.auth.backends.ModelBackend")
    status = {"enrolment-ended": Enrolment.Status.ENDED, "waiting-for-payment": Enrolment.Status.PENDING}.get(who)
    for course in (free_course, paid_course):
        if status:
            Enrolment.objects.create(user=learner, course=course, source=Enrolment.Source.PAYMENT, status=status)
        for url in all_protected(course):
            response = client.get(url)
            assert response.status_code == 403, (who, url)
            assert not response.has_header("Content-Range")
            assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"], url


def test_a_locked_lesson_says_why_and_shows_none_of_its_text(client, paid_course):
    lesson = next(lesson for lesson in lessons_of(paid_course) if not lesson.free_preview)
    response = client.get(lesson.url)
    text = main_text(response)
    assert response.status_code == 403
    assert "Schrijf je in" in text or "Inschrijven" in text
    first_paragraph = next(block for block in lesson.body if block.block_type == "paragraph")
    assert first_paragraph.render_as_block()[20:80] not in response.content.decode()


def test_an_enrolled_learner_gets_the_lesson_and_every_file_and_video_of_open_modules(
    learner_client, learner, free_course
):
    enrol(learner, free_course)
    for url in all_protected(free_course):
        response = learner_client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"], url


def test_a_file_is_only_served_through_a_lesson_that_shows_it(learner_client, learner, free_course):
    enrol(learner, free_course)
    lesson_with_file = lesson_with(free_course, "document")
    other_lesson = next(lesson for lesson in lessons_of(free_course) if lesson.pk != lesson_with_file.pk)
    document = next(b.value["document"] for b in lesson_with_file.body if b.block_type == "document")
    url = reverse("courses:lesson_document", args=[other_lesson.pk, document.pk, document.filename])
    assert learner_client.get(url).status_code == 404
    assert (
        learner_client.get(reverse("courses:lesson_document", args=[lesson_with_file.pk, 2**70, "x.pdf"])).status_code
        == 404
    )


def test_course_documents_are_not_downloadable_at_wagtails_own_address(client, learner_client, free_course):
    document = get_document_model().objects.get(title="Mijn beweegweek")
    response = learner_client.get(document.url)
    assert response.status_code != 200
    assert not response.has_header("Content-Disposition")


def test_a_video_is_sent_in_the_byte_ranges_a_browser_asks_for(learner_client, learner, free_course):
    enrol(learner, free_course)
    lesson = lesson_with(free_course, "video")
    video = next(b.value["video"] for b in lesson.body if b.block_type == "video")
    url = reverse("courses:lesson_video", args=[lesson.pk, video.pk])
    size = video.file.size
    whole = b"".join(learner_client.get(url).streaming_content)
    assert len(whole) == size and whole[4:8] == b"ftyp"

    response = learner_client.get(url, HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{size}"
    assert b"".join(response.streaming_content) == whole[100:200]

    response = learner_client.get(url, HTTP_RANGE="bytes=-10")
    assert b"".join(response.streaming_content) == whole[-10:]

    response = learner_client.get(url, HTTP_RANGE=f"bytes={size}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{size}"

    captions = learner_client.get(reverse("courses:lesson_video_captions", args=[lesson.pk, video.pk]))
    assert captions["Content-Type"].startswith("text/vtt")
    assert b"".join(captions.streaming_content).startswith(b"WEBVTT")


def module_two_lesson(course):
    (_first, _lessons), (second, lessons), *_rest = course.outline
    return second, lessons[0]


def test_a_dripped_module_opens_on_its_day_and_only_once_the_module_before_is_done(
    learner_client, learner, paid_course
):
    enrolment = enrol(learner, paid_course, source=Enrolment.Source.EDITOR)
    module, lesson = module_two_lesson(paid_course)
    response = learner_client.get(lesson.url)
    opens_on = timezone.localdate() + timedelta(days=7)
    assert response.status_code == 403
    assert "nog niet open" in main_text(response)
    assert str(opens_on.day) in main_text(response)

    # A week later the day has come, but the first module is not finished.
    Enrolment.objects.filter(pk=enrolment.pk).update(started_at=timezone.now() - timedelta(days=7))
    response = learner_client.get(lesson.url)
    assert response.status_code == 403
    first_module = paid_course.outline[0][0]
    assert first_module.title in main_text(response)

    for first_lesson in paid_course.outline[0][1]:
        learner_client.post(reverse("courses:mark_done", args=[first_lesson.pk]), {"done": "1"})
    assert learner_client.get(lesson.url).status_code == 200


def test_an_editor_can_open_a_module_early_for_one_learner(learner_client, learner, paid_course):
    enrolment = enrol(learner, paid_course, source=Enrolment.Source.EDITOR)
    module, lesson = module_two_lesson(paid_course)
    ModuleOpening.objects.create(enrolment=enrolment, module=module)
    assert learner_client.get(lesson.url).status_code == 200
    third_module_lesson = paid_course.outline[2][1][0]
    assert learner_client.get(third_module_lesson.url).status_code == 403
