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


def _topic_path(article: ArticlePage) -> str:
    """The tree path of the article's parent, its topic."""
    return article.path[: -article.steplen]


def _neighbours_q(article: ArticlePage) -> Q:
    """Articles in the same topic, or sharing a tag (as published)."""
    tag_ids = ArticlePageTag.objects.filter(content_object=article.pk).values("tag")
    return Q(path__startswith=_topic_path(article), depth=article.depth) | Q(tags__in=tag_ids)


def score_articles(articles) -> dict[int, list[RelatedSuggestion]]:
    """Score these articles' suggestions afresh and store them; returns them by article id.

    One pass for all of them: the candidates (every readable article in their topics or sharing one
    of their tags) and their texts are loaded once, not once per article, so publishing an article,
    which scores its whole neighbourhood, costs a handful of queries. An article readers cannot see
    gets no suggestions.
    """
    ids = {article.pk for article in articles}
    with transaction.atomic():
        RelatedSuggestion.objects.filter(source__in=ids).delete()
        # As stored, not as the caller's copies hold them: a signal may pass a page with unsaved changes.
        sources = list(readable_articles().filter(pk__in=ids).prefetch_related("tags").order_by("path"))
        if not sources:
            return {}
        topics = {_topic_path(source) for source in sources}
        depths = {source.depth for source in sources}
        tags = {tag.pk for source in sources for tag in source.tags.all()}
        in_a_topic = Q()
        for topic in topics:
            in_a_topic |= Q(path__startswith=topic)
        pool = list(
            readable_articles()
            .filter((in_a_topic & Q(depth__in=depths)) | Q(tags__in=tags))
            .distinct()
            .annotate(views=Coalesce("view_total__views", 0))
            .prefetch_related("tags")
        )
        texts = {candidate.pk: candidate._similarity_text() for candidate in pool}
        candidate_tags = {candidate.pk: {tag.pk for tag in candidate.tags.all()} for candidate in pool}
        picked: dict[int, set[int]] = {}
        for source_id, article_id in RelatedArticle.objects.filter(source__in=ids).values_list("source", "article"):
            picked.setdefault(source_id, set()).add(article_id)  # shown anyway, so never suggested too

        suggestions = []
        scored: dict[int, list[RelatedSuggestion]] = {}
        for source in sources:
            topic, own_tags = _topic_path(source), {tag.pk for tag in source.tags.all()}
            candidates = [
                candidate
                for candidate in pool
                if candidate.pk != source.pk
                and candidate.pk not in picked.get(source.pk, ())
                and (
                    (_topic_path(candidate) == topic and candidate.depth == source.depth)
                    or own_tags & candidate_tags[candidate.pk]
                )
            ]
            scores = similarity_scores(source._similarity_text(), [texts[candidate.pk] for candidate in candidates])
            ranked = sorted(
                zip(scores, candidates, strict=True), key=lambda pair: (-pair[0], -pair[1].views, pair[1].pk)
            )
            scored[source.pk] = [
                RelatedSuggestion(source_id=source.pk, article_id=candidate.pk, rank=rank, score=score)
                for rank, (score, candidate) in enumerate(ranked[:STORED_SUGGESTIONS])
            ]
            suggestions += scored[source.pk]
        RelatedSuggestion.objects.bulk_create(suggestions)
    return scored


def score_article(article: ArticlePage) -> list[RelatedSuggestion]:
    """Score one article's suggestions afresh and store them."""
    return score_articles([article]).get(article.pk, [])


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
    score_articles(affected_by(article))


def rebuild_all() -> int:
    """Score every article again; returns how many were scored."""
    with transaction.atomic():
        RelatedSuggestion.objects.all().delete()
        articles = list(readable_articles().order_by("path"))
        score_articles(articles)
    return len(articles)
