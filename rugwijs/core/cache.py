"""The shared cache: rate-limit counts must be the same for every worker process.

Without Redis they count in the database (AtomicDatabaseCache). With Redis, Redis is used,
but a stopped Redis must not take the site down or switch rate limits off, so RedisOrDatabaseCache
falls back to the database cache while Redis is away and goes back to Redis when it returns.

Written here rather than installed: the fallback packages on PyPI (django-cache-fallback and
similar) fall back to a per-process memory cache, swallow every exception, try the dead server
on every call (each call then waits for a timeout) and log on every request. None does
"Redis, else the database, and back to Redis a few seconds later".
"""

import base64
import logging
import pickle
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import connections, models, router, transaction
from django.utils.timezone import now as tz_now
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("rugwijs.cache")

# What a stopped, unreachable or overloaded Redis raises; anything else is a bug and is not hidden.
REDIS_DOWN_ERRORS = (RedisConnectionError, RedisTimeoutError)


class AtomicDatabaseCache(DatabaseCache):
    """Django's database cache with an incr() that two processes cannot interleave.

    Django's DatabaseCache.incr is get() then set(): two workers counting the same rate limit
    both read 5 and both write 6, so a flood spread over workers is under-counted. Here the read
    and the write happen in one transaction that holds the row: on PostgreSQL through SELECT ...
    FOR UPDATE, on SQLite because the settings open every transaction with BEGIN IMMEDIATE, which
    takes the database's write lock before the read, so writers queue up.
    """

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, cache_key = quote(self._table), quote("cache_key")
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('value')}, {quote('expires')} FROM {table} WHERE {cache_key} = %s{lock}",  # noqa: S608 - names are quoted identifiers
                [key],
            )
            row = cursor.fetchone()
            if row is None or self._expires(row[1], connection) < tz_now():
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode())) + delta  # noqa: S301 - our own table
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote('value')} = %s WHERE {cache_key} = %s",  # noqa: S608
                [encoded, key],
            )
        return value

    @staticmethod
    def _expires(value, connection):
        expression = models.Expression(output_field=models.DateTimeField())
        for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(connection):
            value = converter(value, expression, connection)
        return value


class _KeptRedisClient(RedisCacheClient):
    """One redis.Redis per connection pool, made once, where Django makes a new one for every call."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = super().get_client(key, write=write)
        return self._clients[index]


class KeptClientRedisCache(RedisCache):
    """Django's Redis cache, with its clients kept.

    Building a redis.Redis (its response callbacks and options) took more CPU than the round trip
    it was made for, and a view beacon made three. A client is safe to share between threads: each
    command borrows a connection from the pool.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _KeptRedisClient


class RedisOutage:
    """Whether Redis may be tried now, shared by every thread of a process.

    After a failure Redis is left alone for `retry_after` seconds, so requests during an outage
    do not each wait for a connection timeout; then the next call tries it again. One warning
    when an outage starts and one line when it ends, not one per request.
    """

    def __init__(self, retry_after: float = 5.0):
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._retry_at = 0.0

    @property
    def is_down(self) -> bool:
        return self._down_since is not None

    def may_try(self) -> bool:
        return self._down_since is None or time.monotonic() >= self._retry_at

    def failed(self, error: Exception) -> None:
        with self._lock:
            now = time.monotonic()
            if self._down_since is None:
                self._down_since = now
                logger.warning("Redis is unreachable (%s); using the database until it is back.", error)
            self._retry_at = now + self.retry_after

    def succeeded(self) -> None:
        if self._down_since is None:
            return
        with self._lock:
            if self._down_since is not None:
                logger.warning("Redis is back after %.0f s; using it again.", time.monotonic() - self._down_since)
                self._down_since = None


# One Redis per site: the cache and the visitor salt share what they learn about it.
redis_outage = RedisOutage()


class RedisOrDatabaseCache(BaseCache):
    """Each call goes to the cache named PRIMARY (Redis) unless Redis is down, then to FALLBACK.

    Counts made during an outage live in the database and are not copied back: a rate-limit
    window is a minute, so at worst a client gets one extra window's worth of requests.
    """

    def __init__(self, location, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self._primary = options.get("PRIMARY", "redis")
        self._fallback = options.get("FALLBACK", "database")
        redis_outage.retry_after = options.get("RETRY_AFTER", redis_outage.retry_after)

    def _call(self, method: str, *args, **kwargs):
        if redis_outage.may_try():
            try:
                result = getattr(caches[self._primary], method)(*args, **kwargs)
            except REDIS_DOWN_ERRORS as error:
                redis_outage.failed(error)
            else:
                redis_outage.succeeded()
                return result
        return getattr(caches[self._fallback], method)(*args, **kwargs)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version)

    def incr(self, key, delta=1, version=None):
        try:
            return self._call("incr", key, delta, version)
        except ValueError:
            # A counter made in Redis just before it stopped is not in the database: start it
            # there, rather than fail the request (django-ratelimit refuses when incr fails).
            if not redis_outage.is_down:
                raise
            self._call("add", key, delta, DEFAULT_TIMEOUT, version)
            return delta

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version)

    def clear(self):
        return self._call("clear")

    def close(self, **kwargs):
        for alias in (self._primary, self._fallback):
            caches[alias].close(**kwargs)
