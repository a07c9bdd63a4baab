"""Mollie, through its official Python client. The payer picks a method (iDEAL, Wero, card…) on Mollie's
checkout page, from those the practice switched on in its Mollie dashboard: none are named here."""

from decimal import Decimal

from mollie.api.client import Client
from mollie.api.error import Error as MollieError

from ..states import Snapshot
from .base import Checkout, PaymentProvider, ProviderError


def _value(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


def _cents(amount: dict | None) -> int:
    return int(Decimal((amount or {}).get("value", "0")) * 100)


class MollieProvider(PaymentProvider):
    name = "mollie"

    def __init__(self, *, api_key: str, api_endpoint: str = "", timeout: float = 10):
        self.client = Client(api_endpoint=api_endpoint, timeout=(2, timeout), retry=0)
        self.client.set_api_key(api_key)

    def start(self, *, amount_cents, currency, description, reference, return_url, webhook_url) -> Checkout:
        try:
            payment = self.client.payments.create(
                {
                    "amount": {"currency": currency, "value": _value(amount_cents)},
                    "description": description,
                    "redirectUrl": return_url,
                    "webhookUrl": webhook_url,
                    "locale": "nl_NL",
                    "metadata": {"reference": reference},
                },
                idempotency_key=reference,
            )
        except MollieError as error:
            raise ProviderError(str(error)) from error
        if not payment.checkout_url:
            raise ProviderError(f"Mollie gave no checkout address for {payment.id}")
        return Checkout(provider_id=payment.id, checkout_url=payment.checkout_url)

    def fetch(self, provider_id: str) -> Snapshot:
        try:
            payment = self.client.payments.get(provider_id)
        except MollieError as error:
            raise ProviderError(str(error)) from error
        amount = payment.amount or {}
        return Snapshot(
            provider_id=payment.id,
            status=payment.status,
            amount_cents=_cents(amount),
            currency=amount.get("currency", ""),
            refunded_cents=_cents(payment.amount_refunded),
            charged_back_cents=_cents(payment.amount_chargedback),
            method=payment.method or "",
        )
