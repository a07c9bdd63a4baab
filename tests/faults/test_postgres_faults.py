"""PostgreSQL read-only, then stopped, under a running site: readers read, writes get 503, then every page 503.

The test starts a PostgreSQL of its own (initdb + pg_ctl in a temporary folder, on a free port; as
the `postgres` user through runuser when run as root, since PostgreSQL refuses to run as root),
restores the demo site into it from a pg_dump of the test database and serves it with
`manage.py runserver`. Then it makes the
database read-only (`default_transaction_read_only`), and later stops the server with `pg_ctl stop`
while the site keeps running, and starts it again. The shared PostgreSQL is never touched.

Without initdb/pg_ctl the test skips and says so; in CI (env CI) that is a failure.
"""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from rugwijs.core.testing import free_port

# Transactional: the demo dump is taken from the test database, which is emptied again afterwards.
pytestmark = [pytest.mark.faults, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
PAGE_SECONDS = 2
AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"


def _find(name: str) -> str | None:
    """On PATH, or in Debian's versioned folder (its PATH has only wrappers for the client tools)."""
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda path: int(path.parts[-3]))
    return shutil.which(name) or (str(candidates[-1]) if candidates else None)


def _tools() -> dict[str, str]:
    tools = {name: _find(name) for name in ("initdb", "pg_ctl")}
    missing = [name for name, found in tools.items() if not found]
    if missing:
        reason = f"{', '.join(missing)} not found: cannot start a PostgreSQL of the test's own."
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return tools


class OwnPostgres:
    def __init__(self, folder: Path):
        self.tools = _tools()
        self.folder, self.data, self.port = folder, folder / "data", free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(folder, "postgres")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/rugwijs"

    def _run(self, *command):
        subprocess.run([*self.as_postgres, *command], check=True, capture_output=True, timeout=60)

    def init(self):
        self._run(
            self.tools["initdb"], "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"
        )

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.folder / "postgres.log")
        self._run(self.tools["pg_ctl"], "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self):
        self._run(self.tools["pg_ctl"], "-D", str(self.data), "-m", "fast", "-w", "stop")

    def sql(self, statement: str, database: str = "postgres"):
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname={database}", autocommit=True) as db:
            db.execute(statement)


def _tool(command):
    finished = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, f"{command[0]} failed:\n{finished.stderr[-3000:]}"


def _manage(env, *args):
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    subprocess.run(command, check=True, env=env, cwd=ROOT, capture_output=True, timeout=600)


@pytest.fixture(scope="module")
def demo_dump(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo site as a pg_dump of the test database. Loading it into the test's own PostgreSQL takes
    seconds, where migrating that database and building the demo there took about 40."""
    from django.db import connection

    dump = tmp_path_factory.mktemp("demo-dump") / "demo.pgdump"
    with django_db_blocker.unblock():  # the demo is there: every transactional test puts it back
        database = connection.settings_dict
        command = [_find("pg_dump") or "pg_dump", "--format=custom", "--no-owner", f"--file={dump}"]
        command += ["--exclude-schema=snapshot_*"]  # DatabaseSnapshot's copies
        command += ["-h", database["HOST"] or "127.0.0.1", "-p", str(database["PORT"] or 5432)]
        command += ["-U", database["USER"] or "postgres", database["NAME"]]
        _tool(command)
    return dump


@pytest.fixture(scope="module")
def site(demo_dump):
    """The demo site served from the test's own PostgreSQL; yields (base URL, that PostgreSQL)."""
    folder = Path(tempfile.mkdtemp(prefix="rugwijs-pg-"))
    postgres = OwnPostgres(folder)
    postgres.init()
    postgres.start()
    server = None
    try:
        postgres.sql("CREATE DATABASE rugwijs")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "rugwijs.settings.test",
            "DATABASE_URL": postgres.url,
            "CONN_MAX_AGE": "0",  # every request connects anew, as after a restart of PostgreSQL
            "REDIS_URL": "",
            # Pages a proxy may keep this long: short, so the proxy test sees a copy go stale.
            "PAGE_CACHE_SECONDS": str(PAGE_SECONDS),
        }
        restore = [_find("pg_restore") or "pg_restore", "--no-owner", "--exit-on-error", "-h", "127.0.0.1"]
        restore += ["-p", str(postgres.port), "-U", "postgres", "-d", "rugwijs", str(demo_dump)]
        _tool(restore)
        _manage(env, "migrate", "--no-input", "-v", "0")  # nothing to do, unless the dump missed a migration
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=(folder / "server.log").open("w"),
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2)  # noqa: S310 - our own server
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("the site did not start:\n" + (folder / "server.log").read_text()[-3000:])
                time.sleep(0.2)
        yield base, postgres
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        try:
            postgres.stop()
        except subprocess.CalledProcessError:
            pass  # already stopped by the test
        shutil.rmtree(folder, ignore_errors=True)


