"""The message and page for an account that django-axes has locked after repeated failed logins."""

from axes.helpers import get_cool_off
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def readable_moment(moment) -> str:
    """A time today reads as 17:42; a later day also names the date."""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return date_format(local, "H:i")
    return date_format(local, "j F Y, H:i")


def lockout_message(request=None) -> str:
    # The lock ends a cool-off after the failure that set it; the cache does not tell when that was,
    # so the message names a full cool-off from now: never too early, at most that much too late.
    retry_at = timezone.now() + get_cool_off(request)
    return _(
        "This account is locked after too many failed login attempts. You can try again after %(time)s. "
        "An administrator can unlock your account sooner."
    ) % {"time": readable_moment(retry_at)}


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page itself, carrying the lockout message, with status 429.

    The login form (forms.LoginForm, or learner_forms.LearnerLoginForm) already put the message on the page; a response
    without one (axes' async path passes none) gets the same message on a page in the login's styling.
    """
    # The learners' login page already answers 429 when it shows the lockout (learner_views.LearnerLoginView).
    if original_response is not None and getattr(original_response, "status_code", None) in (200, 429):
        original_response.status_code = 429
        return original_response
    return render(request, "accounts/locked.html", {"message": lockout_message(request)}, status=429)


def account_name(request, credentials=None) -> str | None:
    """AXES_USERNAME_CALLABLE: the account a login attempt is for, whichever door it came through.

    Editors give their username at /admin/login/; learners (and an editor trying /account/login/) give
    an e-mail address, which counts against the username of its account, so one lock covers both doors.
    An address without an account is counted under the address itself, so it behaves the same.
    """
    data = credentials if credentials is not None else getattr(request, "POST", {})
    username = data.get("username")
    if username:
        return username
    email = (data.get("email") or data.get("login") or "").strip().lower()
    if not email:
        return None
    from django.contrib.auth import get_user_model

    found = get_user_model().objects.filter(email__iexact=email).values_list("username", flat=True).first()
    return found or email
