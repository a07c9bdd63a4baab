"""Forms of learner accounts: allauth's login with the lockout and the editors' door, and account deletion."""

from allauth.account.forms import LoginForm
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .adapter import editor_refused_message
from .lockout import lockout_message
from .middleware import uses_admin


class LearnerLoginForm(LoginForm):
    """allauth's login form; says so when django-axes has locked the account, and sends editors to the admin."""

    def clean(self):
        try:
            cleaned_data = super().clean()
        except ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                raise ValidationError(lockout_message(self.request), code="locked") from None
            raise
        if getattr(self.request, "axes_locked_out", False):
            raise ValidationError(lockout_message(self.request), code="locked")
        if self.user is not None and uses_admin(self.user):
            raise ValidationError(editor_refused_message(), code="editor")
        return cleaned_data


class DeleteAccountForm(forms.Form):
    """Deleting everything at once: with the password, or for someone who logged in with a code, a tick."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(label=_("Yes, delete my account and everything in it"))

    def __init__(self, *args, user, with_password: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        del self.fields["confirm" if with_password else "password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("This is not your password."), code="wrong_password")
        return password
