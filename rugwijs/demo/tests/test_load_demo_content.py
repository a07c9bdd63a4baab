import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.models import Page

from rugwijs.articles.models import ArticlePage
from rugwijs.demo.loader import CONTENT_DIR

pytestmark = pytest.mark.django_db

OWN_WORDS = Path(__file__).resolve().parents[3].parent / "shared" / "tools" / "own_words.py"


def test_demo_has_the_article_its_nine_related_articles_and_two_people(demo_site):
    assert ArticlePage.objects.live().count() == 10
    assert demo_site.related_links.count() == 9
    for article in ArticlePage.objects.all():
        sections = [block for block in article.body if block.block_type == "section"]
        assert len(sections) >= 3, article.slug
        assert article.summary and article.listing_image_id and article.listing_image_alt, article.slug
        assert article.author and article.reviewer and article.author != article.reviewer, article.slug


def test_running_it_twice_changes_nothing(demo_site):
    pages, images = Page.objects.count(), Image.objects.count()
    output = StringIO()
    call_command("load_demo_content", stdout=output)
    assert "nothing changed" in output.getvalue()
    assert (Page.objects.count(), Image.objects.count()) == (pages, images)


def test_editor_changes_survive_a_second_run(demo_site):
    demo_site.title = "Stress en rugpijn (bijgewerkt)"
    demo_site.save_revision().publish()
    call_command("load_demo_content", stdout=StringIO())
    demo_site.refresh_from_db()
    assert demo_site.title == "Stress en rugpijn (bijgewerkt)"


def test_internal_links_in_demo_text_point_at_real_pages(client, demo_site):
    html = client.get(demo_site.url).content.decode()
    assert 'href="page:' not in html
    assert "<a>" not in html


def test_demo_text_is_written_in_our_own_words():
    if not OWN_WORDS.exists():
        message = f"{OWN_WORDS} (the shared own-words checker beside this checkout) is not on this machine"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    files = sorted(str(path) for path in CONTENT_DIR.rglob("*.json"))
    result = subprocess.run([sys.executable, str(OWN_WORDS), *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
