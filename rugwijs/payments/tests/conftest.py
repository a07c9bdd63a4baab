import pytest

from rugwijs.payments.testing import RecordedMollie, provider_settings


@pytest.fixture
def mollie(settings):
    """Mollie's API as recorded, used by Mollie's own client (rugwijs.payments.testing)."""
    with RecordedMollie() as replay:
        settings.PAYMENT_PROVIDER = provider_settings(replay)
        yield replay
