"""A learner makes an account on a narrow phone, keyboard first: a failed try, the mail, the link, the account page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}
EMAIL = "leerling@example.org"
PASSWORD = "mijn-rug-doet-zeer-2026"


def test_sign_up_confirm_from_the_mail_and_land_on_my_account(new_context, site, mailoutbox):
    context = new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site + "/account/signup/")
    main = page.locator("main")

    # A failed submit: the error summary is shown, focused, and each field says what is wrong.
    page.get_by_label("E-mail", exact=True).fill("geen-adres")
    page.get_by_label("Wachtwoord", exact=True).fill("kort")
    page.get_by_label("Wachtwoord (bevestigen)").fill("kort")
    main.get_by_role("button", name="Registreren").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page.get_by_label("E-mail", exact=True)).to_have_attribute("aria-invalid", "true")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling at 320 px"

    page.get_by_label("E-mail", exact=True).fill(EMAIL)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").press("Enter")  # by keyboard
    expect(page).to_have_url(re.compile(r"/account/confirm-email/$"))
    expect(main.get_by_role("heading", level=1)).to_be_visible()

    (message,) = mailoutbox
    assert message.to == [EMAIL]
    link = re.search(r"https?://\S+/account/confirm-email/\S+", message.body).group(0)
    page.goto(site + re.sub(r"^https?://[^/]+", "", link))
    main.get_by_role("button", name="Bevestigen").click()

    expect(page).to_have_url(re.compile(r"/account/$"))
    expect(main.get_by_role("heading", name="Mijn account", level=1)).to_be_visible()
    expect(main.get_by_text(EMAIL, exact=True)).to_be_visible()
    expect(main.get_by_role("link", name="Mijn gegevens downloaden (JSON)")).to_be_visible()
    expect(main.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert {cookie["name"] for cookie in context.cookies()} == {"csrftoken", "sessionid"}
