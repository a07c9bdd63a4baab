"""A token that names the state of everything readers can see, and changes whenever that state does.

Rendered fragments (core.fragments) are kept under this token. Publishing, unpublishing, moving or
deleting a page, closing a section to the public, changing an image, a document or the site's
settings sets a new random token once the change is committed: from then on, in every app server,
no fragment of the old state is found, and nothing needs purging. A drafted change sets no token.

The token lives in the database's cache table, beside the content it names, even where Redis holds
everything else: one small query per request. So it is written in the same transaction as the change,
a restored backup brings the token of its own state, and a Redis that stops and returns cannot bring
back a token older than changes made meanwhile. It is random rather than a counter, so that a state
rolled back (a backup, a test's transaction) never meets fragments rendered from another state under
the same number. When it cannot be read there is no token, and pages render without fragments.
"""

import logging
import uuid

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

_KEY = "content-state"
# On the request, so the state read first is used for the whole response.
_ON_REQUEST = "_rugwijs_content_state"


def _shared_cache():
    return caches["database"]


def current(request=None) -> str | None:
    """The token of what readers see now; None when it cannot be read (then nothing is cached)."""
    if request is not None and hasattr(request, _ON_REQUEST):
        return getattr(request, _ON_REQUEST)
    try:
        token = _shared_cache().get(_KEY)
        if token is None:
            token = uuid.uuid4().hex
            # add(): of two processes starting at once, both keep the first one's token.
            if not _shared_cache().add(_KEY, token, timeout=None):
                token = _shared_cache().get(_KEY)
    except Exception:  # noqa: BLE001 - a cache that does not answer means rendering everything
        logger.warning("The content state could not be read; rendering without fragments", exc_info=True)
        token = None
    if request is not None:
        setattr(request, _ON_REQUEST, token)
    return token


def changed() -> None:
    """Readers' content changed: every fragment rendered before is outdated.

    A new token at once, so the rest of this transaction renders its own change, and another once
    the change is committed: a reader's render in between read the state before the commit.
    """
    _new_token()
    transaction.on_commit(_new_token)


def _new_token() -> None:
    try:
        _shared_cache().set(_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        # Fragments expire on their own (FRAGMENT_CACHE_SECONDS); until then they may show the old state.
        logger.exception("The content state could not be renewed after a change")


def _page_changed(sender, instance=None, **kwargs):
    changed()


def _page_row_deleted(sender, instance, **kwargs):
    changed()


def _row_changed(sender, **kwargs):
    changed()


def connect() -> None:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        Locale,
        PageViewRestriction,
        Site,
        get_page_models,
    )

    from .models import SiteSettings

    page_published.connect(_page_changed, dispatch_uid="rugwijs.content_state.published")
    page_unpublished.connect(_page_changed, dispatch_uid="rugwijs.content_state.unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="rugwijs.content_state.moved")
    # Per page type: a receiver for every model would also end Django's fast deletes (one DELETE
    # statement for cascaded rows), and with them rows that signal handlers add while a page goes.
    for model in get_page_models():
        post_delete.connect(_page_row_deleted, sender=model, dispatch_uid=f"rugwijs.content_state.{model._meta.label}")
    # What pages show besides their own fields.
    for model in (
        get_image_model(),
        get_document_model(),
        PageViewRestriction,
        CollectionViewRestriction,
        Collection,
        Site,
        Locale,
        SiteSettings,
    ):
        for signal in (post_save, post_delete):
            signal.connect(_row_changed, sender=model, dispatch_uid=f"rugwijs.content_state.{model._meta.label}")
