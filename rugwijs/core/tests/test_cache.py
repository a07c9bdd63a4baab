"""The shared cache counts exactly under concurrency and survives a Redis that is not there."""

import logging
import socket
import threading
import time

import pytest
from django.core.cache import caches
from django.db import connection

from rugwijs.core import cache as shared_cache

WORKERS = 12


@pytest.fixture
def redis_state():
    """A fresh view of Redis's health before and after each test."""
    shared_cache.redis_outage._down_since = None
    yield shared_cache.redis_outage
    shared_cache.redis_outage._down_since = None


# Threads need committed rows and their own connections, as worker processes have.
@pytest.mark.django_db(transaction=True)
def test_concurrent_increments_of_one_rate_limit_count_are_all_kept():
    cache = caches["database"]
    cache.set("flood", 0, 60)
    barrier = threading.Barrier(WORKERS)
    errors = []

    def add_one():
        try:
            barrier.wait()
            for _ in range(5):
                cache.incr("flood")
        except Exception as error:  # reported below, not swallowed
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=add_one) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert cache.get("flood") == WORKERS * 5


@pytest.mark.django_db
def test_incr_of_a_missing_or_expired_count_is_refused_like_every_django_cache():
    cache = caches["database"]
    with pytest.raises(ValueError):
        cache.incr("never-set")
    cache.set("gone", 1, 1)
    cache._base_set("set", cache.make_and_validate_key("gone"), 1, -1)  # expired a second ago
    with pytest.raises(ValueError):
        cache.incr("gone")


def unreachable_redis_caches(port):
    from django.conf import settings

    return {
        "default": {
            "BACKEND": "rugwijs.core.cache.RedisOrDatabaseCache",
            "OPTIONS": {"PRIMARY": "redis", "FALLBACK": "database", "RETRY_AFTER": 60},
        },
        "redis": {
            "BACKEND": "rugwijs.core.cache.KeptClientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": settings.REDIS_CLIENT_OPTIONS,
        },
        "database": settings.DATABASE_CACHE,
    }


@pytest.mark.django_db
def test_without_redis_the_cache_uses_the_database_warns_once_and_never_waits(settings, caplog, redis_state):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = unreachable_redis_caches(port)
    cache = caches["default"]
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="rugwijs.cache"):
        assert cache.add("count", 1, 60) is True
        for _ in range(50):
            cache.incr("count")
        cache.set("page", "root paths")
        assert cache.get("page") == "root paths"
    assert cache.get("count") == 51
    assert caches["database"].get("count") == 51, "kept in the shared database table"
    assert time.monotonic() - started < 2
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1 and "Redis is unreachable" in warnings[0].getMessage()


@pytest.mark.django_db
def test_a_redis_that_accepts_but_never_answers_does_not_stall_a_request(settings, redis_state):
    """The socket timeouts in REDIS_CLIENT_OPTIONS: a hung Redis costs one request a second."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)  # the kernel accepts connections; nobody ever reads or answers
        settings.CACHES = unreachable_redis_caches(silent.getsockname()[1])
        cache = caches["default"]
        started = time.monotonic()
        cache.set("page", "root paths")
        assert cache.get("page") == "root paths"
        assert time.monotonic() - started < 2
