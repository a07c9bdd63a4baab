"""Any body posted to a self-test's HTML form or to 'Mail mij mijn uitslag': a result or a 4xx with a
message, never a 500; the result counts only ever grow, by one for a result, and a mail goes only to
a valid address."""

from urllib.parse import urlencode

import pytest
from django.core import mail
from django.core.validators import validate_email
from django.db.models import Sum
from hypothesis import given
from hypothesis import strategies as st

from rugwijs.core.tests.form_fuzzing import FUZZ, ODD_VALUES, assert_answered, form_bodies, form_pairs, post_form
from rugwijs.selftests.form_answers import field_name
from rugwijs.selftests.models import SelfTestPage, SelfTestResultCount

from .conftest import demo_definition
from .test_views import NERVE_ANSWERS

pytestmark = pytest.mark.django_db

SLUG = "zenuw-spier-of-gewricht"  # every question type but the number; fase-van-rugpijn has that one


@pytest.fixture
def tests(demo_site, settings):
    settings.RATELIMIT_ENABLE = False  # a 429 would hide what the view does with the input
    return {page.slug: page for page in SelfTestPage.objects.live().filter(slug__in=[SLUG, "fase-van-rugpijn"])}


def counted() -> int:
    return SelfTestResultCount.objects.aggregate(total=Sum("count"))["total"] or 0


# Complete answers, so random fields added to them also reach the result and the mail, not only refusals.
COMPLETE = {SLUG: urlencode(NERVE_ANSWERS, doseq=True), "fase-van-rugpijn": "q_duur_weken=3&q_eerder_gehad=nee"}


def bodies_for(slug):
    definition = demo_definition(slug)
    names = [field_name(question.key) for question in definition.questions] + ["email"]
    values = st.sampled_from([*(o.key for q in definition.questions for o in q.options), *ODD_VALUES, "3", "2,5"])
    values |= st.sampled_from(["naam@voorbeeld.nl", "naam@", "@voorbeeld.nl", "naam@voorbeeld.nl\nBcc: x@y.nl"])
    added = form_pairs(names, values).map(lambda pairs: f"{COMPLETE[slug]}&{urlencode(pairs)}".encode())
    return form_bodies(names, values) | added


@FUZZ
@given(slug=st.sampled_from([SLUG, "fase-van-rugpijn"]), data=st.data(), as_json=st.booleans())
def test_any_answer_form_body_gives_a_result_or_a_400_and_counts_up_only(client, tests, slug, data, as_json):
    body = data.draw(bodies_for(slug))
    before = counted()
    response = post_form(client, f"/zelftest/{tests[slug].pk}/uitslag/", body, as_json)
    assert_answered(response, {200, 400})
    assert counted() - before == (1 if response.status_code == 200 else 0)


@FUZZ
@given(slug=st.sampled_from([SLUG, "fase-van-rugpijn"]), data=st.data())
def test_any_mail_form_body_mails_at_most_once_and_only_to_a_valid_address(client, tests, slug, data):
    body = data.draw(bodies_for(slug))
    before, sent = counted(), len(mail.outbox)
    response = post_form(client, f"/zelftest/{tests[slug].pk}/mail/", body, as_json=False)
    assert_answered(response, {200, 400})
    assert counted() == before  # mailing a result is not a new result
    new = mail.outbox[sent:]
    assert len(new) == (1 if response.status_code == 200 else 0)
    for message in new:
        validate_email(message.to[0])  # raises for an address the form should have refused
