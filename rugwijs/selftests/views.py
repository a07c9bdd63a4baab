"""Taking a test in the browser: the answers are posted, scored and shown, and never stored.

The result is the response to the POST itself, so no answer ends up in a URL, a cookie or a log
of query strings.
"""

import logging
import smtplib

from django.core.mail import send_mail
from django.core.validators import validate_email
from django.forms import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from rugwijs.core.http import anonymous_post
from rugwijs.core.models import published_page
from rugwijs.core.outages import RETRY_AFTER_SECONDS

from . import engine
from .form_answers import answer_fields, answers_from_post
from .models import SelfTestPage
from .outcomes import count, outcome_for

logger = logging.getLogger(__name__)


def _live_test(page_id: int) -> SelfTestPage:
    page = published_page(SelfTestPage, pk=page_id)
    if page is None:
        raise Http404(_("There is no published self-test with this number."))
    return page


def _answer_form(request, page, answers, errors, status):
    context = page.get_context(request, answers=answers, errors=errors)
    return render(request, "selftests/self_test_page.html", context, status=status)


def _result_context(page, shown, answers) -> dict:
    return {"page": page, "self": page, "shown": shown, "answer_fields": answer_fields(answers)}


@never_cache  # one reader's result: no cache may keep it
@anonymous_post(rate="30/m", max_body=engine.ANSWERS_BODY_LIMIT)
def result(request, page_id: int):
    page = _live_test(page_id)
    raw = answers_from_post(page.definition, request.POST)
    answers, errors = engine.check_answers(page.definition, raw)
    if errors:
        return _answer_form(request, page, raw, errors, status=400)
    shown = outcome_for(page, answers)
    count(page, shown.outcome.result)
    return render(request, "selftests/result.html", _result_context(page, shown, answers))


@never_cache
@anonymous_post(rate="5/m", max_body=engine.ANSWERS_BODY_LIMIT)
def mail_result(request, page_id: int):
    """Send the result to an address that is used for this one mail and then forgotten."""
    page = _live_test(page_id)
    raw = answers_from_post(page.definition, request.POST)
    answers, errors = engine.check_answers(page.definition, raw)
    address = request.POST.get("email", "").strip()
    email_error = ""
    try:
        validate_email(address)
    except ValidationError:
        email_error = _("Give a valid e-mail address, for example naam@voorbeeld.nl.")
    if errors:
        return _answer_form(request, page, raw, errors, status=400)
    shown = outcome_for(page, answers)
    context = {**_result_context(page, shown, answers), "email_error": email_error}
    if email_error:
        return render(request, "selftests/result.html", context, status=400)
    body = render_to_string("selftests/result_email.txt", {"page": page, "shown": shown, "request": request})
    try:
        send_mail(_("Your result: %(title)s") % {"title": page.title}, body, None, [address])
    except (smtplib.SMTPException, OSError) as error:
        # The mail server is down or refuses: the reader keeps the result on screen and can try again.
        # 503, not 200: nothing was sent, and the fault is ours and passes (Retry-After says when to retry).
        logger.warning("Self-test result mail not sent: %s", error)
        failed = _(
            "We could not send the mail just now. Your result is still here: try again in a few minutes, or print it."
        )
        context.update(email=address, mail_failed=failed)
        response = render(request, "selftests/result.html", context, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    context["mailed"] = True
    return render(request, "selftests/result.html", context)
