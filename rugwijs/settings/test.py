"""The test suite: same engine as CI asks for through DATABASE_URL, fast hashing, plain static files."""

import os
from pathlib import Path
from urllib.parse import urlsplit

# `make test` runs the suite in several processes (pytest-xdist). Each takes a Redis database of its
# own, counting down from the one in REDIS_URL (15, 14, ...), so one worker's cache.clear() never empties
# another's. Servers a test starts inherit the adjusted URL; the marker keeps them from moving it again.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER.startswith("gw") and os.environ.get("REDIS_URL") and not os.environ.get("RUGWIJS_TEST_REDIS_DB"):
    _redis = urlsplit(os.environ["REDIS_URL"])
    _db = int(_redis.path.strip("/") or 0) - int(_WORKER[2:])
    if _db < 0:
        raise RuntimeError(f"REDIS_URL names database {_redis.path}: too low a number for worker {_WORKER}")
    os.environ["REDIS_URL"] = _redis._replace(path=f"/{_db}").geturl()
    os.environ["RUGWIJS_TEST_REDIS_DB"] = str(_db)

from .base import *  # noqa: E402, F403
from .base import BASE_DIR, CACHES, DATABASES  # noqa: E402

SECRET_KEY = "test-only-secret-key-not-for-any-real-site"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / f"test-media{_WORKER and '-' + _WORKER}"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"
# Threads in concurrency tests open their own connections; each must close when its request ends.
DATABASES["default"]["CONN_MAX_AGE"] = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not shared-cache memory: concurrency tests need SQLite's real locking.
    # One file per run, so two runs on one machine never share a test database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")}
# Static files come from the app folders here; WhiteNoise serves collected files in production.
MIDDLEWARE = [entry for entry in MIDDLEWARE if not entry.startswith("whitenoise.")]  # noqa: F405

# One salt folder per run, like the database; servers a test starts get theirs through SALT_DIR.
SALT_DIR = Path(os.environ.get("SALT_DIR") or BASE_DIR / "var" / f"test-salt-{os.getpid()}")
if "redis" in CACHES:
    # Fault tests stop and restart Redis; they need not wait the production interval to see it back.
    CACHES["default"]["OPTIONS"]["RETRY_AFTER"] = 1
