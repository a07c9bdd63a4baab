import pytest
from django.conf import settings
from django.core.cache import caches

from rugwijs.engagement import visitors
from rugwijs.engagement.view_store import view_store


def flush_view_buffer():
    """What the worker does every few seconds; nothing to do when views go straight to the database."""
    store = view_store()
    return store.flush() if hasattr(store, "flush") else 0


BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"


@pytest.fixture(autouse=True)
def fresh_rate_limits_and_salt():
    caches[settings.RATELIMIT_USE_CACHE].clear()
    visitors.forget_process_state()
    yield
    caches[settings.RATELIMIT_USE_CACHE].clear()
    visitors.forget_process_state()


@pytest.fixture
def reader(client):
    """A same-origin browser request, as our own script or form sends it."""

    def post(path, data=None, ip="192.0.2.10", agent=BROWSER, json=False, **headers):
        extra = {"REMOTE_ADDR": ip, "HTTP_USER_AGENT": agent, "HTTP_SEC_FETCH_SITE": "same-origin", **headers}
        if json:
            extra["HTTP_ACCEPT"] = "application/json"
        return client.post(path, data or {}, **extra)

    return post
