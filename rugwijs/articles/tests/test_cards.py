"""An article without a summary or image still makes a good card, and its editor is told so before publishing."""

import pytest
from bs4 import BeautifulSoup
from django.utils.translation import gettext
from wagtail.images import get_image_model

from rugwijs.articles.factories import make_article
from rugwijs.articles.models import TopicPage

pytestmark = pytest.mark.django_db

LEAD = (
    "Rugpijn na het tillen van een zware doos gaat meestal vanzelf over. In deze tekst lees je wat je in de "
    "eerste dagen zelf kunt doen, welke houding prettig is en wanneer je beter even contact opneemt."
)


@pytest.fixture
def topic(demo_site):
    topic = TopicPage.objects.get(slug="hernia")
    topic.listing_image = get_image_model().objects.first()
    topic.listing_image_alt = "Een tekening van een rug"
    topic.save_revision().publish()
    return topic


def card_of(client, topic, slug):
    html = client.get(topic.url).content.decode()
    link = BeautifulSoup(html, "html.parser").find("a", href=lambda href: href and href.endswith(f"/{slug}/"))
    return link.find_parent("article")


def test_a_bare_article_gets_the_lead_as_summary_and_the_topic_image(client, topic):
    make_article(topic, "tillen", title="Rugpijn na tillen", summary="", intro=LEAD)
    card = card_of(client, topic, "tillen")
    summary = card.select_one(".card__summary").get_text()
    assert summary.startswith("Rugpijn na het tillen van een zware doos gaat meestal vanzelf over.")
    assert summary.endswith("…") and len(summary) < len(LEAD)
    image = card.select_one("img.card__image")
    assert image is not None and image["alt"] == ""  # beside the title it is decoration


def test_an_article_with_its_own_summary_and_image_keeps_them(client, topic):
    own = get_image_model().objects.exclude(pk=topic.listing_image_id).first()
    make_article(
        topic, "eigen", summary="Eigen samenvatting.", listing_image=own, listing_image_alt="Iemand die een doos tilt"
    )
    card = card_of(client, topic, "eigen")
    assert card.select_one(".card__summary").get_text() == "Eigen samenvatting."
    assert card.select_one("img.card__image")["alt"] == "Iemand die een doos tilt"


def test_the_editor_sees_what_cards_will_fill_in_before_publishing(admin_client, topic):
    bare = make_article(topic, "kaal", summary="", live=False)
    html = admin_client.get(f"/admin/pages/{bare.pk}/edit/").content.decode()
    assert gettext("There is no summary: cards show the start of the lead paragraph instead.") in html
    assert gettext("There is no listing image: cards show the image of the topic, if it has one.") in html

    complete = make_article(
        topic, "compleet", listing_image=topic.listing_image, listing_image_alt="Een rug", live=False
    )
    html = admin_client.get(f"/admin/pages/{complete.pk}/edit/").content.decode()
    assert gettext("Before you publish") not in html
