"""The payment provider this site uses, chosen by settings.PAYMENT_PROVIDER; None when payment is off."""

from django.conf import settings
from django.utils.module_loading import import_string

from .base import Checkout, PaymentProvider, ProviderError

__all__ = ["Checkout", "PaymentProvider", "ProviderError", "get_provider"]


def get_provider() -> PaymentProvider | None:
    config = settings.PAYMENT_PROVIDER
    if not config:
        return None
    return import_string(config["BACKEND"])(**config.get("OPTIONS", {}))
