from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .devices import has_authenticator


def uses_admin(user) -> bool:
    """An editor's account: one that may open the Wagtail admin, and so needs the second factor."""
    return user.is_active and (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


class RequireSecondFactorMiddleware:
    """No admin page or admin API for a user who has given the password but no second factor yet.

    Such a user is sent to set up an authenticator app (none confirmed yet) or to enter a code, and
    comes back where they were going. Placed after django-otp's OTPMiddleware, which tells whether the
    session was verified with a code. Learner accounts (allauth, no admin access) are left alone: Wagtail
    refuses them the admin, and their own second factor is allauth.mfa's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def open_paths(self) -> tuple[str, ...]:
        """Admin addresses a half-signed-in user needs: signing in and out, the 2FA pages, translations."""
        return (
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_javascript_catalog"),
            # The icon sprite every admin page fetches and inlines: a redirect here put the code form in twice.
            reverse("wagtailadmin_sprite"),
            reverse("wagtailadmin_password_reset"),
            reverse("accounts_2fa"),
        )

    def __call__(self, request):
        path = request.path_info
        if path.startswith(settings.ADMIN_URL_PREFIXES):
            if not path.startswith(self.open_paths):
                user = request.user
                if user.is_authenticated and not user.is_verified() and uses_admin(user):
                    return self.refuse(request, user)
        elif settings.SESSION_COOKIE_NAME in request.COOKIES:
            # On the public site too an editor's password alone is no login (pages for logged-in users only).
            # Readers have no session cookie, so their requests never touch the session here.
            user = request.user
            if user.is_authenticated and not user.is_verified() and uses_admin(user):
                request.user = AnonymousUser()
        return self.get_response(request)

    def refuse(self, request, user):
        if request.path_info.startswith(reverse("wagtailadmin_home") + "api/"):
            message = _("Sign in with your second factor first.")
            return JsonResponse({"message": message}, status=403)
        target = "accounts_2fa_verify" if has_authenticator(user) else "accounts_2fa_setup"
        next_url = request.get_full_path() if request.method in ("GET", "HEAD") else reverse("wagtailadmin_home")
        return redirect(f"{reverse(target)}?{urlencode({'next': next_url})}")
