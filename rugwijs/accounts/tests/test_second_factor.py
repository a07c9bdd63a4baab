"""Every admin account needs a code from an authenticator app (or a recovery code) after the password."""

import re
from html import unescape

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from rugwijs.accounts.testing import authenticator_for, current_code

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["/admin/", "/admin/pages/", "/admin/images/", "/admin/snippets/", "/admin/users/"]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_the_right_password_alone_opens_no_admin_page(client, editor, sign_in, path):
    authenticator_for(editor)
    assert sign_in().status_code == 302
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/2fa/verify/?next={path.replace('/', '%2F')}"


def test_the_right_password_alone_reaches_no_admin_api(client, editor, sign_in):
    authenticator_for(editor)
    sign_in()
    response = client.get("/admin/api/main/pages/")
    assert response.status_code == 403
    assert "tweede stap" in response.json()["message"]


def test_without_an_app_the_password_leads_to_setting_one_up(client, editor, sign_in):
    sign_in()
    response = client.get("/admin/pages/")
    assert response["Location"].startswith("/admin/2fa/setup/")


def test_with_the_password_alone_nobody_can_connect_another_app(client, editor, sign_in):
    """Otherwise whoever learnt the password could add their own phone."""
    authenticator_for(editor)
    sign_in()
    response = client.get("/admin/2fa/setup/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/verify/")
    assert client.post("/admin/2fa/setup/", {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=editor).count() == 1
    assert client.post("/admin/2fa/", {}).status_code == 302  # no new recovery codes either
    assert not StaticToken.objects.exists()


def test_a_valid_code_from_the_app_lets_the_editor_in(client, editor, sign_in):
    device = authenticator_for(editor)
    sign_in()
    response = client.post("/admin/2fa/verify/", {"code": current_code(device), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    assert client.get("/admin/api/main/pages/").status_code == 200


def test_a_wrong_code_is_refused_with_a_message(client, editor, sign_in):
    device = authenticator_for(editor)
    sign_in()
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post("/admin/2fa/verify/", {"code": wrong})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_guessing_codes_is_slowed_down_so_six_digits_cannot_be_tried(client, editor, sign_in):
    """django-otp's throttle: after n wrong codes the app's codes are refused for 2^(n-1) seconds."""
    device = authenticator_for(editor)
    sign_in()
    for guess in ("000000", "111111"):
        client.post("/admin/2fa/verify/", {"code": guess})
    response = client.post("/admin/2fa/verify/", {"code": current_code(device)})
    assert response.status_code == 429
    assert "Te veel verkeerde codes. Je kunt het opnieuw proberen na" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_setting_up_shows_a_qr_code_and_the_key_then_recovery_codes_once(client, editor, sign_in):
    sign_in()
    page = client.get("/admin/2fa/setup/?next=/admin/pages/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "QR-code voor je authenticator-app" in html
    pending = TOTPDevice.objects.get(user=editor, confirmed=False)
    secret = unescape(re.search(r'class="accounts-secret">([A-Z2-7 ]+)<', html).group(1)).replace(" ", "")
    assert pending.config_url.split("secret=")[1].startswith(secret)
    assert client.get("/admin/2fa/setup/").content.decode().count(secret[:4]) >= 1  # same key on reload

    done = client.post("/admin/2fa/setup/", {"code": current_code(pending), "next": "/admin/pages/"})
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", done.content.decode())
    assert done.status_code == 200 and len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True))
    assert client.get("/admin/pages/").status_code == 200
    assert not re.findall(r"<li>([a-z2-7]{8})</li>", client.get("/admin/2fa/").content.decode())


def test_a_recovery_code_works_once_only(client, editor, sign_in):
    from rugwijs.accounts.devices import new_recovery_codes

    authenticator_for(editor)
    code = new_recovery_codes(editor)[0]
    sign_in()
    assert client.post("/admin/2fa/verify/", {"code": code.upper()}).status_code == 302
    assert client.get("/admin/pages/").status_code == 200

    client.post("/admin/logout/")
    sign_in()
    response = client.post("/admin/2fa/verify/", {"code": code})
    assert response.status_code == 200 and "Deze code klopt niet" in response.content.decode()
    assert client.get("/admin/pages/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, editor, sign_in):
    from rugwijs.accounts.devices import new_recovery_codes

    device = authenticator_for(editor)
    old = new_recovery_codes(editor)
    sign_in()
    client.post("/admin/2fa/verify/", {"code": current_code(device)})
    fresh = re.findall(r"<li>([a-z2-7]{8})</li>", client.post("/admin/2fa/", {}).content.decode())
    assert len(fresh) == 10 and not set(fresh) & set(old)
    client.post("/admin/logout/")
    sign_in()
    assert client.post("/admin/2fa/verify/", {"code": old[0]}).status_code == 200
    assert client.post("/admin/2fa/verify/", {"code": fresh[0]}).status_code == 429  # throttled by the miss


def test_an_operator_resets_a_lost_second_factor(client, editor, sign_in, capsys):
    authenticator_for(editor)
    call_command("reset_2fa", "redacteur")
    assert "redacteur" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=editor).exists()
    sign_in()
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/setup/")


def test_resetting_an_unknown_account_says_so(capsys):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no account named 'niemand'"):
        call_command("reset_2fa", "niemand")


def test_the_first_admin_from_ensure_admin_is_led_to_set_up_the_app(client, capsys):
    call_command("ensure_admin")
    output = capsys.readouterr().out
    password = re.search(r"password: (\S+)", output).group(1)
    assert len(password) >= 12
    assert "two-step verification" in output
    response = client.post("/admin/login/", {"username": "admin", "password": password}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/admin/2fa/setup/")
    assert "Tweestapsverificatie instellen" in response.content.decode()


def test_the_2fa_pages_look_like_the_admin_and_are_dutch(client, editor, sign_in):
    authenticator_for(editor)
    sign_in()
    html = client.get("/admin/2fa/verify/").content.decode()
    assert "wagtailadmin/css/core.css" in html
    assert "Vul de code van zes cijfers in" in html and 'autocomplete="one-time-code"' in html


def test_the_admin_may_run_inline_styles_but_public_pages_may_not(client, editor, sign_in):
    sign_in()
    admin_policy = client.get("/admin/2fa/setup/")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in admin_policy
    public_policy = client.get("/zoeken/")["Content-Security-Policy"]
    assert "unsafe-inline" not in public_policy


def test_pages_for_logged_in_readers_also_need_the_second_factor(client, editor, sign_in, demo_site):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=demo_site, restriction_type=PageViewRestriction.LOGIN)
    device = authenticator_for(editor)
    sign_in()
    assert client.get(demo_site.url).status_code == 302  # to the login, as for anyone not logged in
    client.post("/admin/2fa/verify/", {"code": current_code(device)})
    assert client.get(demo_site.url).status_code == 200


def test_the_account_menu_leads_to_the_two_step_page(admin_client):
    html = admin_client.get("/admin/account/").content.decode()
    assert "Tweestapsverificatie" in html and "/admin/2fa/" in html
    assert "Je hebt nog 0 ongebruikte herstelcodes." in admin_client.get("/admin/2fa/").content.decode()


def test_a_signed_in_editor_connects_a_new_phone_and_the_old_app_stops_working(client, editor, sign_in):
    old = authenticator_for(editor)
    sign_in()
    client.post("/admin/2fa/verify/", {"code": current_code(old)})
    assert client.get("/admin/2fa/setup/").status_code == 200
    new = TOTPDevice.objects.get(user=editor, confirmed=False)
    response = client.post("/admin/2fa/setup/", {"code": current_code(new)})
    assert response.status_code == 200 and "Je authenticator-app is gekoppeld." in response.content.decode()
    assert list(TOTPDevice.objects.filter(user=editor)) == [new]
    assert client.get("/admin/pages/").status_code == 200  # still signed in, now with the new app
