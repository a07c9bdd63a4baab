"""Keep related-article suggestions current as articles are published, unpublished and moved."""

from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from rugwijs.core import frontend_cache

from . import related
from .models import ArticlePage


def _rescore(sender, instance, **kwargs):
    related.rescore_around(instance)
    # Articles that list this one only now render differently; what listed it before is purged already.
    frontend_cache.purge_pages(ArticlePage.objects.live().filter(suggestions__article=instance).distinct())


def _rebuild(sender, **kwargs):
    # A restriction hides or shows a whole section; rare enough to score everything again.
    related.rebuild_all()


def _score_unscored(sender, using, **kwargs):
    # A database migrated from before suggestions were stored has none yet.
    if related.RelatedSuggestion._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated back to before they existed
    if not related.RelatedSuggestion.objects.exists() and related.readable_articles().exists():
        related.rebuild_all()


def connect(app_config):
    for name, signal in {"published": page_published, "unpublished": page_unpublished, "moved": post_page_move}.items():
        signal.connect(_rescore, sender=ArticlePage, dispatch_uid=f"rugwijs.articles.related.{name}")
    for name, signal in {"saved": post_save, "deleted": post_delete}.items():
        signal.connect(_rebuild, sender=PageViewRestriction, dispatch_uid=f"rugwijs.articles.restriction.{name}")
    post_migrate.connect(_score_unscored, sender=app_config, dispatch_uid="rugwijs.articles.related.migrated")
