"""The payments part of a course's report for editors (rugwijs.courses.report_sections)."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from rugwijs.courses import reports

from .models import Payment
from .states import ENDED_WITHOUT_PAYMENT, Status


def _euro(cents: int | None) -> str:
    cents = cents or 0
    return f"€ {cents // 100:,}".replace(",", ".") + f",{cents % 100:02d}"


def payments_section(data) -> reports.Section:
    def count(*statuses):
        return Count("pk", filter=Q(status__in=statuses))

    def total(*statuses):
        return Sum("amount_cents", filter=Q(status__in=statuses))

    ended = list(ENDED_WITHOUT_PAYMENT)
    figures = Payment.objects.filter(course=data.course).aggregate(
        started=Count("pk"),
        paid=count(Status.PAID),
        paid_cents=total(Status.PAID),
        open=count(Status.OPEN),
        ended=count(*ended),
        refunded=count(Status.REFUNDED),
        refunded_cents=total(Status.REFUNDED),
    )
    rows = (
        (_("Payments started"), figures["started"], ""),
        (_("Paid and kept"), figures["paid"], _euro(figures["paid_cents"])),
        (_("Waiting for the provider"), figures["open"], ""),
        (_("Failed, expired or cancelled"), figures["ended"], ""),
        (_("Refunded or charged back"), figures["refunded"], _euro(figures["refunded_cents"])),
    )
    return reports.Section(
        slug="payments",
        title=_("Payments"),
        explanation=_(
            "Payments for this course as the payment provider confirmed them. Paid and kept: the amount "
            "received and not refunded, VAT included."
        ),
        table=reports.Table(caption=_("Payments"), headings=(_("Payments"), _("How many"), _("Amount")), rows=rows),
    )