def request(url, data: bytes | None = None, headers=None):
    """(status, headers, body, seconds) of one request; 4xx and 5xx are answers too."""
    headers = {"User-Agent": AGENT, "Sec-Fetch-Site": "same-origin", **(headers or {})}
    started = time.monotonic()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=30) as answer:  # noqa: S310
            return answer.status, answer.headers, answer.read().decode(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(), time.monotonic() - started


def article_and_test(base):
    status, _, body, _ = request(base + "/api/v2/pages/?slug=stress-en-rugpijn")
    assert status == 200, body
    article = json.loads(body)["items"][0]
    status, _, body, _ = request(base + "/api/selftests/fase-van-rugpijn/")
    assert status == 200
    return article["id"], article["meta"]["html_url"].replace("http://testserver", base)


def test_read_only_then_stopped_postgresql(site):
    base, postgres = site
    article_id, article_url = article_and_test(base)
    answers = json.dumps({"answers": {"duur_weken": 3, "eerder_gehad": "ja"}}).encode()
    json_headers = {"Content-Type": "application/json"}

    # Read-only: pages and self-test results still come, writes are refused with 503 and stored nowhere.
    postgres.sql("ALTER DATABASE rugwijs SET default_transaction_read_only = on")
    for url in (base + "/", article_url, base + "/zoeken/?q=stress"):
        status, _, body, _ = request(url)
        assert status == 200 and "Rugwijs" in body, url
    status, _, body, _ = request(base + "/api/selftests/fase-van-rugpijn/result/", answers, json_headers)
    assert status == 200 and json.loads(body)["result"]["title"]
    accepted = 0
    for number in range(3):
        for path, data in (
            (f"/engagement/views/{article_id}/", b""),
            (f"/engagement/helpful/{article_id}/", b"helpful=ja"),
        ):
            headers = {"Accept": "application/json", "X-Forwarded-For": f"10.9.0.{number}"}
            status, answer_headers, body, _ = request(base + path, data, headers)
            if 200 <= status < 300:
                accepted += 1
            else:
                assert status == 503 and int(answer_headers["Retry-After"]) > 0, body
                assert "opnieuw" in json.loads(body)["error"]
    assert accepted == 0  # nothing can be stored, so nothing may be answered as stored
    status, headers, body, _ = request(base + f"/engagement/helpful/{article_id}/", b"helpful=nee")
    assert status == 503 and "Er is niets opgeslagen" in body and headers["Retry-After"]
    postgres.sql("ALTER DATABASE rugwijs SET default_transaction_read_only = off")
    assert (
        request(base + f"/engagement/helpful/{article_id}/", b"helpful=nee", {"Accept": "application/json"})[0] == 201
    )

    # Stopped: every page that needs the database is a friendly 503, quickly, and the site recovers.
    postgres.stop()
    for url in (base + "/", article_url, base + "/zoeken/?q=stress", base + "/zelftests/"):
        status, headers, body, seconds = request(url)
        assert status == 503, (url, status, body[:500])
        assert int(headers["Retry-After"]) > 0
        assert "Tijdelijk niet beschikbaar" in body and "Traceback" not in body
        assert seconds < 5
    status, headers, body, _ = request(base + "/api/selftests/fase-van-rugpijn/result/", answers, json_headers)
    assert status == 503 and "opnieuw" in json.loads(body)["errors"]["_body"] and headers["Retry-After"]
    status, _, body, _ = request(base + f"/engagement/views/{article_id}/", b"", {"Accept": "application/json"})
    assert status == 503 and json.loads(body)["error"]
    postgres.start()
    assert request(base + "/")[0] == 200


@pytest.fixture
def proxy(site, tmp_path):
    """Debian's nginx with `make stack`'s configuration in front of the site; yields its base URL."""
    spec = importlib.util.spec_from_file_location("rugwijs_stack_script", ROOT / "deploy" / "stack.py")
    stack = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(stack)
    missing = [name for name, path in stack.DEBIAN_PACKAGES.items() if "brotli" not in name and not path.exists()]
    if missing:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"Debian packages {', '.join(missing)} are missing")
    # Under var/: nginx's unprivileged workers cannot enter pytest's private temporary folders.
    state_dir = ROOT / "var" / f"test-pg-proxy-{os.getpid()}"
    (state_dir / "static").mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = state_dir / "nginx.conf"
    base, _postgres = site
    upstream = base.removeprefix("http://")
    conf.write_text(
        stack.render_nginx_conf(
            state_dir=state_dir,
            listen=f"127.0.0.1:{port}",
            app_servers=[upstream],
            static_root=state_dir / "static",
            media_root=state_dir / "static",
        )
    )
    stack.start_nginx(conf, state_dir)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stack.stop_pid_file(state_dir / "nginx.pid")
        shutil.rmtree(state_dir, ignore_errors=True)


@pytest.mark.stack
def test_behind_the_proxy_a_stopped_postgresql_still_serves_the_pages_it_has(site, proxy):
    _base, postgres = site
    _article_id, article_url = article_and_test(proxy)
    article_path = "/" + article_url.split("/", 3)[3]
    request(proxy + article_path)
    status, headers, body, _ = request(proxy + article_path)
    assert status == 200 and headers["X-Cache-Status"] == "HIT"
    title = body.split("<h1>", 1)[1].split("</h1>", 1)[0]

    postgres.stop()
    try:
        time.sleep(PAGE_SECONDS + 1)  # the copy is out of date now: the proxy asks the app, which answers 503
        for _ in range(3):  # also after the proxy's attempts to refresh it have failed
            status, headers, body, _ = request(proxy + article_path)
            assert status == 200, "a reader gets the copy the proxy has"
            assert headers["X-Cache-Status"] in {"STALE", "UPDATING"} and f"<h1>{title}</h1>" in body
            time.sleep(0.3)
        # A page the proxy never had: the site's friendly 503, passed on.
        status, headers, body, _ = request(proxy + "/zelftests/")
        assert status == 503 and "Tijdelijk niet beschikbaar" in body and int(headers["Retry-After"]) > 0
    finally:
        postgres.start()
    assert request(proxy + "/zelftests/")[0] == 200
