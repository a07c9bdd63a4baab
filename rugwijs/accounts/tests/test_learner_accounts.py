"""Learner accounts (django-allauth): signing up, confirming the address, logging in and out, resets, codes."""

import re

import pytest
from allauth.account.models import EmailAddress
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail

from .conftest import LEARNER_EMAIL, PASSWORD

pytestmark = pytest.mark.django_db

NEW_EMAIL = "nieuw@example.org"


def links_in(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def main_text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").select_one("main").get_text(" ", strip=True)


def sign_up(client, email=NEW_EMAIL, password=PASSWORD):
    return client.post("/account/signup/", {"email": email, "password1": password, "password2": password})


def test_sign_up_confirm_by_mail_and_land_logged_in(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    assert "e-mailadres" in main_text(client.get(response["Location"]))

    # Not logged in yet: the account page sends to the login.
    assert client.get("/account/").status_code == 302
    (message,) = mail.outbox
    assert message.to == [NEW_EMAIL]
    assert message.subject == "Rugwijs: Bevestig je e-mailadres"
    assert "Welkom" in message.body
    (link,) = links_in(message)

    page = client.get(path_of(link))
    assert page.status_code == 200
    assert not EmailAddress.objects.get(email=NEW_EMAIL).verified, "opening the link alone confirms nothing"
    confirmed = client.post(path_of(link))
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email=NEW_EMAIL).verified

    overview = client.get(confirmed["Location"])
    assert overview.status_code == 200
    text = main_text(overview)
    assert "Mijn account" in text and NEW_EMAIL in text


def test_an_unconfirmed_learner_cannot_log_in(client, learner_login):
    from .conftest import make_learner

    make_learner(verified=False)
    response = learner_login()
    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    assert client.get("/account/").status_code == 302
    # Trying to log in sends the confirmation link again.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [LEARNER_EMAIL]


def test_a_short_password_is_refused_with_the_reason(client):
    response = sign_up(client, password="kort-wacht1")
    assert response.status_code == 200
    assert "te kort: gebruik minstens 12 tekens" in main_text(response)
    assert not get_user_model().objects.filter(email=NEW_EMAIL).exists()
    assert mail.outbox == []


def test_log_in_and_out(client, learner, learner_login):
    response = learner_login()
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert "Mijn account" in main_text(client.get("/account/"))
    assert client.post("/account/logout/").status_code == 302
    assert client.get("/account/").status_code == 302


def test_a_wrong_password_is_refused_and_says_so(client, learner, learner_login):
    response = learner_login(password="niet-het-goede-wachtwoord")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    summary = page.select_one("main [role=alert]")
    assert "niet correct" in summary.get_text(), summary.get_text()
    assert summary.has_attr("autofocus")
    assert client.get("/account/").status_code == 302


def test_password_reset_by_mail(client, learner, learner_login):
    response = client.post("/account/password/reset/", {"email": LEARNER_EMAIL})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject == "Rugwijs: Kies een nieuw wachtwoord"
    (link,) = links_in(message)
    form_page = client.get(path_of(link), follow=True)
    assert form_page.status_code == 200
    new_password = "een-heel-ander-wachtwoord-42"
    done = client.post(form_page.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})
    assert done.status_code == 302
    client.logout()
    assert learner_login().status_code == 200, "the old password no longer works"
    assert learner_login(password=new_password).status_code == 302


def test_log_in_with_a_code_from_a_mail(client, learner):
    response = client.post("/account/login/code/", {"email": LEARNER_EMAIL})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject == "Rugwijs: Je inlogcode"
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.MULTILINE).group(1)
    wrong = client.post(response["Location"], {"code": "AAAA-AAAA" if code != "AAAA-AAAA" else "BBBB-BBBB"})
    assert wrong.status_code == 200 and client.get("/account/").status_code == 302
    right = client.post(response["Location"], {"code": code})
    assert right.status_code == 302
    assert client.get("/account/").status_code == 200


def test_an_editor_cannot_log_in_here_and_so_cannot_skip_the_second_factor(client, editor):
    response = client.post("/account/login/", {"login": "redacteur@example.org", "password": PASSWORD})
    assert response.status_code == 403
    assert "redacteur" in main_text(response).lower()
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_editor_asking_for_a_code_does_not_get_in_either(client, editor):
    client.post("/account/login/code/", {"email": "redacteur@example.org"})
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[0].body, re.MULTILINE).group(1)
    response = client.post("/account/login/code/confirm/", {"code": code})
    assert response.status_code == 403
    admin = client.get("/admin/")
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]


def test_a_learner_never_gets_into_the_admin(client, learner, learner_login):
    learner_login()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"], "sent to log in, not to set up an editor's second factor"
    assert client.get("/admin/pages/").status_code == 302
