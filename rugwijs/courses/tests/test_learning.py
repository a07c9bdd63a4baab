"""Enrolling in the free course and following it: mark as done, progress, resume, finishing, quizzes."""

import pytest
from django.urls import reverse

from rugwijs.courses.models import Enrolment, LessonCompletion

from .conftest import enrol, lesson_with, lessons_of, main_text, soup

pytestmark = pytest.mark.django_db


def test_someone_without_an_account_is_asked_to_make_one_or_log_in(client, free_course):
    url = reverse("courses:enrol", args=[free_course.pk])
    response = client.get(url)
    links = [a["href"] for a in soup(response).main.select("a")]
    assert any(href.startswith(reverse("account_signup")) and url in href for href in links)
    assert any(href.startswith(reverse("account_login")) and url in href for href in links)
    assert client.post(url).status_code == 403
    assert not Enrolment.objects.exists()


def test_enrolling_in_a_free_course_opens_it_at_once_and_leads_to_the_first_lesson(
    learner_client, learner, free_course
):
    url = reverse("courses:enrol", args=[free_course.pk])
    assert "Schrijf je gratis in" in main_text(learner_client.get(url))
    response = learner_client.post(url)
    first = lessons_of(free_course)[0]
    assert response.status_code == 302 and response["Location"] == first.url
    enrolment = Enrolment.objects.get(user=learner, course=free_course)
    assert (enrolment.status, enrolment.source) == (Enrolment.Status.ACTIVE, Enrolment.Source.FREE)
    assert enrolment.started_at is not None
    # A second click neither duplicates nor fails.
    assert learner_client.post(url).status_code == 302
    assert Enrolment.objects.filter(user=learner).count() == 1


def test_a_paid_course_cannot_be_enrolled_in_for_free(learner_client, learner, paid_course):
    url = reverse("courses:enrol", args=[paid_course.pk])
    response = learner_client.get(url)
    assert "€ 49" in main_text(response)
    assert "012 345 67 89" in main_text(response)
    assert learner_client.post(url).status_code == 403
    assert not Enrolment.objects.filter(user=learner).exists()


def test_marking_lessons_done_moves_the_learner_on_and_shows_progress(learner_client, learner, free_course):
    enrol(learner, free_course)
    first, second, *_rest = lessons_of(free_course)
    response = learner_client.post(reverse("courses:mark_done", args=[first.pk]), {"done": "1"})
    assert response.status_code == 302 and response["Location"] == second.url
    assert LessonCompletion.objects.filter(lesson=first, enrolment__user=learner).exists()

    course_text = main_text(learner_client.get(free_course.url))
    assert "1 van 6 lessen klaar" in course_text
    assert f"Ga verder met “{second.title}”" in course_text

    lesson_text = main_text(learner_client.get(first.url))
    assert "Je hebt deze les afgerond." in lesson_text
    learner_client.post(reverse("courses:mark_done", args=[first.pk]), {"done": "0"})
    assert not LessonCompletion.objects.filter(lesson=first).exists()


def test_resume_leads_back_to_the_last_lesson_opened(learner_client, learner, free_course):
    enrol(learner, free_course)
    lessons = lessons_of(free_course)
    learner_client.get(lessons[3].url)
    action = soup(learner_client.get(free_course.url)).select_one(".course-action a.button")
    assert action["href"] == lessons[3].url


def test_finishing_every_lesson_finishes_the_course(learner_client, learner, free_course):
    enrolment = enrol(learner, free_course)
    for lesson in lessons_of(free_course):
        response = learner_client.post(reverse("courses:mark_done", args=[lesson.pk]), {"done": "1"})
    assert response["Location"] == free_course.url
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert "Je hebt deze cursus afgerond." in main_text(learner_client.get(free_course.url))
    learner_client.post(reverse("courses:mark_done", args=[lessons_of(free_course)[0].pk]), {"done": "0"})
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None


@pytest.mark.parametrize("data", [{}, {"done": "ja"}, {"done": "2"}], ids=["missing", "word", "other-number"])
def test_a_mangled_mark_done_form_is_refused_and_changes_nothing(learner_client, learner, free_course, data):
    enrol(learner, free_course)
    lesson = lessons_of(free_course)[1]
    assert learner_client.post(reverse("courses:mark_done", args=[lesson.pk]), data).status_code == 400
    assert not LessonCompletion.objects.exists()


def test_marking_a_lesson_of_a_course_you_did_not_enrol_in_is_refused(learner_client, free_course):
    lesson = lessons_of(free_course)[1]
    assert learner_client.post(reverse("courses:mark_done", args=[lesson.pk]), {"done": "1"}).status_code == 403
    assert not LessonCompletion.objects.exists()


def quiz_lesson(course):
    lesson = lesson_with(course, "quiz")
    return lesson, next(b for b in lesson.body if b.block_type == "quiz")


def test_a_quiz_gives_the_feedback_written_for_each_chosen_answer(learner_client, learner, free_course):
    enrol(learner, free_course)
    lesson, quiz = quiz_lesson(free_course)
    questions = quiz.value["questions"]
    wrong = next(i for i, a in enumerate(questions[0]["answers"], 1) if not a["correct"])
    right = next(i for i, a in enumerate(questions[1]["answers"], 1) if a["correct"])
    response = learner_client.get(lesson.url, {"quiz": quiz.id, "v1": wrong, "v2": right})
    page = soup(response)
    feedback = page.select(".quiz__feedback")
    assert len(feedback) == len(questions)
    assert (
        "Niet helemaal." in feedback[0].get_text()
        and questions[0]["answers"][wrong - 1]["feedback"] in feedback[0].get_text()
    )
    assert "Goed." in feedback[1].get_text()
    assert page.select_one(f"#quiz-{quiz.id}-1-{wrong}").has_attr("checked")
    assert f"1 van de {len(questions)}" in page.select_one(".quiz__score").get_text()


@pytest.mark.parametrize(
    "query",
    [{"quiz": "x", "v1": "1"}, {"v1": "99"}, {"v1": "-1"}, {"v1": "١"}, {"v1": "1" * 400}, {"video": "\x00"}],
    ids=["other-quiz", "out-of-range", "negative", "arabic-digit", "huge", "nul-byte"],
)
def test_odd_quiz_answers_read_as_no_answer(learner_client, learner, free_course, query):
    enrol(learner, free_course)
    lesson, quiz = quiz_lesson(free_course)
    query = {"quiz": quiz.id, **query}
    response = learner_client.get(lesson.url, query)
    # A NUL byte is refused before the page is built (core.http); anything else shows the lesson.
    assert response.status_code == (400 if any("\x00" in value for value in query.values()) else 200)


def test_marking_lessons_done_is_rate_limited(learner_client, learner, free_course):
    enrol(learner, free_course)
    lesson = lessons_of(free_course)[1]
    url = reverse("courses:mark_done", args=[lesson.pk])
    answers = [learner_client.post(url, {"done": "1"}).status_code for _ in range(61)]
    assert answers[:60] == [302] * 60
    assert answers[60] == 429
