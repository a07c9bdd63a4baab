"""A learner who finished the free course gets a certificate by keyboard; its printed link says it is valid."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

COURSE = "/cursussen/rugpijn-begrijpen/"
PHONE = {"width": 320, "height": 640}
EMAIL = "klaar@example.org"
PASSWORD = "alle-lessen-gedaan-2026"


def finished_learner():
    """A confirmed account that finished every lesson of the free course (as the mark-done view leaves it)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from rugwijs.courses.models import CoursePage, Enrolment, LessonCompletion

    user = get_user_model().objects.create_user("klaar", EMAIL, PASSWORD)
    EmailAddress.objects.create(user=user, email=EMAIL, primary=True, verified=True)
    course = CoursePage.objects.get(slug="rugpijn-begrijpen")
    enrolment = Enrolment(user=user, course=course, source=Enrolment.Source.FREE, completed_at=timezone.now())
    enrolment.activate()
    enrolment.save()
    LessonCompletion.objects.bulk_create(
        LessonCompletion(enrolment=enrolment, lesson=lesson) for lesson in course.lessons.values()
    )


def axe_violations(page) -> list[str]:
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]})
    return [violation["id"] for violation in results.response["violations"]]


def press(locator, key="Enter"):
    locator.focus()
    locator.press(key)


def test_a_finished_learner_gets_a_certificate_by_keyboard_and_its_link_says_valid(new_context, site):
    finished_learner()
    page = new_context(viewport=PHONE).new_page()
    main = page.locator("main")
    page.goto(site + "/account/login/")
    page.get_by_label("E-mail", exact=True).fill(EMAIL)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord", exact=True).press("Enter")
    expect(page).to_have_url(re.compile(r"/account/$"))

    page.goto(site + COURSE)
    press(main.get_by_role("link", name="Download je certificaat"))
    name = page.get_by_label("Naam op je certificaat")
    expect(name).to_be_visible()
    press(main.get_by_role("button", name="Maak mijn certificaat"))  # empty: refused, with the reason at the field
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(main.get_by_text("Vul de naam in die op je certificaat moet komen.")).to_be_visible()
    assert axe_violations(page) == []
    name.focus()
    page.keyboard.type("Fatima El Amrani")
    page.keyboard.press("Enter")

    expect(main.get_by_text("Je certificaat staat klaar.")).to_be_visible()
    expect(main.get_by_role("link", name="Download je certificaat (pdf)")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "fits 320 px"
    assert axe_violations(page) == []
    code = main.locator(".certificate__code").inner_text()
    assert re.fullmatch(r"RW-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}", code)

    press(main.locator("a[href*='/certificaat/RW-']"))
    expect(main.get_by_role("heading", name="Geldig certificaat", level=1)).to_be_visible()
    expect(main.get_by_text("Fatima El Amrani")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "fits 320 px"
    assert axe_violations(page) == []

    # Anyone else, typing the code by hand in lower case with spaces.
    other = new_context(viewport=PHONE).new_page()
    other.goto(site + "/certificaat/")
    field = other.get_by_label("Code op het certificaat")
    field.fill(code.lower().replace("-", " "))
    field.press("Enter")
    expect(other.locator("main").get_by_role("heading", name="Geldig certificaat", level=1)).to_be_visible()
