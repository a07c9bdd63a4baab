"""`make run`'s server: gunicorn with production settings, as the Makefile starts it.

One gunicorn process serves the test database's demo site for the whole module; the tests read
what a browser or a proxy would get from it.
"""

import os
import re
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from rugwijs.core.testing import free_port

# Marks the module as needing the test database, so pytest-django creates it for the server to read.
pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[3]
VENV_BIN = Path(sys.executable).parent


def _database_url() -> str:
    database = connection.settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{database['NAME']}"
    host = database["HOST"] or "127.0.0.1"
    return f"postgres://{database['USER']}@{host}:{database['PORT'] or 5432}/{database['NAME']}"


def _make_run_environment() -> dict[str, str]:
    """The variables the Makefile's LOCAL_PRODUCTION sets, read from the Makefile itself."""
    makefile = (REPO / "Makefile").read_text()
    block = re.search(r"^LOCAL_PRODUCTION := (.*?)\n\n", makefile, flags=re.MULTILINE | re.DOTALL).group(1)
    words = shlex.split(block.replace("\\\n", " ").replace("$$", "$"))
    environment = {}
    for word in words:
        name, value = word.split("=", 1)
        default = re.fullmatch(r"\$\{\w+:-(.*)\}", value)
        environment[name] = default.group(1) if default else value
    return environment


def _get(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our own test server
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own test server
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def server(django_db_setup, collected_static, demo_site_committed):
    environment = {
        **os.environ,
        **_make_run_environment(),
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "STATIC_ROOT": str(collected_static),
        "SECRET_KEY": "production-server-test-key-" + "x" * 30,
        "WEB_CONCURRENCY": "1",
    }
    port = free_port()
    environment["PORT"] = str(port)
    process = subprocess.Popen(
        [VENV_BIN / "gunicorn", "--config", "deploy/gunicorn.conf.py"],
        cwd=REPO,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            _get(base + "/robots.txt")
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail("gunicorn stopped: " + process.stderr.read().decode())
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("gunicorn did not answer within 30 s")
    yield base
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def demo_site_committed(django_db_setup, django_db_blocker):
    """The demo site as the session built it (committed, so another process can read it)."""
    from rugwijs.articles.models import ArticlePage

    with django_db_blocker.unblock():
        return ArticlePage.objects.get(slug="stress-en-rugpijn").url


@pytest.fixture(scope="module")
def article(server, demo_site_committed):
    status, headers, body = _get(server + demo_site_committed, **{"Accept-Encoding": "identity"})
    assert status == 200
    return headers, body.decode()


def test_the_article_is_served_by_gunicorn_without_cookies(article):
    headers, html = article
    assert "gunicorn" in headers.get("Server", "")
    assert "Stress" in html
    assert "Set-Cookie" not in headers


def test_a_wrong_address_gets_the_site_404_not_django_debug_page(server):
    status, _headers, body = _get(server + "/bestaat-niet/")
    assert status == 404
    assert b"URLconf" not in body and b"DEBUG = True" not in body
    assert b"<html" in body.lower()


def test_static_files_have_hashed_names_a_long_lifetime_and_compressed_copies(server, article):
    _headers, html = article
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', html)
    assert stylesheet, "the stylesheet link should carry a content hash"
    for encoding in ("br", "gzip"):
        status, headers, _body = _get(server + stylesheet.group(1), **{"Accept-Encoding": encoding})
        assert status == 200
        assert headers.get("Content-Encoding") == encoding
        assert "immutable" in headers["Cache-Control"]
        assert int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1)) >= 365 * 24 * 3600


def test_images_are_served_with_cache_headers_and_documents_are_not(server, article):
    _headers, html = article
    image = re.search(r'src="(/media/images/[^"]+)"', html)
    assert image, "the demo article shows at least one uploaded image"
    status, headers, body = _get(server + image.group(1))
    assert status == 200 and body
    assert headers["Cache-Control"] == "public, max-age=2592000"
    # Documents go through Wagtail's view, which checks who may see them; never straight from disk.
    status, _headers, _body = _get(server + "/media/documents/anything.pdf")
    assert status == 404
