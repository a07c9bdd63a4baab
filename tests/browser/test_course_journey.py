"""A reader finds the free course, makes an account, enrols, follows a lesson and its quiz, and sees progress."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

COURSE = "/cursussen/rugpijn-begrijpen/"
PHONE = {"width": 320, "height": 640}
EMAIL = "cursist@example.org"
PASSWORD = "bewegen-helpt-mij-2026"


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def sign_up_from_the_enrol_page(page, site, mailoutbox):
    main = page.locator("main")
    main.get_by_role("link", name="Maak een account aan").click()
    page.get_by_label("E-mail", exact=True).fill(EMAIL)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(PASSWORD)
    main.get_by_role("button", name="Registreren").click()
    expect(page).to_have_url(re.compile(r"/account/confirm-email/$"))
    (message,) = mailoutbox
    link = re.search(r"https?://\S+/account/confirm-email/\S+", message.body).group(0)
    page.goto(site + re.sub(r"^https?://[^/]+", "", link))
    main.get_by_role("button", name="Bevestigen").click()


def test_from_the_course_page_to_a_finished_lesson_and_quiz(new_context, site, mailoutbox):
    context = new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site + COURSE)
    main = page.locator("main")
    assert context.cookies() == [], "reading about a course sets no cookie"
    main.get_by_role("link", name="Schrijf je gratis in").click()
    sign_up_from_the_enrol_page(page, site, mailoutbox)

    # Logged in: back to the course, enrol with one button.
    page.goto(site + COURSE)
    main.get_by_role("link", name="Schrijf je gratis in").click()
    main.get_by_role("button", name="Schrijf je gratis in").click()
    expect(main.get_by_text("Je bent ingeschreven. Welkom bij de cursus!")).to_be_visible()
    first_title = main.get_by_role("heading", level=1).inner_text()
    video = main.locator("video")
    expect(video).to_be_visible()
    assert video.evaluate("v => v.textTracks.length") == 1
    assert fits(page), "the lesson fits a 320 px screen"

    # Mark the lesson as done by keyboard: focus the button and press Enter.
    done = main.get_by_role("button", name="Markeer als klaar")
    done.focus()
    page.keyboard.press("Enter")
    expect(main.get_by_text("Les gemarkeerd als klaar. Op naar de volgende.")).to_be_visible()
    assert main.get_by_role("heading", level=1).inner_text() != first_title

    # The quiz of the third lesson: one right, one wrong answer, and feedback on both.
    main.get_by_role("link", name=re.compile("Volgende les")).click()
    quiz = main.locator(".quiz")
    expect(quiz).to_be_visible()
    questions = quiz.locator("fieldset")
    assert questions.count() >= 2
    questions.nth(0).get_by_role("radio").nth(0).check()
    questions.nth(1).get_by_role("radio").nth(1).check()
    quiz.get_by_role("button", name="Kijk mijn antwoorden na").click()
    feedback = main.locator(".quiz__feedback")
    expect(feedback.first).to_be_visible()
    assert feedback.count() == questions.count()
    expect(main.locator(".quiz__score")).to_be_visible()
    expect(main.locator(".quiz__score")).to_contain_text(f"van de {questions.count()}")
    assert questions.nth(0).get_by_role("radio").nth(0).is_checked(), "the chosen answers stay chosen"

    page.goto(site + COURSE)
    expect(main.get_by_text("1 van 6 lessen klaar")).to_be_visible()
    expect(main.locator("progress.course-progress__bar")).to_be_visible()
    expect(main.get_by_role("link", name=re.compile("^Ga verder met"))).to_be_visible()
    done_lesson = main.locator(".outline__lesson--done")
    expect(done_lesson).to_have_count(1)
    expect(done_lesson).to_contain_text(first_title)
    assert fits(page)


def test_a_locked_lesson_explains_itself_and_shows_no_lesson_text(page, site):
    page.goto(site + "/cursussen/grip-op-langdurige-rugpijn/doseren-en-opbouwen/doseren/")
    main = page.locator("main")
    expect(main.get_by_text("Schrijf je in om hem te volgen.")).to_be_visible()
    expect(main.get_by_role("link", name="Inschrijven")).to_be_visible()
    assert main.locator(".lesson__body").count() == 0


def test_a_paid_enrolment_opens_when_the_recorded_webhook_arrives(new_context, site, settings):
    from urllib.request import urlopen

    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from rugwijs.payments.models import Payment
    from rugwijs.payments.testing import RecordedMollie, provider_settings

    user = get_user_model().objects.create_user("koper", EMAIL, PASSWORD)
    EmailAddress.objects.create(user=user, email=EMAIL, primary=True, verified=True)
    page = new_context().new_page()
    # Mollie's checkout page is not ours to load: the browser meets a stand-in instead.
    page.route(
        "https://www.mollie.com/**",
        lambda route: route.fulfill(body="<h1>Mollie (test)</h1>", content_type="text/html"),
    )
    with RecordedMollie() as mollie:
        settings.PAYMENT_PROVIDER = provider_settings(mollie)
        page.goto(site + "/account/login/")
        page.get_by_label("E-mail", exact=True).fill(EMAIL)
        page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
        page.locator("main").get_by_role("button", name="Aanmelden").click()

        page.goto(site + "/cursussen/grip-op-langdurige-rugpijn/")
        main = page.locator("main")
        main.get_by_role("link", name="Inschrijven").click()
        pay = main.get_by_role("button", name="Betaal € 49")
        pay.click()  # without the box ticked the browser itself keeps the form back
        expect(main.get_by_role("checkbox")).to_be_visible()
        assert Payment.objects.count() == 0
        main.get_by_label("Ik wil dat de cursus meteen voor mij opengaat", exact=False).check()
        pay.click()
        expect(page.get_by_role("heading", name="Mollie (test)")).to_be_visible()

        payment = Payment.objects.get()
        # Back from Mollie before its webhook: the course is not open yet.
        page.goto(site + f"/leren/betaling/{payment.reference}/")
        expect(main.get_by_text("We wachten op de bevestiging van je betaling")).to_be_visible()

        mollie.answer(payment.provider_id, "payment-paid")
        with urlopen(site + "/betalingen/webhook/", data=f"id={payment.provider_id}".encode()) as response:  # noqa: S310
            assert response.status == 200
        main.get_by_role("link", name="Kijk opnieuw").click()
        expect(main.get_by_text("We hebben je betaling ontvangen.")).to_be_visible()
        main.get_by_role("link", name="Naar de cursus").click()
        expect(main.get_by_text("0 van 9 lessen klaar")).to_be_visible()
        main.get_by_role("link", name=re.compile("^Ga verder met")).click()
        expect(main.get_by_role("button", name="Markeer als klaar")).to_be_visible()
