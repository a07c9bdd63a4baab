"""Fetch what a page's body refers to in a few queries, instead of a few per block.

Wagtail batches look-ups within one rich-text value or one stream; an article has a value per
paragraph and a stream per section, so its query count would grow with its length. Pages wrap
their rendering in `prefetched_for(body)`: it walks the body's block definitions once, fetches every
chosen or linked page, whether each leads somewhere (core.links), and every figure image with its
renditions. The rich-text link handler (wagtail_hooks), the page choosers of linking blocks and the
figure's image block (blocks.py) then answer from the batch.
"""

import json
import re
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from .images import FIGURE


@dataclass
class Batch:
    pages: dict[int, Page] = field(default_factory=dict)  # every page the body links to or chooses
    reachable: set[int] = field(default_factory=set)  # those a reader can open (core.links)
    images: dict[int, object] = field(default_factory=dict)

    def page(self, page_id) -> Page | None:
        return self.pages.get(page_id) if page_id is not None else None


_batch: ContextVar[Batch | None] = ContextVar("rugwijs_prefetch_batch", default=None)
_LINK_TAG = re.compile(r"<a\b[^>]*>")
_PAGE_ID = re.compile(r'\bid=\\?"(\d+)\\?"')


def linked_page_ids(*raw_values) -> set[int]:
    """Ids of the pages that rich text in these raw values links to."""
    ids = set()
    for raw in raw_values:
        text = raw if isinstance(raw, str) else json.dumps(raw)
        for tag in _LINK_TAG.findall(text):
            if 'linktype=\\"page\\"' in tag or 'linktype="page"' in tag:
                ids.update(int(page_id) for page_id in _PAGE_ID.findall(tag))
    return ids


def chosen_ids(block, raw, pages=None, images=None) -> tuple[dict[type, set[int]], set[int]]:
    """Page ids by chooser target model, and image ids, of every chooser in a block's raw data."""
    pages = defaultdict(set) if pages is None else pages
    images = set() if images is None else images
    if isinstance(block, blocks.StreamBlock):
        for item in raw if isinstance(raw, list) else []:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                chosen_ids(child, item.get("value"), pages, images)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            if isinstance(raw, dict) and name in raw:
                chosen_ids(child, raw[name], pages, images)
    elif isinstance(block, blocks.ListBlock):
        for item in raw if isinstance(raw, list) else []:
            value = item["value"] if isinstance(item, dict) and "value" in item else item
            chosen_ids(block.child_block, value, pages, images)
    elif isinstance(block, blocks.PageChooserBlock) and isinstance(raw, int):
        pages[block.target_model].add(raw)
    elif isinstance(block, ImageChooserBlock) and isinstance(raw, int):
        images.add(raw)
    return pages, images


def _fetch_pages(ids_by_model: dict[type, set[int]]) -> dict[int, Page]:
    """One query for the plain pages, one per specific page type (with what that type shows: `for_display`)."""
    plain_ids = set(ids_by_model.get(Page, set()))
    found = {}
    for model, ids in ids_by_model.items():
        if model is Page or not ids:
            continue
        queryset = model.objects.filter(pk__in=ids)
        if hasattr(queryset, "for_display"):
            queryset = queryset.for_display()
        found.update(queryset.in_bulk())
    plain_ids -= found.keys()
    if plain_ids:
        # Plain Page rows suffice for a link: it needs only the page's URL path and state.
        found.update(Page.objects.filter(pk__in=plain_ids).defer_streamfields().in_bulk())
    return found


@contextmanager
def prefetched_for(body, also=()):
    """Within this block, the pages and figure images `body` (a StreamValue) refers to come from one batch.

    `also` adds (page model, id) pairs the page shows besides its body, such as the author.
    Yields the Batch.
    """
    from wagtail.images import get_image_model

    from .links import reachable_ids

    raw = list(body.raw_data)
    ids_by_model, image_ids = chosen_ids(body.stream_block, raw)
    ids_by_model[Page] |= linked_page_ids(raw)
    for model, page_id in also:
        if page_id is not None:
            ids_by_model[model].add(page_id)
    pages = _fetch_pages(ids_by_model)
    images = (
        get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions(*FIGURE.filter_specs()).in_bulk()
        if image_ids
        else {}
    )
    asked = set().union(*ids_by_model.values()) if ids_by_model else set()
    batch = Batch(
        # Ids asked for but not found (deleted pages) are known too: known to lead nowhere.
        pages={page_id: pages.get(page_id) for page_id in asked},
        reachable=reachable_ids(pages.values()),
        images={image_id: images.get(image_id) for image_id in image_ids},
    )
    token = _batch.set(batch)
    try:
        yield batch
    finally:
        _batch.reset(token)


def resolved_pages(ids: list) -> list[Page | None] | None:
    """The batched pages for these ids (None for a missing one), or None when they were not all batched."""
    batch = _batch.get()
    if batch is None or not all(page_id is None or str(page_id).isdigit() for page_id in ids):
        return None
    ids = [int(page_id) if page_id is not None else None for page_id in ids]
    if batch is None or not all(page_id is None or page_id in batch.pages for page_id in ids):
        return None
    return [batch.page(page_id) for page_id in ids]


def is_reachable(page_id) -> bool | None:
    """Whether a batched page leads somewhere; None when the page is not in the current batch."""
    batch = _batch.get()
    if batch is None or page_id not in batch.pages:
        return None
    return page_id in batch.reachable


def prefetched_images(ids: list) -> list | None:
    """The batched images for these ids, or None when they were not fetched in advance."""
    batch = _batch.get()
    if batch is None or not all(image_id is None or image_id in batch.images for image_id in ids):
        return None
    return [batch.images.get(image_id) if image_id is not None else None for image_id in ids]
