"""What learners meet when things go wrong: repeated failures, a mail server that is down."""

import socket

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail

from .conftest import LEARNER_EMAIL, PASSWORD

pytestmark = pytest.mark.django_db


def alert_text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").select_one("main [role=alert]").get_text(" ", strip=True)


def test_repeated_wrong_passwords_are_refused_with_429_even_the_right_one(client, learner, learner_login):
    for _ in range(5):
        assert learner_login(password="niet-het-goede-wachtwoord").status_code == 200
    refused = learner_login(password="niet-het-goede-wachtwoord")
    assert refused.status_code == 429
    assert "Te veel inlogpogingen" in alert_text(refused)
    assert learner_login().status_code == 429, "the right password waits too"
    assert client.get("/account/").status_code == 302


def test_after_the_axes_limit_the_account_is_locked_at_both_doors(client, editor, learner, learner_login, settings):
    settings.ACCOUNT_RATE_LIMITS = False  # allauth's own limits would refuse first; this is about the account lock
    for _ in range(settings.AXES_FAILURE_LIMIT):
        learner_login(password="niet-het-goede-wachtwoord")
    locked = learner_login()
    assert locked.status_code == 429
    assert "geblokkeerd na te veel mislukte inlogpogingen" in alert_text(locked)

    # An editor's address guessed at the learners' door counts against the editor's own lock.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/account/login/", {"login": "redacteur@example.org", "password": "geraden-wachtwoord-1"})
    admin = client.post("/admin/login/", {"username": "redacteur", "password": PASSWORD, "next": "/admin/"})
    assert admin.status_code == 429


def _cache_keys() -> list[str]:
    """Every key in the default cache: its own dictionary in memory, or Redis's when REDIS_URL is set."""
    from django.core.cache import caches

    if "redis" in settings.CACHES:
        return [key.decode() for key in caches["redis"]._cache.get_client().keys("*")]
    return list(caches["default"]._cache.keys())


def test_the_address_in_allauths_rate_limit_keys_is_hashed(client, learner, learner_login):
    learner_login(password="niet-het-goede-wachtwoord", REMOTE_ADDR="203.0.113.77")
    keys = _cache_keys()
    assert [key for key in keys if ":rl:" in key], keys
    assert not any("203.0.113.77" in key for key in keys)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 0.5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False


@pytest.mark.faults
def test_signing_up_while_mail_is_down_keeps_the_account_and_says_what_to_do(client, mail_down, settings):
    response = client.post(
        "/account/signup/", {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 503 and response["Retry-After"]
    assert "Log over een paar minuten opnieuw in" in alert_text(response)
    assert get_user_model().objects.filter(email="nieuw@example.org").exists(), "the account is kept"

    # Once mail works again, logging in sends the link (after allauth's pause between two links).
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core.cache import cache

    cache.clear()
    client.post("/account/login/", {"login": "nieuw@example.org", "password": PASSWORD})
    assert [message.to for message in mail.outbox] == [["nieuw@example.org"]]


@pytest.mark.faults
@pytest.mark.parametrize(
    ("path", "data"),
    [
        pytest.param("/account/password/reset/", {"email": LEARNER_EMAIL}, id="password-reset"),
        pytest.param("/account/login/code/", {"email": LEARNER_EMAIL}, id="login-code"),
    ],
)
def test_mail_down_gives_a_friendly_page_not_a_500(client, learner, mail_down, path, data):
    response = client.post(path, data)
    assert response.status_code == 503 and response["Retry-After"]
    assert "probeer het over een paar minuten nog eens" in alert_text(response)
    learner.refresh_from_db()
    assert learner.check_password(PASSWORD), "nothing changed"
