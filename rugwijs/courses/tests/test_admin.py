"""What editors do with courses in the admin: build them, enrol a patient by hand, open a module early."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.models import Collection

from rugwijs.courses.blocks import DocumentBlock, ExternalVideoBlock, QuizQuestionBlock, VideoBlock, external_embed
from rugwijs.courses.models import CourseModulePage, CourseVideo, Enrolment, ModuleOpening

from .conftest import lessons_of

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/snippets/courses/enrolment/add/"


def test_editors_can_open_every_kind_of_course_page_and_preview_a_lesson(admin_client, paid_course):
    module, lessons = paid_course.outline[1]
    for page in (paid_course.get_parent(), paid_course, module, lessons[0]):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
    assert admin_client.get(f"/admin/pages/{lessons[0].pk}/view_draft/").status_code == 200


def enrolment_form(course, email, *openings, prefix_count=0):
    data = {
        "learner_email": email,
        "course": course.pk,
        "status": "active",
        "openings-TOTAL_FORMS": str(len(openings)),
        "openings-INITIAL_FORMS": str(prefix_count),
        "openings-MIN_NUM_FORMS": "0",
        "openings-MAX_NUM_FORMS": "1000",
    }
    for index, module in enumerate(openings):
        data[f"openings-{index}-module"] = module.pk
        data[f"openings-{index}-id"] = ""
    return data


def test_an_editor_enrols_a_patient_by_e_mail_address_and_opens_a_module_early(
    admin_client, admin_user, learner, paid_course
):
    week_two = paid_course.outline[1][0]
    response = admin_client.post(ADD_URL, enrolment_form(paid_course, "LEERLING@example.org", week_two))
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=learner, course=paid_course)
    assert (enrolment.source, enrolment.status, enrolment.enrolled_by) == ("editor", "active", admin_user)
    assert enrolment.started_at is not None
    opening = ModuleOpening.objects.get(enrolment=enrolment)
    assert (opening.module_id, opening.opened_by) == (week_two.pk, admin_user)


@pytest.mark.parametrize("email", ["niemand@example.org", "geen-adres"], ids=["unknown", "malformed"])
def test_enrolling_an_address_without_an_account_is_refused(admin_client, paid_course, email):
    response = admin_client.post(ADD_URL, enrolment_form(paid_course, email))
    assert response.status_code == 200
    assert not Enrolment.objects.exists()


def test_a_module_of_another_course_cannot_be_opened(admin_client, learner, paid_course, free_course):
    other_module = free_course.outline[0][0]
    response = admin_client.post(ADD_URL, enrolment_form(paid_course, learner.email, other_module))
    assert response.status_code == 200
    assert not Enrolment.objects.exists()


def test_the_enrolment_list_shows_each_learners_progress(admin_client, learner, free_course):
    from .conftest import enrol

    enrolment = enrol(learner, free_course)
    enrolment.completions.create(lesson=lessons_of(free_course)[0])
    response = admin_client.get("/admin/snippets/courses/enrolment/")
    text = response.content.decode()
    assert learner.email in text and "1 van 6" in text


def test_a_module_cannot_wait_for_a_module_of_another_course(admin_client, paid_course, free_course):
    module = paid_course.outline[1][0]
    other = free_course.outline[0][0]
    response = admin_client.post(
        f"/admin/pages/{module.pk}/edit/",
        {"title": module.title, "slug": module.slug, "opens_after_days": 7, "required_module": other.pk},
    )
    assert response.status_code == 200
    module.refresh_from_db()
    assert CourseModulePage.objects.get(pk=module.pk).required_module_id != other.pk


def test_a_course_document_must_be_in_a_private_collection(demo_site):
    public = get_document_model().objects.create(
        title="Openbaar", file="documents/openbaar.pdf", collection=Collection.get_first_root_node()
    )
    block = DocumentBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"document": public.pk, "title": "Werkblad"}))
    private = get_document_model().objects.get(title="Mijn beweegweek")
    assert block.clean(block.to_python({"document": private.pk, "title": "Werkblad"}))["document"] == private


def test_a_video_without_captions_is_refused_in_a_lesson(demo_site):
    video = CourseVideo.objects.first()
    block = VideoBlock()
    assert block.clean(block.to_python({"video": video.pk, "description": "Uitleg"}))
    CourseVideo.objects.filter(pk=video.pk).update(captions="")
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"video": video.pk, "description": "Uitleg"}))
    video.refresh_from_db()
    with pytest.raises(ValidationError):
        video.full_clean()


def test_a_quiz_question_needs_a_correct_answer():
    block = QuizQuestionBlock()
    answers = [{"text": "Ja", "correct": False, "feedback": "Nee."}, {"text": "Nee", "correct": False, "feedback": "."}]
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"question": "Klopt dit?", "answers": answers}))
    answers[1]["correct"] = True
    assert block.clean(block.to_python({"question": "Klopt dit?", "answers": answers}))


@pytest.mark.parametrize(
    ("address", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=abc_DEF-123",
            ("https://www.youtube-nocookie.com/embed/abc_DEF-123", "YouTube"),
        ),
        ("https://youtu.be/abc123", ("https://www.youtube-nocookie.com/embed/abc123", "YouTube")),
        ("https://vimeo.com/123456", ("https://player.vimeo.com/video/123456?dnt=1", "Vimeo")),
        ("https://www.youtube.com/watch?v=a%22onload%3D", None),
        ("https://evil.example/watch?v=abc", None),
        ("javascript:alert(1)", None),
        ("https://vimeo.com/channels/staff", None),
    ],
    ids=["youtube", "youtu.be", "vimeo", "quote-in-id", "other-site", "javascript", "vimeo-channel"],
)
def test_only_single_youtube_and_vimeo_videos_can_be_embedded(address, embed):
    assert external_embed(address) == embed
    block = ExternalVideoBlock()
    value = block.to_python({"url": address, "title": "Video", "description": "Uitleg"})
    if embed is None and address.startswith("https"):
        with pytest.raises(StructBlockValidationError):
            block.clean(value)
