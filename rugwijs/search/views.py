import re

from django.core.paginator import Paginator
from django.db import DatabaseError
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Page

from rugwijs.articles.models import ArticlePage
from rugwijs.people.models import PersonPage

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# Quotes and control characters are search syntax to the full-text engines, not words readers look for.
_NOT_SEARCHABLE = re.compile(r'["\x00-\x1f\x7f]')


def searchable(query: str) -> str:
    return " ".join(_NOT_SEARCHABLE.sub(" ", query).split())


def search(request):
    query = searchable(request.GET.get("q", ""))
    context = {"search_query": query, "results": None, "error": ""}
    status = 200
    if len(query) > MAX_QUERY_LENGTH:
        context["error"] = _("Use at most %(max)d characters.") % {"max": MAX_QUERY_LENGTH}
        status = 400
    elif query:
        pages = Page.objects.live().public().type(ArticlePage, PersonPage).specific()
        try:
            results = Paginator(pages.search(query, operator="and"), RESULTS_PER_PAGE).get_page(
                request.GET.get("pagina")
            )
            list(results)  # run the query here, where a failure can still become a message
            context["results"] = results
        except DatabaseError:
            context["error"] = _("We cannot search for this. Try other words.")
            status = 400
    return render(request, "search/search.html", context, status=status)
