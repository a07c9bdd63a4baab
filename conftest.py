"""Fixtures shared by every app's tests."""

import itertools
import os
import types

import pytest

from rugwijs.core.testing import DatabaseSnapshot, load_demo

_rate_limit_windows = itertools.count()


@pytest.fixture(autouse=True)
def steady_rate_limit_clock(monkeypatch):
    """django-ratelimit counts in fixed clock windows; a test whose requests straddled the edge of
    one saw its count start again halfway (the flaky "fails once in 15 runs").

    Its clock stands still during each test, and every test gets a window of its own, an hour
    from the last, so counts from one test never reach the next.
    """
    import django_ratelimit.core

    frozen = 1_800_000_000 + 3600 * next(_rate_limit_windows)
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: frozen))
    return frozen


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the demo site once per run; each test then works inside a transaction that is rolled back."""
    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """The demo site's tables, copied the first time a transactional test needs the demo.

    Transactional tests empty the database when they end; putting the copy back takes a fraction of
    the time that building the site again takes.
    """
    with django_db_blocker.unblock():
        load_demo()  # builds only when an earlier transactional test (one without the demo) emptied it
        return DatabaseSnapshot("demo")


@pytest.fixture(scope="session", autouse=True)
def salt_folder_removed_after_the_run():
    """The day's salt of a test run (settings.test: var/test-salt-<pid>) goes when the run ends."""
    yield
    import shutil

    from django.conf import settings

    if settings.SALT_DIR.name.startswith("test-salt-"):
        shutil.rmtree(settings.SALT_DIR, ignore_errors=True)


@pytest.fixture
def demo_site(request, db):
    """The full demo site, as `make run` builds it; returns the demo article.

    Transactional tests empty the database afterwards, so the next one that needs the site gets its
    rows back from `demo_snapshot`.
    """
    from django.db import connection

    if not connection.in_atomic_block:  # a transactional test: what it finds is committed
        snapshot = request.getfixturevalue("demo_snapshot")
        from rugwijs.articles.models import ArticlePage

        if not ArticlePage.objects.filter(slug="stress-en-rugpijn").exists():
            snapshot.restore()
    return load_demo()


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin client, also past the second factor every admin account needs."""
    from django.test import Client

    from rugwijs.accounts.testing import log_in_verified

    client = Client()
    log_in_verified(client, admin_user)
    return client


@pytest.fixture(scope="session")
def collected_static():
    """collectstatic's output under the production storage (hashed names, .gz and .br copies), once per run.

    Compressing every file takes tens of seconds, so the test servers share one copy. It lives under
    var/, which a proxy's unprivileged worker processes can read (pytest's temporary folders are private).
    """
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from rugwijs.core.tests.test_production_server import _make_run_environment

    repo = Path(__file__).resolve().parent
    static_root = repo / "var" / f"test-static-{os.getpid()}"
    environment = {
        **os.environ,
        **_make_run_environment(),
        "STATIC_ROOT": str(static_root),
        "SECRET_KEY": "collectstatic-for-tests-" + "x" * 30,
    }
    subprocess.run(  # noqa: S603 - manage.py with fixed arguments
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=repo, env=environment, check=True
    )
    yield static_root
    shutil.rmtree(static_root, ignore_errors=True)
