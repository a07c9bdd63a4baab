from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, Length, Substr
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from rugwijs.core import fragments, toc
from rugwijs.core.images import CARD
from rugwijs.core.models import BasePage, in_private_section
from rugwijs.core.panels import ListingCheckPanel
from rugwijs.core.prefetch import prefetched_for
from rugwijs.core.text import reading_minutes, stream_text, word_count
from rugwijs.engagement.view_store import view_store
from rugwijs.people.models import PersonPage

from .blocks import ArticleBodyBlock

CARD_SUMMARY_WORDS = 30
RELATED_LIMIT = 9  # the seed page shows nine


class ArticlePageQuerySet(PageQuerySet):
    def for_listing(self):
        """Everything an article card shows, in a fixed number of queries however many cards there are."""
        images = get_image_model().objects.prefetch_renditions(*CARD.filter_specs())
        return (
            self.select_related("author")
            # A card never shows the body or the key points: their JSON stays in the database.
            .defer("body", "key_points")
            .prefetch_related(Prefetch("listing_image", queryset=images))
            # Cards show the database total without the views buffered in Redis: at most one flush
            # interval (5 s in `make stack`) behind, on a listing that a proxy caches for longer anyway.
            .annotate(view_count=Coalesce("view_total__views", 0), topic_image_id=self.topic_image_ids())
        )

    @staticmethod
    def topic_image_ids():
        """The listing image of each article's topic (its parent), for cards of articles without one."""
        parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - ArticlePage.steplen)
        return Subquery(TopicPage.objects.filter(path=parent_path).values("listing_image_id")[:1])

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")

    def most_read_first(self):
        return self.order_by(models.F("view_total__views").desc(nulls_last=True), "-first_published_at", "-pk")


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class TopicPage(BasePage):
    """A subject such as 'Lage rugpijn'; its articles live below it."""

    intro = models.TextField(_("intro"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    # Boosts weigh fields on PostgreSQL; rugwijs.search ranks title matches first on every backend.
    search_fields = BasePage.search_fields + [
        index.SearchField("title", boost=2),
        index.SearchField("intro", boost=1.5),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]

    ORDERINGS = {"nieuwste": _("Newest first"), "meest-gelezen": _("Most read first")}
    PER_PAGE = 10

    class Meta:
        verbose_name = _("topic")

    def get_cached_paths(self) -> list[str]:
        """Every listing a caching proxy may hold: each ordering and page, one page more for a shrinking list."""
        pages = ArticlePage.objects.live().child_of(self).count() // self.PER_PAGE + 2
        orderings = [f"/?sorteer={key}" for key in self.ORDERINGS]
        return ["/", *orderings, *(f"{ordering}&pagina={n}" for ordering in orderings for n in range(1, pages + 1))]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        ordering = request.GET.get("sorteer", "nieuwste")
        if ordering not in self.ORDERINGS:
            ordering = "nieuwste"
        articles = ArticlePage.objects.live().public().child_of(self).for_listing()
        articles = articles.most_read_first() if ordering == "meest-gelezen" else articles.newest_first()
        # get_page turns a missing or impossible page number into the nearest real page.
        context["articles"] = Paginator(articles, self.PER_PAGE).get_page(request.GET.get("pagina"))
        context["ordering"] = ordering
        context["orderings"] = self.ORDERINGS
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class RelatedArticle(Orderable):
    """An article the editor picked to show under 'Andere artikelen over dit onderwerp'."""

    source = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="related_links")
    article = models.ForeignKey(
        "articles.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="related_from"
    )

    panels = [PageChooserPanel("article", "articles.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")


class RelatedSuggestion(models.Model):
    """An article suggested under another because their texts are alike; see `related.py`.

    Scored when articles are published, so reading an article only looks the suggestions up.
    """

    source = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="suggestions")
    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="suggested_for")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()

    wagtail_reference_index_ignore = True  # derived from content, not content: no "used by" entries

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "article"], name="one_suggestion_per_pair")]
        ordering = ["source", "rank"]

    def __str__(self):
        return f"{self.source_id} -> {self.article_id} ({self.score:.3f})"


