from django import template

from rugwijs.core.urgency import advice_for

register = template.Library()


@register.simple_tag
def urgent_advice(level: str):
    """The standard advice for an urgency level, for pages that have no result to take it from."""
    return advice_for(level)
