"""Where counted views go: straight to the database, or into a Redis buffer the worker flushes.

Deduplication (visitors.py) makes the same marks for both. The database store writes them to the
database; the Redis store keeps them in Redis, where they expire at the end of the day, and checks them
and adds the view in one atomic script: a beacon then costs one Redis round trip and no database write.
While Redis is down both fall back to the database. settings.VIEW_COUNTER_STORE names the class
(`rugwijs.settings.base` picks the buffer when REDIS_URL is set), so the choice is made in one place
and the rest of the code asks `view_store()`.

Why buffer: with many app servers a viral article makes every beacon update the same two rows, and
PostgreSQL serialises those updates. Redis adds in memory; the worker (`manage.py flush_view_buffer`,
every few seconds in `make stack`) moves the sums to the database in one transaction.
"""

from datetime import date
from functools import cache

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import F
from django.utils.module_loading import import_string
from redis.exceptions import ResponseError

from rugwijs.core.cache import REDIS_DOWN_ERRORS, redis_outage
from rugwijs.core.counters import increment

from .models import DailyPageViews, PageViewTotal
from .salts import end_of_day

# One hash holds every unflushed view: field "d:<day>:<page>" for the daily row, "t:<page>" for the
# page's total (so a page's buffered views are one HMGET away without scanning days).
BUFFER_KEY = "views:buffer"
# A flush renames the buffer to this key and deletes it only after the database has the numbers:
# views arriving meanwhile start a new buffer, and a flush that dies leaves this key to the next run.
PROCESSING_KEY = "views:processing"
MARK_KEY = "views:mark:"

# KEYS: the reader's mark, then the address's slots, then the buffer. ARGV: the marks' expiry (Unix
# time), the daily field and the total field. As visitors.py does in the database: the reader's mark
# first (a repeat changes nothing), then the first free slot of the address; only then is the view added.
# Returns 1 when the view was counted, 0 when not.
_RECORD_SCRIPT = """
if not redis.call('SET', KEYS[1], 1, 'NX', 'EXAT', ARGV[1]) then return 0 end
for slot = 2, #KEYS - 1 do
  if redis.call('SET', KEYS[slot], 1, 'NX', 'EXAT', ARGV[1]) then
    redis.call('HINCRBY', KEYS[#KEYS], ARGV[2], 1)
    redis.call('HINCRBY', KEYS[#KEYS], ARGV[3], 1)
    return 1
  end
end
return 0
"""


class DatabaseViewStore:
    """Each view is written to the database at once (one machine, or Redis not configured)."""

    def record(self, page_id: int, visitor) -> bool | None:
        """None: the marks go to the database (visitors.mark_once), then `add` is called."""
        return None

    def add(self, page_id: int, day: date) -> None:
        _add_to_database(page_id, day)

    def pending(self, page_ids) -> dict[int, int]:
        return {}


