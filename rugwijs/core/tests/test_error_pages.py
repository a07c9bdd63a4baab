"""A failure that is not the reader's fault: a friendly Dutch page (JSON for the API), logged, never a traceback."""

import logging

import pytest
from django.db import OperationalError
from django.test import Client

from rugwijs.core import middleware

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = "rugwijs.core.tests.failing_urls"
    return Client(raise_request_exception=False)


def errors_logged(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.levelno >= logging.ERROR and record.exc_info]


def test_a_bug_gives_the_friendly_500_page_and_is_logged(failing_site, caplog):
    response = failing_site.get("/kapot/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html and "Door een fout aan onze kant" in html
    assert "Traceback" not in html and "broken on purpose" not in html
    assert response["Content-Type"].startswith("text/html")
    logged = errors_logged(caplog)
    assert logged and "broken on purpose" in str(logged[0].exc_info[1])


def test_api_callers_get_the_500_as_json(failing_site, caplog):
    response = failing_site.get("/api/kapot/")
    assert response.status_code == 500
    assert "Door een fout aan onze kant" in response.json()["errors"]["_body"]
    assert errors_logged(caplog)


def test_a_script_asking_for_json_gets_json(failing_site):
    response = failing_site.get("/kapot/", HTTP_ACCEPT="application/json")
    assert response.status_code == 500 and response.json()["error"]


def test_a_database_that_is_gone_gives_503_with_retry_after_and_is_logged(failing_site, caplog):
    response = failing_site.get("/db-weg/")
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Probeer het over een minuut opnieuw" in html and "Connection refused" not in html
    assert any("Connection refused" in record.getMessage() for record in caplog.records)
    api = failing_site.get("/api/db-weg/")
    assert api.status_code == 503 and "opnieuw" in api.json()["errors"]["_body"]


def test_a_database_fault_outside_any_view_gets_the_static_503_page(failing_site, monkeypatch, caplog):
    """A middleware that needs the database fails before any view runs: handler500 still says 503."""

    def database_gone(self, request):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(middleware.BrowserPolicyMiddleware, "__call__", database_gone)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Tijdelijk niet beschikbaar" in html and "server closed" not in html
    assert errors_logged(caplog)


def test_the_error_pages_render_without_a_database(failing_site, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert failing_site.get("/kapot/").status_code == 500
