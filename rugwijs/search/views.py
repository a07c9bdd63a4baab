import re

from django.core.paginator import Paginator
from django.db import DatabaseError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from rugwijs.search.results import hits, ranked_pages

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# Quotes and control characters are search syntax to the full-text engines, not words readers look for.
_NOT_SEARCHABLE = re.compile(r'["\x00-\x1f\x7f]')


def searchable(query: str) -> str:
    return " ".join(_NOT_SEARCHABLE.sub(" ", query).split())


# Results for any query cannot be purged one by one when a page is published; a minute keeps them fresh.
@cache_control(public=True, max_age=0, s_maxage=60)
def search(request):
    query = searchable(request.GET.get("q", ""))
    context = {"search_query": query, "results": None, "hits": [], "error": ""}
    status = 200
    if len(query) > MAX_QUERY_LENGTH:
        context["error"] = _("Use at most %(max)d characters.") % {"max": MAX_QUERY_LENGTH}
        status = 400
    elif query:
        try:
            # Searched here, where a failure can still become a message.
            results = Paginator(ranked_pages(query), RESULTS_PER_PAGE).get_page(request.GET.get("pagina"))
        except DatabaseError:
            context["error"] = _("We cannot search for this. Try other words.")
            status = 400
        else:
            context["results"] = results
            context["hits"] = hits(list(results), query)
    return render(request, "search/search.html", context, status=status)
