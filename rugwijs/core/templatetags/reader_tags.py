"""Template tags for what readers download and follow: responsive images and links that lead somewhere."""

from django import template
from wagtail.images.models import ResponsiveImage

from rugwijs.core import links
from rugwijs.core.images import SIZES
from rugwijs.core.outages import or_when_unavailable

register = template.Library()


@register.simple_tag
def responsive_image(image, size: str, **attrs) -> str:
    """An img with a srcset of WebP renditions, and width and height against layout shift.

    `size` names an entry of core.images.SIZES; extra keyword arguments (alt, class, loading) go on the img.
    """
    if not image:
        return ""
    image_size = SIZES[size]
    # New renditions are stored on first view; while the database refuses that, the page goes without.
    renditions = or_when_unavailable(
        lambda: image.get_renditions(*image_size.filter_specs()), None, f"Renditions of image {image.pk}"
    )
    if renditions is None:
        return ""
    attrs.setdefault("decoding", "async")
    return ResponsiveImage(renditions, {"sizes": image_size.sizes, **attrs}).__html__()


@register.simple_tag
def reader_url(page) -> str:
    """The page's address, or "" when a reader would find it missing, unpublished, private or empty."""
    return links.url_for(page)
