"""Resolve every internal link on a page in one query, instead of one query per block of text.

Wagtail batches link look-ups within one rich-text value; an article has a value per paragraph,
so its query count would grow with its length. Pages wrap their rendering in
`page_links_resolved_together`, and the link handler in wagtail_hooks answers from that batch.
"""

import json
import re
from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.models import Page

_resolved_pages: ContextVar[dict[str, Page | None] | None] = ContextVar("rugwijs_resolved_pages", default=None)
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


@contextmanager
def page_links_resolved_together(*raw_values):
    ids = linked_page_ids(*raw_values)
    # Plain Page rows suffice: a link needs only the page's URL path.
    pages = {str(page.pk): page for page in Page.objects.filter(pk__in=ids).defer_streamfields()} if ids else {}
    token = _resolved_pages.set({page_id: pages.get(page_id) for page_id in ids})
    try:
        yield
    finally:
        _resolved_pages.reset(token)


def resolved_pages(ids: list[str]) -> list[Page | None] | None:
    """The batched pages for these ids, or None when they were not resolved in advance."""
    resolved = _resolved_pages.get()
    if resolved is None or not all(page_id in resolved for page_id in ids):
        return None
    return [resolved[page_id] for page_id in ids]
