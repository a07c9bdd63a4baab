"""A video from YouTube or Vimeo loads only after the learner chose to, and only then may the page frame it."""

import pytest

from rugwijs.courses.models import LessonPage

from .conftest import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson_with_external_video(free_course):
    module = free_course.outline[0][0]
    lesson = LessonPage(
        title="Een video van elders",
        slug="video-van-elders",
        free_preview=True,
        body=[
            ("paragraph", "<p>Bekijk de video.</p>"),
            (
                "external_video",
                {"url": "https://www.youtube.com/watch?v=abc123", "title": "Rustig bewegen", "description": "Uitleg."},
            ),
        ],
    )
    module.add_child(instance=lesson)
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


def test_the_video_from_elsewhere_waits_for_the_learners_click(client, lesson_with_external_video):
    lesson = lesson_with_external_video
    response = client.get(lesson.url)
    page = soup(response)
    assert page.select("iframe") == []
    assert "youtube" not in response["Content-Security-Policy"]
    notice = page.select_one(".external-video")
    assert "YouTube" in notice.get_text() and "IP-adres" in notice.get_text()
    block_id = lesson.body[1].id
    assert notice.select_one("a.button")["href"] == f"?video={block_id}#video-{block_id}"

    response = client.get(lesson.url, {"video": block_id})
    frame = soup(response).select_one(f"#video-{block_id} iframe")
    assert frame["src"] == "https://www.youtube-nocookie.com/embed/abc123"
    assert frame["title"] == "Rustig bewegen"
    assert "frame-src https://www.youtube-nocookie.com" in response["Content-Security-Policy"]


def test_asking_for_a_video_the_lesson_does_not_have_loads_nothing(client, lesson_with_external_video):
    response = client.get(lesson_with_external_video.url, {"video": "not-a-block"})
    assert response.status_code == 200
    assert soup(response).select("iframe") == []
    assert "youtube" not in response["Content-Security-Policy"]
