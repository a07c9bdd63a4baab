"""Backups: the database and the uploaded media in one folder, and the way back into an empty set-up.

A backup is a folder `<BACKUP_DIR>/rugwijs-<UTC time>/` holding

- `manifest.json`: when and from which database engine it was made, and each file's size and SHA-256;
- `database.sqlite3` (SQLite, copied with SQLite's online backup API) or `database.pgdump`
  (PostgreSQL, `pg_dump`'s custom format);
- `media/`: a copy of MEDIA_ROOT (uploaded images and their renditions).

Both database copies are one consistent snapshot taken while the site keeps running. The folder is
written under a temporary name and renamed once complete, so a folder with a final name is always whole.
We call SQLite's and PostgreSQL's own tools rather than `dumpdata`: they copy every table exactly,
sequences and all, and `dumpdata` is slow and loses nothing only with care.
"""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connections

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
_DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
_ENGINES = {"django.db.backends.sqlite3": "sqlite", "django.db.backends.postgresql": "postgresql"}


class BackupError(Exception):
    """Something the operator must fix; the message says what."""


# --- Making a backup -----------------------------------------------------------------------


def create_backup(backup_dir: Path, media_root: Path, alias: str = "default") -> Path:
    """Copy the database and MEDIA_ROOT into a new folder under backup_dir; returns that folder."""
    connection = connections[alias]
    engine = _engine(connection)
    backup_dir.mkdir(parents=True, exist_ok=True)
    name = _free_name(backup_dir, datetime.now(UTC).strftime("rugwijs-%Y%m%d-%H%M%SZ"))
    partial = backup_dir / f".{name}.partial"
    partial.mkdir()
    try:
        manifest = {"format": FORMAT, "created": datetime.now(UTC).isoformat(), "engine": engine}
        database_file = partial / _DATABASE_FILES[engine]
        if engine == "sqlite":
            _dump_sqlite(connection.settings_dict["NAME"], database_file)
        else:
            manifest["pg_dump_major"] = _dump_postgresql(connection, database_file)
        # After the database: an upload made meanwhile is then at most an extra file, never a missing one.
        if Path(media_root).is_dir():
            shutil.copytree(media_root, partial / MEDIA)
        else:
            (partial / MEDIA).mkdir()
        manifest["files"] = {path: _describe(partial / path) for path in _files(partial)}
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
        partial.rename(backup_dir / name)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return backup_dir / name


def _free_name(backup_dir: Path, name: str) -> str:
    candidate, number = name, 1
    while (backup_dir / candidate).exists():
        number += 1
        candidate = f"{name}-{number}"
    return candidate


def _dump_sqlite(source_path: str, target: Path) -> None:
    # Its own connection, outside any transaction of Django's: the copy holds committed data only.
    source = sqlite3.connect(source_path)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # all pages in one step: one read transaction, one consistent snapshot
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        if copy.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError(f"The copy of {source_path} failed SQLite's integrity check.")
    finally:
        copy.close()
        source.close()


def _dump_postgresql(connection, target: Path) -> int:
    tool = _postgresql_tool("pg_dump")
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    if tool.major < server_major:
        raise BackupError(
            f"pg_dump {tool.major} cannot dump a PostgreSQL {server_major} server. Install the PostgreSQL "
            f"{server_major} client tools (Debian: postgresql-client-{server_major}) and put them first on PATH."
        )
    _run([tool.path, "--format=custom", f"--file={target}"], connection.settings_dict)
    return tool.major


# --- Restoring -----------------------------------------------------------------------------


