"""Test helpers: an admin session that has passed both the password and the second factor.

Tests about something else than signing in use these instead of walking through the login pages.
"""

from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.test.utils import WagtailPageTestCase


def authenticator_for(user) -> TOTPDevice:
    """The user's confirmed authenticator app (made if they have none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test authenticator", confirmed=True)


def current_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The six digits the editor's app shows now (or a later step, to use a second code within 30 s)."""
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{value:0{device.digits}d}"


def verify_client_session(client, user) -> TOTPDevice:
    """Mark the Django test client's session as verified with a code, as the verify page does."""
    device = authenticator_for(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def log_in_verified(client, user) -> TOTPDevice:
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return verify_client_session(client, user)


class AdminPageTestCase(WagtailPageTestCase):
    """WagtailPageTestCase whose login() also gives the second factor (Wagtail's calls client.login,
    which django-axes refuses without a request)."""

    def login(self, user=None, username=None, password="password"):  # noqa: S107 - a test password
        if user is None:
            if username is not None:
                user = get_user_model().objects.get_by_natural_key(username)
            else:
                user = self.create_test_user()
        log_in_verified(self.client, user)
        return user
