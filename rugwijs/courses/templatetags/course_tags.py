from django import template
from django.utils.translation import gettext as _

from ..models import CourseIndexPage, courses_of

register = template.Library()


@register.simple_tag
def learner_courses(user):
    return courses_of(user) if user.is_authenticated else []


@register.filter
def euro(cents: int) -> str:
    """A price as Dutch readers write it: '€ 49', '€ 49,50'; 'Gratis' for nothing."""
    if not cents:
        return _("Free")
    whole, rest = divmod(int(cents), 100)
    amount = f"{whole:,}".replace(",", ".")
    return f"€ {amount},{rest:02d}" if rest else f"€ {amount}"


@register.simple_tag
def catalogue_page():
    return CourseIndexPage.objects.live().public().first()
