"""Forms for the course pages in the admin, and for learners."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class CourseModulePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        required = cleaned.get("required_module")
        if required is None:
            return cleaned
        # A new page has no place in the tree yet; the page it is added under is the course.
        course = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        if not required.is_child_of(course):
            self.add_error("required_module", _("Choose a module of this course."))
        elif self.instance.pk is not None and required.path >= self.instance.path:
            self.add_error("required_module", _("Choose a module that comes before this one."))
        return cleaned


class MarkDoneForm(forms.Form):
    done = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1")
