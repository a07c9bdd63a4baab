"""Atomic counters: safe when many requests add to the same row at once, on SQLite and PostgreSQL."""

from django.db import IntegrityError, models, transaction
from django.db.models import F


def increment(model: type[models.Model], field: str, **lookup) -> None:
    """Add one to `field` of the row matching `lookup` (unique together), creating the row if needed."""
    if model.objects.filter(**lookup).update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**{field: 1}, **lookup)
    except IntegrityError:  # a concurrent request created it between our update and insert
        model.objects.filter(**lookup).update(**{field: F(field) + 1})
