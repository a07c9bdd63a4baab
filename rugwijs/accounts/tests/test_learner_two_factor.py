"""A learner's optional second factor (allauth.mfa): an authenticator app with recovery codes."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.totp.internal.auth import yield_hotp_counters_from_time as counters
from bs4 import BeautifulSoup

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def code_now(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(counters())))


def test_switching_on_the_app_shows_a_local_qr_code_and_then_recovery_codes(client, learner, learner_login):
    learner_login()
    asked = client.get("/account/2fa/totp/activate/")
    assert asked.status_code == 302 and asked["Location"].startswith("/account/reauthenticate/"), "password first"
    assert client.post(asked["Location"], {"password": PASSWORD}).status_code == 302
    page = client.get("/account/2fa/totp/activate/")
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    qr = soup.select_one("main img.account-qr")
    assert qr["src"].startswith("data:image/svg+xml"), "drawn here, not fetched from another site"
    secret = soup.select_one("#authenticator_secret")["value"]
    code_field = soup.select_one("main input[name=code]")
    assert code_field["autocomplete"] == "one-time-code"
    assert soup.select_one(f"label[for={code_field['id']}]"), "the code field has a visible label"

    wrong = client.post("/account/2fa/totp/activate/", {"code": "000000" if code_now(secret) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=learner).exists()

    response = client.post("/account/2fa/totp/activate/", {"code": code_now(secret)})
    assert response.status_code == 302
    types = set(Authenticator.objects.filter(user=learner).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert "Aan:" in BeautifulSoup(client.get("/account/").content, "html.parser").select_one("main").get_text()


def test_with_the_app_on_the_password_alone_is_not_enough(client, learner, learner_login):
    secret = generate_totp_secret()
    TOTP.activate(learner, secret)
    response = learner_login()
    assert response.status_code == 302 and response["Location"] == "/account/2fa/authenticate/"
    assert client.get("/account/").status_code == 302, "not logged in before the code"

    wrong = client.post("/account/2fa/authenticate/", {"code": "000000" if code_now(secret) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert client.get("/account/").status_code == 302

    right = client.post("/account/2fa/authenticate/", {"code": code_now(secret)})
    assert right.status_code == 302
    assert client.get("/account/").status_code == 200


def test_a_recovery_code_works_once_instead_of_the_app(client, learner, learner_login):
    TOTP.activate(learner, generate_totp_secret())
    code = RecoveryCodes.activate(learner).get_unused_codes()[0]

    learner_login()
    assert client.post("/account/2fa/authenticate/", {"code": code}).status_code == 302
    assert client.get("/account/").status_code == 200

    client.post("/account/logout/")
    learner_login()
    again = client.post("/account/2fa/authenticate/", {"code": code})
    assert again.status_code == 200
    assert client.get("/account/").status_code == 302
