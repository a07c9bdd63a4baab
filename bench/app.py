"""Benchmark rows 3 and 5: one gunicorn app server with production settings, hit directly by wrk.

Row 3: the demo article with the app's page cache (PAGE_CACHE, on in production); without it, rendered
from kept parts and routes (core.fragments, core.routes); and with every cache off (no kept parts
either: FRAGMENT_CACHE_SECONDS=0). Each uncached figure also one request at a time (wrk -c1), the
wait of a single reader. Row 5: the self-test result API (POST JSON).

PostgreSQL when DATABASE_URL is set (a database named after it with `_bench` appended, made when
absent), else SQLite under var/bench/; Redis when REDIS_URL is set, else the database cache table,
as in production. Run by `make bench` (bench/stack.py prints
these rows in its table) or alone with `.venv/bin/python bench/app.py`. Prints figures; asserts nothing.
"""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import readers  # bench/readers.py: bench/ is on the path when this runs

REPO = Path(__file__).resolve().parent.parent
STATE_DIR = REPO / "var" / "bench"
PYTHON = Path(sys.executable)
ARTICLE = "/stress-en-pijn/stress-en-rugpijn/"
SELFTEST = "fase-van-rugpijn"
# Two workers, as on this 2-core machine: the figure is one app server's, not the machine's best.
# BENCH_WORKERS=5 measures `make run`'s count here (2 x cores + 1).
WORKERS = os.environ.get("BENCH_WORKERS", "2")

# The API allows 60 results a minute per address. The bench server trusts one proxy, so every request
# claims a different reader address in X-Forwarded-For; the product's rate limit code runs unchanged.
RESULT_SCRIPT = """
wrk.method = "POST"
wrk.body = [[%s]]
wrk.headers["Content-Type"] = "application/json"
local counter = 0
request = function()
  -- wrk's threads each run this script; the random octet keeps their addresses apart.
  counter = counter + 1
  local address = string.format(
    "10.%%d.%%d.%%d", math.random(0, 255), math.floor(counter / 256) %% 256, counter %% 256)
  wrk.headers["X-Forwarded-For"] = address
  return wrk.format()
end
"""


# Row 4b: every beacon from a reader of its own, as readers of a viral article are; the product's
# deduplication runs unchanged. Each wrk thread counts up from its own start (numbers from
# readers.reserve_readers, unused today) and turns the number into an address of 10.0.0.0/8.
BEACON_SCRIPT = """
wrk.method = "POST"
wrk.headers["Accept"] = "application/json"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36"
local threads = 0
function setup(thread)
  thread:set("counter", %d + threads * %d)
  threads = threads + 1
end
request = function()
  counter = counter + 1
  local b, c = math.floor(counter / 65536) %% 256, math.floor(counter / 256) %% 256
  wrk.headers["X-Forwarded-For"] = string.format("10.%%d.%%d.%%d", b, c, counter %% 256)
  return wrk.format()
end
"""
# Beacons one wrk thread can send in a run, with room to spare.
BEACONS_PER_WRK_THREAD = 1_000_000


def stored_views(env: dict[str, str], page_id: int) -> int:
    """The page's total in the bench database, after moving buffered views there as the worker does."""
    if env.get("REDIS_URL"):
        subprocess.run([PYTHON, "manage.py", "flush_view_buffer"], cwd=REPO, env=env, check=True, capture_output=True)
    query = f"SELECT views FROM engagement_pageviewtotal WHERE page_id = {int(page_id)}"  # noqa: S608 - an int
    if env["DATABASE_URL"].startswith("postgres"):
        output = subprocess.run(
            ["psql", env["DATABASE_URL"], "-tAc", query], capture_output=True, text=True, check=True
        )
        return int(output.stdout.strip() or 0)
    import sqlite3

    with sqlite3.connect(env["DATABASE_URL"].removeprefix("sqlite:///")) as connection:
        return connection.execute(query).fetchone()[0]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(page_cache: bool, kept_parts: bool = True) -> dict[str, str]:
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url:
        database_url = database_url.rsplit("/", 1)[0] + "/" + database_url.rsplit("/", 1)[1] + "_bench"
    else:
        database_url = f"sqlite:///{STATE_DIR / 'app.sqlite3'}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rugwijs.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "EMAIL_URL": "consolemail://",
        "DEFAULT_FROM_EMAIL": "Rugwijs <rugwijs@localhost>",
        "STATIC_ROOT": str(STATE_DIR / "static"),
        "MEDIA_ROOT": str(STATE_DIR / "media"),
        "PAGE_CACHE": "true" if page_cache else "false",
        "FRAGMENT_CACHE_SECONDS": "600" if kept_parts else "0",
        "TRUSTED_PROXY_COUNT": "1",
        "WEB_CONCURRENCY": WORKERS,
    }


