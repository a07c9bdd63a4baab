"""The receipt a learner gets by e-mail once the provider confirmed their payment."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from rugwijs.core.models import SiteSettings

logger = logging.getLogger(__name__)


def send_receipt(payment) -> bool:
    """Mail the receipt; False when the mail server did not take it (the next webhook call tries again)."""
    user = payment.enrolment.user
    site = Site.objects.filter(is_default_site=True).first()
    context = {
        "payment": payment,
        "course": payment.course,
        "practice": SiteSettings.for_site(site) if site else None,
        "site_name": site.site_name if site else settings.WAGTAIL_SITE_NAME,
        "course_url": (settings.WAGTAILADMIN_BASE_URL + payment.course.url) if payment.course else "",
    }
    try:
        send_mail(
            subject=_("Receipt for your course “%(title)s”") % {"title": payment.description},
            message=render_to_string("payments/email/receipt.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )
    except OSError:
        logger.warning("The receipt for payment %s could not be sent", payment.pk, exc_info=True)
        return False
    payment.receipt_sent_at = timezone.now()
    payment.save(update_fields=["receipt_sent_at", "updated_at"])
    return True
