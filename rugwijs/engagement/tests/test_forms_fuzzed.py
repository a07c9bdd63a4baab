"""Any body posted to 'Heeft dit artikel je geholpen?' and its comment form: a 2xx/3xx or a 4xx with a
message, never a 500, and no stored vote or comment is ever lost or changed."""

from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rugwijs.core.tests.form_fuzzing import FUZZ, assert_answered, form_bodies, form_pairs, post_form
from rugwijs.engagement.forms import comment_token
from rugwijs.engagement.models import HelpfulnessVote
from rugwijs.engagement.views import COMMENT_BODY_LIMIT, VOTE_BODY_LIMIT

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored_votes(demo_site, settings):
    settings.RATELIMIT_ENABLE = False  # a 429 would hide what the view does with the input
    answered = HelpfulnessVote.objects.create(
        page=demo_site, day="2026-01-05", helpful=False, comment="Meer over slapen."
    )
    still_open = HelpfulnessVote.objects.create(page=demo_site, day="2026-01-05", helpful=True)
    return {"answered": answered.pk, "open": still_open.pk}


def assert_nothing_lost(before):
    now = {
        pk: (helpful, comment)
        for pk, helpful, comment in HelpfulnessVote.objects.values_list("pk", "helpful", "comment")
    }
    for pk, helpful, comment in before:
        assert now[pk][0] == helpful
        assert now[pk][1] == comment or (comment == "" and now[pk][1]), "a comment was changed or removed"


@FUZZ
@given(body=form_bodies(["helpful", "comment", "token"]), as_json=st.booleans(), visitor=st.integers(1, 250))
def test_any_vote_body_is_answered_and_loses_nothing(client, demo_site, stored_votes, body, as_json, visitor):
    before = list(HelpfulnessVote.objects.values_list("pk", "helpful", "comment"))
    response = post_form(client, f"/engagement/helpful/{demo_site.pk}/", body, as_json, ip=f"198.51.100.{visitor}")
    if len(body) > VOTE_BODY_LIMIT:  # long generated values: refused before the form is read
        assert_answered(response, {413})
    else:
        assert_answered(response, {201, 303, 400, 409} if as_json else {303, 400, 409})
    assert HelpfulnessVote.objects.count() - len(before) == (1 if response.status_code in (201, 303) else 0)
    assert_nothing_lost(before)


@FUZZ
@given(
    pairs=form_pairs(["comment", "token", "helpful"]),
    use_token=st.sampled_from([None, "open", "answered"]),
    as_json=st.booleans(),
)
def test_any_comment_body_is_answered_and_never_overwrites_a_comment(
    client, demo_site, stored_votes, pairs, use_token, as_json
):
    if use_token:
        pairs = [("token", comment_token(stored_votes[use_token], True, demo_site.pk)), *pairs]
    before = list(HelpfulnessVote.objects.values_list("pk", "helpful", "comment"))
    body = urlencode(pairs).encode()
    response = post_form(client, f"/engagement/helpful/{demo_site.pk}/comment/", body, as_json)
    if len(body) > COMMENT_BODY_LIMIT:
        assert_answered(response, {413})
    else:
        assert_answered(response, {201, 303, 400, 409} if as_json else {303, 400, 409})
    assert HelpfulnessVote.objects.count() == len(before)
    assert HelpfulnessVote.objects.get(pk=stored_votes["answered"]).comment == "Meer over slapen."
    assert_nothing_lost(before)
