"""Where the day's salt lives: never in the database, so no database dump or backup holds it.

With Redis configured, in Redis under a key that expires at the end of the day; SET NX makes
every server agree on the first one written. Without Redis, and while Redis is down, in a file
readable by the app's user only (SALT_DIR/<day>.salt, mode 0600), created atomically so that
every process on the machine agrees too. Files for earlier days are removed when a process
first asks for a new day's salt.

A process remembers the salt it last used. It offers that one (or today's file) when Redis has
none, so a Redis restart or a short outage does not change the salt halfway through the day. Having
agreed with Redis, it asks again only after RECHECK_SECONDS: a salt never changes during its day, and
every view beacon needs it.
"""

import datetime
import os
import secrets
import tempfile
import threading
import time
from pathlib import Path

import redis
from django.conf import settings
from django.utils import timezone

from rugwijs.core.cache import REDIS_DOWN_ERRORS, redis_outage

SALT_BYTES = 32
_SUFFIX = ".salt"
# How long a process trusts the salt Redis confirmed. Two processes can disagree only after Redis lost
# the key and a process that had none made a new one; they agree again within this time.
RECHECK_SECONDS = 60

_lock = threading.Lock()
_remembered: dict[datetime.date, str] = {}
_confirmed_until: dict[datetime.date, float] = {}
_clients: dict[str, redis.Redis] = {}


def salt_for(day: datetime.date) -> str:
    with _lock:
        offered = _remembered.get(day)
        if offered and _confirmed_until.get(day, 0) > time.monotonic():
            return offered
    salt = None
    confirmed = False
    if settings.REDIS_URL and redis_outage.may_try():
        try:
            salt = _redis_salt(day, offered or _read_file(day) or _new_salt())
        except REDIS_DOWN_ERRORS as error:
            redis_outage.failed(error)
        else:
            redis_outage.succeeded()
            confirmed = True
    if salt is None:
        salt = _file_salt(day, offered or _new_salt())
    with _lock:
        _remembered.clear()
        _remembered[day] = salt
        _confirmed_until.clear()
        if confirmed:
            _confirmed_until[day] = time.monotonic() + RECHECK_SECONDS
    return salt


def forget_before(day: datetime.date) -> None:
    """Delete the salt files of earlier days (Redis keys expire by themselves)."""
    folder = Path(settings.SALT_DIR)
    if not folder.is_dir():
        return
    for path in folder.glob(f"*{_SUFFIX}"):
        if path.stem < day.isoformat():
            path.unlink(missing_ok=True)


def forget_remembered() -> None:
    """For tests: act like a process that has not asked for a salt yet."""
    with _lock:
        _remembered.clear()
        _confirmed_until.clear()


def end_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight after `day` in the site's time zone: when its salt must be gone."""
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), timezone.get_default_timezone())


def redis_key(day: datetime.date) -> str:
    return f"{settings.CACHE_KEY_PREFIX}:visitor-salt:{day.isoformat()}"


def salt_file(day: datetime.date) -> Path:
    return Path(settings.SALT_DIR) / f"{day.isoformat()}{_SUFFIX}"


def _new_salt() -> str:
    return secrets.token_hex(SALT_BYTES)


def _client() -> redis.Redis:
    url = settings.REDIS_URL
    if url not in _clients:
        _clients[url] = redis.Redis.from_url(url, **settings.REDIS_CLIENT_OPTIONS)
    return _clients[url]


def _redis_salt(day: datetime.date, offered: str) -> str:
    expires = int(end_of_day(day).timestamp())
    pipe = _client().pipeline(transaction=True)
    pipe.set(redis_key(day), offered, nx=True, exat=expires)
    pipe.get(redis_key(day))
    _, stored = pipe.execute()
    # None only for a day already over (the key expired at once); such a salt is used, never kept.
    return stored.decode() if stored else offered


def _read_file(day: datetime.date) -> str | None:
    try:
        return salt_file(day).read_text().strip() or None
    except FileNotFoundError:
        return None


def _file_salt(day: datetime.date, offered: str) -> str:
    existing = _read_file(day)
    if existing:
        return existing
    folder = Path(settings.SALT_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    forget_before(day)
    # Written in full under a temporary name, then linked into place: another process either
    # finds no file or a complete one, and only the first link wins.
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".new-")  # mkstemp creates it 0600
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(offered)
        try:
            os.link(temporary, salt_file(day))
        except FileExistsError:
            pass
    finally:
        os.unlink(temporary)
    return _read_file(day) or offered
