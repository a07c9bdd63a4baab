"""Behaviour every Rugwijs page shares, as abstract mixins that bring their own fields and panels."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from ..images import OG_IMAGE_SPEC


class ListingMixin(models.Model):
    """What a card, a search result and a social preview show of a page."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=300,
        help_text=_("One or two sentences for cards, search results and the meta description."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    listing_image_alt = models.CharField(
        _("alt text of the listing image"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )

    listing_panels = [
        MultiFieldPanel(
            [FieldPanel("summary"), FieldPanel("listing_image"), FieldPanel("listing_image_alt")],
            heading=_("Listing"),
        )
    ]
    search_fields = [index.SearchField("summary")]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.listing_image_id and not self.listing_image_alt.strip():
            raise ValidationError({"listing_image_alt": _("An image needs alt text.")})


class BasePage(ListingMixin, Page):
    """The abstract base of every public page: SEO helpers and breadcrumbs."""

    content_panels = Page.content_panels
    promote_panels = Page.promote_panels + ListingMixin.listing_panels
    search_fields = Page.search_fields + ListingMixin.search_fields

    class Meta:
        abstract = True

    @property
    def meta_description(self) -> str:
        return self.search_description or self.summary

    @cached_property
    def breadcrumbs(self) -> list[Page]:
        """Ancestors below the root, the site's home page first (one query)."""
        return list(self.get_ancestors().filter(depth__gt=1).specific(defer=True))

    def get_og_type(self) -> str:
        return "website"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.listing_image_id:
            rendition = self.listing_image.get_rendition(OG_IMAGE_SPEC)
            context["og_image_url"] = request.build_absolute_uri(rendition.url)
        return context
