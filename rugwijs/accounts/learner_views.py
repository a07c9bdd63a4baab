"""The learner's own pages beside allauth's: the "My account" overview, the data download and deletion."""

import json

from allauth.account.models import EmailAddress
from allauth.account.views import LoginView
from allauth.mfa.models import Authenticator
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import personal_data, sections
from .learner_forms import DeleteAccountForm

# Form errors that mean "not now" rather than "not right": answered with 429, as the editor login does.
REFUSED_CODES = {"too_many_login_attempts", "locked"}


class LearnerLoginView(LoginView):
    def form_invalid(self, form):
        response = super().form_invalid(form)
        codes = {error.code for errors in form.errors.as_data().values() for error in errors}
        if codes & REFUSED_CODES:
            response.status_code = 429
        elif "editor" in codes:
            response.status_code = 403
        return response


@never_cache
@login_required
@require_GET
def overview(request):
    user = request.user
    context = {
        "email_address": EmailAddress.objects.filter(user=user, primary=True).first(),
        "has_totp": Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
        "sections": sections.templates(),
    }
    return render(request, "account/overview.html", context)


@never_cache
@login_required
@require_GET
def export_data(request):
    data = personal_data.export(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"rugwijs-mijn-gegevens-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _logged_in_with_code(request) -> bool:
    """The latest login of this session was a code from a mail, not the password."""
    from allauth.account.authentication import get_authentication_records

    records = get_authentication_records(request, request.user)
    return bool(records) and records[-1].get("method") == "code"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    with_password = user.has_usable_password() and not _logged_in_with_code(request)
    form = DeleteAccountForm(request.POST or None, user=user, with_password=with_password)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            personal_data.erase(user)
            logout(request)
            return redirect("accounts:deleted")
        status = 400
    return render(request, "account/delete.html", {"form": form}, status=status)


@never_cache
@require_GET
def deleted(request):
    return render(request, "account/deleted.html")
