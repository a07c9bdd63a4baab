"""The self-test JSON API: the same engine and the same checks as the HTML form."""

import json

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from rugwijs.core.numbers import plain_number

from . import engine
from .models import SelfTestPage
from .outcomes import count, outcome_for


def _tests():
    return SelfTestPage.objects.live().public()


def _not_found(slug):
    return JsonResponse({"errors": {"_body": _("There is no self-test '%(slug)s'.") % {"slug": slug}}}, status=404)


@require_GET
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


@require_GET
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


@csrf_exempt  # a JSON API without cookies: there is no session to forge requests for
@require_POST
@ratelimit(key="ip", rate="60/m", method="POST")
def selftest_result(request, slug):
    page = _tests().filter(slug=slug).first()
    if page is None:
        return _not_found(slug)
    try:
        body = json.loads(request.body.decode("utf-8") or "null")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return JsonResponse({"errors": {"_body": _("The request body is not valid JSON.")}}, status=400)
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
