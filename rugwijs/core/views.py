import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from .cache import redis_outage
from .http import wants_json


@require_GET
@cache_control(max_age=60 * 60, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /engagement/",
        "Disallow: /zoeken/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# Every anonymous endpoint counts per minute (anonymous_post rates are "N/m"), so the window that
# refused a request has ended within this many seconds.
RATE_LIMIT_RETRY_AFTER = 60


def rate_limited(request, exception=None):
    """Too many requests from one address: 429 with a message, in the form the caller speaks."""
    message = _("Too many requests in a short time. Wait a minute and try again.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"errors": {"_body": message}}, status=429)
    elif wants_json(request):
        response = JsonResponse({"error": message}, status=429)
    else:
        response = render(request, "core/problem.html", {"message": message}, status=429)
    response["Retry-After"] = str(RATE_LIMIT_RETRY_AFTER)
    return response


@require_GET
def favicon(request):
    """For clients that ask for /favicon.ico without reading the page's <link rel="icon">.

    Resolved per request (the hashed file name changes with each deploy), and not permanent.
    """
    return HttpResponseRedirect(static("core/img/favicon.svg"))


# Wagtail writes images here; documents go through Wagtail's own view, which checks privacy.
PUBLIC_MEDIA_FOLDERS = ("images/", "original_images/")
# A replaced image gets a new file name and every rendition a new URL, so a file never changes
# under its URL: browsers and proxies may keep it for long.
MEDIA_MAX_AGE = 60 * 60 * 24 * 30


@require_GET
def serve_image_file(request, path):
    """Uploaded images, for set-ups where no proxy serves MEDIA_ROOT."""
    if not path.startswith(PUBLIC_MEDIA_FOLDERS):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = f"public, max-age={MEDIA_MAX_AGE}"
    return response


@require_GET
@never_cache
def healthz(request):
    """For a load balancer: 200 when this app server can reach its database and cache, else 503.

    Says nothing about content, so it is safe to expose; it never counts as a page view.
    """
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    healthy = all(checks.values())
    body = {name: "ok" if ok else "unavailable" for name, ok in checks.items()}
    if settings.REDIS_URL:
        # Not part of the verdict: the database stands in while Redis is away, on every app server alike.
        body["redis"] = "unavailable" if redis_outage.is_down else "ok"
    response = JsonResponse({"status": "ok" if healthy else "unavailable", **body}, status=200 if healthy else 503)
    if not healthy:
        response["Retry-After"] = "5"
    return response


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_answers() -> bool:
    probe = secrets.token_hex(8)
    shared = caches[settings.SHARED_CACHE]
    try:
        shared.set("healthz", probe, 10)
        return shared.get("healthz") == probe
    except Exception:  # noqa: BLE001 - any cache backend's own errors mean "not answering"
        return False
