"""When the database cannot serve a request: a 503 with Retry-After instead of a 500.

Three faults look alike to a reader: the database is locked past its timeout (SQLite), it refuses
writes (a read-only file or `default_transaction_read_only` on PostgreSQL), or it is not there at
all (PostgreSQL stopped). Pages that only read keep working in the first two cases; whatever needs
a write gets a 503 that says "try again" and never a 2xx for something that was not stored.
"""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

from .http import wants_json

logger = logging.getLogger(__name__)

# Locks clear in seconds, a restart of PostgreSQL in well under a minute.
RETRY_AFTER_SECONDS = 30

# SQLSTATE 25006: PostgreSQL refused a write in a read-only transaction (psycopg calls it InternalError).
_READ_ONLY_SQLSTATE = "25006"


def is_database_unavailable(error: BaseException | None) -> bool:
    """True for a database that cannot do this now (locked, read-only, down), not for a bug in a query.

    OperationalError and InterfaceError are by definition (PEP 249) faults of the database's
    operation; a read-only refusal arrives as InternalError on PostgreSQL, so it is recognised by
    its SQLSTATE.
    """
    if isinstance(error, OperationalError | InterfaceError):
        return True
    if isinstance(error, DatabaseError):
        return getattr(error.__cause__, "sqlstate", None) == _READ_ONLY_SQLSTATE
    return False


def or_when_unavailable(work, default, what: str):
    """`work()`, or `default` while the database refuses the write it needs (a missing image rendition).

    A page that only reads can still need a write now and then; during a fault the reader gets the
    page without that part rather than no page at all.
    """
    try:
        return work()
    except DatabaseError as error:
        if not is_database_unavailable(error):
            raise
        logger.warning("%s skipped, database unavailable: %s", what, error)
        return default


def is_write(request) -> bool:
    return request.method not in ("GET", "HEAD", "OPTIONS")


def _message(request) -> str:
    if is_write(request):
        return _(
            "We cannot save this right now because of a fault on our side. Nothing was saved; "
            "please try again in a minute."
        )
    return _("This page cannot be shown right now because of a fault on our side. Please try again in a minute.")


def static_page(template_name: str, status: int, message: str = "") -> HttpResponse:
    """A page rendered without the request, so without context processors that ask the database."""
    return HttpResponse(loader.get_template(template_name).render({"message": message}), status=status)


def unavailable_response(request) -> HttpResponse:
    """503 with Retry-After, in the form the caller speaks."""
    message = _message(request)
    if request.path.startswith("/api/"):
        response = JsonResponse({"message": message, "errors": {"_body": message}}, status=503)
    elif wants_json(request):
        response = JsonResponse({"error": message}, status=503)
    else:
        response = _page(request, message)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _page(request, message: str) -> HttpResponse:
    """The site's own problem page when the database still reads (locked, read-only); else the static one."""
    try:
        return render(request, "core/problem.html", {"message": message}, status=503)
    except Exception:  # noqa: BLE001 - any failure here means: show the page that needs nothing
        logger.info("The problem page could not be rendered; showing the static 503 page.", exc_info=True)
        return static_page("503.html", 503, message)


class DatabaseOutageMiddleware:
    """Turns a database that cannot serve this request, inside a view, into a 503 (see handler500 for the rest)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        logger.warning("Database unavailable for %s %s: %s", request.method, request.path, exception, exc_info=True)
        return unavailable_response(request)


def server_error(request):
    """handler500: a friendly page (JSON for API callers) that needs no database and no request context.

    A database fault outside a view (in a middleware) ends here too, and gets its 503. Django has
    already logged the error (logger django.request) before calling this.
    """
    error = sys.exc_info()[1]
    if is_database_unavailable(error):
        message = _message(request)
        status = 503
    else:
        message = _("Because of an error on our side we cannot show this page now. Please try again later.")
        status = 500
    if request.path.startswith("/api/"):
        response = JsonResponse({"message": message, "errors": {"_body": message}}, status=status)
    elif wants_json(request):
        response = JsonResponse({"error": message}, status=status)
    else:
        response = static_page(f"{status}.html", status, message if status == 503 else "")
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
