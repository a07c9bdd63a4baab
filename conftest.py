"""Fixtures shared by every app's tests."""

import itertools
import os
import types

import pytest
from django.test import TransactionTestCase

from rugwijs.core.testing import DatabaseSnapshot, load_demo, render_every_live_page

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


DEMO_SNAPSHOT = pytest.StashKey[DatabaseSnapshot]()


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """Build the demo site once per run, with the renditions of its images, and keep a copy of its tables.

    Most tests work inside a transaction that is rolled back. Transactional tests (servers, browsers,
    concurrency) commit; where Django would empty the database after each of them, the copy is put
    back instead (`_restore_demo_instead_of_flush`), so every test starts with the demo site whatever
    ran before it, in whichever worker process (pytest-xdist) and order.
    """
    with django_db_blocker.unblock():
        load_demo()
        render_every_live_page()
        request.config.stash[DEMO_SNAPSHOT] = _demo_restore.snapshot = DatabaseSnapshot("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", _restore_demo_instead_of_flush)
        yield


@pytest.fixture(scope="session")
def demo_snapshot(request, django_db_setup) -> DatabaseSnapshot:
    return request.config.stash[DEMO_SNAPSHOT]


def pytest_runtest_setup(item):
    """A test marked `postgres` needs the test database on PostgreSQL: elsewhere it skips and says so
    (CI's SQLite pass deselects these with -m, so nothing skips there)."""
    if item.get_closest_marker("postgres") is None:
        return
    from django.conf import settings

    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (see the README's test section)")


# What the test ending now needs: is the demo to be put back after it (see the two functions below)?
_demo_restore = types.SimpleNamespace(snapshot=None, wanted=True)


def _restore_demo_instead_of_flush(test_case):
    """Ends a transactional test in place of TransactionTestCase._fixture_teardown.

    Django would empty every table (`flush`, then post_migrate re-creating content types and
    permissions), only for the demo to be copied back over it: on PostgreSQL that flush cost more
    than the copy itself, one to two seconds per test. The copy replaces every table's rows anyway.
    """
    if _demo_restore.wanted:
        _demo_restore.snapshot.restore()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A browser test restores its own copy (with image renditions) when it starts (tests/browser's
    `site`), and after the last test nothing needs the demo: then the test's end leaves the tables as
    they are."""
    next_is_browser = nextitem is not None and nextitem.get_closest_marker("browser") is not None
    _demo_restore.wanted = not (nextitem is None or (next_is_browser and "site" in nextitem.fixturenames))
    try:
        return (yield)
    finally:
        _demo_restore.wanted = True


@pytest.fixture(autouse=True)
def no_view_state_between_tests():
    """With Redis, visitor marks and unflushed views live there (view_store.py), beside a database that
    is rolled back after each test: each test starts without them (nor any left by an earlier run), so
    one test's reader is never a repeat in the next. So does what this process remembers of which pages
    count views (a rollback sends no signal)."""
    from rugwijs.core.cache import REDIS_DOWN_ERRORS
    from rugwijs.engagement import countable
    from rugwijs.engagement.view_store import BUFFER_KEY, MARK_KEY, PROCESSING_KEY, RedisBufferedViewStore, view_store

    countable.forget()
    store = view_store()
    if isinstance(store, RedisBufferedViewStore):
        try:
            client = store.client()
            stale = list(client.scan_iter(match=store.key(MARK_KEY) + "*", count=1000))
            client.delete(store.key(BUFFER_KEY), store.key(PROCESSING_KEY), *stale)
        except REDIS_DOWN_ERRORS:
            pass  # a Redis that is down holds nothing this test could find
    yield


@pytest.fixture
def demo_site(db):
    """The full demo site, as `make run` builds it; returns the demo article."""
    return load_demo()


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin client, also past the second factor every admin account needs."""
    from django.test import Client

    from rugwijs.accounts.testing import log_in_verified

    client = Client()
    log_in_verified(client, admin_user)
    return client


def _shared_by_the_run(name: str):
    """var/<name>-<run>: one folder per test run, shared by its worker processes (pytest-xdist's
    workers are children of the process that started the run)."""
    from pathlib import Path

    run = os.getppid() if os.environ.get("PYTEST_XDIST_WORKER") else os.getpid()
    return Path(__file__).resolve().parent / "var" / f"{name}-{run}"


@pytest.fixture(scope="session")
def collected_static():
    """collectstatic's output under the production storage (hashed names, .gz and .br copies), once per run.

    Compressing every file takes 15 to 20 seconds, so the test servers of all worker processes share
    one copy: the first to need it collects while the others wait on the lock. It lives under var/,
    which a proxy's unprivileged worker processes can read (pytest's temporary folders are private).
    """
    import fcntl
    import subprocess
    import sys

    from rugwijs.core.tests.test_production_server import _make_run_environment

    static_root = _shared_by_the_run("test-static")
    static_root.parent.mkdir(exist_ok=True)
    collected = static_root.with_suffix(".collected")
    with open(static_root.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not collected.exists():
            environment = {
                **os.environ,
                **_make_run_environment(),
                "STATIC_ROOT": str(static_root),
                "SECRET_KEY": "collectstatic-for-tests-" + "x" * 30,
            }
            subprocess.run(  # noqa: S603 - manage.py with fixed arguments
                [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
                cwd=static_root.parent.parent,
                env=environment,
                check=True,
            )
            collected.touch()
    return static_root


@pytest.hookimpl(trylast=True)  # after the session's fixtures, so after the test database is gone
def pytest_sessionfinish(session):
    """Each process removes what it left under var/; the one that started the run, what its workers shared."""
    import shutil
    from pathlib import Path

    var = Path(__file__).resolve().parent / "var"
    # SQLite's write-ahead log and index of a test database (settings.test) that a connection
    # still held open when Django deleted the database file.
    for leftover in var.glob(f"test-{os.getpid()}.sqlite3*"):
        leftover.unlink(missing_ok=True)
    from django.conf import settings

    for folder in (Path(settings.SALT_DIR), Path(settings.MEDIA_ROOT)):  # the day's salt; the demo's images
        if folder.name.startswith(("test-salt-", "test-media")):  # not a folder a test run was given
            shutil.rmtree(folder, ignore_errors=True)
    if hasattr(session.config, "workerinput"):
        return

    static_root = _shared_by_the_run("test-static")
    shutil.rmtree(static_root, ignore_errors=True)
    for leftover in (static_root.with_suffix(".collected"), static_root.with_suffix(".lock")):
        leftover.unlink(missing_ok=True)
