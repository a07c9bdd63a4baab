"""View beacons go through a short middleware chain of their own.

Every page view sends a beacon, also for pages a proxy serves from its cache, so beacons are the
product's busiest requests by far. The full chain loads sessions, users, messages, CSRF and two-factor
state, and checks redirects and lockouts: a third of a beacon's cost, none of it of use to an anonymous
POST without cookies. Django has no per-URL middleware, so this outermost middleware hands beacons to
Django's own request handling (URL resolving, view and exception middleware) loaded with
settings.BEACON_MIDDLEWARE instead: the headers and request checks every response gets, nothing else.
"""

import re
import threading

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.urls import reverse

_loading = threading.Lock()


class ShortChainHandler(BaseHandler):
    """Django's request handling with `middleware` instead of settings.MIDDLEWARE."""

    def __init__(self, middleware: list[str]):
        super().__init__()
        # BaseHandler reads its list from settings.MIDDLEWARE, and only while it loads: once per process.
        with _loading:
            full = settings.MIDDLEWARE
            settings.MIDDLEWARE = middleware
            try:
                self.load_middleware()
            finally:
                settings.MIDDLEWARE = full


class ViewBeaconMiddleware:
    """Outermost: a view beacon is answered through the short chain, everything else goes on as usual."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.beacons = ShortChainHandler(settings.BEACON_MIDDLEWARE)
        self._path = None

    def beacon_path(self) -> re.Pattern:
        # From the URLconf, on first use (it is not loaded yet while middleware is).
        if self._path is None:
            example = reverse("engagement:count_view", args=[987654321])
            before, after = example.split("987654321")
            self._path = re.compile(rf"{re.escape(before)}\d+{re.escape(after)}")
        return self._path

    def __call__(self, request):
        if self.beacon_path().fullmatch(request.path_info):
            return self.beacons.get_response(request)
        return self.get_response(request)
