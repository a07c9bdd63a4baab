"""Where a call to action may send a reader: never to a missing, unpublished, private or empty page.

Every linking block (core.blocks, people.blocks) and the article's extra table-of-contents link ask
`url_for(page)`; an empty answer means "leave the link out", and the blocks then render nothing at all.
Within a page's prefetched batch (core.prefetch) the answers are known in advance, without queries.
"""

from collections import defaultdict

from wagtail.models import Page, PageViewRestriction

from . import prefetch


def is_placeholder(page) -> bool:
    """True for a page with nothing to read yet. A page type says so with an `is_placeholder()` method;
    for a StandardPage that is a page without body text (core.models.pages)."""
    check = getattr(page, "is_placeholder", None)
    return bool(check and check())


def reachable_ids(pages) -> set[int]:
    """Ids of the pages a reader can open and find something on.

    At most two queries plus one per page type that can be a placeholder, however many pages are asked.
    """
    live = [page for page in pages if page is not None and page.live]
    if not live:
        return set()
    # A restriction on a page also closes every page below it, so compare tree paths.
    restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    public = [page for page in live if not (restricted and page.path.startswith(restricted))]
    return {page.pk for page in _with_placeholder_fields(public) if not is_placeholder(page)}


def _with_placeholder_fields(pages: list[Page]) -> list[Page]:
    """The pages, in their specific class where that class can be a placeholder (one query per such class)."""
    missing = defaultdict(list)
    for page in pages:
        cls = page.specific_class
        if cls is not None and hasattr(cls, "is_placeholder") and not isinstance(page, cls):
            missing[cls].append(page.pk)
    specific = {}
    for cls, ids in missing.items():
        specific.update(cls.objects.filter(pk__in=ids).in_bulk())
    return [specific.get(page.pk, page) for page in pages]


def leads_somewhere(page) -> bool:
    if page is None:
        return False
    known = prefetch.is_reachable(page.pk)
    return known if known is not None else page.pk in reachable_ids([page])


def url_for(page) -> str:
    return page.url if leads_somewhere(page) else ""
