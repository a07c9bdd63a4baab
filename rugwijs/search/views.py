from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Page

from rugwijs.articles.models import ArticlePage
from rugwijs.people.models import PersonPage

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    query = request.GET.get("q", "").strip()
    context = {"search_query": query, "results": None, "error": ""}
    status = 200
    if len(query) > MAX_QUERY_LENGTH:
        context["error"] = _("Use at most %(max)d characters.") % {"max": MAX_QUERY_LENGTH}
        status = 400
    elif query:
        pages = Page.objects.live().public().type(ArticlePage, PersonPage).specific()
        results = pages.search(query, operator="and")
        context["results"] = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(request, "search/search.html", context, status=status)
