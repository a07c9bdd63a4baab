"""Site search: Wagtail's search backend finds the pages, this module puts what the reader means first.

The backends score differently (SQLite's BM25 ignores field boosts, PostgreSQL weighs them), so the order a
reader sees rests on two plain facts both backends agree on, with the backend's score only breaking ties:
1. pages whose own title matches the query come first ("hernia" -> the topic Hernia);
2. then by kind: a topic gives the overview, articles explain, self-tests apply it, persons come last.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import StreamValue
from wagtail.models import Page

from rugwijs.articles.models import ArticlePage, TopicPage
from rugwijs.core.text import stream_text
from rugwijs.people.models import PersonPage
from rugwijs.search.snippets import snippet
from rugwijs.selftests.models import SelfTestPage

# The kinds of page search finds, in the order they rank among equal matches, with the label a reader sees.
KINDS = {
    TopicPage: _("Topic"),
    ArticlePage: _("Article"),
    SelfTestPage: _("Self-test"),
    PersonPage: _("Person"),
}
# More matches than anyone pages through; ranking a bounded list keeps every search a few fixed queries.
MAX_MATCHES = 300
# Where the snippet looks for the query, in this order; each kind has some of these fields.
SNIPPET_FIELDS = ("summary", "intro", "specialism", "bio", "key_points", "body")


@dataclass
class Hit:
    page: Page
    query: str

    @property
    def kind(self) -> str:
        return str(KINDS.get(type(self.page), ""))

    @cached_property
    def snippet(self) -> SafeString:
        texts = []
        for name in SNIPPET_FIELDS:
            value = getattr(self.page, name, "")
            # Raw stream data holds the words without loading the images and pages that blocks refer to.
            texts.append(stream_text(list(value.raw_data)) if isinstance(value, StreamValue) else value)
        return snippet(texts, self.query)


def _kind_rank() -> dict[int, int]:
    content_types = ContentType.objects.get_for_models(*KINDS)  # cached by Django after the first call
    return {content_types[model].pk: rank for rank, model in enumerate(KINDS)}


def ranked_pages(query: str) -> list[Page]:
    """Live, public pages of the searchable kinds that match every word of the query, best first.

    Two search queries, however many pages match. The pages are not yet specific: see `hits`.
    """
    pages = Page.objects.live().public().type(*KINDS)
    found = list(pages.search(query, operator="and")[:MAX_MATCHES])
    in_title = {page.pk for page in pages.search(query, fields=["title"], operator="and")[:MAX_MATCHES]}
    kind_rank = _kind_rank()
    position = {page.pk: index for index, page in enumerate(found)}
    return sorted(
        found,
        key=lambda page: (
            page.pk not in in_title,
            kind_rank.get(page.content_type_id, len(KINDS)),
            position[page.pk],
        ),
    )


def hits(pages: list[Page], query: str) -> list[Hit]:
    """The pages as specific pages with kind and snippet: one query per kind on the list, not per page."""
    specific = {page.pk: page for page in Page.objects.filter(pk__in=[page.pk for page in pages]).specific()}
    return [Hit(specific[page.pk], query) for page in pages if page.pk in specific]
