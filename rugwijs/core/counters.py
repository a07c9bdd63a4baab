"""Atomic counters: safe when many requests add to the same row at once, on SQLite and PostgreSQL."""

from django.db import connection, models


def _upsert(model: type[models.Model], lookup: dict, conflict_action: str, extra: dict | None = None) -> int:
    """INSERT the row made of `lookup` (and `extra`); on a conflict over the lookup's columns, do
    `conflict_action`. Returns the number of rows written (0 when the action did nothing).

    Written as SQL because the ORM has no atomic upsert that adds to a column: bulk_create's
    update_conflicts can only set the new row's value. SQLite (3.24 and newer) and PostgreSQL both
    speak this form, and it is one statement: no savepoint, no retry, no window between two queries.
    """
    meta, quote = model._meta, connection.ops.quote_name
    row = {**lookup, **(extra or {})}
    fields = [meta.get_field(name) for name in row]
    columns = ", ".join(quote(field.column) for field in fields)
    conflict = ", ".join(quote(meta.get_field(name).column) for name in lookup)
    # A related object stands for its key, as in the ORM's own lookups.
    row_values = [value.pk if isinstance(value, models.Model) else value for value in row.values()]
    values = [field.get_db_prep_save(value, connection) for field, value in zip(fields, row_values, strict=True)]
    placeholders = ", ".join(["%s"] * len(values))
    statement = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders}) "  # noqa: S608 - names from _meta
        f"ON CONFLICT ({conflict}) DO {conflict_action}"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, values)
        return cursor.rowcount


def increment(model: type[models.Model], field: str, **lookup) -> None:
    """Add one to `field` of the row matching `lookup` (unique together), creating the row if needed."""
    column = connection.ops.quote_name(model._meta.get_field(field).column)
    table = connection.ops.quote_name(model._meta.db_table)
    _upsert(model, lookup, f"UPDATE SET {column} = {table}.{column} + 1", extra={field: 1})


def insert_once(model: type[models.Model], **row) -> bool:
    """Insert the row unless one with the same primary key exists; True when it was inserted."""
    primary_key = model._meta.pk.name
    key = {primary_key: row.pop(primary_key)}
    return _upsert(model, key, "NOTHING", extra=row) == 1
