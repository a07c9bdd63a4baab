"""Helpers for the test suite that test modules import (pytest's conftest files cannot be imported reliably)."""

import os
import socket

import pytest


def load_demo():
    """The demo site as `make run` builds it, built only when missing; returns the demo article."""
    from rugwijs.articles.models import ArticlePage
    from rugwijs.demo.loader import DemoLoader

    if not ArticlePage.objects.filter(slug="stress-en-rugpijn").exists():
        DemoLoader().load()
    return ArticlePage.objects.get(slug="stress-en-rugpijn")


def render_every_live_page() -> None:
    """Requests every live page (and a search with results) once, as an anonymous reader.

    Rendering makes the image renditions the pages show. Made once before the demo is copied
    (conftest's `django_db_setup`), they are part of that copy, so a test that renders a page does
    not resize and encode its images again: that took about a second per test, because a test's
    own renditions are rolled back with everything else it wrote.
    """
    from django.test import Client
    from wagtail.models import Page

    client = Client()
    pages = [page for page in Page.objects.live().filter(depth__gt=1).specific() if page.get_url()]
    # A course lesson that is not a free preview is for its learners only: 403 for anyone else.
    expected = [(page.get_url(), 403 if getattr(page, "learners_only", False) else 200) for page in pages]
    for url, wanted in [*expected, ("/zoeken/?q=rugpijn", 200)]:
        status = client.get(url).status_code
        if status != wanted:
            pytest.fail(f"the demo's {url} answered {status} before any test ran")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def require_service(env_name: str, what: str) -> str:
    """The service URL from the environment; in CI its absence is a failure, elsewhere a skip."""
    url = os.environ.get(env_name, "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{env_name} is not set, but CI must test against {what}.")
        pytest.skip(f"{env_name} is not set: {what} is not available on this machine.")
    return url


class DatabaseSnapshot:
    """Every table of the test database as it is now, put back in well under a second.

    Transactional tests (browser, servers, concurrency) empty the database when they end. Putting the
    demo back row by row through Django's serializer took about a second per test on SQLite and two to
    three on PostgreSQL; these copies work below the ORM instead:
    - SQLite: the online backup API copies the whole file into memory and back, page by page.
    - PostgreSQL: each table is copied once into a schema of its own, and back with INSERT ... SELECT
      inside one transaction (Django's foreign keys are deferred to the commit).
    Django's own fixtures cannot do either: they go through the serializer too.
    """

    def __init__(self, label: str):
        from django.db import connection

        self.label = label
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            import sqlite3

            self._copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self._copy)
        elif connection.vendor == "postgresql":
            self._schema = f"snapshot_{label}"
            with connection.cursor() as cursor:
                cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
                self._tables = [name for (name,) in cursor.fetchall()]
                cursor.execute(f'DROP SCHEMA IF EXISTS "{self._schema}" CASCADE')
                cursor.execute(f'CREATE SCHEMA "{self._schema}"')
                for table in self._tables:
                    cursor.execute(f'CREATE TABLE "{self._schema}"."{table}" AS TABLE public."{table}"')
        else:
            raise NotImplementedError(f"no snapshot for {connection.vendor}")

    def restore(self) -> None:
        """Replace every table's rows with the snapshot's (committed), and start every cache afresh."""
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType
        from django.core.cache import caches
        from django.core.management.color import no_style
        from django.db import connection, transaction

        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._copy.backup(connection.connection)
        else:
            with transaction.atomic(), connection.cursor() as cursor:
                # DELETE, not TRUNCATE: these tables hold a few hundred rows, and TRUNCATE gives each of
                # them new files (0.2 s of the 0.3 s a copy took). Django's foreign keys are checked at
                # the commit, when every row is back.
                for table in self._tables:
                    cursor.execute(f'DELETE FROM public."{table}"')  # noqa: S608 - a name from pg_tables
                for table in self._tables:
                    # Names from pg_tables and our own label, never from input.
                    copy_back = f'INSERT INTO public."{table}" SELECT * FROM "{self._schema}"."{table}"'  # noqa: S608
                    cursor.execute(copy_back)
                # The rows came back with their ids; sequences must move past them, or the next insert
                # collides with a restored row.
                for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                    cursor.execute(statement)
        ContentType.objects.clear_cache()
        for each in caches.all():  # rate limits, login failures and Wagtail's site roots start fresh too
            each.clear()
