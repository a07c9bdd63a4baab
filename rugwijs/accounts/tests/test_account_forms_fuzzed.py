"""Random bodies, field names and bytes posted to the learner account forms: a page, a redirect or a 4xx
with a message, never a 500, and no account made or changed by a body that is not a valid form."""

import pytest
from django.contrib.auth import get_user_model
from hypothesis import given
from hypothesis import strategies as st

from rugwijs.core.tests.form_fuzzing import FUZZ, assert_answered, form_bodies, post_form

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

FIELDS = ["login", "email", "password", "password1", "password2", "code", "confirm", "remember", "next"]
FORMS = ["/account/login/", "/account/signup/", "/account/password/reset/", "/account/login/code/"]


@FUZZ
@given(path=st.sampled_from(FORMS), body=form_bodies(FIELDS), as_json=st.booleans())
def test_any_body_gets_a_page_or_a_refusal_with_a_message(client, learner, settings, path, body, as_json):
    settings.ACCOUNT_RATE_LIMITS = False  # a 429 would hide what the form does with the input
    response = post_form(client, path, body, as_json)
    assert_answered(response, {200, 302, 400})
    assert get_user_model().objects.count() == 1
    learner.refresh_from_db()
    assert learner.check_password(PASSWORD)
