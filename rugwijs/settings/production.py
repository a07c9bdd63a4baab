"""Production: refuses to start without a secret key, allowed hosts and a way to send mail."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import PAGE_CACHE_PURGE, WAGTAILFRONTENDCACHE, env

SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the host names this site answers to.")
DEBUG = False

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading is hard to undo (browsers ship the list), so an operator opts in for their own domain.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]  # noqa: F405
# Admin cookies travel over HTTPS only; `make run` on plain http://127.0.0.1 turns this off.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
# Readers can mail themselves a self-test result; printing it on the server's console would fail them.
# base.py reads both; here they must be given.
for name in ("EMAIL_URL", "DEFAULT_FROM_EMAIL"):
    if not env.str(name, default=""):
        raise ImproperlyConfigured(f"Set {name}: readers can have their self-test result mailed to them.")

# Without a proxy in front the app keeps anonymous pages itself; PAGE_CACHE=false turns that off.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE", default=True)
if PAGE_CACHE_ENABLED:
    WAGTAILFRONTENDCACHE["app"] = PAGE_CACHE_PURGE
