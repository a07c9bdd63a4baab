"""Learner accounts keep the site's privacy promises: no cookie before a login, account pages never shared."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

pytestmark = pytest.mark.django_db

ACCOUNT_FORMS = ["/account/login/", "/account/signup/", "/account/password/reset/", "/account/login/code/"]
ACCOUNT_PAGES = [*ACCOUNT_FORMS, "/account/password/reset/done/", "/account/verwijderd/", "/account/confirm-email/"]


def test_reading_public_pages_sets_no_cookie_with_accounts_installed(client, demo_site):
    for path in ("/", demo_site.url, "/zelftests/", "/zoeken/?q=rug"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert not response.cookies, f"{path} set {list(response.cookies)}"


@pytest.mark.parametrize("path", ACCOUNT_FORMS)
def test_an_account_form_sets_only_the_csrf_cookie_and_no_session(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert set(response.cookies) == {settings.CSRF_COOKIE_NAME}


@pytest.mark.parametrize("path", ACCOUNT_PAGES)
def test_account_pages_are_never_stored_by_a_proxy(client, path):
    response = client.get(path)
    assert response.status_code in (200, 302), path
    cache_control = response.get("Cache-Control", "")
    assert "public" not in cache_control and "s-maxage" not in cache_control
    assert "private" in cache_control or "no-store" in cache_control, cache_control


def test_the_logged_in_overview_is_private(client, learner, learner_login):
    response = learner_login()
    assert settings.SESSION_COOKIE_NAME in response.cookies, "the session starts with the login"
    overview = client.get("/account/")
    assert "private" in overview["Cache-Control"] and "no-store" in overview["Cache-Control"]


@pytest.mark.parametrize("path", ["/account/login/", "/account/signup/"])
def test_account_pages_keep_the_strict_content_security_policy(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    page = BeautifulSoup(response.content, "html.parser")
    assert not page.select("style, [style]"), "no inline styles"
    assert all(script.get("src") for script in page.select("script")), "no inline scripts"
    assert not [tag for tag in page.select("[src], link[href]") if "//" in (tag.get("src") or tag.get("href"))]


def test_fields_have_visible_labels_and_autocomplete(client):
    page = BeautifulSoup(client.get("/account/signup/").content, "html.parser")
    fields = {field["name"]: field for field in page.select("main form input:not([type=hidden])")}
    assert fields["email"]["autocomplete"] == "email"
    assert fields["password1"]["autocomplete"] == "new-password"
    for field in fields.values():
        assert page.select_one(f"label[for={field['id']}]").get_text(strip=True)
    login = BeautifulSoup(client.get("/account/login/").content, "html.parser")
    assert login.select_one("main input[name=password]")["autocomplete"] == "current-password"


def test_errors_are_tied_to_their_fields(client):
    response = client.post("/account/signup/", {"email": "geen-adres", "password1": "kort", "password2": "anders"})
    page = BeautifulSoup(response.content, "html.parser")
    email = page.select_one("main input[name=email]")
    assert email["aria-invalid"] == "true"
    error_ids = email["aria-describedby"].split()
    assert any(page.select_one(f"#{error_id}.field-error") for error_id in error_ids)
    summary = page.select_one("main .error-summary")
    assert summary.has_attr("autofocus") and summary["role"] == "alert"
    assert summary.select_one(f"a[href='#{email['id']}']")
