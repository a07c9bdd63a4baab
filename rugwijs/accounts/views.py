"""The second-factor pages: set up an authenticator app, enter a code, manage recovery codes.

They live under /admin/2fa/, which RequireSecondFactorMiddleware leaves open to a user who has only
given the password, so each view checks for itself what that user may do here.
"""

import base64

import segno
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import devices
from .forms import CodeForm
from .lockout import readable_moment


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    allowed = {request.get_host()}
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts=allowed, require_https=request.is_secure()):
        return candidate
    return reverse("wagtailadmin_home")


def _throttled_until(candidates):
    """The moment django-otp's throttle lets every candidate device try again, or None if one may now."""
    moments = []
    for device in candidates:
        allowed, details = device.verify_is_allowed()
        if allowed:
            return None
        moments.append((details or {}).get("locked_until"))
    return max((moment for moment in moments if moment), default=None) if moments else None


def _signed_in_with(request, device):
    # A new session key once the second factor is given, as Django does after the password.
    request.session.cycle_key()
    otp_login(request, device)


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    next_url = _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    if not devices.has_authenticator(user):
        return redirect(f"{reverse('accounts_2fa_setup')}?{urlencode({'next': next_url})}")

    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        # Six digits come from the app; anything else can only be a recovery code.
        model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
        candidates = list(model.objects.devices_for_user(user, confirmed=True))
        throttled = _throttled_until(candidates)
        if throttled:
            status = 429
            form.add_error(
                "code",
                _("Too many wrong codes. You can try again after %(time)s.") % {"time": readable_moment(throttled)},
            )
        else:
            for device in candidates:
                accepted = verify_token(user, device.persistent_id, code)
                if accepted:
                    _signed_in_with(request, accepted)
                    return redirect(next_url)
            form.add_error("code", _("This code is not right. Codes from the app change every 30 seconds."))
    return render(request, "accounts/verify.html", {"form": form, "next": next_url}, status=status)


def _qr_svg(device) -> str:
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, title=_("QR code for your authenticator app"), svgclass="accounts-qr"
    )
    # An image to screen readers, named by its <title>.
    return svg.replace("<svg ", '<svg role="img" ', 1)


def _readable_secret(device) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@require_http_methods(["GET", "POST"])
def setup(request):
    user = request.user
    next_url = _next_url(request)
    # With the password alone nobody may replace an app that already exists: that needs a code first.
    if devices.has_authenticator(user) and not user.is_verified():
        return redirect(f"{reverse('accounts_2fa_verify')}?{urlencode({'next': next_url})}")

    device = devices.pending_authenticator(user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        allowed, details = device.verify_is_allowed()
        if not allowed:
            status = 429
            moment = readable_moment(details["locked_until"])
            form.add_error("code", _("Too many wrong codes. You can try again after %(time)s.") % {"time": moment})
        elif device.verify_token(form.cleaned_data["code"]):
            codes = devices.confirm_authenticator(device)
            _signed_in_with(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url, "new_app": True})
        else:
            form.add_error("code", _("This code is not right. Codes from the app change every 30 seconds."))
    context = {"form": form, "next": next_url, "qr_svg": _qr_svg(device), "secret": _readable_secret(device)}
    return render(request, "accounts/setup.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request):
    """A verified editor's overview: make new recovery codes, or connect a new app."""
    user = request.user
    if not user.is_verified():
        return redirect(f"{reverse('accounts_2fa_verify')}?{urlencode({'next': request.path})}")
    if request.method == "POST":
        codes = devices.new_recovery_codes(user)
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("accounts_2fa")})
    return render(request, "accounts/manage.html", {"codes_left": devices.recovery_codes_left(user)})
