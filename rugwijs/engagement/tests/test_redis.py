"""Rate limits live in the shared cache; with several app servers that cache is Redis."""

import pytest
from django.conf import settings
from django.core.cache import cache

from rugwijs.core.testing import require_service

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


def test_the_cache_is_redis_when_redis_url_is_set():
    url = require_service("REDIS_URL", "Redis")
    import redis

    assert settings.CACHES["default"]["BACKEND"] == "rugwijs.core.cache.RedisOrDatabaseCache"
    assert settings.CACHES["redis"]["BACKEND"] == "rugwijs.core.cache.KeptClientRedisCache"
    cache.set("rugwijs-test", 1)
    assert cache.incr("rugwijs-test") == 2
    assert redis.Redis.from_url(url).keys("*rugwijs-test"), "with Redis up, the cache writes to Redis"


def test_the_redis_client_is_made_once_and_serves_every_thread():
    require_service("REDIS_URL", "Redis")
    import threading

    from django.core.cache import caches

    client = caches["redis"]._cache.get_client(write=True)
    assert caches["redis"]._cache.get_client(write=True) is client  # Django's own makes one per call
    caches["redis"].set("rugwijs-threads", 0)
    threads = [
        threading.Thread(target=lambda: [client.incr(caches["redis"].make_key("rugwijs-threads")) for _ in range(50)])
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert caches["redis"].get("rugwijs-threads") == 200


def test_rate_limit_counts_are_shared_through_redis(demo_site, reader):
    url = require_service("REDIS_URL", "Redis")
    import redis

    for _ in range(3):
        reader(f"/engagement/helpful/{demo_site.pk}/", data={"helpful": "ja"})
    keys = redis.Redis.from_url(url).keys("*rl:*")
    assert keys, "django-ratelimit should keep its counters in Redis"


def test_the_beacons_limit_is_counted_in_redis_without_the_address(demo_site, reader):
    url = require_service("REDIS_URL", "Redis")
    import redis

    for _ in range(3):
        reader(f"/engagement/views/{demo_site.pk}/", ip="198.51.100.23")
    client = redis.Redis.from_url(url)
    keys = client.keys("*views:rate:*")
    assert len(keys) == 1 and b"198.51.100.23" not in keys[0]
    assert client.get(keys[0]) == b"3"
    assert 0 < client.ttl(keys[0]) <= 60
