"""A form field as the site's account pages show it: label, hint and error tied to the input."""

from django import template

register = template.Library()


@register.inclusion_tag("account/includes/field.html")
def learner_field(field):
    hint_id = f"{field.auto_id}-hint"
    error_id = f"{field.auto_id}-error"
    described = [name for name, present in ((hint_id, field.help_text), (error_id, field.errors)) if present]
    attrs = {"aria-describedby": " ".join(described)} if described else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return {
        "field": field,
        "widget": field.as_widget(attrs=attrs),
        "is_check": field.widget_type in ("checkbox", "radio"),
        "hint_id": hint_id,
        "error_id": error_id,
    }
