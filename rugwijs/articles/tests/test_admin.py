"""An editor builds an article in the Wagtail admin, without code."""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from rugwijs.accounts.testing import AdminPageTestCase
from rugwijs.articles.models import ArticlePage, TopicPage
from rugwijs.people.models import PersonPage


def article_form(**overrides):
    joris = PersonPage.objects.get(slug="joris-proefmans")
    data = {
        "title": "Slapen met rugpijn",
        "slug": "slapen-met-rugpijn",
        "intro": "Hoe lig je prettig als je rug pijn doet?",
        "key_points": streamfield([("point", "Wissel van houding."), ("point", "Een kussen tussen je knieën helpt.")]),
        "body": streamfield(
            [
                (
                    "section",
                    {
                        "heading": "Liggen op je zij",
                        "anchor": "",
                        "content": streamfield([("paragraph", rich_text("<p>Leg een kussen tussen je knieën.</p>"))]),
                    },
                ),
                (
                    "section",
                    {
                        "heading": "Liggen op je rug",
                        "anchor": "rugligging",
                        "content": streamfield([("quote", {"text": "Het hielp mij.", "attribution": "Een lezer"})]),
                    },
                ),
            ]
        ),
        "author": PersonPage.objects.get(slug="mila-voorbeeld").pk,
        "reviewer": joris.pk,
        "last_reviewed": "2026-10-01",
        "next_review_due": "2027-10-01",
        "toc_link_label": "",
        "toc_link_page": "",
        "related_links": inline_formset([]),
        "summary": "Tips om prettig te liggen.",
        "listing_image": "",
        "listing_image_alt": "",
        "tags": "slaap, rugpijn",
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.usefixtures("demo_site")
class TestEditorBuildsAnArticle(AdminPageTestCase):
    def setUp(self):
        self.login()
        self.topic = TopicPage.objects.get(slug="lage-rugpijn")

    def test_an_article_can_be_created_and_is_renderable(self):
        self.assertCanCreateAt(TopicPage, ArticlePage)
        self.assertCanNotCreateAt(Page, ArticlePage)
        self.assertCanCreate(self.topic, ArticlePage, article_form())
        article = ArticlePage.objects.get(slug="slapen-met-rugpijn")
        anchors = [block.value["anchor"] for block in article.body]
        assert anchors == ["liggen-op-je-zij", "rugligging"]
        article.save_revision().publish()
        self.assertPageIsRenderable(article)

    def test_duplicate_anchors_are_refused_with_a_message(self):
        data = article_form()
        data["body-1-value-anchor"] = "dubbel"
        data["body-0-value-anchor"] = "dubbel"
        response = self.client.post(f"/admin/pages/add/articles/articlepage/{self.topic.pk}/", data)
        assert response.status_code == 200
        assert "Een andere sectie gebruikt &#x27;dubbel&#x27; al." in response.content.decode()
        assert not ArticlePage.objects.filter(slug="slapen-met-rugpijn").exists()

    def test_review_dates_in_the_wrong_order_are_refused(self):
        data = article_form(next_review_due="2026-01-01")
        response = self.client.post(f"/admin/pages/add/articles/articlepage/{self.topic.pk}/", data)
        assert response.status_code == 200
        assert not ArticlePage.objects.filter(slug="slapen-met-rugpijn").exists()