class RedisBufferedViewStore:
    """Views are added up in Redis; while Redis is down they go to the database as above."""

    def __init__(self, alias: str = "redis", client=None):
        self.alias, self._client = alias, client

    def client(self):
        # The raw client of Django's Redis cache: same URL, timeouts and connection pool.
        return self._client or caches[self.alias]._cache.get_client(write=True)

    def key(self, name: str) -> str:
        return f"{settings.CACHE_KEY_PREFIX}:{name}"

    def record(self, page_id: int, visitor) -> bool | None:
        """Check the visitor's marks and count the view in Redis, in one atomic round trip.

        True when counted, False for a repeat or an address that used up its views of the page today;
        None when Redis is down (the caller then marks and counts in the database). A reader marked in
        the database during an outage may be counted once more after it: a small over-count, never a loss.
        """
        if not redis_outage.may_try():
            return None
        marks = [visitor.mark("view", page_id), *visitor.address_slots(page_id)]
        keys = [self.key(MARK_KEY + mark) for mark in marks] + [self.key(BUFFER_KEY)]
        fields = [f"d:{visitor.day.isoformat()}:{page_id}", f"t:{page_id}"]
        try:
            counted = self.client().eval(
                _RECORD_SCRIPT, len(keys), *keys, int(end_of_day(visitor.day).timestamp()), *fields
            )
        except REDIS_DOWN_ERRORS as error:
            redis_outage.failed(error)
            return None
        redis_outage.succeeded()
        return bool(counted)

    def add(self, page_id: int, day: date) -> None:
        if redis_outage.may_try():
            try:
                pipe = self.client().pipeline(transaction=True)
                pipe.hincrby(self.key(BUFFER_KEY), f"d:{day.isoformat()}:{page_id}", 1)
                pipe.hincrby(self.key(BUFFER_KEY), f"t:{page_id}", 1)
                pipe.execute()
            except REDIS_DOWN_ERRORS as error:
                redis_outage.failed(error)
            else:
                redis_outage.succeeded()
                return
        _add_to_database(page_id, day)

    def pending(self, page_ids) -> dict[int, int]:
        """Views of these pages not yet in the database: one round trip however many pages."""
        page_ids = list(page_ids)
        if not page_ids or not redis_outage.may_try():
            return {}
        fields = [f"t:{page_id}" for page_id in page_ids]
        try:
            pipe = self.client().pipeline(transaction=False)
            pipe.hmget(self.key(BUFFER_KEY), fields)
            pipe.hmget(self.key(PROCESSING_KEY), fields)
            buffered, processing = pipe.execute()
        except REDIS_DOWN_ERRORS as error:
            redis_outage.failed(error)
            return {}
        return {
            page_id: int(a or 0) + int(b or 0)
            for page_id, a, b in zip(page_ids, buffered, processing, strict=True)
            if a or b
        }

    def flush(self, crash_after_take=None) -> int:
        """Move the buffer into the database; returns the number of views moved.

        A batch left by a flush that died is moved first, then the current buffer. If the process
        dies after the database commit but before the DEL, the next run adds that batch again: a
        rare over-count of a few seconds' views, which we prefer to a lost count.
        `crash_after_take` is for tests: called once the buffer has been taken.
        """
        client = self.client()
        buffer, processing = self.key(BUFFER_KEY), self.key(PROCESSING_KEY)
        moved = 0
        if client.exists(processing):
            moved += self._move(client, processing)
        # RENAMENX is atomic: a view added a moment later starts a new buffer, none falls in between;
        # and it never overwrites a batch another worker has just taken.
        try:
            taken = client.renamenx(buffer, processing)
        except ResponseError as error:  # the buffer is empty: no views since the last flush
            if "no such key" not in str(error).lower():
                raise
            taken = False
        if taken:
            if crash_after_take:
                crash_after_take()
            moved += self._move(client, processing)
        return moved

    def _move(self, client, processing: str) -> int:
        counts = {field.decode(): int(value) for field, value in client.hgetall(processing).items()}
        moved = _add_batch_to_database(counts)
        client.delete(processing)
        return moved


def _add_to_database(page_id: int, day: date) -> None:
    increment(DailyPageViews, "views", page_id=page_id, day=day)
    increment(PageViewTotal, "views", page_id=page_id)


def _add_n(model, lookup: dict, views: int) -> None:
    if not model.objects.filter(**lookup).update(views=F("views") + views):
        # Only the worker writes batches and it holds the transaction: no race with itself; a
        # beacon falling back to the database meanwhile uses increment(), which retries on conflict.
        _, created = model.objects.get_or_create(**lookup, defaults={"views": views})
        if not created:
            model.objects.filter(**lookup).update(views=F("views") + views)


def _add_batch_to_database(counts: dict[str, int]) -> int:
    from wagtail.models import Page

    live = set(Page.objects.filter(pk__in={int(f.rsplit(":", 1)[1]) for f in counts}).values_list("pk", flat=True))
    moved = 0
    with transaction.atomic():
        for field, views in counts.items():
            kind, _, rest = field.partition(":")
            page_id = int(rest.rsplit(":", 1)[1] if kind == "d" else rest)
            if page_id not in live or views <= 0:
                continue  # a page deleted since: its counts went with it
            if kind == "d":
                _add_n(DailyPageViews, {"page_id": page_id, "day": date.fromisoformat(rest.rsplit(":", 1)[0])}, views)
            else:
                _add_n(PageViewTotal, {"page_id": page_id}, views)
                moved += views
    return moved


@cache
def view_store():
    return import_string(settings.VIEW_COUNTER_STORE)()
