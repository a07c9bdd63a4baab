"""Anonymous endpoints: the view beacon and 'Heeft dit artikel je geholpen?'.

None of them sets or reads a cookie. They are guarded by same-origin checks and rate limits
instead, and answer bad input with a 4xx and a message, as JSON for our script and as a page
for a browser without JavaScript.
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.exceptions import Ratelimited
from wagtail.models import Page

from rugwijs.core.http import anonymous_post, over_rate_limit, see_other, wants_json
from rugwijs.core.models import published_page
from rugwijs.core.numbers import dutch_thousands

from .bots import is_bot, is_prefetch
from .countable import counts_views
from .counting import add_comment, record_view, record_vote
from .forms import CommentForm, VoteForm, comment_token
from .models import COMMENT_MAX_LENGTH
from .view_store import RateLimit
from .visitors import Visitor

FEEDBACK_PARAMETER = "feedback"
FEEDBACK_DONE = "bedankt"

# Body limits, from what each form sends. The beacon sends nothing and a vote one short field.
BEACON_BODY_LIMIT = 1024
VOTE_BODY_LIMIT = 1024
# A comment at its longest, each character up to 4 bytes of UTF-8 percent-encoded (12 bytes),
# plus the signed vote token and the field names.
COMMENT_BODY_LIMIT = COMMENT_MAX_LENGTH * 12 + 1024


def _page_url(request, page: Page, feedback: str) -> str:
    return f"{page.get_url(request)}?{urlencode({FEEDBACK_PARAMETER: feedback})}#feedback"


def _problem(request, status: int, message: str, page: Page | None = None, comment_form=None):
    if wants_json(request):
        return JsonResponse({"error": message}, status=status)
    context = {"message": message, "back_page": page, "comment_form": comment_form, "status": status}
    return render(request, "engagement/feedback_problem.html", context, status=status)


def for_live_page(view):
    """Hands the view the published page instead of its id; anything else is a 404 with a message."""

    @wraps(view)
    def wrapper(request, page_id: int):
        page = published_page(pk=page_id)
        # Only page types that ask readers for it (articles) count views and take votes.
        if page is None or not getattr(page.specific_class, "accepts_reader_feedback", False):
            return _problem(request, 404, _("There is no published page with this number."))
        return view(request, page)

    return wrapper


# Per address, as for the other forms; counted by the view store with the view (see view_store.py).
BEACON_RATE_LIMIT = RateLimit(beacons=120, seconds=60)


# The rate limit comes after the cheap answers: a page that counts no views costs one remembered
# lookup, a bot nothing; a beacon that would be stored is limited in the same round trip as its count.
@anonymous_post(rate=None, max_body=BEACON_BODY_LIMIT)
def count_view(request, page_id: int):
    """Counts the view and answers with the page's current count, so a page served from a cache
    (with the count it had then) can show a fresh one. Bots and prefetches are not counted and
    get nothing to show."""
    if not counts_views(page_id):
        return _problem(request, 404, _("There is no published page with this number."))
    if is_bot(request.headers.get("User-Agent", "")) or is_prefetch(request):
        return HttpResponse(status=204)
    # RATELIMIT_ENABLE is django-ratelimit's switch; the Redis store's limit follows it too.
    limit = BEACON_RATE_LIMIT if settings.RATELIMIT_ENABLE else None

    def over_limit() -> bool:  # without Redis: django-ratelimit, as for the other forms
        rate = BEACON_RATE_LIMIT
        return over_rate_limit(request, count_view, f"{rate.beacons}/{rate.seconds}s")

    recorded = record_view(page_id, Visitor(request), limit, over_limit)
    if recorded.over_limit:
        raise Ratelimited
    views = recorded.views
    label = _("%(views)s x viewed") % {"views": dutch_thousands(views)}
    response = JsonResponse({"views": views, "label": label})
    response["Cache-Control"] = "no-store"
    return response


@anonymous_post(rate="20/m", max_body=VOTE_BODY_LIMIT)
@for_live_page
def vote(request, page: Page):
    form = VoteForm(request.POST)
    if not form.is_valid():
        return _problem(request, 400, form.errors["helpful"][0], page)
    stored = record_vote(page.pk, Visitor(request), form.is_helpful)
    if stored is None:
        return _problem(request, 409, _("You already told us today whether this article helped you."), page)
    token = comment_token(stored.pk, stored.helpful, page.pk)
    if wants_json(request):
        return JsonResponse({"message": _("Thank you for your answer!"), "token": token}, status=201)
    return see_other(_page_url(request, page, token))


@anonymous_post(rate="20/m", max_body=COMMENT_BODY_LIMIT)
@for_live_page
def comment(request, page: Page):
    form = CommentForm(request.POST, page_id=page.pk)
    if not form.is_valid():
        field = "token" if "token" in form.errors else "comment"
        return _problem(request, 400, form.errors[field][0], page, comment_form=form)
    if not add_comment(form.cleaned_data["token"]["vote"], form.cleaned_data["comment"]):
        return _problem(request, 409, _("We already have a comment with this answer. Thank you!"), page)
    if wants_json(request):
        return JsonResponse({"message": _("Thank you! We read every comment.")}, status=201)
    return see_other(_page_url(request, page, FEEDBACK_DONE))
