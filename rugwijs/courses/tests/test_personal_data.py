"""A learner's course data in 'My data' and 'My account', and gone with the account."""

import json

import pytest
from django.contrib.auth import get_user_model

from rugwijs.courses.models import Enrolment, LessonCompletion, ModuleOpening

from .conftest import enrol, lessons_of, soup

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-wachtwoord-2026"


@pytest.fixture
def learner_with_progress(learner, free_course, paid_course):
    enrolment = enrol(learner, free_course)
    enrolment.completions.create(lesson=lessons_of(free_course)[0])
    paid = enrol(learner, paid_course, source=Enrolment.Source.EDITOR)
    ModuleOpening.objects.create(enrolment=paid, module=paid_course.outline[1][0])
    return learner


def test_the_download_lists_my_courses_lessons_done_and_modules_opened(
    learner_client, learner_with_progress, free_course, paid_course
):
    data = json.loads(learner_client.get("/account/gegevens/download/").content)["courses"]
    by_course = {row["course"]: row for row in data["enrolments"]}
    assert set(by_course) == {free_course.title, paid_course.title}
    assert [row["lesson"] for row in by_course[free_course.title]["lessons_done"]] == [lessons_of(free_course)[0].title]
    assert by_course[paid_course.title]["modules_opened_early"][0]["module"] == paid_course.outline[1][0].title
    assert by_course[paid_course.title]["how"] == "ingeschreven door de praktijk"


def test_my_account_shows_my_courses_with_their_progress(learner_client, learner_with_progress, free_course):
    page = soup(learner_client.get("/account/"))
    section = page.select_one("#mijn-cursussen").parent
    assert free_course.title in section.get_text()
    assert "1 van 6 lessen klaar" in section.get_text(" ")


def test_deleting_the_account_takes_enrolments_progress_and_openings_with_it(
    learner_client, learner_with_progress, django_user_model
):
    learner = learner_with_progress
    learner.set_password(PASSWORD)
    learner.save()
    learner_client.force_login(learner, backend="django.contrib.auth.backends.ModelBackend")
    response = learner_client.post("/account/verwijderen/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    assert not Enrolment.objects.exists()
    assert not LessonCompletion.objects.exists()
    assert not ModuleOpening.objects.exists()
