"""What a reader sees of the courses before enrolling: the catalogue, a course page, a free preview."""

import pytest
from django.urls import reverse

from rugwijs.articles.models import ArticlePage
from rugwijs.courses.models import CourseIndexPage, CoursePage

from .conftest import lessons_of, main_text, soup

pytestmark = pytest.mark.django_db


def test_the_catalogue_lists_every_course_with_its_price(client, free_course, paid_course):
    response = client.get(CourseIndexPage.objects.get().url)
    assert response.status_code == 200
    cards = {card.h2.get_text(strip=True): card.get_text(" ") for card in soup(response).select(".course-card")}
    assert set(cards) == {free_course.title, paid_course.title}
    assert "Gratis" in cards[free_course.title]
    assert "€ 49" in cards[paid_course.title]


def test_a_course_page_shows_who_it_is_for_what_you_learn_teachers_modules_and_faq(client, paid_course):
    response = client.get(paid_course.url)
    text = main_text(response)
    assert response.status_code == 200
    for heading in ["Voor wie", "Wat je leert", "Modules en lessen", "Veelgestelde vragen", "Je docenten"]:
        assert heading in text, heading
    for module, lessons in paid_course.outline:
        assert module.title in text
        assert all(lesson.title in text for lesson in lessons)
    assert "Gaat 7 dagen na je inschrijving open." in text
    page = soup(response)
    # Only the free preview is a link for someone who has not enrolled.
    lesson_links = {a["href"] for a in page.select(".outline__lesson a")}
    assert lesson_links == {lesson.url for lesson in lessons_of(paid_course) if lesson.free_preview}
    assert page.select_one(".course-action a")["href"] == reverse("courses:enrol", args=[paid_course.pk])
    assert [p.get_text(strip=True) for p in page.select(".teacher__name")] == [
        p.title for p in paid_course.teacher_people
    ]


def test_an_anonymous_course_page_may_be_shared_by_a_cache_and_sets_no_cookie(client, free_course):
    response = client.get(free_course.url)
    assert "s-maxage" in response["Cache-Control"]
    assert not response.cookies


def test_a_free_preview_lesson_is_readable_by_anyone_but_never_stored_by_a_proxy(client, free_course):
    preview = next(lesson for lesson in lessons_of(free_course) if lesson.free_preview)
    response = client.get(preview.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert "gratis voorproefje" in main_text(response).lower()
    assert soup(response).select_one("video track[kind=captions]") is not None


def test_every_course_call_to_action_in_the_demo_leads_to_a_live_course(client, demo_site):
    targets = []
    for article in ArticlePage.objects.live():
        for block in article.body:
            blocks = [block, *(block.value["content"] if block.block_type == "section" else [])]
            targets += [b.value["link"]["page"] for b in blocks if b.block_type == "course_offer"]
    assert len(targets) >= 4
    live_courses = set(CoursePage.objects.live().values_list("pk", flat=True))
    assert {page.pk for page in targets} <= live_courses
    assert {page.specific.slug for page in targets} == set(CoursePage.objects.values_list("slug", flat=True))
    for page in targets:
        assert client.get(page.url).status_code == 200


def test_the_sitemap_lists_courses_and_free_previews_but_no_lesson_for_learners_only(client, free_course, paid_course):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert free_course.full_url in sitemap and paid_course.full_url in sitemap
    for lesson in lessons_of(free_course) + lessons_of(paid_course):
        assert (lesson.full_url in sitemap) is lesson.free_preview, lesson.url


def test_a_lessons_headings_go_down_one_level_at_a_time(client, free_course):
    preview = next(lesson for lesson in lessons_of(free_course) if lesson.free_preview)
    main = soup(client.get(preview.url)).main
    levels = [int(heading.name[1]) for heading in main.find_all(["h1", "h2", "h3", "h4"])]
    assert levels[0] == 1 and 2 in levels
    assert all(after - before <= 1 for before, after in zip(levels, levels[1:], strict=False)), levels