class ArticlePage(BasePage):
    intro = models.TextField(_("lead paragraph"), max_length=800)
    key_points = StreamField(
        [("point", blocks.CharBlock(label=_("key point"), max_length=240, icon="tick"))],
        verbose_name=_("in short"),
        blank=True,
        max_num=8,
        help_text=_("Three to six short sentences shown under 'In het kort'."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    author = models.ForeignKey(
        "people.PersonPage",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authored_articles",
    )
    reviewer = models.ForeignKey(
        "people.PersonPage",
        verbose_name=_("medical reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_articles",
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    toc_link_label = models.CharField(
        _("extra link text"), max_length=60, blank=True, help_text=_("For example 'Naar cursus aanbod'.")
    )
    toc_link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("extra link page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)

    objects = ArticlePageManager()

    content_panels = BasePage.content_panels + [
        ListingCheckPanel(heading=_("Before you publish")),
        FieldPanel("intro"),
        FieldPanel("key_points"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldPanel("reviewer"),
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_due")]),
            ],
            heading=_("Author and medical review"),
        ),
        MultiFieldPanel(
            [FieldPanel("toc_link_label"), FieldPanel("toc_link_page")],
            heading=_("Link at the end of the table of contents"),
        ),
        InlinePanel("related_links", heading=_("Related articles, picked by hand"), label=_("article")),
    ]
    promote_panels = BasePage.promote_panels + [FieldPanel("tags")]
    search_fields = BasePage.search_fields + [
        index.SearchField("title", boost=2),
        index.SearchField("intro", boost=1.5),
        index.SearchField("key_points"),
        index.SearchField("body"),
        index.FilterField("first_published_at"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        # The author's name as body text: the index keeps fields named "title" as this page's title.
        index.RelatedFields("author", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("intro"),
        APIField("summary"),
        APIField("key_points"),
        APIField("body"),
        APIField("author"),
        APIField("reviewer"),
        APIField("last_reviewed"),
        APIField("next_review_due"),
        APIField("tags"),
    ]
    parent_page_types = ["articles.TopicPage"]
    subpage_types = []
    accepts_reader_feedback = True  # views are counted and 'Heeft dit artikel je geholpen?' is asked

    class Meta:
        verbose_name = _("article")

    def clean(self):
        super().clean()
        if self.last_reviewed and self.next_review_due and self.next_review_due <= self.last_reviewed:
            raise ValidationError({"next_review_due": _("The next review must come after the last one.")})
        if self.reviewer_id and not self.last_reviewed:
            raise ValidationError({"last_reviewed": _("Say when the medical reviewer last checked this article.")})
        if self.toc_link_page_id and not self.toc_link_label.strip():
            raise ValidationError({"toc_link_label": _("A link needs a text.")})

    # Cards ---------------------------------------------------------------------------------------

    @cached_property
    def card_summary(self) -> str:
        """The summary, or else the start of the lead paragraph: a card never goes without a text."""
        return self.summary or Truncator(self.intro).words(CARD_SUMMARY_WORDS)

    @cached_property
    def card_image(self):
        """The listing image, or else the topic's (one query, only for cards of articles without an image)."""
        if self.listing_image_id:
            return self.listing_image
        if hasattr(self, "topic_image_id"):
            image_id = self.topic_image_id
        else:
            image_id = TopicPage.objects.filter(pk=self.get_parent().pk).values_list("listing_image_id").first()
            image_id = image_id[0] if image_id else None
        if not image_id:
            return None
        images = get_image_model().objects.prefetch_renditions(*CARD.filter_specs())
        return images.filter(pk=image_id).first()

    @property
    def card_image_alt(self) -> str:
        """A topic image on a card is decoration beside the title: it gets empty alt text."""
        return self.listing_image_alt if self.listing_image_id else ""

    def listing_gaps(self) -> list[str]:
        """What cards of this article will fill in for the editor; shown above the editor before publishing."""
        gaps = []
        if not self.summary.strip():
            gaps.append(_("There is no summary: cards show the start of the lead paragraph instead."))
        if not self.listing_image_id:
            gaps.append(_("There is no listing image: cards show the image of the topic, if it has one."))
        return gaps

    # Reading ------------------------------------------------------------------------------------

    @cached_property
    def sections(self) -> list[tuple[str, object]]:
        """(anchor, block) for every top-level block; anchors are unique even for unvalidated data."""
        section_blocks = [block for block in self.body if block.block_type == "section"]
        anchors = iter(
            toc.unique_anchors(
                [block.value.get("anchor") or None for block in section_blocks],
                [block.value["heading"] for block in section_blocks],
            )
        )
        return [(next(anchors) if block.block_type == "section" else "", block) for block in self.body]

    @cached_property
    def table_of_contents(self) -> list[tuple[str, str]]:
        return [(anchor, block.value["heading"]) for anchor, block in self.sections if anchor]

    @cached_property
    def plain_text(self) -> str:
        key_points = [str(point.value) for point in self.key_points]
        return " ".join([self.title, self.intro, *key_points, stream_text(list(self.body.raw_data))])

    @cached_property
    def reading_minutes(self) -> int:
        return reading_minutes(word_count(self.plain_text))

    def pages_showing_this(self) -> list[Page]:
        """Articles listing this one as related, and the author's and reviewer's pages."""
        listing = Q(suggestions__article=self) | Q(related_links__article=self)
        articles = ArticlePage.objects.live().filter(listing).exclude(pk=self.pk).distinct()
        people = [person for person in (self.author, self.reviewer) if person is not None and person.live]
        return [*articles, *people]

    @cached_property
    def view_count(self) -> int:
        if not self.pk:
            return 0
        total = getattr(self, "view_total", None)
        return (total.views if total else 0) + view_store().pending([self.pk]).get(self.pk, 0)

    @property
    def review_is_overdue(self) -> bool:
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())

    def get_og_type(self) -> str:
        return "article"

    # Related articles -------------------------------------------------------------------------

    def _similarity_text(self) -> str:
        """Title, summary, lead, tags and section headings: what an article is about, cheaply."""
        headings = [block["value"].get("heading", "") for block in self.body.raw_data if block.get("type") == "section"]
        tags = [tag.name for tag in self.tags.all()]
        return " ".join([self.title, self.title, self.summary, self.intro, *tags, *tags, *headings])

    @cached_property
    def related_articles(self) -> list["ArticlePage"]:
        """Editor-picked first, then the suggestions scored at publication; one query for both."""
        if self.pk is None:  # a preview of an article that was never saved
            return []
        picked = RelatedArticle.objects.filter(source=self.pk, article=OuterRef("pk")).values("sort_order")
        suggested = RelatedSuggestion.objects.filter(source=self.pk, article=OuterRef("pk")).values("rank")
        articles = (
            ArticlePage.objects.live()
            .filter(~in_private_section())
            .exclude(pk=self.pk)
            # Narrowed by the two small link tables first, so the database scores a handful of rows,
            # not every live article (the filter on the annotations alone made it scan them all).
            .filter(
                Q(pk__in=RelatedArticle.objects.filter(source=self.pk).values("article"))
                | Q(pk__in=RelatedSuggestion.objects.filter(source=self.pk).values("article"))
            )
            .annotate(picked=Subquery(picked[:1]), suggested=Subquery(suggested[:1]))
            .order_by(F("picked").asc(nulls_last=True), "suggested")
            .for_listing()
        )
        return list(articles[:RELATED_LIMIT])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Asked for only when the fragment that shows them is rendered (core.fragments).
        context["related_articles"] = lambda: self.related_articles
        return context

    # What this page's template keeps as fragments, with what each depends on besides the content state.
    def _fragments(self, request):
        return [
            *[(name, (self.pk,)) for name in ("article-json-ld", "article-top", "article-body", "article-end")],
            *[(name, (self.pk,)) for name in ("page-meta", "site-menu", "breadcrumbs")],
            *[(name, (request.get_host(),)) for name in ("site-name", "site-footer")],
        ]

    def serve(self, request, *args, **kwargs):
        if fragments.prefetch(request, self._fragments(request)):
            return super().serve(request, *args, **kwargs)
        # Render inside the batch, so links and figures cost the same few queries however many there are.
        # The author box, the reviewer and the extra table-of-contents link come from the same batch.
        also = [(PersonPage, self.author_id), (PersonPage, self.reviewer_id), (Page, self.toc_link_page_id)]
        with prefetched_for(self.body, also=also) as batch:
            self.author, self.reviewer = batch.page(self.author_id), batch.page(self.reviewer_id)
            self.toc_link_page = batch.page(self.toc_link_page_id)
            response = super().serve(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        return response
