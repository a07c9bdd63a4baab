"""What a reader sees around the article text: who wrote and checked it, and calls to action that lead somewhere."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from rugwijs.articles.models import ArticlePage
from rugwijs.core.models import StandardPage
from rugwijs.selftests.models import SelfTestPage

pytestmark = pytest.mark.django_db


def text(node):
    return " ".join(node.get_text(" ").split())


def soup_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_author_box_shows_photo_name_roles_specialism_bio_and_written_by(client, demo_site):
    box = soup_of(client, demo_site).select_one(".author-box")
    assert text(box.select_one(".author-box__label")) == "Geschreven door"
    assert text(box.select_one(".author-box__name a")) == "Mila Voorbeeld"
    assert box.select_one(".author-box__name a")["href"] == demo_site.author.url
    assert text(box.select_one(".author-box__roles")) == "Docent, Manueel therapeut, Onderzoeker"
    assert text(box.select_one(".author-box__specialism")) == "Gespecialiseerd in: Lage rugpijn en hernia"
    assert text(box.select_one(".author-box__bio")) == demo_site.author.specific.short_bio
    photo = box.select_one("img.author-box__photo")
    assert photo["width"] == photo["height"] == "88"
    assert ".webp 176w" in photo["srcset"]


def test_author_box_prefers_the_short_bio(client, demo_site):
    author = demo_site.author.specific
    author.short_bio = "Mila helpt mensen met rugpijn weer op weg."
    author.save_revision().publish()
    box = soup_of(client, demo_site).select_one(".author-box")
    assert text(box.select_one(".author-box__bio")) == "Mila helpt mensen met rugpijn weer op weg."


def test_without_a_short_bio_the_author_box_opens_the_bio(client, demo_site):
    author = demo_site.author.specific
    author.short_bio = ""
    author.save_revision().publish()
    box = soup_of(client, demo_site).select_one(".author-box")
    assert text(box.select_one(".author-box__bio")).startswith("Mila Voorbeeld is een fictief persoon.")


def test_reviewer_is_linked_and_shows_their_profession(client, demo_site):
    reviewer = demo_site.reviewer
    reviewer.profession = "huisarts"
    reviewer.save_revision().publish()
    facts = soup_of(client, demo_site).select_one(".article__reviewer")
    assert text(facts) == "Medisch gecontroleerd door Joris Proefmans (huisarts) op 14 september 2026"
    assert facts.select_one("a")["href"] == reviewer.url


def test_without_a_profession_the_reviewer_shows_their_roles(client, demo_site):
    reviewer = demo_site.reviewer.specific
    reviewer.profession = ""
    reviewer.save_revision().publish()
    facts = soup_of(client, demo_site).select_one(".article__reviewer")
    assert "Joris Proefmans (Huisarts, Medisch redacteur) op" in text(facts)


# Calls to action ------------------------------------------------------------------------------


@pytest.fixture
def target(demo_site):
    """A page with something to read, that every call to action on the test article points to."""
    home = demo_site.get_parent().get_parent()
    page = StandardPage(title="Oefeningen", slug="oefeningen", body="<p>Zo begin je rustig.</p>")
    home.add_child(instance=page)
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


def link(page):
    return {"page": page.pk, "url": ""}


CALLS_TO_ACTION = {
    "selftest_promo": lambda target, person: (
        "selftest_promo",
        {"title": "Doe de test", "text": "", "button_label": "Start de test", "link": link(target)},
    ),
    "course_offer": lambda target, person: (
        "course_offer",
        {"title": "Oefen met ons", "text": "", "button_label": "Bekijk het aanbod", "link": link(target)},
    ),
    "author_promo": lambda target, person: (
        "author_promo",
        {"person": person.pk, "text": "Ik leg het uit.", "button_label": "Lees verder", "link": link(target)},
    ),
}


@pytest.fixture
def article_with_calls_to_action(demo_site, target):
    """The demo article with one call to action of every kind, each inside a section and after it."""
    article = ArticlePage.objects.get(pk=demo_site.pk)
    person = article.author
    blocks = [make(target, person) for make in CALLS_TO_ACTION.values()]
    body = list(article.body.raw_data)[:1]
    body[0]["value"]["content"] = [*body[0]["value"]["content"], *[{"type": t, "value": v} for t, v in blocks]]
    body += [{"type": t, "value": v} for t, v in blocks]
    article.body = body
    article.toc_link_page = target
    article.toc_link_label = "Naar de oefeningen"
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def links_to(soup, page_url):
    return [a for a in soup.select("a[href]") if a["href"] == page_url]


def test_every_call_to_action_renders_with_a_reachable_target(client, article_with_calls_to_action, target):
    soup = soup_of(client, article_with_calls_to_action)
    assert len(soup.select(".cta--selftest, .cta--course, .cta--author")) == 6
    # three blocks twice, plus the table of contents
    assert len(links_to(soup, target.url)) == 7


def _unpublish(page):
    page.unpublish()


def _delete(page):
    page.delete()


def _make_private(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def _empty(page):
    page.body = ""
    page.save_revision().publish()


@pytest.mark.parametrize(
    "break_target",
    [_unpublish, _delete, _make_private, _empty],
    ids=["unpublished", "deleted", "private", "empty"],
)
def test_a_call_to_action_to_a_dead_end_is_not_rendered_at_all(
    client, article_with_calls_to_action, target, break_target
):
    target_url = target.url
    break_target(target)
    soup = soup_of(client, article_with_calls_to_action)
    assert not soup.select(".cta--selftest, .cta--course"), "no empty box is left behind"
    assert not soup.select(".cta--author")
    assert not soup.select(".toc__extra")
    assert not links_to(soup, target_url)
    assert soup.select(".article-section"), "the rest of the article is still there"


def test_a_private_section_closes_the_pages_below_it(client, article_with_calls_to_action, target):
    """A restriction on a parent page hides calls to action to its children too."""
    child = StandardPage(title="Onderdeel", slug="onderdeel", body="<p>Tekst.</p>")
    target.add_child(instance=child)
    child.save_revision().publish()
    article = article_with_calls_to_action
    article.toc_link_page = child
    article.save_revision().publish()
    PageViewRestriction.objects.create(page=target, restriction_type=PageViewRestriction.LOGIN)
    assert not soup_of(client, article).select(".toc__extra")


@pytest.mark.parametrize("kind", CALLS_TO_ACTION, ids=list(CALLS_TO_ACTION))
def test_each_linking_block_renders_nothing_outside_an_article_when_its_target_is_gone(demo_site, target, kind):
    from rugwijs.articles.blocks import ArticleBodyBlock

    block = ArticleBodyBlock().child_blocks[kind]
    _name, raw = CALLS_TO_ACTION[kind](target, demo_site.author)
    assert target.url in block.render(block.to_python(raw))
    target.unpublish()
    assert block.render(block.to_python(raw)) == ""
    target.delete()
    assert block.render(block.to_python(raw)) == ""


def test_author_promo_without_a_live_person_is_not_rendered(client, article_with_calls_to_action):
    article_with_calls_to_action.author.unpublish()
    assert not soup_of(client, article_with_calls_to_action).select(".cta--author")


def test_rich_text_links_to_a_dead_end_keep_their_words_but_lose_the_address(client, demo_site, target):
    article = ArticlePage.objects.get(pk=demo_site.pk)
    body = list(article.body.raw_data)
    paragraph = f'<p>Lees de <a linktype="page" id="{target.pk}">oefeningen</a>.</p>'
    body[0]["value"]["content"].append({"type": "paragraph", "value": paragraph})
    article.body = body
    article.save_revision().publish()
    assert links_to(soup_of(client, article), target.url)
    target.unpublish()
    soup = soup_of(client, article)
    assert not links_to(soup, target.url)
    paragraph = next(p for p in soup.select(".rich-text p") if p.get_text().startswith("Lees de"))
    assert paragraph.get_text() == "Lees de oefeningen."


# The author promo's button --------------------------------------------------------------------


def test_author_promo_button_goes_to_the_page_the_editor_chose(demo_site):
    from rugwijs.people.blocks import AuthorPromoBlock

    selftest = SelfTestPage.objects.get(slug="zenuw-spier-of-gewricht")
    block = AuthorPromoBlock()
    value = block.to_python(
        {"person": demo_site.author.pk, "text": "Hallo", "button_label": "Ja, doe de test", "link": link(selftest)}
    )
    button = BeautifulSoup(block.render(value), "html.parser").select_one(".cta__button")
    assert button["href"] == selftest.url
    assert text(button) == "Ja, doe de test"


def test_author_promo_without_a_chosen_page_introduces_the_person(demo_site):
    from rugwijs.people.blocks import AuthorPromoBlock

    block = AuthorPromoBlock()
    value = block.to_python({"person": demo_site.author.pk, "text": "Hallo", "button_label": "", "link": link_none()})
    button = BeautifulSoup(block.render(value), "html.parser").select_one(".cta__button")
    assert button["href"] == demo_site.author.url
    assert text(button) == "Maak kennis met Mila Voorbeeld"


def link_none():
    return {"page": None, "url": ""}
