"""`make backup` and `make restore`: a backup brought back into an empty set-up is the same site.

The restore runs as an operator runs it, `manage.py restore` in its own process, pointed at a database
that has never been used (a new SQLite file, a new PostgreSQL database) and an empty MEDIA_ROOT.
"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from rugwijs.engagement.models import HelpfulnessVote, PageViewTotal

from ...engagement.tests.conftest import BROWSER

# pg_dump and SQLite's backup read committed rows only, as they do on a running site.
committed = pytest.mark.django_db(transaction=True)

# What a reader or an editor would miss after a bad restore; CAST makes JSON text on either engine.
SNAPSHOT = {
    "pages": "SELECT p.id, p.title, p.slug, p.url_path, p.live, CAST(r.content AS TEXT) FROM wagtailcore_page p"
    " LEFT JOIN wagtailcore_revision r ON r.id = p.live_revision_id ORDER BY p.id",
    "view counts": "SELECT page_id, views FROM engagement_pageviewtotal ORDER BY page_id",
    "votes": "SELECT page_id, day, helpful, comment FROM engagement_helpfulnessvote ORDER BY id",
    "media files": "SELECT file FROM wagtailimages_image UNION SELECT file FROM wagtailimages_rendition ORDER BY 1",
}


def snapshot(cursor) -> dict:
    result = {}
    for name, query in SNAPSHOT.items():
        cursor.execute(query)
        result[name] = [tuple(row) for row in cursor.fetchall()]
    return result


def post(client, path, data=None, ip="192.0.2.10"):
    headers = {"REMOTE_ADDR": ip, "HTTP_USER_AGENT": BROWSER, "HTTP_SEC_FETCH_SITE": "same-origin"}
    return client.post(path, data or {}, HTTP_ACCEPT="application/json", **headers)


@pytest.fixture
def read_and_voted_site(demo_site, client):
    """The demo site after three readers viewed the article and two voted, one with a comment."""
    before = PageViewTotal.objects.get(page=demo_site).views
    for number in range(3):
        assert post(client, f"/engagement/views/{demo_site.pk}/", ip=f"198.51.100.{number}").status_code == 200
    token = post(client, f"/engagement/helpful/{demo_site.pk}/", {"helpful": "nee"}).json()["token"]
    comment = {"token": token, "comment": "Meer over slapen, graag."}
    assert post(client, f"/engagement/helpful/{demo_site.pk}/comment/", comment).status_code == 201
    assert post(client, f"/engagement/helpful/{demo_site.pk}/", {"helpful": "ja"}, ip="192.0.2.11").status_code == 201
    call_command("flush_view_buffer")  # with Redis the views wait in its buffer; a backup flushes it too
    assert PageViewTotal.objects.get(page=demo_site).views == before + 3
    assert HelpfulnessVote.objects.filter(comment="Meer over slapen, graag.").exists()
    return demo_site


def restore_elsewhere(backup: Path, database_url: str, media_root: Path) -> subprocess.CompletedProcess:
    """`manage.py restore` in a process of its own, configured as an operator would configure a new server."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rugwijs.settings.dev",
        "ENV_FILE": "/nonexistent/.env",
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
    }
    command = [sys.executable, "manage.py", "restore", str(backup)]
    return subprocess.run(command, cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=120)


def back_up(tmp_path) -> Path:
    call_command("backup", output_dir=tmp_path / "backups", stdout=open(os.devnull, "w"))  # noqa: SIM115
    (folder,) = (tmp_path / "backups").iterdir()
    return folder


def sqlite_snapshot(path) -> dict:
    database = sqlite3.connect(path)
    try:
        return snapshot(database.cursor())
    finally:
        database.close()


def postgresql_url(settings_dict, name) -> str:
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    address = f"{settings_dict['HOST']}:{settings_dict['PORT'] or 5432}"
    return f"postgres://{settings_dict['USER']}{password}@{address}/{name}"


def postgresql_snapshot(url) -> dict:
    import psycopg

    with psycopg.connect(url) as database:
        return snapshot(database.cursor())


def assert_same_site(original: dict, restored: dict, media_root: Path):
    assert original["media files"], "the demo has images, so media files are put to the test"
    for name in SNAPSHOT:
        assert restored[name] == original[name], name
    for (name,) in original["media files"]:
        assert (media_root / name).read_bytes() == (Path(settings.MEDIA_ROOT) / name).read_bytes(), name


@committed
@pytest.mark.sqlite
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the PostgreSQL test covers this engine")
def test_a_sqlite_backup_restores_into_a_new_database(read_and_voted_site, tmp_path):
    backup = back_up(tmp_path)
    assert {path.name for path in backup.iterdir()} == {"manifest.json", "database.sqlite3", "media"}

    fresh, media_root = tmp_path / "new" / "db.sqlite3", tmp_path / "new" / "media"
    result = restore_elsewhere(backup, f"sqlite:///{fresh}", media_root)
    assert result.returncode == 0, result.stderr

    # Both read with sqlite3 itself, so Django's type conversions play no part in the comparison.
    assert_same_site(sqlite_snapshot(connection.settings_dict["NAME"]), sqlite_snapshot(fresh), media_root)


@committed
@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs DATABASE_URL on PostgreSQL")
def test_a_postgresql_backup_restores_into_a_new_database(read_and_voted_site, tmp_path):
    backup = back_up(tmp_path)
    assert {path.name for path in backup.iterdir()} == {"manifest.json", "database.pgdump", "media"}

    source = connection.settings_dict
    fresh = f"{source['NAME']}_restored"  # beside the test database, named after it
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        url = postgresql_url(source, fresh)
        media_root = tmp_path / "new" / "media"
        result = restore_elsewhere(backup, url, media_root)
        assert result.returncode == 0, result.stderr

        original = postgresql_snapshot(postgresql_url(source, source["NAME"]))
        assert_same_site(original, postgresql_snapshot(url), media_root)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


# These two are refused before anything is written; the backup holds the demo as committed at set-up.
@pytest.mark.django_db
def test_restore_refuses_to_overwrite_a_site_with_content(demo_site, tmp_path):
    backup = back_up(tmp_path)
    HelpfulnessVote.objects.create(page=demo_site, day="2026-01-01", helpful=True, comment="Na de back-up")
    with pytest.raises(CommandError, match=r"The database already has content \(\d+ pages.*--force"):
        call_command("restore", str(backup))
    assert HelpfulnessVote.objects.filter(comment="Na de back-up").exists()


@pytest.mark.django_db
def test_restore_refuses_a_damaged_backup(demo_site, tmp_path):
    backup = back_up(tmp_path)
    database = next(backup.glob("database.*"))
    database.write_bytes(database.read_bytes()[:-1])
    with pytest.raises(CommandError, match=rf"damaged: {database.name} is missing or changed"):
        call_command("restore", str(backup), force=True)
