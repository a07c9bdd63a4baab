from django import template
from wagtail.models import Site

from rugwijs.home.models import site_topics

register = template.Library()


@register.inclusion_tag("home/includes/topic_list.html", takes_context=True)
def topic_list(context, heading_level=2):
    """The topics as the home page lists them, for pages without a page object such as the 404 page."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return {"topics": site_topics(site.root_page) if site else [], "heading_level": heading_level}
