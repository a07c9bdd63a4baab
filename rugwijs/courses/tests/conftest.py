import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from rugwijs.courses.models import CoursePage, Enrolment, LessonPage

FREE = "rugpijn-begrijpen"
PAID = "grip-op-langdurige-rugpijn"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def main_text(response) -> str:
    return " ".join(soup(response).main.get_text(" ").split())


@pytest.fixture
def free_course(demo_site) -> CoursePage:
    return CoursePage.objects.get(slug=FREE)


@pytest.fixture
def paid_course(demo_site) -> CoursePage:
    return CoursePage.objects.get(slug=PAID)


def lessons_of(course) -> list[LessonPage]:
    return list(course.lessons.values())


def lesson_with(course, block_type: str) -> LessonPage:
    return next(lesson for lesson in lessons_of(course) if any(b.block_type == block_type for b in lesson.body))


def first_block(lesson, block_type: str):
    return next(block for block in lesson.body if block.block_type == block_type)


@pytest.fixture
def learner(db):
    return get_user_model().objects.create_user("leerling", "leerling@example.org", "een-lang-wachtwoord-2026")


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner, backend="django.contrib.auth.backends.ModelBackend")
    return client


def enrol(user, course, *, source=Enrolment.Source.FREE, **fields) -> Enrolment:
    enrolment = Enrolment(user=user, course=course, source=source, **fields)
    enrolment.activate()
    enrolment.save()
    return enrolment