def restore_backup(backup: Path, media_root: Path, alias: str = "default", force: bool = False) -> dict:
    """Put a backup back: first every check, then the database, then the media files.

    Refuses to overwrite a database with content or a MEDIA_ROOT with files unless forced.
    Returns the manifest.
    """
    manifest = read_manifest(backup)
    connection = connections[alias]
    engine = _engine(connection)
    if manifest["engine"] != engine:
        raise BackupError(
            f"This backup holds a {manifest['engine']} database; this site runs on {engine}. "
            "Restore it into a site on the same engine."
        )
    if engine == "sqlite":
        Path(connection.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    if not force:
        content = database_content(alias)
        if content:
            raise BackupError(
                f"The database already has content ({', '.join(content)}). Restore into an empty "
                "database, or add --force (make restore FORCE=1) to replace it."
            )
        files = sum(1 for path in Path(media_root).rglob("*") if path.is_file()) if Path(media_root).is_dir() else 0
        if files:
            raise BackupError(
                f"MEDIA_ROOT ({media_root}) already holds {files} files. Restore into an empty "
                "MEDIA_ROOT, or add --force (make restore FORCE=1) to write over them."
            )
    database_file = backup / _DATABASE_FILES[engine]
    connection.close()  # the restore replaces what this connection would see
    if engine == "sqlite":
        _load_sqlite(database_file, Path(connection.settings_dict["NAME"]))
    else:
        _load_postgresql(database_file, connection.settings_dict, manifest)
    # Existing files the backup does not hold are left alone: they are not the backup's to delete.
    shutil.copytree(backup / MEDIA, media_root, dirs_exist_ok=True)
    return manifest


def read_manifest(backup: Path) -> dict:
    """The backup's manifest, after checking that every file it lists is there, unchanged."""
    try:
        manifest = json.loads((backup / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{backup} is not a Rugwijs backup: it has no {MANIFEST}.") from None
    except (OSError, ValueError) as error:
        raise BackupError(f"The manifest of {backup} cannot be read: {error}") from None
    if manifest.get("format") != FORMAT or manifest.get("engine") not in _DATABASE_FILES:
        raise BackupError(f"{backup} is a backup in a format this version does not know.")
    for path, expected in manifest.get("files", {}).items():
        if not (backup / path).is_file() or _describe(backup / path) != expected:
            raise BackupError(f"{backup} is damaged: {path} is missing or changed since the backup was made.")
    if _DATABASE_FILES[manifest["engine"]] not in manifest.get("files", {}):
        raise BackupError(f"{backup} is incomplete: it holds no database.")
    return manifest


def database_content(alias: str = "default") -> list[str]:
    """What the database already holds that a restore would destroy, e.g. ["40 pages", "1 user account"].

    Empty for a database that was never migrated and for one that holds only what migrations create
    (Wagtail's root page and its plain welcome page, permissions, content types).
    """
    from wagtail.models import Page

    connection = connections[alias]
    tables = set(connection.introspection.table_names())

    def count(queryset) -> int:
        return queryset.using(alias).count() if queryset.model._meta.db_table in tables else 0

    found = []
    # Pages that are more than Wagtail's initial root and welcome page, which are plain `Page`s.
    pages = count(Page.objects.filter(depth__gt=1).exclude(content_type__app_label="wagtailcore"))
    if pages:
        found.append(f"{pages} pages")
    users = count(get_user_model().objects.all())
    if users:
        found.append(f"{users} user accounts")
    for label in ("wagtailimages.Image", "wagtaildocs.Document"):
        model = apps.get_model(label)
        if number := count(model.objects.all()):
            found.append(f"{number} {model._meta.verbose_name_plural}")
    for model in apps.get_models():
        meta = model._meta
        if meta.app_config.name.startswith("rugwijs.") and not meta.proxy and meta.managed:
            if number := count(model._default_manager.all()):
                found.append(f"{number} rows in {meta.db_table}")
    return found


def _load_sqlite(source: Path, target: Path) -> None:
    backup_copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    database = sqlite3.connect(target)
    try:
        backup_copy.backup(database)  # replaces every page of the target, whatever it held
        database.execute("PRAGMA journal_mode=WAL")  # as the site's settings run it
    finally:
        database.close()
        backup_copy.close()


def _load_postgresql(source: Path, settings_dict: dict, manifest: dict) -> None:
    tool = _postgresql_tool("pg_restore")
    made_by = manifest.get("pg_dump_major", 0)
    if tool.major < made_by:
        raise BackupError(
            f"This backup was made with pg_dump {made_by}; pg_restore {tool.major} cannot read it. "
            f"Install the PostgreSQL {made_by} client tools or newer."
        )
    # --clean drops the tables of a migrated but empty database first; one transaction, so a failure
    # leaves the database as it was. Owners and grants belong to the old server's roles, not this one's.
    options = ["--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges"]
    _run([tool.path, *options, f"--dbname={settings_dict['NAME']}", str(source)], settings_dict)


# --- Helpers -------------------------------------------------------------------------------


class _Tool:
    def __init__(self, path: str, major: int):
        self.path, self.major = path, major


def _postgresql_tool(name: str) -> _Tool:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed. Install the PostgreSQL client tools (Debian: postgresql-client).")
    version = subprocess.run([path, "--version"], capture_output=True, text=True, check=False).stdout  # noqa: S603
    match = re.search(r"(\d+)(?:\.\d+)?", version)
    if match is None:
        raise BackupError(f"Cannot tell the version of {path} from {version!r}.")
    return _Tool(path, int(match.group(1)))


def _run(command: list[str], settings_dict: dict) -> None:
    """Run a PostgreSQL client tool; the password goes in its environment, never on its command line."""
    environment = {**os.environ}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    environment["PGDATABASE"] = settings_dict["NAME"]
    if sslmode := settings_dict.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = sslmode
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip() or result.stdout.strip()}")


def _engine(connection) -> str:
    engine = _ENGINES.get(connection.settings_dict["ENGINE"])
    if engine is None:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.settings_dict['ENGINE']}.")
    return engine


def _files(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def _describe(path: Path) -> dict:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return {"size": path.stat().st_size, "sha256": digest.hexdigest()}
