"""Related-article suggestions, scored when articles are published rather than on every request.

An article's suggestions are the most similar live, public articles from its topic or sharing a
tag with it (TF-IDF over title, summary, lead, tags and headings; see `similarity.py`). They are
stored as `RelatedSuggestion` rows. Publishing, unpublishing or moving an article scores it again,
together with every article whose suggestions it can change; a change of view restrictions scores
everything again. `manage.py rebuild_related_articles` does the same for all articles at once.
"""

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from wagtail.models import Page

from rugwijs.core.models import in_private_section

from .models import RELATED_LIMIT, ArticlePage, ArticlePageTag, RelatedArticle, RelatedSuggestion
from .similarity import similarity_scores

# Kept beyond what a page shows, so a suggestion that goes offline leaves the list full.
STORED_SUGGESTIONS = 2 * RELATED_LIMIT


def readable_articles():
    return ArticlePage.objects.live().filter(~in_private_section())


def _neighbours_q(article: ArticlePage) -> Q:
    """Articles in the same topic, or sharing a tag (as published)."""
    parent_path = article.path[: -article.steplen]
    tag_ids = ArticlePageTag.objects.filter(content_object=article.pk).values("tag")
    return Q(path__startswith=parent_path, depth=article.depth) | Q(tags__in=tag_ids)


def score_article(article: ArticlePage) -> list[RelatedSuggestion]:
    """Score one article's suggestions afresh and store them; an article readers cannot see gets none."""
    with transaction.atomic():
        RelatedSuggestion.objects.filter(source=article.pk).delete()
        # As stored, not as the caller's copy holds it: a signal may pass a page with unsaved changes.
        article = readable_articles().filter(pk=article.pk).prefetch_related("tags").first()
        if article is None:
            return []
        candidates = list(
            readable_articles()
            .filter(_neighbours_q(article))
            .exclude(pk=article.pk)
            .exclude(pk__in=RelatedArticle.objects.filter(source=article.pk).values("article"))  # shown anyway
            .distinct()
            .annotate(views=Coalesce("view_total__views", 0))
            .prefetch_related("tags")
        )
        texts = [candidate._similarity_text() for candidate in candidates]
        scores = similarity_scores(article._similarity_text(), texts)
        ranked = sorted(zip(scores, candidates, strict=True), key=lambda pair: (-pair[0], -pair[1].views, pair[1].pk))
        return RelatedSuggestion.objects.bulk_create(
            RelatedSuggestion(source_id=article.pk, article_id=candidate.pk, rank=rank, score=score)
            for rank, (score, candidate) in enumerate(ranked[:STORED_SUGGESTIONS])
        )


def affected_by(article: Page) -> list[ArticlePage]:
    """The article itself and every article whose suggestions it can change: its neighbours, those
    that suggest it now (it may have left their topic or dropped their tag) and those that pick it
    (a pick that goes offline leaves a place for a suggestion)."""
    affected = (
        Q(pk=article.pk)
        | _neighbours_q(article)
        | Q(pk__in=RelatedSuggestion.objects.filter(article=article.pk).values("source"))
        | Q(pk__in=RelatedArticle.objects.filter(article=article.pk).values("source"))
    )
    return list(ArticlePage.objects.filter(affected).distinct().order_by("path"))


def rescore_around(article: Page) -> None:
    for affected in affected_by(article):
        score_article(affected)


def rebuild_all() -> int:
    """Score every article again; returns how many were scored."""
    with transaction.atomic():
        RelatedSuggestion.objects.all().delete()
        articles = list(readable_articles().order_by("path"))
        for article in articles:
            score_article(article)
    return len(articles)
