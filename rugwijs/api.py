"""Wagtail's read-only content API (v2), with its query parameters checked first.

Wagtail passes some parameters to the database unchecked: an offset beyond 64 bits, an id that
is no number or a date that is no date reach a query and raise there, which would be a 500. They
are the reader's mistake, so they get a 400 with a message, like Wagtail's own checks.
"""

from django.core.exceptions import ValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

_INTEGER_PARAMETERS = ("offset", "limit", "id", "child_of", "descendant_of", "ancestor_of", "translation_of")
_LARGEST_ID = 2**63 - 1


class CheckedPagesAPIViewSet(PagesAPIViewSet):
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, value in request.GET.items():
            if "\x00" in value:
                raise BadRequestError(_("The parameter '%(name)s' contains a NUL character.") % {"name": name})
            if name in _INTEGER_PARAMETERS and value.lstrip("-").isdigit() and len(value) > 1:
                if abs(int(value[:25])) > _LARGEST_ID:
                    raise BadRequestError(_("The parameter '%(name)s' is too large.") % {"name": name})
        if self.action == "find_view" and "id" in request.GET and not request.GET["id"].isdigit():
            raise BadRequestError(_("The parameter 'id' must be a whole number."))
        if kwargs.get("pk", 0) > _LARGEST_ID:
            raise Http404(_("There is no page with this number."))

    def handle_exception(self, exc):
        # A field filter with a value of the wrong kind ('first_published_at=no-date').
        if isinstance(exc, ValidationError | ValueError | OverflowError | DataError):
            exc = BadRequestError(_("A query parameter has a value of the wrong kind."))
        return super().handle_exception(exc)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CheckedPagesAPIViewSet)
