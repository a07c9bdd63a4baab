"""Tell the caching proxy which pages to drop when a page is published, unpublished, moved or deleted.

Wagtail's frontend cache purges only the page itself. A change also shows elsewhere: in the listing
of the page above it, on the home page, on the cards other pages show of it, and, for a page in the
menu or the footer, on every page of the site. Each page type says which other pages show it
(`pages_showing_this`); this module adds the ancestors and purges all their URLs in one batch, once
the change is committed so the purged pages render the new state.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move


def in_site_frame(page: Page) -> bool:
    """Pages named in every page's menu or footer: changing one changes the whole site."""
    from .models import SiteSettings

    if page.show_in_menus or page.depth <= 2:
        return True
    return any(
        page.pk in (s.privacy_page_id, s.accessibility_page_id, s.colophon_page_id) for s in SiteSettings.objects.all()
    )


def proxy_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def pages_showing(page: Page) -> list[Page]:
    """The page, the pages above it (listings, the home page) and the pages that show a card of it."""
    if page.pk is None:  # deleted: what showed it was collected before
        return []
    if in_site_frame(page):
        return [page, *Page.objects.live().specific(defer=True)]
    ancestors = page.get_ancestors().filter(depth__gt=1).specific(defer=True)
    return [page, *ancestors, *page.specific_deferred.pages_showing_this()]


def purge_pages(pages) -> None:
    if proxy_configured():
        batch = PurgeBatch()
        batch.add_pages(pages)
        batch.purge()


def purge_pages_showing(page: Page, urls_before=None) -> None:
    """Purge what showed the page before the change and, once it is committed, what shows it after.

    Before: where an unpublished, deleted or moved page used to appear. After: where a published
    page now appears. Articles whose related-article lists change are purged by the scoring itself
    (articles.signals), which runs after this.
    """
    if not proxy_configured():
        return
    batch = PurgeBatch(urls_before)
    batch.add_pages(pages_showing(page))

    def purge_after_commit():
        batch.add_pages(pages_showing(page))
        batch.purge()

    transaction.on_commit(purge_after_commit)


def _on_publish_or_unpublish(sender, instance, **kwargs):
    purge_pages_showing(instance)


# The URLs that showed a page before its move, by page id, from pre_page_move to post_page_move.
_urls_before_move: dict[int, set[str]] = {}


def _before_page_move(sender, instance, url_path_before, url_path_after, **kwargs):
    if proxy_configured() and url_path_before != url_path_after:  # else only reordered among its siblings
        batch = PurgeBatch()
        batch.add_pages(pages_showing(instance))
        _urls_before_move[instance.pk] = batch.urls


def _after_page_move(sender, instance, **kwargs):
    if instance.pk in _urls_before_move:
        purge_pages_showing(instance, _urls_before_move.pop(instance.pk))


def _on_site_settings_saved(sender, instance, **kwargs):
    # The footer on every page shows the settings' pages.
    if proxy_configured():
        transaction.on_commit(lambda: purge_pages(Page.objects.live().specific(defer=True)))


def connect() -> None:
    from .models import SiteSettings

    # Deleting a live page unpublishes it first, so page_unpublished covers deletion too.
    page_published.connect(_on_publish_or_unpublish, dispatch_uid="rugwijs.frontend_cache.published")
    page_unpublished.connect(_on_publish_or_unpublish, dispatch_uid="rugwijs.frontend_cache.unpublished")
    pre_page_move.connect(_before_page_move, dispatch_uid="rugwijs.frontend_cache.before_move")
    post_page_move.connect(_after_page_move, dispatch_uid="rugwijs.frontend_cache.moved")
    post_save.connect(_on_site_settings_saved, sender=SiteSettings, dispatch_uid="rugwijs.frontend_cache.settings")
