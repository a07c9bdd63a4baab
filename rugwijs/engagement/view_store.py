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
from typing import NamedTuple

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
# A page's total as the database last had it, so that a beacon's answer needs no database query.
# The flush sets it in the same transaction that drops the batch it moved; a beacon that finds none
# reads the database and leaves it here. It expires, so that a total written some other way (while
# Redis was down, or by an import) shows within this many seconds.
STORED_TOTAL_KEY = "views:stored:"
STORED_TOTAL_SECONDS = 60

RATE_KEY = "views:rate:"

# KEYS: the address's rate counter, the reader's mark, the address's slots, the buffer, the batch being
# flushed and the page's stored total. ARGV: the marks' expiry (Unix time), the daily field, the total
# field, the beacons an address may send per window (-1: no limit) and the window in seconds.
# First the rate limit (the same work as django-ratelimit does for the other forms, in this round trip
# instead of one of its own: a third of a beacon's cost). Then as visitors.py does in the database:
# the reader's mark (a repeat changes nothing), then the first free slot of the address; only then is
# the view added. Returns whether the view was counted (-1: over the limit), the stored total (-1 when
# Redis has none) and the page's views in the buffer and in the batch.
_RECORD_SCRIPT = """
local rate, buffer, processing, stored = KEYS[1], KEYS[#KEYS - 2], KEYS[#KEYS - 1], KEYS[#KEYS]
local allowed = tonumber(ARGV[4])
if allowed >= 0 then
  local used = redis.call('INCR', rate)
  if used == 1 then redis.call('EXPIRE', rate, ARGV[5]) end
  if used > allowed then return {-1, -1, 0, 0} end
end
local counted = 0
if redis.call('SET', KEYS[2], 1, 'NX', 'EXAT', ARGV[1]) then
  for slot = 3, #KEYS - 3 do
    if redis.call('SET', KEYS[slot], 1, 'NX', 'EXAT', ARGV[1]) then
      redis.call('HINCRBY', buffer, ARGV[2], 1)
      redis.call('HINCRBY', buffer, ARGV[3], 1)
      counted = 1
      break
    end
  end
end
return {
  counted,
  tonumber(redis.call('GET', stored) or -1),
  tonumber(redis.call('HGET', buffer, ARGV[3]) or 0),
  tonumber(redis.call('HGET', processing, ARGV[3]) or 0),
}
"""


class Recorded(NamedTuple):
    counted: bool
    # The page's count as a reader should see it, this view included; None when over the limit.
    views: int | None
    # The address sent more beacons than the limit allows: nothing was recorded.
    over_limit: bool = False


class RateLimit(NamedTuple):
    """Beacons one address may send per window."""

    beacons: int
    seconds: int


class DatabaseViewStore:
    """Each view is written to the database at once (one machine, or Redis not configured)."""

    def record(self, page_id: int, visitor, limit: RateLimit | None) -> Recorded | None:
        """None: the caller applies the limit and marks in the database (visitors.mark_once), then calls `add`."""
        return None

    def add(self, page_id: int, day: date) -> None:
        _add_to_database(page_id, day)

    def pending(self, page_ids) -> dict[int, int]:
        return {}

    def forget_stored_totals(self, page_ids) -> None:
        """Nothing to forget: every count is read from the database."""


class RedisBufferedViewStore:
    """Views are added up in Redis; while Redis is down they go to the database as above."""

    def __init__(self, alias: str = "redis", client=None):
        self.alias, self._client = alias, client
        self._record_script = None

    def client(self):
        # The raw client of Django's Redis cache: same URL, timeouts and connection pool.
        return self._client or caches[self.alias]._cache.get_client(write=True)

    def key(self, name: str) -> str:
        return f"{settings.CACHE_KEY_PREFIX}:{name}"

    def record(self, page_id: int, visitor, limit: RateLimit | None) -> Recorded | None:
        """Apply the rate limit (None: none), check the visitor's marks, count the view and read the page's count, in
        one atomic round trip.

        Counted is False for a repeat or an address that used up its views of the page today. None when
        Redis is down (the caller then does all of it in the database). A reader marked in the database
        during an outage may be counted once more after it: a small over-count, never a loss.
        """
        if not redis_outage.may_try():
            return None
        marks = [visitor.mark("view", page_id), *visitor.address_slots(page_id)]
        keys = [self.key(RATE_KEY + visitor.address_mark()), *(self.key(MARK_KEY + mark) for mark in marks)]
        keys += [self.key(BUFFER_KEY), self.key(PROCESSING_KEY), self.key(f"{STORED_TOTAL_KEY}{page_id}")]
        fields = [f"d:{visitor.day.isoformat()}:{page_id}", f"t:{page_id}"]
        expiry = int(end_of_day(visitor.day).timestamp())
        try:
            client = self.client()
            if self._record_script is None:
                # Sent by its SHA (EVALSHA), not in full with every beacon; redis-py loads it where Redis lacks it.
                self._record_script = client.register_script(_RECORD_SCRIPT)
            counted, stored, buffered, processing = self._record_script(
                keys, [expiry, *fields, *(limit or (-1, 0))], client=client
            )
        except REDIS_DOWN_ERRORS as error:
            redis_outage.failed(error)
            return None
        redis_outage.succeeded()
        if counted < 0:
            return Recorded(counted=False, views=None, over_limit=True)
        if stored < 0:
            stored = self._rememberstored_total(page_id)
        return Recorded(bool(counted), stored + buffered + processing)

    def _rememberstored_total(self, page_id: int) -> int:
        stored = stored_total(page_id)
        try:
            # NX: a total that a flush set meanwhile is newer than the one just read.
            self.client().set(self.key(f"{STORED_TOTAL_KEY}{page_id}"), stored, nx=True, ex=STORED_TOTAL_SECONDS)
        except REDIS_DOWN_ERRORS as error:
            redis_outage.failed(error)  # the view is counted; only the next beacon reads the database again
        return stored

    def forget_stored_totals(self, page_ids) -> None:
        """After a total changed outside the flush (an import): the next beacon reads the database."""
        keys = [self.key(f"{STORED_TOTAL_KEY}{page_id}") for page_id in page_ids]
        if keys and redis_outage.may_try():
            try:
                self.client().delete(*keys)
            except REDIS_DOWN_ERRORS as error:
                redis_outage.failed(error)

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
        moved, totals = _add_batch_to_database(counts)
        # In one transaction, so a beacon sees the batch either in the stored total or in the batch, never
        # in both or neither.
        pipe = client.pipeline(transaction=True)
        for page_id, views in totals.items():
            pipe.set(self.key(f"{STORED_TOTAL_KEY}{page_id}"), views, ex=STORED_TOTAL_SECONDS)
        pipe.delete(processing)
        pipe.execute()
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


def stored_total(page_id: int) -> int:
    """The page's total in the database, without views waiting in a buffer."""
    return PageViewTotal.objects.filter(page_id=page_id).values_list("views", flat=True).first() or 0


def _add_batch_to_database(counts: dict[str, int]) -> tuple[int, dict[int, int]]:
    """Adds the batch; returns the number of views added and the new totals of the pages it touched."""
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
        touched = {int(field[2:]) for field in counts if field.startswith("t:")} & live
        totals = dict(PageViewTotal.objects.filter(page_id__in=touched).values_list("page_id", "views"))
    return moved, totals


@cache
def view_store():
    return import_string(settings.VIEW_COUNTER_STORE)()
