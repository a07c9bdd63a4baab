import pytest
from wagtail.models import Page, PageViewRestriction

from rugwijs.articles.models import ArticlePage
from rugwijs.core.models import published_page

pytestmark = pytest.mark.django_db


def test_a_live_public_page_is_found_as_its_own_type(demo_site):
    assert published_page(ArticlePage, pk=demo_site.pk) == demo_site
    assert published_page(pk=demo_site.pk).specific_class is ArticlePage


def test_unpublished_private_unknown_and_other_type_pages_are_not_found(demo_site):
    assert published_page(pk=999_999) is None
    topic = demo_site.get_parent()
    assert published_page(ArticlePage, pk=topic.pk) is None
    PageViewRestriction.objects.create(page=topic, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert published_page(pk=demo_site.pk) is None
    PageViewRestriction.objects.all().delete()
    Page.objects.get(pk=demo_site.pk).unpublish()
    assert published_page(pk=demo_site.pk) is None
