"""How django-allauth behaves for learner accounts: mail that may fail, hashed addresses, no editors.

Editors sign in at /admin/login/ with a second factor (django-otp); this door is for learners only.
"""

import hashlib
import hmac
import logging
import smtplib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.stagekit import clear_login
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.ratelimit import truncate_ip
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from rugwijs.core.net import client_ip

from .middleware import uses_admin

logger = logging.getLogger(__name__)

# Seconds a reader is asked to wait before trying again when the mail server is down.
MAIL_RETRY_AFTER = 60


def editor_refused_message() -> str:
    return _("This is an editor's account. Editors sign in at the admin, with the code from their app.")


class LearnerAccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """The address as allauth's rate limits key it: a keyed hash, so no address is written to the cache.

        IPv6 addresses are cut to their network first (allauth's RATE_LIMIT_IPV6_PREFIX), as allauth
        would do itself, since one person easily holds a whole /64.
        """
        address = truncate_ip(client_ip(request))
        digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()
        return f"h{digest[:32]}"

    def is_ajax(self, request) -> bool:
        """Account pages answer in HTML, whatever the Accept header: no script of ours posts these forms."""
        return False

    def pre_login(self, request, user, **kwargs):
        if uses_admin(user):
            clear_login(request)
            return render(request, "account/editor_refused.html", {"message": editor_refused_message()}, status=403)
        return super().pre_login(request, user, **kwargs)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Send, or tell the reader the mail server is down; whatever was saved before stays saved."""
        try:
            super().send_mail(template_prefix, email, context)
        except (smtplib.SMTPException, OSError) as error:
            # Neither the address nor the link goes to the log: only which mail failed and why.
            logger.warning("Learner mail %s not sent: %s", template_prefix.rsplit("/", 1)[-1], type(error).__name__)
            raise ImmediateHttpResponse(self.mail_failed_response(template_prefix)) from error

    def mail_failed_response(self, template_prefix: str):
        from allauth.core import context

        request = context.request
        if template_prefix.endswith("email_confirmation_signup"):
            message = _(
                "Your account has been made, but we could not send the mail with the confirmation link just now. "
                "Please log in again in a few minutes: we will then send you a new link."
            )
        else:
            message = _("We could not send the mail just now. Nothing has changed; please try again in a few minutes.")
        response = render(request, "account/mail_failed.html", {"message": message}, status=503)
        response["Retry-After"] = str(MAIL_RETRY_AFTER)
        return response
