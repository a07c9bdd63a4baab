"""Small HTTP helpers shared by the anonymous endpoints."""

import codecs
import logging
from functools import lru_cache, wraps
from urllib.parse import unquote_to_bytes

from django.core.handlers.wsgi import get_bytes_from_wsgi
from django.db import DatabaseError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, get_urlconf, resolve
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited
from django_ratelimit.exceptions import Ratelimited

from .numbers import dutch_thousands

logger = logging.getLogger(__name__)

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


def body_limit(size: int):
    """The largest request body this endpoint needs; UnparseableRequestMiddleware answers more with 413.

    Put it outermost, so the view that the URL resolves to carries the limit.
    """

    def decorate(view):
        view.body_limit = size
        return view

    return decorate


def limited_per_address(rate: str):
    """django-ratelimit per client address on POST, except while its store cannot count.

    Without Redis the counts live in a database table. When the database is locked or read-only,
    counting would turn a reader's self-test result (which needs no write) into a 503; the request
    then goes through uncounted, and a request that does need a write gets its 503 from the view.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if over_rate_limit(request, view, rate):
                raise Ratelimited
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def over_rate_limit(request, view, rate: str) -> bool:
    """Counts this POST against the address's limit for `view`; True when it goes over."""
    try:
        return is_ratelimited(request, fn=view, key="ip", rate=rate, method="POST", increment=True)
    except DatabaseError as error:
        # Any refusal of the counter's table (PostgreSQL also reports an aborted transaction
        # after a read-only refusal) means "not counted now", never a 500 for the reader.
        logger.warning("Rate limit not counted, database unavailable: %s", error)
        return False


def anonymous_post(rate: str | None, max_body: int):
    """POST only, from this site only, rate-limited per address, bodies up to `max_body` bytes.

    These endpoints set no cookie, so there is no CSRF token to check: the same-origin check
    takes its place. `rate=None`: the view applies a limit of its own.
    """

    def decorate(view):
        limited = limited_per_address(rate)(view) if rate else view
        guarded = csrf_exempt(require_POST(same_origin_required(limited)))
        return body_limit(max_body)(guarded)

    return decorate


# --- Requests the server cannot parse -------------------------------------------------------
#
# One middleware instead of a check in every view: an unparseable request (a charset that is no
# charset, percent-encoded bytes that are no UTF-8, a body larger than any public form needs) is
# the same problem whichever URL it is sent to, and a view that forgets the check would answer it
# with a 500. Checking once, before any view runs, means a new view is covered without thought.

# Each public endpoint that takes a body says how large it may be (`body_limit`); this is the
# limit for any other public address. The admin (uploads) keeps Django's own limits.
PUBLIC_BODY_LIMIT = 64 * 1024
_UNLIMITED_PREFIXES = ("/admin/",)
_FORM_TYPES = {"application/x-www-form-urlencoded"}


def _charset_is_known(request) -> bool:
    charset = request.content_params.get("charset")
    if charset is None:
        return True
    try:
        codecs.lookup(charset)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        return False
    return True


def _percent_decoded_is_utf8(raw: bytes, *, allow_nul: bool) -> bool:
    for pair in raw.split(b"&"):
        for part in pair.split(b"=", 1):
            decoded = unquote_to_bytes(part.replace(b"+", b" "))
            if not allow_nul and b"\x00" in decoded:
                return False
            try:
                decoded.decode("utf-8")
            except UnicodeDecodeError:
                return False
    return True


def _body_limit(request) -> int | None:
    """The body limit of the view this address leads to; None for the admin."""
    if request.path.startswith(_UNLIMITED_PREFIXES):
        return None
    return _body_limit_of(request.path_info, get_urlconf())


# Resolving a path costs as much as the rest of a view beacon's checks, and the handler resolves it again
# after the middleware. Paths come from clients, so the memo is bounded.
@lru_cache(maxsize=4096)
def _body_limit_of(path_info: str, urlconf) -> int:
    try:
        view = resolve(path_info, urlconf).func
    except Resolver404:
        return PUBLIC_BODY_LIMIT
    return getattr(view, "body_limit", PUBLIC_BODY_LIMIT)


def problem_response(request, status: int, message: str):
    """A 4xx with a message, as JSON for API callers and our scripts, as a page for browsers."""
    if request.path.startswith("/api/"):
        return JsonResponse({"message": message, "errors": {"_body": message}}, status=status)
    if wants_json(request):
        return JsonResponse({"error": message}, status=status)
    return render(request, "core/problem.html", {"message": message}, status=status)


class UnparseableRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = self.problem(request)
        if problem:
            return problem_response(request, *problem)
        return self.get_response(request)

    @staticmethod
    def problem(request) -> tuple[int, str] | None:
        # PostgreSQL cannot compare text with a NUL in it, so a NUL in the query is refused here.
        query = get_bytes_from_wsgi(request.META, "QUERY_STRING", "")
        if query and not _percent_decoded_is_utf8(query, allow_nul=False):
            return 400, _("The address contains characters that are not allowed.")
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        if not _charset_is_known(request):
            return 400, _("The request names a character set we do not know.")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return 400, _("The request has an invalid length.")
        limit = _body_limit(request)
        # Django reads no more of the body than Content-Length says, so a length that lies low
        # cannot make it read past the limit; the second check guards servers that pass more.
        if limit is not None and (length > limit or len(request.body) > limit):
            message = _("The request is too large: this address accepts at most %(limit)s bytes.")
            return 413, message % {"limit": dutch_thousands(limit)}
        if request.content_type in _FORM_TYPES and not _percent_decoded_is_utf8(request.body, allow_nul=True):
            return 400, _("The form contains characters that are not allowed.")
        return None


def _tolerate_unnamed_charsets():
    """Let a request with a NUL in its charset reach the middleware above.

    Django looks the charset up while it builds the request, before any middleware runs, and a
    NUL in the name raises ValueError there (an unknown name raises LookupError, which Django
    ignores). Ignoring the ValueError the same way keeps the request alive; the middleware then
    answers it with a 400.
    """
    from django.http.request import HttpRequest

    original = HttpRequest._set_content_type_params
    if getattr(original, "_tolerant", False):
        return

    def tolerant(self, meta):
        try:
            original(self, meta)
        except ValueError:
            pass

    tolerant._tolerant = True
    HttpRequest._set_content_type_params = tolerant
