from html import unescape

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from ..blocks import RICH_TEXT_FEATURES
from .base import BasePage


class StandardPage(BasePage):
    """A plain page of text, for example the course offering or 'about us'."""

    intro = models.TextField(_("intro"), blank=True)
    body = RichTextField(_("body"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")

    def is_placeholder(self) -> bool:
        """True while the body has no text: a title and an intro alone are a dead end for a call to action."""
        return not unescape(strip_tags(self.body)).strip()
