"""The abstract page every public Rugwijs page type extends."""

import functools

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.functional import cached_property
from wagtail.models import Page, PageViewRestriction

from ..images import OG_IMAGE_SPEC
from ..outages import or_when_unavailable
from .mixins import ListingMixin


def in_private_section() -> Exists:
    """True for a page at or below a page with a view restriction (password, login or groups).

    The same question as Wagtail's `public()`, asked inside the page query: `public()` first reads
    every restriction, which costs a query each time it is used.
    """
    restricted_ancestor = PageViewRestriction.objects.annotate(
        prefix=Substr(OuterRef("path"), 1, Length("page__path"))
    ).filter(page__path=F("prefix"))
    return Exists(restricted_ancestor)


def published_page(model: type[Page] = Page, **lookup) -> Page | None:
    """The page readers may see (live, not behind a privacy setting) matching the lookup, or None.

    An id from a URL can be any length; one beyond 64 bits matches no page (SQLite would raise
    OverflowError on it, which would be a 500).
    """
    for key in ("pk", "id"):
        if isinstance(lookup.get(key), int) and not -(2**63) <= lookup[key] < 2**63:
            return None
    return model.objects.live().filter(~in_private_section(), **lookup).first()


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

    def pages_showing_this(self) -> list[Page]:
        """Pages other than its ancestors that show this page's card or name, to purge when it changes."""
        return []

    def get_og_type(self) -> str:
        return "website"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Called by the template only when the head is not a kept fragment (core.fragments).
        context["og_image_url"] = functools.cache(lambda: self.og_image_url(request))
        return context

    def og_image_url(self, request) -> str | None:
        if not self.listing_image_id:
            return None
        rendition = or_when_unavailable(
            lambda: self.listing_image.get_rendition(OG_IMAGE_SPEC), None, "The page's og:image rendition"
        )
        return request.build_absolute_uri(rendition.url) if rendition is not None else None
