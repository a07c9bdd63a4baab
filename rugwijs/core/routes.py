"""Which page an address leads to, kept until the content state changes (core.content_state).

Wagtail finds a page by walking the tree: the site, its root page, then a query per level for the
child with the next slug and another for its specific type; six queries, 15 of an article's 30 ms
once its parts come from core.fragments. The answer changes only when pages are published,
unpublished, moved or deleted, each of which gives a new content state; so the page's id and type
are kept per state, host and path, and the page itself costs one query.

Wagtail keeps a request's route on the request (`_wagtail_route_for_request`, see
Page.route_for_request); `serve_page` puts the kept one there before Wagtail's own view runs. Who
may see the page is still checked by Wagtail's before_serve_page hooks on every request.
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from . import content_state

logger = logging.getLogger(__name__)

_ROUTE = "_wagtail_route_for_request"  # Wagtail's own attribute


def _key(request, path: str) -> str | None:
    state = content_state.current(request)
    if state is None:
        return None
    return "route:" + hashlib.sha256(f"{state}:{request.get_host()}:{path}".encode()).hexdigest()


def restore(request, key: str) -> None:
    try:
        kept = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache that does not answer means routing as Wagtail does
        logger.warning("A kept route could not be read", exc_info=True)
        return
    if kept is None:
        return
    page_id, content_type_id, args, kwargs = kept
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.filter(pk=page_id).first() if model is not None else None
    # Wagtail's route checks `live` too; should a new content state ever fail to be stored, an
    # unpublished page is still not served.
    if page is not None and page.live:
        setattr(request, _ROUTE, RouteResult(page, args, kwargs))


def keep(request, key: str) -> None:
    result = getattr(request, _ROUTE, None)
    if result is None:
        return
    page, args, kwargs = result
    try:
        kept = (page.pk, page.content_type_id, list(args or ()), dict(kwargs or {}))
        cache.set(key, kept, settings.FRAGMENT_CACHE_SECONDS)
    except Exception:  # noqa: BLE001
        logger.warning("A route could not be kept", exc_info=True)


def serve_page(request, path):
    """Wagtail's page view, with the route from the cache when it is there."""
    key = _key(request, path) if request.method in ("GET", "HEAD") else None
    if key is not None:
        restore(request, key)
        if not hasattr(request, _ROUTE):
            response = wagtail_serve(request, path)
            keep(request, key)
            return response
    return wagtail_serve(request, path)
