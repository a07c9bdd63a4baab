import json
import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

from rugwijs.core.models import SiteSettings

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


@register.inclusion_tag("core/includes/site_footer.html", takes_context=True)
def site_footer(context):
    request = context.get("request")
    site_settings = SiteSettings.for_request(request) if request else None
    return {
        "site_settings": site_settings,
        "pages": site_settings.footer_pages() if site_settings else [],
        "request": request,
    }


@register.filter(is_safe=True)
def with_site_name(title, site_name):
    """'Title | Site', but never the site's name twice: the home page is called just 'Site'."""
    title, site_name = conditional_escape(str(title).strip()), conditional_escape(site_name)
    if not title:
        return site_name
    if site_name.lower() in title.lower():
        return title
    return mark_safe(f"{title} | {site_name}")  # noqa: S308 - both parts are escaped above


@register.filter
def tel_href(phone: str) -> str:
    """A phone number as written for readers ('024 123 45 67') as a tel: link target."""
    return "tel:" + re.sub(r"[^\d+]", "", phone)


@register.simple_tag(takes_context=True)
def kept_site_name(context):
    """The practice's name (site settings), kept with the page's parts (core.fragments): without it,
    every page spent two queries on the site and its settings."""
    from rugwijs.core import fragments

    request = context.get("request")

    def read():
        site_settings = SiteSettings.for_request(request) if request else None
        return conditional_escape((site_settings and site_settings.organisation_name) or "Rugwijs")

    return fragments.get_or_render(request, "site-name", [request.get_host() if request else ""], read)


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        from rugwijs.core import fragments

        vary = [value.resolve(context) for value in self.vary]
        return fragments.get_or_render(
            context.get("request"), self.name.resolve(context), vary, lambda: self.nodelist.render(context)
        )


@register.tag
def fragment(parser, token):
    """{% fragment "name" value ... %}...{% endfragment %}: the same for every reader until content
    changes (core.fragments); the values name what else it depends on, such as the page."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'fragment' needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])
