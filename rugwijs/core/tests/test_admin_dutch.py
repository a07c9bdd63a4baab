"""A Dutch editor meets no English in the admin pages they use, and our own catalogue is complete."""

import datetime
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.utils.text import capfirst
from wagtail.snippets.models import get_snippet_models

from rugwijs.articles.models import ArticlePage, TopicPage
from rugwijs.engagement.models import HelpfulnessVote, PageViewTotal
from rugwijs.people.models import PersonIndexPage, PersonPage
from rugwijs.selftests.models import SelfTestIndexPage, SelfTestPage, SelfTestResultCount

pytestmark = pytest.mark.django_db

CATALOGUE = settings.LOCALE_PATHS[0] / "nl" / "LC_MESSAGES" / "django.po"

# English that Wagtail or Django shows when a label, a plural or a translation is missing.
ENGLISH_LEFTOVERS = {
    "True",
    "False",
    "None",
    "Page",
    "Views",
    "Result",
    "Day",
    "Count",
    "Password",
    "Actions",
    "Helpful",
    "Yes",
    "No",
}


def catalogue_entries() -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) per entry of our .po; plural entries give their singular and first form."""
    entries, fuzzy = [], False
    current: dict[str, str] = {}
    key = None
    for line in [*CATALOGUE.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current.get("msgid"):
                entries.append((current["msgid"], current.get("msgstr", current.get("msgstr[0]", "")), fuzzy))
            current, key, fuzzy = {}, None, False
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += line[1:-1]
        else:
            key, _, text = line.partition(" ")
            current[key] = text[1:-1]
    return entries


class VisibleText(HTMLParser):
    """The text an editor sees or hears: text nodes and labelling attributes outside hidden elements."""

    HIDDEN_TAGS = {"script", "style", "template"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    SPOKEN = ("aria-label", "title", "placeholder", "alt")

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self.stack: list[bool] = []

    def hidden(self) -> bool:
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if not self.hidden():
            self.texts += [attributes[name] for name in self.SPOKEN if attributes.get(name)]
        if tag not in self.VOID:
            self.stack.append(tag in self.HIDDEN_TAGS or "hidden" in attributes)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.hidden() and data.strip():
            self.texts.append(" ".join(data.split()))


def visible_texts(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.texts


@pytest.fixture
def records(demo_site):
    article = ArticlePage.objects.get(slug="stress-en-rugpijn")
    today = datetime.date(2026, 3, 2)
    HelpfulnessVote.objects.create(page=article, day=today, helpful=True)
    HelpfulnessVote.objects.create(page=article, day=today, helpful=False, comment="Te lang")
    PageViewTotal.objects.update_or_create(page=article, defaults={"views": 7})
    SelfTestResultCount.objects.create(page=SelfTestPage.objects.first(), result="spier", day=today, count=3)


def editor_pages() -> dict[str, str]:
    article = ArticlePage.objects.get(slug="stress-en-rugpijn")
    topic = TopicPage.objects.get(slug="stress-en-pijn")
    tests = SelfTestIndexPage.objects.get()
    test = SelfTestPage.objects.get(slug="zenuw-spier-of-gewricht")
    team = PersonIndexPage.objects.get()
    person = PersonPage.objects.first()
    pages = {
        "dashboard": "/admin/",
        "page tree": "/admin/pages/",
        "articles of a topic": f"/admin/pages/{topic.pk}/",
        "edit article": f"/admin/pages/{article.pk}/edit/",
        "new article": f"/admin/pages/add/articles/articlepage/{topic.pk}/",
        "self-tests": f"/admin/pages/{tests.pk}/",
        "edit self-test": f"/admin/pages/{test.pk}/edit/",
        "new self-test": f"/admin/pages/add/selftests/selftestpage/{tests.pk}/",
        "team": f"/admin/pages/{team.pk}/",
        "edit person": f"/admin/pages/{person.pk}/edit/",
        "site settings": "/admin/settings/core/sitesettings/",
        "snippets": "/admin/snippets/",
        "images": "/admin/images/",
    }
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        pages[f"{model._meta.label} listing"] = viewset.get_url_name("list")
    return pages


def english_in(html: str, untranslated: set[str]) -> list[str]:
    return [text for text in visible_texts(html) if text in ENGLISH_LEFTOVERS or text in untranslated]


def test_every_message_of_our_catalogue_is_translated():
    entries = catalogue_entries()
    assert len(entries) > 100
    assert [msgid for msgid, msgstr, _ in entries if not msgstr.strip()] == []
    assert [msgid for msgid, _, fuzzy in entries if fuzzy] == []


def test_the_login_page_is_dutch(client):
    html = client.get("/admin/login/").content.decode()
    assert "Wachtwoord" in visible_texts(html)
    assert english_in(html, set()) == []


def test_every_admin_page_an_editor_uses_is_dutch(admin_client, records):
    from django.urls import reverse

    # Our msgids that differ from their Dutch text, as they would show if a translation were missing.
    untranslated = {capfirst(msgid) for msgid, msgstr, _ in catalogue_entries() if msgid != msgstr}
    untranslated |= {msgid for msgid, msgstr, _ in catalogue_entries() if msgid != msgstr}
    found = {}
    for name, url in editor_pages().items():
        url = url if url.startswith("/") else reverse(url)
        response = admin_client.get(url, follow=True)
        assert response.status_code == 200, name
        english = english_in(response.content.decode(), untranslated)
        if english:
            found[name] = sorted(set(english))
    assert found == {}


def test_yes_no_answers_read_ja_and_nee_in_listings(admin_client, records):
    html = admin_client.get("/admin/snippets/engagement/helpfulnessvote/").content.decode()
    texts = visible_texts(html)
    assert "Ja" in texts and "Nee" in texts
    assert "True" not in texts and "False" not in texts


def test_every_model_listed_in_the_admin_names_its_plural():
    listed = get_snippet_models()
    missing = [model.__name__ for model in listed if "verbose_name_plural" not in model._meta.original_attrs]
    assert missing == []


def test_listing_counts_read_as_dutch_with_their_spaces():
    """Wagtail's own Dutch says "1-5van 12pagina's"; our catalogue (core/wagtail_strings.py) wins over it."""
    from django.utils import translation

    with translation.override("nl"):
        message = translation.gettext("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s")
    values = {"start_index": 1, "end_index": 5, "items_count": 12, "model_name": "pagina's"}
    assert message % values == "1-5 van 12 pagina's"
