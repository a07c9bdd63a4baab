import pytest
from wagtail.models import Page, PageViewRestriction

from rugwijs.articles.models import ArticlePage
from rugwijs.core.models import in_private_section, published_page

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


def test_the_private_section_filter_agrees_with_wagtails_public(demo_site):
    def readable_ids():
        return set(Page.objects.live().filter(~in_private_section()).values_list("pk", flat=True))

    assert readable_ids() == set(Page.objects.live().public().values_list("pk", flat=True))
    topic = demo_site.get_parent()
    PageViewRestriction.objects.create(page=topic, restriction_type=PageViewRestriction.LOGIN)
    other_article = Page.objects.exclude(pk__in=topic.get_descendants(inclusive=True)).type(ArticlePage).first()
    PageViewRestriction.objects.create(page=other_article, restriction_type=PageViewRestriction.PASSWORD, password="x")
    hidden = set(topic.get_descendants(inclusive=True).values_list("pk", flat=True)) | {other_article.pk}
    assert readable_ids() == set(Page.objects.live().public().values_list("pk", flat=True))
    assert not readable_ids() & hidden
    assert demo_site.get_parent().get_parent().pk in readable_ids()
