import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing

from rugwijs.core.numbers import dutch_thousands
from rugwijs.engagement.forms import comment_token
from rugwijs.engagement.models import HelpfulnessVote

pytestmark = pytest.mark.django_db


def vote_url(page):
    return f"/engagement/helpful/{page.pk}/"


def comment_url(page):
    return f"/engagement/helpful/{page.pk}/comment/"


def test_without_javascript_a_vote_redirects_to_the_comment_form(demo_site, reader, client):
    response = reader(vote_url(demo_site), {"helpful": "nee"})
    assert response.status_code == 303
    assert response["Location"].startswith(demo_site.url + "?feedback=")
    assert response["Location"].endswith("#feedback")
    page = client.get(response["Location"].split("#")[0])
    html = page.content.decode()
    assert "Wat kunnen we beter maken?" in html
    assert 'name="token"' in html
    assert not page.cookies


def test_without_javascript_the_comment_is_stored_and_thanked(demo_site, reader, client):
    location = urlsplit(reader(vote_url(demo_site), {"helpful": "nee"})["Location"])
    token = parse_qs(location.query)["feedback"][0]
    response = reader(comment_url(demo_site), {"token": token, "comment": "  Meer over slapen graag.  "})
    assert response.status_code == 303
    assert response["Location"].endswith("?feedback=bedankt#feedback")
    vote = HelpfulnessVote.objects.get()
    assert (vote.helpful, vote.comment) == (False, "Meer over slapen graag.")
    assert "Bedankt" in client.get(demo_site.url + "?feedback=bedankt").content.decode()


def test_with_javascript_the_answers_are_json(demo_site, reader):
    response = reader(vote_url(demo_site), {"helpful": "ja"}, json=True)
    assert response.status_code == 201
    data = response.json()
    assert data["message"] and data["token"]
    response = reader(comment_url(demo_site), {"token": data["token"], "comment": "Duidelijk!"}, json=True)
    assert response.status_code == 201
    assert HelpfulnessVote.objects.get().comment == "Duidelijk!"


def test_one_vote_per_visitor_per_article_per_day(demo_site, reader):
    assert reader(vote_url(demo_site), {"helpful": "ja"}, json=True).status_code == 201
    again = reader(vote_url(demo_site), {"helpful": "nee"}, json=True)
    assert again.status_code == 409
    assert "vandaag" in again.json()["error"]
    assert reader(vote_url(demo_site), {"helpful": "nee"}, json=True, ip="192.0.2.99").status_code == 201
    assert HelpfulnessVote.objects.count() == 2


@pytest.mark.parametrize(
    "data", [{}, {"helpful": "misschien"}, {"helpful": ""}], ids=["missing", "unknown-answer", "empty"]
)
def test_bad_votes_get_a_400_with_a_message(demo_site, reader, data):
    response = reader(vote_url(demo_site), data, json=True)
    assert response.status_code == 400
    assert response.json()["error"] == "Kies ja of nee."
    html = reader(vote_url(demo_site), data)
    assert html.status_code == 400
    assert "Kies ja of nee." in html.content.decode()
    assert not HelpfulnessVote.objects.exists()


