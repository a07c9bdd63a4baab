from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rugwijs.core.admin_forms import LoginForm as CoreLoginForm

from .lockout import lockout_message


class LoginForm(CoreLoginForm):
    """The admin login form; for an account that django-axes has locked it names when to try again."""

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            # axes marks the request while authenticate() runs, also on the failure that locks it.
            if getattr(self.request, "axes_locked_out", False):
                raise ValidationError(lockout_message(self.request), code="locked") from None
            raise


def normalised_code(value: str) -> str:
    """People type codes with spaces or dashes, as apps and our recovery list show them."""
    return "".join(value.split()).replace("-", "").lower()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}),
    )

    def clean_code(self):
        code = normalised_code(self.cleaned_data["code"])
        if not code.isalnum():
            raise ValidationError(_("Enter the code of six digits from your app, or a recovery code."))
        return code
