"""The caching proxy `make stack` runs: Debian's nginx with deploy/nginx/'s configuration in front of gunicorn.

One nginx and one gunicorn (production settings, the test database) serve the whole module; the last
test stops gunicorn to see what readers get while no app server answers.
"""

import http.client
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from rugwijs.core.testing import free_port
from rugwijs.core.tests.test_production_server import _database_url, _get, _make_run_environment

pytestmark = [pytest.mark.django_db, pytest.mark.stack]

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
ARTICLE = "/stress-en-pijn/stress-en-rugpijn/"
# A page no test reads before the app server stops, so nginx has no copy of it.
NEVER_READ = "/stress-en-pijn/"


def _load_stack_script():
    spec = importlib.util.spec_from_file_location("rugwijs_stack_script", REPO / "deploy" / "stack.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


stack_script = _load_stack_script()


def _require_nginx():
    needed = {name: path for name, path in stack_script.DEBIAN_PACKAGES.items() if "brotli" not in name}
    missing = [name for name, path in needed.items() if not path.exists()]
    if missing:
        reason = f"Debian packages {', '.join(missing)} are not installed"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must test the caching proxy.", pytrace=False)
        pytest.skip(f"{reason}; `make stack` installs them.")


def _request(base: str, method: str, path: str, source: str = "127.0.0.1", **headers) -> tuple[int, dict, bytes]:
    """A request from a chosen loopback address (nginx allows purges from 127.0.0.1 only)."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10, source_address=(source, 0))
    try:
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def _cache_status(base: str, path: str, **headers) -> str:
    _status, response_headers, _body = _get(base + path, **headers)
    return response_headers.get("X-Cache-Status", "")


@pytest.fixture(scope="module")
def stack(django_db_setup, collected_static):
    _require_nginx()
    # Under var/ like the static files: nginx's unprivileged workers cannot enter pytest's private folders.
    state_dir = REPO / "var" / f"test-stack-{os.getpid()}"
    state_dir.mkdir(parents=True, exist_ok=True)
    static_root = collected_static
    environment = {
        **os.environ,
        **_make_run_environment(),
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "STATIC_ROOT": str(static_root),
        "SECRET_KEY": "caching-proxy-test-key-" + "x" * 30,
        "TRUSTED_PROXY_COUNT": "1",
        "WEB_CONCURRENCY": "2",
    }
    app_port, proxy_port = free_port(), free_port()
    app = subprocess.Popen(
        [VENV_BIN / "gunicorn", "--config", "deploy/gunicorn.conf.py", "--no-control-socket"],
        cwd=REPO,
        env={**environment, "PORT": str(app_port)},
        stdout=subprocess.DEVNULL,
        stderr=(state_dir / "app.log").open("wb"),
    )
    conf = state_dir / "nginx.conf"
    conf.write_text(
        stack_script.render_nginx_conf(
            state_dir=state_dir,
            listen=f"127.0.0.1:{proxy_port}",
            app_servers=[f"127.0.0.1:{app_port}"],
            static_root=static_root,
            media_root=Path(settings.MEDIA_ROOT),
        )
    )
    try:
        stack_script.wait_for_http(f"http://127.0.0.1:{app_port}/robots.txt", process=app)
        # The first render writes the article's image renditions; done here, before any test holds
        # the test database's write lock (SQLite), the app server only reads during the tests.
        _get(f"http://127.0.0.1:{app_port}{ARTICLE}")
        stack_script.start_nginx(conf, state_dir)
        yield {"base": f"http://127.0.0.1:{proxy_port}", "app": app}
    finally:
        stack_script.stop_pid_file(state_dir / "nginx.pid")
        if app.poll() is None:
            app.send_signal(signal.SIGTERM)
            app.wait(timeout=20)
        shutil.rmtree(state_dir, ignore_errors=True)


def test_a_second_anonymous_read_of_a_page_comes_from_the_cache(stack):
    base = stack["base"]
    status, headers, first = _get(base + ARTICLE)
    assert status == 200
    assert "s-maxage" in headers.get("Cache-Control", ""), "the app marks anonymous pages cacheable by proxies"
    assert "Set-Cookie" not in headers
    status, headers, second = _get(base + ARTICLE)
    assert (status, headers["X-Cache-Status"]) == (200, "HIT")
    assert second == first


def test_an_editor_with_a_session_never_gets_the_cached_copy(stack):
    base = stack["base"]
    _get(base + ARTICLE)
    assert _cache_status(base, ARTICLE) == "HIT"
    assert _cache_status(base, ARTICLE, Cookie="sessionid=an-editors-session") == "BYPASS"
    assert _cache_status(base, ARTICLE, Cookie="csrftoken=abc; sessionid=an-editors-session") == "BYPASS"
    status, headers, _body = _request(base, "POST", ARTICLE)
    assert headers.get("X-Cache-Status", "") != "HIT"


def test_a_wagtail_purge_from_this_machine_removes_the_page_and_nobody_else_may_purge(stack):
    from wagtail.contrib.frontend_cache.backends import HTTPBackend

    base = stack["base"]
    _get(base + ARTICLE)
    assert _cache_status(base, ARTICLE) == "HIT"

    status, _headers, _body = _request(base, "PURGE", ARTICLE, source="127.0.0.2")
    assert status == 403
    assert _cache_status(base, ARTICLE) == "HIT"

    # As publishing does: Wagtail's backend, the page's public address, this proxy as LOCATION.
    HTTPBackend({"LOCATION": base}).purge("https://localhost" + ARTICLE)
    assert _cache_status(base, ARTICLE) == "MISS"
    assert _cache_status(base, ARTICLE) == "HIT"
    # A page nobody read since the last purge is no error for Wagtail's log.
    status, _headers, _body = _request(base, "PURGE", "/nobody-read-this/")
    assert status == 200


def test_static_files_come_from_nginx_with_a_year_of_cache_and_precompressed_copies(stack):
    base = stack["base"]
    _status, _headers, html = _get(base + ARTICLE, **{"Accept-Encoding": "identity"})
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', html.decode()).group(1)
    for encoding in ("br", "gzip"):
        status, headers, _body = _get(base + stylesheet, **{"Accept-Encoding": encoding})
        assert (status, headers.get("Content-Encoding")) == (200, encoding)
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "X-Cache-Status" not in headers, "nginx reads the file itself; it never asks the app"


def test_with_the_app_server_down_cached_pages_still_serve_and_others_get_a_friendly_503(stack):
    base = stack["base"]
    _get(base + ARTICLE)
    _status, _headers, html = _get(base + ARTICLE, **{"Accept-Encoding": "identity"})
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', html.decode()).group(1)
    stack["app"].send_signal(signal.SIGTERM)
    stack["app"].wait(timeout=20)
    time.sleep(0.1)

    status, headers, body = _get(base + ARTICLE, **{"Accept-Encoding": "identity"})
    assert (status, body) == (200, html)
    assert headers["X-Cache-Status"] in {"HIT", "STALE"}

    status, headers, body = _get(base + NEVER_READ)
    assert status == 503
    assert "Deze pagina is even niet bereikbaar" in body.decode()
    assert headers["Retry-After"] == "30"
    assert headers["Cache-Control"] == "no-store"

    status, _headers, _body = _get(base + stylesheet)
    assert status == 200
