"""The self-test JSON API: the same engine and the same checks as the HTML form."""

import json
from functools import wraps

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.decorators import ratelimit

from rugwijs.core.http import body_limit, is_cross_site
from rugwijs.core.numbers import plain_number

from . import engine
from .models import SelfTestPage
from .outcomes import count, outcome_for


def _tests():
    return SelfTestPage.objects.live().public()


def _not_found(slug):
    return JsonResponse({"errors": {"_body": _("There is no self-test '%(slug)s'.") % {"slug": slug}}}, status=404)


def _json_methods(*methods):
    """Like require_GET/require_POST, but the 405 is JSON with a message, as the rest of this API."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in methods:
                message = _("This address only accepts %(methods)s.") % {"methods": ", ".join(methods)}
                response = JsonResponse({"errors": {"_body": message}}, status=405)
                response["Allow"] = ", ".join(methods)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


@_json_methods("GET", "HEAD")
def selftest_list(request):
    items = [
        {"slug": page.slug, "title": page.title, "url": page.get_full_url(request), "minutes": page.minutes}
        for page in _tests().order_by("path")
    ]
    return JsonResponse({"items": items})


def _option_json(option: engine.Option) -> dict:
    """An option; `alarm` only when it raises one, so a client can stop early at a 'spoed' answer."""
    data = {"key": option.key, "label": option.label}
    if option.alarm:
        data["alarm"] = option.alarm
    return data


def _question_json(question: engine.Question) -> dict:
    data = {"key": question.key, "text": question.text, "type": question.type, "required": question.required}
    if question.help:
        data["help"] = question.help
    if question.type != engine.NUMBER:
        data["options"] = [_option_json(option) for option in question.options]
    if question.type in (engine.NUMBER, engine.SCALE):
        data["min"], data["max"] = question.minimum, question.maximum
    if question.unit:
        data["unit"] = question.unit
    data["show_when"] = (
        {"question": question.show_when.question, "options": list(question.show_when.options)}
        if question.show_when
        else None
    )
    return data


@_json_methods("GET", "HEAD")
def selftest_detail(request, slug):
    page = _tests().filter(slug=slug).first()
    if page is None:
        return _not_found(slug)
    return JsonResponse(
        {
            "slug": page.slug,
            "title": page.title,
            "intro": page.intro,
            "minutes": page.minutes,
            "url": page.get_full_url(request),
            "questions": [_question_json(question) for question in page.definition.questions],
        }
    )


def _body_problem(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": {"_body": message}}, status=status)


@body_limit(engine.ANSWERS_BODY_LIMIT)  # JSON answers are no longer than the same answers as a form
@csrf_exempt  # a JSON API without cookies: there is no session to forge requests for ...
@never_cache  # ... and a result is one reader's health answer: no cache may keep it
@_json_methods("POST")
@ratelimit(key="ip", rate="60/m", method="POST")
def selftest_result(request, slug):
    # ... but a browser on another site must not post readers' answers here (same rule as the forms).
    if is_cross_site(request):
        return _body_problem(_("This form can only be sent from this website."), 403)
    if request.body and request.content_type != "application/json":
        return _body_problem(_("Send the answers as JSON (Content-Type: application/json)."), 415)
    page = _tests().filter(slug=slug).first()
    if page is None:
        return _not_found(slug)
    try:
        body = json.loads(request.body.decode("utf-8") or "null")
    except (ValueError, RecursionError):
        # ValueError covers invalid UTF-8 and JSON and integers of over 4,300 digits;
        # RecursionError deeply nested arrays or objects.
        return _body_problem(_("The request body is not valid JSON."))
    if not isinstance(body, dict) or "answers" not in body:
        return JsonResponse({"errors": {"_body": _("Send an object with the key 'answers'.")}}, status=400)
    answers, errors = engine.check_answers(page.definition, body["answers"])
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    shown = outcome_for(page, answers)
    count(page, shown.outcome.result)
    result = shown.result
    return JsonResponse(
        {
            "result": {
                "key": result["key"],
                "title": result["title"],
                "summary": result["summary"],
                "explanation_html": str(result["explanation"]),
                "urgency": shown.urgency,
            },
            "scores": {key: plain_number(value) for key, value in shown.outcome.scores.items()},
            "recommendations": [
                {"title": recommended.title, "url": recommended.get_full_url(request)}
                for recommended in shown.recommendations
            ],
        }
    )
