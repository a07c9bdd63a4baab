"""Settling a payment: our record and the learner's access follow what the provider reports."""

import logging

from django.db import transaction
from django.utils import timezone

from rugwijs.courses.models import Enrolment

from . import states
from .models import Payment
from .receipts import send_receipt

logger = logging.getLogger(__name__)


def settle(payment: Payment, snapshot: states.Snapshot) -> None:
    """Bring our record and the learner's access in line with what the provider says."""
    if (snapshot.amount_cents, snapshot.currency) != (payment.amount_cents, payment.currency):
        logger.error("Payment %s: the provider reports %s %s", payment.pk, snapshot.amount_cents, snapshot.currency)
        return
    with transaction.atomic():
        # Locks the payment row alone: PostgreSQL cannot lock the optional side of a join (the enrolment).
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        result = states.outcome(
            states.Status(payment.status), snapshot, receipt_sent=payment.receipt_sent_at is not None
        )
        payment.status = result.status
        payment.method = snapshot.method[:40]
        if result.status == states.Status.PAID and payment.paid_at is None:
            payment.paid_at = timezone.now()
        payment.save()
        enrolment = payment.enrolment
        if enrolment is not None and enrolment.source == Enrolment.Source.PAYMENT:
            if result.grant_access:
                enrolment.activate()
                enrolment.save(update_fields=["status", "started_at"])
            elif result.end_access and _ends_access(payment, enrolment, result.status):
                enrolment.status = Enrolment.Status.ENDED
                enrolment.save(update_fields=["status"])
    if result.send_receipt and payment.enrolment is not None:
        send_receipt(payment)


def _ends_access(payment: Payment, enrolment: Enrolment, status: states.Status) -> bool:
    """A refund ends access unless another payment for it stands; a failed try only ends a wait it started."""
    others = enrolment.payments.exclude(pk=payment.pk)
    if status == states.Status.REFUNDED:
        return not others.filter(status=states.Status.PAID).exists()
    latest = enrolment.payments.order_by("-created_at", "-pk").first()
    return enrolment.status == Enrolment.Status.PENDING and latest == payment
