"""Buying the paid demo course through Mollie's API as recorded: only the verified webhook opens the course."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from rugwijs.courses.models import CoursePage, Enrolment
from rugwijs.courses.tests.conftest import lessons_of, main_text, soup
from rugwijs.payments.models import Payment

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-wachtwoord-2026"


@pytest.fixture
def paid_course(demo_site):
    return CoursePage.objects.get(slug="grip-op-langdurige-rugpijn")


@pytest.fixture
def learner(db):
    user = get_user_model().objects.create_user("koper", "koper@example.org", PASSWORD)
    return user


@pytest.fixture
def buyer(client, learner):
    client.force_login(learner, backend="django.contrib.auth.backends.ModelBackend")
    return client


def paid_lesson(course):
    return next(lesson for lesson in lessons_of(course) if not lesson.free_preview)


AGREED = {"direct_access": "ja"}


def start_payment(buyer, course) -> Payment:
    response = buyer.post(reverse("payments:start", args=[course.pk]), AGREED)
    assert response.status_code == 303, response.content[:300]
    payment = Payment.objects.latest("created_at")
    assert response["Location"] == f"https://www.mollie.com/checkout/select-method/{payment.provider_id[3:]}"
    return payment


def webhook(client, payment_id):
    return client.post(reverse("payments:webhook"), {"id": payment_id})


def test_paying_asks_mollie_for_the_price_and_nothing_about_the_person(buyer, learner, paid_course, mollie):
    payment = start_payment(buyer, paid_course)
    sent = mollie.requests[-1]
    assert (sent["method"], sent["path"]) == ("POST", "/v2/payments")
    assert sent["body"]["amount"] == {"currency": "EUR", "value": "49.00"}
    assert sent["body"]["webhookUrl"].endswith("/betalingen/webhook/")
    assert sent["body"]["redirectUrl"].endswith(f"/leren/betaling/{payment.reference}/")
    assert "method" not in sent["body"], "the payer chooses the method at Mollie"
    assert learner.email not in json.dumps(sent["body"])
    assert sent["headers"]["Idempotency-Key"] == str(payment.reference)
    assert sent["headers"]["Authorization"] == "Bearer test_recordedrecordedrecorded12"
    enrolment = Enrolment.objects.get(user=learner, course=paid_course)
    assert (enrolment.status, enrolment.source, payment.status) == ("pending", "payment", "open")


def test_coming_back_from_mollie_opens_nothing_until_the_webhook(buyer, paid_course, mollie):
    payment = start_payment(buyer, paid_course)
    mollie.answer(payment.provider_id, "payment-paid")  # paid at Mollie, but no webhook yet
    returned = buyer.get(reverse("payments:returned", args=[payment.reference]))
    assert "wachten" in main_text(returned)
    response = buyer.get(paid_lesson(paid_course).url)
    assert response.status_code == 403
    assert "wachten nog op de bevestiging van je betaling" in main_text(response)


def test_the_paid_webhook_opens_the_course_and_mails_a_receipt_once(client, buyer, learner, paid_course, mollie):
    payment = start_payment(buyer, paid_course)
    mollie.answer(payment.provider_id, "payment-paid")
    assert webhook(client, payment.provider_id).status_code == 200
    payment.refresh_from_db()
    assert (payment.status, payment.method) == ("paid", "ideal") and payment.paid_at and payment.receipt_sent_at
    enrolment = Enrolment.objects.get(user=learner, course=paid_course)
    assert enrolment.status == "active" and enrolment.started_at is not None
    assert buyer.get(paid_lesson(paid_course).url).status_code == 200
    (receipt,) = mail.outbox
    assert receipt.to == [learner.email]
    assert "bedenktijd van 14 dagen vervalt" in receipt.body
    assert "49,00" in receipt.body and paid_course.title in receipt.body and payment.provider_id in receipt.body
    assert "ontvangen" in main_text(buyer.get(reverse("payments:returned", args=[payment.reference])))

    # Mollie calls again (or someone replays the call): nothing changes, no second receipt.
    paid_at = payment.paid_at
    assert webhook(client, payment.provider_id).status_code == 200
    payment.refresh_from_db()
    assert payment.paid_at == paid_at and len(mail.outbox) == 1


@pytest.mark.parametrize("recording", ["payment-failed", "payment-expired", "payment-canceled"])
def test_a_payment_that_did_not_go_through_opens_nothing_and_can_be_tried_again(
    client, buyer, learner, paid_course, mollie, recording
):
    payment = start_payment(buyer, paid_course)
    mollie.answer(payment.provider_id, recording)
    assert webhook(client, payment.provider_id).status_code == 200
    payment.refresh_from_db()
    assert payment.status == recording.removeprefix("payment-")
    assert Enrolment.objects.get(user=learner).status == "ended"
    assert buyer.get(paid_lesson(paid_course).url).status_code == 403
    assert not mail.outbox
    assert "niet gelukt" in main_text(buyer.get(reverse("courses:enrol", args=[paid_course.pk])))

    second = start_payment(buyer, paid_course)
    assert second.pk != payment.pk
    assert Enrolment.objects.get(user=learner).status == "pending"
    mollie.answer(second.provider_id, "payment-paid")
    webhook(client, second.provider_id)
    # The first try's late call changes nothing now that the second one paid.
    webhook(client, payment.provider_id)
    assert Enrolment.objects.get(user=learner).status == "active"


@pytest.mark.parametrize("recording", ["payment-refunded", "payment-charged-back"])
def test_a_refund_or_chargeback_ends_access(client, buyer, learner, paid_course, mollie, recording):
    payment = start_payment(buyer, paid_course)
    mollie.answer(payment.provider_id, "payment-paid")
    webhook(client, payment.provider_id)
    assert buyer.get(paid_lesson(paid_course).url).status_code == 200
    mollie.answer(payment.provider_id, recording)
    webhook(client, payment.provider_id)
    payment.refresh_from_db()
    assert payment.status == "refunded"
    assert Enrolment.objects.get(user=learner).status == "ended"
    assert buyer.get(paid_lesson(paid_course).url).status_code == 403
    # A later 'paid' answer cannot bring it back.
    mollie.answer(payment.provider_id, "payment-paid")
    webhook(client, payment.provider_id)
    assert Enrolment.objects.get(user=learner).status == "ended"


def test_a_partial_refund_keeps_access(client, buyer, learner, paid_course, mollie):
    payment = start_payment(buyer, paid_course)
    mollie.answer(payment.provider_id, "payment-partly-refunded")
    webhook(client, payment.provider_id)
    assert Enrolment.objects.get(user=learner).status == "active"


@pytest.mark.parametrize(
    "payment_id", ["tr_forged", "", "x" * 65, "tr_\x00", "' OR 1=1 --", "tr_Replay00001 "], ids=str.isidentifier
)
def test_a_forged_webhook_changes_nothing_and_asks_mollie_nothing(
    client, buyer, learner, paid_course, mollie, payment_id
):
    start_payment(buyer, paid_course)
    calls = len(mollie.requests)
    response = client.post(reverse("payments:webhook"), {"id": payment_id})
    assert response.status_code in (200, 400)
    assert len(mollie.requests) == calls
    assert Enrolment.objects.get(user=learner).status == "pending"


def test_a_webhook_for_a_payment_mollie_still_has_open_changes_nothing(client, buyer, learner, paid_course, mollie):
    payment = start_payment(buyer, paid_course)
    assert webhook(client, payment.provider_id).status_code == 200
    payment.refresh_from_db()
    assert payment.status == "open" and Enrolment.objects.get(user=learner).status == "pending"


def test_a_paid_answer_for_another_amount_opens_nothing(client, buyer, learner, paid_course, mollie):
    payment = start_payment(buyer, paid_course)
    mollie.answer(payment.provider_id, "payment-paid-other-amount")
    webhook(client, payment.provider_id)
    payment.refresh_from_db()
    assert payment.status == "open" and Enrolment.objects.get(user=learner).status == "pending"


def test_mollie_down_costs_a_friendly_page_and_nothing_is_lost(client, buyer, learner, paid_course, mollie):
    mollie.down = True
    response = buyer.post(reverse("payments:start", args=[paid_course.pk]), AGREED)
    assert response.status_code == 503 and response["Retry-After"]
    assert "Er is niets afgeschreven" in main_text(response)
    assert Payment.objects.get().status == "failed"

    mollie.down = False
    payment = start_payment(buyer, paid_course)
    mollie.answer(payment.provider_id, "payment-paid")
    mollie.down = True
    assert webhook(client, payment.provider_id).status_code == 503, "Mollie calls again later"
    assert Enrolment.objects.get(user=learner).status == "pending"
    mollie.down = False
    assert webhook(client, payment.provider_id).status_code == 200
    assert Enrolment.objects.get(user=learner).status == "active"


def test_the_mail_server_down_still_opens_the_course_and_the_next_call_sends_the_receipt(
    client, buyer, learner, paid_course, mollie, settings
):
    payment = start_payment(buyer, paid_course)
    mollie.answer(payment.provider_id, "payment-paid")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_PORT = 9  # nothing listens: the connection is refused
    settings.EMAIL_HOST = "127.0.0.1"
    assert webhook(client, payment.provider_id).status_code == 200
    payment.refresh_from_db()
    assert payment.status == "paid" and payment.receipt_sent_at is None
    assert Enrolment.objects.get(user=learner).status == "active"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    webhook(client, payment.provider_id)
    payment.refresh_from_db()
    assert payment.receipt_sent_at is not None and len(mail.outbox) == 1


def test_without_a_provider_a_paid_course_is_enrolled_through_the_practice(buyer, paid_course, settings):
    settings.PAYMENT_PROVIDER = {}
    page = main_text(buyer.get(reverse("courses:enrol", args=[paid_course.pk])))
    assert "via de praktijk" in page and "Betaal" not in page
    assert buyer.post(reverse("payments:start", args=[paid_course.pk]), AGREED).status_code == 404
    assert not Payment.objects.exists()


def test_the_pay_button_and_what_it_says(buyer, paid_course, mollie):
    response = buyer.get(reverse("courses:enrol", args=[paid_course.pk]))
    # The form's answer is a redirect to Mollie's checkout: only this page's policy lets the browser follow it.
    assert "form-action 'self' https://www.mollie.com" in response["Content-Security-Policy"]
    assert "mollie" not in buyer.get(paid_course.url)["Content-Security-Policy"]
    page = soup(response)
    form = page.select_one(f"form[action='{reverse('payments:start', args=[paid_course.pk])}']")
    assert form.button.get_text(strip=True) == "Betaal € 49"
    assert "Mollie" in page.main.get_text()


def test_a_free_course_cannot_be_paid_for(buyer, demo_site, mollie):
    free = CoursePage.objects.get(slug="rugpijn-begrijpen")
    assert buyer.post(reverse("payments:start", args=[free.pk]), AGREED).status_code == 404


def test_someone_elses_return_page_is_not_found(client, buyer, paid_course, mollie, django_user_model):
    payment = start_payment(buyer, paid_course)
    other = django_user_model.objects.create_user("ander", "ander@example.org", PASSWORD)
    client.force_login(other, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("payments:returned", args=[payment.reference])).status_code == 404


def test_deleting_the_account_keeps_the_payment_without_the_person(client, buyer, learner, paid_course, mollie):
    payment = start_payment(buyer, paid_course)
    mollie.answer(payment.provider_id, "payment-paid")
    webhook(client, payment.provider_id)
    exported = json.loads(buyer.get("/account/gegevens/download/").content)
    assert exported["payments"]["payments"][0]["reference"] == payment.provider_id
    assert buyer.post("/account/verwijderen/", {"password": PASSWORD}).status_code == 302
    payment.refresh_from_db()
    assert payment.enrolment is None
    assert (payment.amount_cents, payment.status, payment.description) == (4900, "paid", paid_course.title)
    assert not Enrolment.objects.exists()


def test_editors_see_payments_and_cannot_change_or_delete_them(admin_client, client, buyer, paid_course, mollie):
    payment = start_payment(buyer, paid_course)
    mollie.answer(payment.provider_id, "payment-paid")
    webhook(client, payment.provider_id)
    listing = admin_client.get("/admin/snippets/payments/payment/")
    assert listing.status_code == 200
    assert "koper@example.org" in listing.content.decode() and "49,00" in listing.content.decode()
    assert admin_client.get(f"/admin/snippets/payments/payment/inspect/{payment.pk}/").status_code == 200
    assert admin_client.get(f"/admin/snippets/payments/payment/edit/{payment.pk}/").status_code in (302, 403)
    assert admin_client.post(f"/admin/snippets/payments/payment/delete/{payment.pk}/").status_code in (302, 403)
    assert Payment.objects.filter(pk=payment.pk, status="paid").exists()


def test_the_course_report_counts_payments_and_what_was_received(
    admin_client, client, buyer, paid_course, mollie, django_user_model
):
    paid = start_payment(buyer, paid_course)
    mollie.answer(paid.provider_id, "payment-paid")
    webhook(client, paid.provider_id)
    other = Client()
    other.force_login(
        django_user_model.objects.create_user("tweede", "tweede@example.org", PASSWORD),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    start_payment(other, paid_course)  # still open at Mollie
    page = soup(admin_client.get(f"/admin/reports/courses/{paid_course.pk}/"))
    table = next(t for t in page.select("table") if "Betalingen" in t.caption.get_text())
    rows = {
        tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.select("td")]
        for tr in table.tbody.select("tr")
    }
    assert rows["Betalingen gestart"] == ["2", ""]
    assert rows["Betaald en niet terugbetaald"] == ["1", "€ 49,00"]
    assert rows["Wacht op de betaalprovider"] == ["1", ""]
    assert "koper@example.org" not in page.get_text()
    csv = admin_client.get(f"/admin/reports/courses/{paid_course.pk}/payments.csv")
    assert csv.status_code == 200 and "€ 49,00" in csv.content.decode("utf-8-sig")


def test_starting_payments_is_rate_limited(buyer, learner, paid_course, mollie):
    url = reverse("payments:start", args=[paid_course.pk])
    answers = [buyer.post(url, AGREED).status_code for _ in range(11)]
    assert answers == [303] * 10 + [429]
    assert Payment.objects.count() == 10


def test_paying_needs_the_learners_yes_to_access_at_once(buyer, learner, paid_course, mollie):
    form = soup(buyer.get(reverse("courses:enrol", args=[paid_course.pk]))).select_one("form input[type=checkbox]")
    assert form.has_attr("required") and form["name"] == "direct_access"
    response = buyer.post(reverse("payments:start", args=[paid_course.pk]))
    assert response.status_code == 400
    assert "Er is niets afgeschreven" in main_text(response)
    assert not Payment.objects.exists() and not mollie.requests
    payment = start_payment(buyer, paid_course)
    assert payment.direct_access_agreed_at is not None
