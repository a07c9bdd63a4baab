from django import template

from rugwijs.core.numbers import compact_count, dutch_thousands

from ..forms import CommentForm, read_comment_token
from ..models import COMMENT_MAX_LENGTH
from ..views import FEEDBACK_DONE, FEEDBACK_PARAMETER

register = template.Library()


@register.inclusion_tag("engagement/includes/helpfulness.html", takes_context=True)
def helpfulness_widget(context, page):
    """'Heeft dit artikel je geholpen?' in the state the reader's last form post left it."""
    request = context.get("request")
    feedback = request.GET.get(FEEDBACK_PARAMETER, "") if request else ""
    state, comment_form, helpful = "ask", None, None
    if feedback == FEEDBACK_DONE:
        state = "done"
    elif feedback:
        data = read_comment_token(feedback, page.pk)
        if data:
            state, helpful = "comment", data.get("helpful")
            comment_form = CommentForm(initial={"token": feedback})
        else:
            state = "expired"
    return {"page": page, "state": state, "comment_form": comment_form, "helpful": helpful}


@register.simple_tag
def comment_max_length() -> int:
    return COMMENT_MAX_LENGTH


@register.filter
def dutch_number(value):
    return dutch_thousands(value or 0)


@register.filter
def compact_number(value):
    return compact_count(value or 0)
