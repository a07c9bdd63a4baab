"""The test suite: same engine as CI asks for through DATABASE_URL, fast hashing, plain static files."""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, DATABASES

SECRET_KEY = "test-only-secret-key-not-for-any-real-site"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
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