def test_a_too_long_comment_is_refused_and_the_text_kept_for_the_reader(demo_site, reader):
    token = reader(vote_url(demo_site), {"helpful": "nee"}, json=True).json()["token"]
    text = "x" * 1001
    response = reader(comment_url(demo_site), {"token": token, "comment": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "maximaal 1.000 tekens (nu 1.001)" in html and text in html
    assert HelpfulnessVote.objects.get().comment == ""
    assert reader(comment_url(demo_site), {"token": token, "comment": "x" * 1000}).status_code == 303


@pytest.mark.parametrize(
    ("token", "comment"),
    [("", "tekst"), ("vervalst", "tekst"), (None, ""), (None, "   \x00  ")],
    ids=["no-token", "forged-token", "empty-comment", "only-control-characters"],
)
def test_bad_comments_get_a_400_with_a_message(demo_site, reader, token, comment):
    if token is None:
        token = reader(vote_url(demo_site), {"helpful": "nee"}, json=True).json()["token"]
    response = reader(comment_url(demo_site), {"token": token, "comment": comment}, json=True)
    assert response.status_code == 400
    assert response.json()["error"]


def test_an_expired_comment_token_is_refused(demo_site, reader, monkeypatch):
    vote = HelpfulnessVote.objects.create(page=demo_site, day="2026-01-01", helpful=False)
    token = comment_token(vote.pk, False, demo_site.pk)
    monkeypatch.setattr("rugwijs.engagement.forms.COMMENT_TOKEN_MAX_AGE", -1)
    response = reader(comment_url(demo_site), {"token": token, "comment": "laat"}, json=True)
    assert response.status_code == 400
    assert "verlopen" in response.json()["error"]


def test_a_vote_takes_one_comment_only(demo_site, reader):
    token = reader(vote_url(demo_site), {"helpful": "nee"}, json=True).json()["token"]
    assert reader(comment_url(demo_site), {"token": token, "comment": "eerste"}, json=True).status_code == 201
    second = reader(comment_url(demo_site), {"token": token, "comment": "tweede"}, json=True)
    assert second.status_code == 409
    assert HelpfulnessVote.objects.get().comment == "eerste"


def test_comments_are_plain_text_and_escaped_for_editors(demo_site, reader, admin_client):
    token = reader(vote_url(demo_site), {"helpful": "nee"}, json=True).json()["token"]
    reader(comment_url(demo_site), {"token": token, "comment": "<script>alert(1)</script>"}, json=True)
    vote = HelpfulnessVote.objects.get()
    assert vote.comment == "<script>alert(1)</script>"
    listing = admin_client.get("/admin/snippets/engagement/helpfulnessvote/")
    assert listing.status_code == 200
    assert "<script>alert(1)</script>" not in listing.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing.content.decode()


def test_votes_from_other_sites_are_refused(demo_site, reader):
    response = reader(
        vote_url(demo_site), {"helpful": "ja"}, HTTP_SEC_FETCH_SITE="cross-site", HTTP_ORIGIN="https://x.example"
    )
    assert response.status_code == 403
    assert not HelpfulnessVote.objects.exists()


def test_votes_are_rate_limited(demo_site, reader):
    statuses = [reader(vote_url(demo_site), {"helpful": "ja"}, json=True).status_code for _ in range(21)]
    assert statuses[:2] == [201, 409]
    assert statuses[-1] == 429


def test_token_holds_no_personal_data():
    data = signing.loads(comment_token(5, True, 7), salt="rugwijs.engagement.comment")
    assert data == {"vote": 5, "helpful": True, "page": 7}


def test_a_comment_token_only_works_for_its_own_article(demo_site, reader):
    token = reader(vote_url(demo_site), {"helpful": "nee"}, json=True).json()["token"]
    other = demo_site.related_links.first().article
    response = reader(comment_url(other), {"token": token, "comment": "elders"}, json=True)
    assert response.status_code == 400
    assert HelpfulnessVote.objects.get().comment == ""


def test_line_breaks_count_once_like_the_browser_counts_them(demo_site, reader):
    token = reader(vote_url(demo_site), {"helpful": "nee"}, json=True).json()["token"]
    text = ("x" * 49 + "\r\n") * 20  # 1,000 characters as the textarea counts them
    assert reader(comment_url(demo_site), {"token": token, "comment": text}, json=True).status_code == 201
    assert "\r" not in HelpfulnessVote.objects.get().comment


@pytest.mark.parametrize("slug", ["home", "lage-rugpijn", "team"], ids=["home", "topic", "team"])
def test_pages_that_do_not_ask_for_feedback_refuse_votes_and_views(demo_site, reader, slug):
    from wagtail.models import Page

    page = Page.objects.get(slug=slug)
    assert reader(vote_url(page), {"helpful": "ja"}, json=True).status_code == 404
    assert reader(f"/engagement/views/{page.pk}/", json=True).status_code == 404
    assert not HelpfulnessVote.objects.exists()


def test_a_cross_site_form_post_gets_a_page_with_the_message(demo_site, reader):
    response = reader(vote_url(demo_site), {"helpful": "ja"}, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert "Je kunt dit formulier alleen via deze website versturen." in response.content.decode()


def test_editors_can_read_votes_but_not_add_or_change_them(demo_site, reader, admin_client):
    reader(vote_url(demo_site), {"helpful": "nee"}, json=True)
    vote = HelpfulnessVote.objects.get()
    assert admin_client.get("/admin/snippets/engagement/helpfulnessvote/").status_code == 200
    assert admin_client.get(f"/admin/snippets/engagement/helpfulnessvote/inspect/{vote.pk}/").status_code == 200
    assert admin_client.get("/admin/snippets/engagement/helpfulnessvote/add/").status_code in (302, 403)
    assert admin_client.get(f"/admin/snippets/engagement/helpfulnessvote/edit/{vote.pk}/").status_code in (302, 403)


def test_the_comment_limit_is_the_same_in_the_hint_the_textarea_the_check_and_the_database(demo_site, client, reader):
    html = client.get(demo_site.url).content.decode()
    maxlength = int(re.search(r'<textarea id="feedback-comment"[^>]* maxlength="(\d+)"', html).group(1))
    assert f"Maximaal {dutch_thousands(maxlength)} tekens." in html
    assert HelpfulnessVote._meta.get_field("comment").max_length == maxlength

    token = reader(vote_url(demo_site), {"helpful": "nee"}, json=True).json()["token"]
    refused = reader(comment_url(demo_site), {"token": token, "comment": "x" * (maxlength + 1)}, json=True)
    assert refused.status_code == 400
    assert f"maximaal {dutch_thousands(maxlength)} tekens" in refused.json()["error"]
    assert reader(comment_url(demo_site), {"token": token, "comment": "x" * maxlength}, json=True).status_code == 201


def _post_raw(client, url, body, as_json):
    headers = {"HTTP_SEC_FETCH_SITE": "same-origin", "REMOTE_ADDR": "192.0.2.10"}
    if as_json:
        headers["HTTP_ACCEPT"] = "application/json"
    return client.post(url, body, content_type="application/x-www-form-urlencoded; charset=utf-8", **headers)


@pytest.mark.parametrize("as_json", [False, True], ids=["form", "script"])
@pytest.mark.parametrize("endpoint", [vote_url, comment_url], ids=["vote", "comment"])
def test_a_body_that_is_not_utf8_is_a_400(demo_site, client, endpoint, as_json):
    response = _post_raw(client, endpoint(demo_site), b"helpful=\xff\xfe&comment=\xc3\x28", as_json)
    assert response.status_code == 400


@pytest.mark.parametrize("as_json", [False, True], ids=["form", "script"])
def test_a_vote_whose_body_is_not_all_utf8_is_a_400_not_counted(demo_site, client, as_json):
    response = _post_raw(client, vote_url(demo_site), b"helpful=ja&comment=\xc3\x28\xa0\xa1", as_json)
    assert response.status_code == 400
