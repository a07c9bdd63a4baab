"""'Heeft dit artikel je geholpen?': answering 'Nee' with a comment, with and without JavaScript."""

import re
from urllib.parse import urlsplit

import pytest
from browser_support import ARTICLE_PATH
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

COMMENT = "Een voorbeeld van een oefening zou helpen."
COMMENT_LABEL = re.compile(r"^Wat kunnen we beter maken\?")


def stored_votes():
    from rugwijs.engagement.models import HelpfulnessVote

    return list(HelpfulnessVote.objects.values_list("page_id", "helpful", "comment"))


def main_frame_navigations(page) -> list[str]:
    """URLs the tab navigates to from now on (a form post that reloads the page shows up here)."""
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    return navigations


def test_without_javascript_no_and_a_comment_are_stored(new_context, site, article):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site + ARTICLE_PATH)
    feedback = page.locator("#feedback")

    feedback.get_by_role("button", name="Nee", exact=True).click()

    assert urlsplit(page.url).path == ARTICLE_PATH, f"after voting the reader should be back on the article: {page.url}"
    status = feedback.get_by_role("status")
    expect(status).to_contain_text("Bedankt")
    answer_thanks = status.inner_text()
    comment_box = feedback.get_by_label(COMMENT_LABEL)
    expect(comment_box).to_be_visible()

    comment_box.fill(COMMENT)
    feedback.locator("form").get_by_role("button").click()

    assert urlsplit(page.url).path == ARTICLE_PATH, (
        f"after commenting the reader should be back on the article: {page.url}"
    )
    expect(status).not_to_have_text(answer_thanks)
    expect(status).to_contain_text("Bedankt")
    expect(feedback.get_by_role("textbox")).to_have_count(0)
    assert stored_votes() == [(article.pk, False, COMMENT)]


def test_with_javascript_no_and_a_comment_are_stored_without_leaving_the_page(page, site, article):
    page.goto(site + ARTICLE_PATH)
    address = page.url
    navigations = main_frame_navigations(page)
    feedback = page.locator("#feedback")
    status = feedback.get_by_role("status")

    feedback.get_by_role("button", name="Nee", exact=True).click()

    comment_box = feedback.get_by_label(COMMENT_LABEL)
    expect(comment_box).to_be_visible()
    expect(comment_box).to_be_focused()
    expect(status).to_contain_text("Bedankt")
    expect(feedback.get_by_role("button", name="Nee", exact=True)).to_have_count(0)
    answer_thanks = status.inner_text()

    page.keyboard.type(COMMENT)  # straight into the box that has focus
    feedback.locator("form").get_by_role("button").click()

    expect(feedback.locator("form")).to_have_count(0)
    expect(status).not_to_have_text(answer_thanks)
    expect(status).to_contain_text("Bedankt")
    assert page.url == address and navigations == [], f"the page navigated: {navigations}"
    assert stored_votes() == [(article.pk, False, COMMENT)]


def test_with_javascript_a_comment_over_1000_characters_is_refused_in_place_and_kept(page, site, article):
    too_long = "Te lang. " * 112  # 1,008 characters, still over 1,000 after trimming
    page.goto(site + ARTICLE_PATH)
    feedback = page.locator("#feedback")
    feedback.get_by_role("button", name="Nee", exact=True).click()
    comment_box = feedback.get_by_label(COMMENT_LABEL)
    expect(comment_box).to_be_focused()

    # The textarea's maxlength stops typing at 1,000; a script (or an old browser) can still send more.
    comment_box.evaluate("(box, text) => { box.value = text; }", too_long)
    feedback.locator("form").get_by_role("button").click()

    error = feedback.locator("#feedback-comment-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("maximaal 1.000 tekens")
    expect(error).not_to_have_text(feedback.get_attribute("data-error"))  # the server's reason, not "no connection"
    expect(comment_box).to_have_value(too_long)
    expect(comment_box).to_have_attribute("aria-invalid", "true")
    expect(comment_box).to_have_attribute("aria-describedby", re.compile(r"\bfeedback-comment-error\b"))
    expect(comment_box).to_be_focused()
    assert stored_votes() == [(article.pk, False, "")]
