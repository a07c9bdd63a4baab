import pytest

from rugwijs.articles.models import ArticlePage
from rugwijs.selftests.models import SelfTestPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["zenuw-spier-of-gewricht", "stress-check"], ids=["body-map-test", "scale-test"])
def test_editors_can_open_a_demo_test_in_the_admin(admin_client, demo_site, slug):
    page = SelfTestPage.objects.get(slug=slug)
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_editors_can_open_the_demo_article_and_its_preview(admin_client, demo_site):
    article = ArticlePage.objects.get(slug="stress-en-rugpijn")
    assert admin_client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
    assert admin_client.get(f"/admin/pages/{article.pk}/view_draft/").status_code == 200
