from django import template

from ..structured_data import article_json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def article_structured_data(context, page, image_url=""):
    return article_json_ld(context.get("request"), page, image_url)
