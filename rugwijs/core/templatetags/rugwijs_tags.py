import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

register = template.Library()

# The same escapes as Django's json_script: nothing in the data can close the script element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data) -> str:
    payload = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, default=str)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308
    )


@register.inclusion_tag("core/includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    root = site.root_page if site else None
    items = root.get_children().live().public().in_menu() if root else []
    current = context.get("page")
    return {"root": root, "items": items, "current": current, "request": request}
