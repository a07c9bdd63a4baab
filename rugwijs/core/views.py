from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

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
