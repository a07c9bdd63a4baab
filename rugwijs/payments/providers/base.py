"""What Rugwijs asks of a payment provider: start a payment, and tell its state when asked."""

from dataclasses import dataclass

from ..states import Snapshot


class ProviderError(Exception):
    """The provider could not be reached or refused the request; nothing was paid."""


@dataclass(frozen=True)
class Checkout:
    provider_id: str
    checkout_url: str  # where the payer chooses a method and pays, on the provider's site


class PaymentProvider:
    name = ""

    def start(
        self, *, amount_cents: int, currency: str, description: str, reference: str, return_url: str, webhook_url: str
    ) -> Checkout:
        raise NotImplementedError

    def fetch(self, provider_id: str) -> Snapshot:
        raise NotImplementedError
