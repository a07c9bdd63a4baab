"""Forms for the course pages in the admin, and for learners."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .models.certificates import Certificate


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


class CertificateNameForm(forms.ModelForm):
    """The name to print on a certificate: the learner types it; we only tidy its spaces."""

    class Meta:
        model = Certificate
        fields = ["name"]
        labels = {"name": _("Name on your certificate")}
        error_messages = {
            "name": {
                "required": _("Fill in the name to print on your certificate."),
                "min_length": _("Fill in at least %(limit_value)d characters."),
                "max_length": _("Use at most %(limit_value)d characters."),
                "null_characters_not_allowed": _("Use letters, spaces and punctuation only."),
            }
        }

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())