def prepare(env: dict[str, str]) -> None:
    """The demo site in the bench database, static files collected (hashed names need the manifest)."""
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    if env["DATABASE_URL"].startswith("postgres"):
        import psycopg

        name = env["DATABASE_URL"].rsplit("/", 1)[1]
        with psycopg.connect(env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
            if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                connection.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["createcachetable"],
        ["load_demo_content"],
        ["collectstatic", "--no-input", "-v", "0"],
    ):
        subprocess.run([PYTHON, "manage.py", *command], cwd=REPO, env=env, check=True, capture_output=True)


class AppServer:
    def __init__(self, page_cache: bool, kept_parts: bool = True):
        self.env = environment(page_cache, kept_parts)
        self.port = _free_port()
        self.process = None

    def __enter__(self):
        self.env["PORT"] = str(self.port)
        self.process = subprocess.Popen(
            [PYTHON.parent / "gunicorn", "--config", "deploy/gunicorn.conf.py"],
            cwd=REPO,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url(ARTICLE), timeout=5):  # noqa: S310 - our own server
                    break
            except (OSError, urllib.error.HTTPError):
                time.sleep(0.2)
        # Warm both workers: renditions and per-process lookups are made once.
        for _ in range(6):
            urllib.request.urlopen(self.url(ARTICLE), timeout=10).read()  # noqa: S310 - our own server
        return self

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __exit__(self, *_):
        self.process.terminate()
        self.process.wait(timeout=30)


def rows(wrk) -> list[tuple[str, str, dict, float | str]]:
    """Rows 3 and 5 in bench/stack.py's table format; `wrk` runs one measurement of a URL."""
    prepare(environment(page_cache=True))
    with AppServer(page_cache=True) as server:
        cached = wrk(server.url(ARTICLE))
    with AppServer(page_cache=False, kept_parts=False) as server:
        nothing_kept = wrk(server.url(ARTICLE))
        nothing_kept_alone = wrk(server.url(ARTICLE), one_at_a_time=True)
    with AppServer(page_cache=False) as server:
        uncached = wrk(server.url(ARTICLE))
        uncached_alone = wrk(server.url(ARTICLE), one_at_a_time=True)
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            body = json.dumps({"answers": {"duur_weken": 6, "eerder_gehad": "nee"}})
            script.write(RESULT_SCRIPT % body)
            script.flush()
            results = wrk(server.url(f"/api/selftests/{SELFTEST}/result/"), script=script.name)
        html = urllib.request.urlopen(server.url(ARTICLE), timeout=10).read()  # noqa: S310 - our own server
        page_id = int(re.search(rb'data-view-beacon="/engagement/views/(\d+)/"', html).group(1))
        before = stored_views(server.env, page_id)
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            first = readers.reserve_readers(2 * BEACONS_PER_WRK_THREAD) % 2**24  # 10.0.0.0/8 has 2**24 addresses
            script.write(BEACON_SCRIPT % (first, BEACONS_PER_WRK_THREAD))
            script.flush()
            beacons = wrk(server.url(f"/engagement/views/{page_id}/"), script=script.name)
        accepted = beacons["requests"] - beacons["failed"]
        stored = stored_views(server.env, page_id) - before
    database = "PostgreSQL" if environment(False)["DATABASE_URL"].startswith("postgres") else "SQLite"
    return [
        ("3a", f"article from one app server, page cache on ({database})", cached, nothing_kept["rps"]),
        ("3b", f"  page cache off, kept parts and routes ({database})", uncached, ""),
        ("3c", "  the same, one request at a time", uncached_alone, ""),
        ("3d", f"  every cache off ({database})", nothing_kept, ""),
        ("3e", "  the same, one request at a time", nothing_kept_alone, ""),
        ("4b", f"view beacons, one app server, {accepted:,} answered 200, {stored:,} stored ({database})", beacons, ""),
        ("5", f"self-test result API, POST JSON ({database})", results, ""),
    ]


def main() -> None:
    sys.path.insert(0, str(REPO / "bench"))
    import stack

    stack.print_app_rows()


if __name__ == "__main__":
    main()
