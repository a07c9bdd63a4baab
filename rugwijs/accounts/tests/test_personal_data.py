"""'My data': the JSON download holds the learner's data and nobody else's; deletion takes everything at once."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client

from rugwijs.accounts import personal_data, sections

from .conftest import PASSWORD, make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_learner(db):
    return make_learner("ander@example.org")


@pytest.fixture
def dummy_app():
    """An app that keeps something about learners, as courses will: registered while the test runs."""
    kept = {}

    def export(user):
        return {"notes": kept.get(user.pk, [])}

    def erase(user):
        kept.pop(user.pk, None)

    personal_data.register("dummy", exporter=export, eraser=erase)
    yield kept
    personal_data.unregister("dummy")


def test_the_download_holds_my_data_and_only_mine(client, learner, other_learner, learner_login, dummy_app):
    dummy_app[learner.pk] = ["les 1 gedaan"]
    dummy_app[other_learner.pk] = ["niet van mij"]
    learner_login()
    TOTP.activate(learner, generate_totp_secret())  # after the login, which would otherwise ask for its code

    response = client.get("/account/gegevens/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="rugwijs-mijn-gegevens-')
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == learner.email
    assert data["account"]["email_addresses"] == [{"email": learner.email, "verified": True, "primary": True}]
    assert [factor["type"] for factor in data["account"]["two_factor"]] == ["totp"]
    assert len(data["account"]["sessions"]) == 1
    assert data["dummy"] == {"notes": ["les 1 gedaan"]}
    text = response.content.decode()
    assert "ander@example.org" not in text and "niet van mij" not in text
    secret = Authenticator.objects.get(user=learner).data["secret"]
    assert secret not in text, "the app's secret stays out of the download"


def test_the_download_needs_a_login(client):
    response = client.get("/account/gegevens/download/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")


def test_deleting_the_account_removes_everything_and_runs_other_apps_erasers(
    client, learner, other_learner, learner_login, dummy_app
):
    dummy_app[learner.pk] = ["les 1 gedaan"]
    dummy_app[other_learner.pk] = ["blijft"]
    other_browser = Client()
    other_browser.post("/account/login/", {"login": learner.email, "password": PASSWORD})  # a second session
    other_learners_browser = Client()
    other_learners_browser.post("/account/login/", {"login": other_learner.email, "password": PASSWORD})
    learner_login()
    TOTP.activate(learner, generate_totp_secret())
    assert Session.objects.count() >= 3

    assert client.get("/account/verwijderen/").status_code == 200, "GET only shows the question"
    assert get_user_model().objects.filter(pk=learner.pk).exists()
    wrong = client.post("/account/verwijderen/", {"password": "fout-wachtwoord-123"})
    assert wrong.status_code == 400
    assert get_user_model().objects.filter(pk=learner.pk).exists()

    response = client.post("/account/verwijderen/", {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/account/verwijderd/"
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    assert not EmailAddress.objects.filter(email=learner.email).exists()
    assert not Authenticator.objects.filter(user_id=learner.pk).exists()
    assert learner.pk not in dummy_app and dummy_app[other_learner.pk] == ["blijft"]
    remaining = [session.get_decoded().get("_auth_user_id") for session in Session.objects.all()]
    assert str(learner.pk) not in remaining
    assert str(other_learner.pk) in remaining, "other learners stay logged in"
    assert other_browser.get("/account/").status_code == 302
    assert other_learners_browser.get("/account/").status_code == 200
    assert "verwijderd" in client.get(response["Location"]).content.decode()


def test_a_failing_eraser_keeps_the_whole_account(client, learner, learner_login):
    def broken(user):
        raise RuntimeError("course store down")

    personal_data.register("broken", exporter=lambda user: {}, eraser=broken)
    try:
        learner_login()
        with pytest.raises(RuntimeError):
            client.post("/account/verwijderen/", {"password": PASSWORD})
    finally:
        personal_data.unregister("broken")
    assert get_user_model().objects.filter(pk=learner.pk).exists()
    assert EmailAddress.objects.filter(user=learner).exists()


def test_after_a_login_with_a_code_deleting_asks_for_an_explicit_tick(client, learner):
    import re

    from django.core import mail

    client.post("/account/login/code/", {"email": learner.email})
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[0].body, re.MULTILINE).group(1)
    client.post("/account/login/code/confirm/", {"code": code})
    page = BeautifulSoup(client.get("/account/verwijderen/").content, "html.parser")
    assert page.select_one("main input[type=checkbox][name=confirm]")
    assert not page.select_one("main input[name=password]")
    assert client.post("/account/verwijderen/", {}).status_code == 400
    assert client.post("/account/verwijderen/", {"confirm": "on"}).status_code == 302
    assert not get_user_model().objects.filter(pk=learner.pk).exists()


def test_the_overview_includes_what_other_apps_register(client, learner, learner_login, tmp_path, settings):
    (tmp_path / "my_courses.html").write_text('<section class="account-panel"><h2>Mijn cursussen</h2></section>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    sections.register("my_courses.html", order=10)
    try:
        learner_login()
        main = BeautifulSoup(client.get("/account/").content, "html.parser").select_one("main")
    finally:
        sections.unregister("my_courses.html")
    assert [h2.get_text() for h2 in main.select("h2")][0] == "Mijn cursussen"
