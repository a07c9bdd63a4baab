"""Rendered parts of pages, kept for every reader until the content state changes (core.content_state).

An article's header, body and related articles, the site's menu, footer and breadcrumbs look the same
to every reader of the same content state. Rendering them took most of an article's 90 ms (the
related-article query, the body's linked pages and images, the author box); reading them back takes
one cache round trip. What differs per reader or per minute stays outside: the view count, the
"Heeft dit artikel je geholpen?" form, the editor's user bar.

Django's `{% cache %}` tag was the starting point, but it cannot be switched off for a preview or a
cache that does not answer, and a page cannot ask for all its fragments in one round trip before
deciding whether to fetch what rendering them needs (`prefetch`).
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import mark_safe

from . import content_state

logger = logging.getLogger(__name__)

_FOUND = "_rugwijs_fragments"


def _base(request) -> str | None:
    """What every fragment key of this request starts with; None where nothing may be cached."""
    if request is None or getattr(request, "is_preview", False) or request.method not in ("GET", "HEAD"):
        return None
    state = content_state.current(request)
    if state is None:
        return None
    return f"{state}:{translation.get_language() or ''}"


def key(request, name: str, vary=()) -> str | None:
    base = _base(request)
    if base is None:
        return None
    parts = ":".join(str(part) for part in (name, *vary))
    return "fragment:" + hashlib.sha256(f"{base}:{parts}".encode()).hexdigest()


def prefetch(request, names_and_vary) -> bool:
    """Read these fragments in one round trip; True when every one of them was there."""
    keys = [key(request, name, vary) for name, vary in names_and_vary]
    if None in keys:
        return False
    try:
        found = cache.get_many(keys)
    except Exception:  # noqa: BLE001 - a cache that does not answer means rendering
        logger.warning("Fragments could not be read", exc_info=True)
        found = {}
    request.__dict__.setdefault(_FOUND, {}).update(found)
    return len(found) == len(keys)


def get_or_render(request, name: str, vary, render) -> str:
    """The fragment from the cache, else `render()`'s output, kept for the next reader."""
    fragment_key = key(request, name, vary)
    if fragment_key is None:
        return render()
    found = getattr(request, _FOUND, {})
    if fragment_key in found:
        return mark_safe(found[fragment_key])  # noqa: S308 - our own rendered template output
    try:
        html = cache.get(fragment_key)
    except Exception:  # noqa: BLE001
        logger.warning("A fragment could not be read", exc_info=True)
        html = None
    if html is not None:
        return mark_safe(html)  # noqa: S308 - our own rendered template output
    html = render()
    try:
        cache.set(fragment_key, str(html), settings.FRAGMENT_CACHE_SECONDS)
    except Exception:  # noqa: BLE001
        logger.warning("A fragment could not be stored", exc_info=True)
    return html
