"""Long passwords, idle admin sessions that end, no address kept after failed logins, no cookies for readers."""

import json
import os
import subprocess
import sys

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from rugwijs.accounts.testing import log_in_verified

pytestmark = pytest.mark.django_db

# The settings module alone: loading every app would add seconds.
_PRINT = """
import json
from django.conf import settings
print(json.dumps([settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME.total_seconds(),
                  settings.SESSION_COOKIE_AGE, settings.SESSION_SAVE_EVERY_REQUEST]))
"""


def _settings_with(**env):
    environment = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": "rugwijs.settings.test", "ENV_FILE": "/nonexistent"}
    result = subprocess.run([sys.executable, "-c", _PRINT], env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_password_of_eleven_characters_is_refused_and_twelve_are_enough():
    with pytest.raises(ValidationError, match="12"):
        validate_password("kP9#vLq2!mZ")
    validate_password("kP9#vLq2!mZx")


def test_the_limits_come_from_the_environment(settings):
    defaults = [settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME.total_seconds(), settings.SESSION_COOKIE_AGE]
    assert defaults == [10, 30 * 60, 60 * 60] and settings.SESSION_SAVE_EVERY_REQUEST
    configured = _settings_with(LOGIN_FAILURE_LIMIT="5", LOGIN_LOCKOUT_MINUTES="120", ADMIN_IDLE_MINUTES="15")
    assert configured == [5, 120 * 60, 15 * 60, True]


def test_an_admin_session_ends_after_the_idle_time_and_each_request_extends_it(client, admin_user, settings):
    settings.SESSION_COOKIE_AGE = 15 * 60
    log_in_verified(client, admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.cookies["sessionid"]["max-age"] == 15 * 60  # renewed on this request, not only at login
    session = Session.objects.get(session_key=client.session.session_key)
    assert 14 * 60 < (session.expire_date - timezone.now()).total_seconds() <= 15 * 60


def test_readers_still_get_no_cookies(client):
    for path in ("/", "/zoeken/?q=rug", "/robots.txt"):
        assert not client.get(path).cookies, path


def test_no_address_is_stored_after_failed_logins(client, editor, sign_in, caplog):
    address = "198.51.100.213"
    for _ in range(11):
        sign_in(password="fout-wachtwoord-123", REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=address)
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from introspection
            assert address not in repr(cursor.fetchall()), table
    assert address not in caplog.text
