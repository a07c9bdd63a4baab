"""A page cache inside the app, for set-ups without a caching proxy: anonymous pages from the shared cache.

Django's own cache middleware keys entries by a hash of the request's headers it learnt earlier
and follows `max-age`, which is 0 on our pages so browsers always revalidate; a purge by URL is
not possible with it. This keeps the rules of SharedCacheMiddleware instead: what a proxy may
keep (`public`, `s-maxage`), the app keeps for as long, under a key made from the path alone,
and Wagtail's frontend cache purges it through `PageCacheBackend` like it purges a proxy.

One installation serves one site, so the host is not part of the key: the page's URL as Wagtail
knows it (its Site's host name) and the host a reader typed may differ.
"""

import hashlib
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from wagtail.contrib.frontend_cache.backends import BaseBackend

from .middleware import SharedCacheMiddleware

logger = logging.getLogger(__name__)

# Headers that describe this one exchange rather than the page; never replayed from the cache.
_NOT_STORED = {"set-cookie", "date", "content-length"}


def key_for(path_with_query: str) -> str:
    return "page:" + hashlib.sha256(path_with_query.encode()).hexdigest()


def _max_age(response) -> int:
    for part in response.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name == "s-maxage" and value.isdigit():
            return int(value)
    return 0


class PageCacheMiddleware:
    """Placed before SharedCacheMiddleware, so what it stores carries every header, Cache-Control too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.applies_to(request):
            return self.get_response(request)
        key = key_for(request.get_full_path())
        stored = self._read(key)
        if stored is not None:
            return self._replay(stored, request)
        response = self.get_response(request)
        timeout = _max_age(response)
        if timeout and "public" in response.get("Cache-Control", "") and not response.cookies:
            self._write(key, response, timeout)
        response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def applies_to(request) -> bool:
        return (
            settings.PAGE_CACHE_ENABLED
            and request.method in SharedCacheMiddleware.SHAREABLE_METHODS
            and not SharedCacheMiddleware.is_personal(request)
            and not request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL))
        )

    @staticmethod
    def _read(key):
        try:
            return caches[settings.SHARED_CACHE].get(key)
        except Exception:  # noqa: BLE001 - a cache that does not answer means rendering the page
            logger.warning("Page cache could not be read", exc_info=True)
            return None

    @staticmethod
    def _write(key, response, timeout):
        if response.streaming:
            return
        headers = [(name, value) for name, value in response.items() if name.lower() not in _NOT_STORED]
        try:
            caches[settings.SHARED_CACHE].set(key, (response.status_code, headers, response.content), timeout)
        except Exception:  # noqa: BLE001 - the reader has the page; the next one renders it again
            logger.warning("Page cache could not be written", exc_info=True)

    @staticmethod
    def _replay(stored, request):
        status, headers, content = stored
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


class PageCacheBackend(BaseBackend):
    """Wagtail frontend-cache backend that drops pages from the app's own page cache."""

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        keys = []
        for url in urls:
            parts = urlsplit(url)
            keys.append(key_for(parts.path + (f"?{parts.query}" if parts.query else "")))
        try:
            caches[settings.SHARED_CACHE].delete_many(keys)
        except Exception:  # noqa: BLE001 - entries then expire by their own s-maxage
            logger.warning("Page cache could not be purged", exc_info=True)
