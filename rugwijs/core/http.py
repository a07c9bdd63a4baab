"""Small HTTP helpers shared by the anonymous endpoints."""

from functools import wraps

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

_ALLOWED_FETCH_SITES = {"same-origin", "none"}


def wants_json(request) -> bool:
    """Our own scripts ask for JSON explicitly; browsers submitting a form ask for HTML."""
    return request.headers.get("Accept", "").startswith("application/json")


def is_cross_site(request) -> bool:
    """True when the browser tells us another site sent this request.

    Anonymous endpoints set no cookie, so Django's CSRF token cannot protect them; the
    browser's own Sec-Fetch-Site and Origin headers can. Clients that send neither (scripts,
    old browsers) carry no ambient credentials to abuse, so they are let through.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in _ALLOWED_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    return origin == "null" or origin.rstrip("/") != f"{request.scheme}://{request.get_host()}"


def same_origin_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and is_cross_site(request):
            message = _("This form can only be sent from this website.")
            if wants_json(request) or request.path.startswith("/api/"):
                return JsonResponse({"error": message}, status=403)
            return render(request, "core/problem.html", {"message": message}, status=403)
        return view(request, *args, **kwargs)

    return wrapper


def see_other(url: str) -> HttpResponseRedirect:
    """Redirect after a POST so that reloading the page does not send the form again."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def anonymous_post(rate: str):
    """POST only, from this site only, rate-limited per address.

    These endpoints set no cookie, so there is no CSRF token to check: the same-origin check
    takes its place.
    """

    def decorate(view):
        return csrf_exempt(require_POST(same_origin_required(ratelimit(key="ip", rate=rate, method="POST")(view))))

    return decorate
