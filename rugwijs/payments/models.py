"""Payments for courses, as recorded here; the provider holds the money and the payer's bank details."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .states import Status

STATUS_CHOICES = [
    (Status.OPEN, _("open")),
    (Status.PAID, _("paid")),
    (Status.FAILED, _("failed")),
    (Status.EXPIRED, _("expired")),
    (Status.CANCELED, _("cancelled")),
    (Status.REFUNDED, _("refunded")),
]


class Payment(models.Model):
    # Never shown in full to anyone but the payer; the return address carries it.
    reference = models.UUIDField(_("reference"), default=uuid.uuid4, unique=True, editable=False)
    # Kept when the learner deletes the account (bookkeeping law), then without anything that names them.
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="payments",
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.CharField(_("description"), max_length=255)
    amount_cents = models.PositiveIntegerField(_("amount in cents"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    provider = models.CharField(_("provider"), max_length=30)
    provider_id = models.CharField(_("provider's id"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=Status.OPEN)
    method = models.CharField(_("method"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("started at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    receipt_sent_at = models.DateTimeField(_("receipt sent at"), null=True, blank=True)
    # Dutch consumer law: access to digital content at once ends the 14 days to withdraw, only when the
    # buyer asked for it and said they know; when they did is kept with the payment and in the receipt.
    direct_access_agreed_at = models.DateTimeField(_("agreed to access at once"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_id"], condition=~models.Q(provider_id=""), name="one_record_per_payment"
            )
        ]

    def __str__(self):
        return f"{self.description} ({self.get_status_display()})"

    @property
    def amount(self) -> str:
        return f"{self.amount_cents // 100},{self.amount_cents % 100:02d}"
