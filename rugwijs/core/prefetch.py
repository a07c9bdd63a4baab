"""Fetch what a page's body refers to in a few queries, instead of a few per block.

Wagtail batches look-ups within one rich-text value or one stream; an article has a value per
paragraph and a stream per section, so its query count would grow with its length. Pages wrap
their rendering in `prefetched_for(raw_body)`; the rich-text link handler (wagtail_hooks) and the
figure's image block (blocks.py) answer from the batch.
"""

import json
import re
from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.models import Page

_resolved_pages: ContextVar[dict[str, Page | None] | None] = ContextVar("rugwijs_resolved_pages", default=None)
_prefetched_images: ContextVar[dict | None] = ContextVar("rugwijs_prefetched_images", default=None)
# The renditions a figure asks for (its srcset), fetched together with the images.
FIGURE_RENDITIONS = ("width-400", "width-800", "width-1200")
_LINK_TAG = re.compile(r"<a\b[^>]*>")
_PAGE_ID = re.compile(r'\bid=\\?"(\d+)\\?"')


def linked_page_ids(*raw_values) -> set[str]:
    ids = set()
    for raw in raw_values:
        text = raw if isinstance(raw, str) else json.dumps(raw)
        for tag in _LINK_TAG.findall(text):
            if 'linktype=\\"page\\"' in tag or 'linktype="page"' in tag:
                ids.update(_PAGE_ID.findall(tag))
    return ids


def figure_image_ids(raw) -> set[int]:
    """Image ids of every figure block anywhere in a StreamField's raw JSON."""
    ids = set()
    if isinstance(raw, list):
        for item in raw:
            ids |= figure_image_ids(item)
    elif isinstance(raw, dict):
        if raw.get("type") == "figure" and isinstance(raw.get("value"), dict):
            image = raw["value"].get("image")
            if isinstance(image, int):
                ids.add(image)
        for value in raw.values():
            if isinstance(value, list | dict):
                ids |= figure_image_ids(value)
    return ids


@contextmanager
def prefetched_for(raw_body):
    """Within this block, internal links and figure images of `raw_body` come from two queries."""
    from wagtail.images import get_image_model

    link_ids = linked_page_ids(raw_body)
    # Plain Page rows suffice: a link needs only the page's URL path.
    pages = {str(page.pk): page for page in Page.objects.filter(pk__in=link_ids).defer_streamfields()}
    image_ids = figure_image_ids(raw_body)
    images = (
        get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions(*FIGURE_RENDITIONS).in_bulk()
        if image_ids
        else {}
    )
    page_token = _resolved_pages.set({page_id: pages.get(page_id) for page_id in link_ids})
    image_token = _prefetched_images.set({image_id: images.get(image_id) for image_id in image_ids})
    try:
        yield
    finally:
        _resolved_pages.reset(page_token)
        _prefetched_images.reset(image_token)


def resolved_pages(ids: list[str]) -> list[Page | None] | None:
    """The batched pages for these ids, or None when they were not resolved in advance."""
    resolved = _resolved_pages.get()
    if resolved is None or not all(page_id in resolved for page_id in ids):
        return None
    return [resolved[page_id] for page_id in ids]


def prefetched_images(ids: list) -> list | None:
    """The batched images for these ids, or None when they were not fetched in advance."""
    known = _prefetched_images.get()
    if known is None or not all(image_id is None or image_id in known for image_id in ids):
        return None
    return [known.get(image_id) if image_id is not None else None for image_id in ids]
