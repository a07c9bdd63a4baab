from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from rugwijs.articles.models import ArticlePage, TopicPage
from rugwijs.core.models import BasePage
from rugwijs.selftests.models import SelfTestIndexPage, SelfTestPage


def site_topics(site_root):
    """The published topics directly under the home page, in menu order: the home page and the 404 page list them."""
    return TopicPage.objects.live().public().child_of(site_root).order_by("path")


class HomePage(BasePage):
    intro = models.TextField(_("intro"), blank=True)
    featured_count = models.PositiveSmallIntegerField(
        _("number of newest articles"), default=6, help_text=_("How many of the newest articles to show.")
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("featured_count")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = site_topics(self)
        context["selftest_index"] = SelfTestIndexPage.objects.live().public().descendant_of(self).first()
        context["selftests"] = SelfTestPage.objects.live().public().descendant_of(self).order_by("path")
        context["articles"] = (
            ArticlePage.objects.live().public().descendant_of(self).for_listing().newest_first()[: self.featured_count]
        )
        return context
