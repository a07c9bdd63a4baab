"""Repeated wrong passwords lock the account (django-axes), for a while or until an administrator unlocks it."""

import datetime
import os
import subprocess
import sys

import pytest
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import make_cache_key_list
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def lock_out(sign_in, times=10):
    for _ in range(times):
        sign_in(password="fout-wachtwoord-123")


def signed_in(client) -> bool:
    """The password was accepted: the admin now asks for the second factor instead of the password."""
    return "/admin/2fa/" in client.get("/admin/")["Location"]


def test_ten_wrong_passwords_lock_the_account_even_for_the_right_one(client, editor, sign_in):
    for attempt in range(9):
        response = sign_in(password=f"fout-wachtwoord-{attempt}")
        assert response.status_code == 200 and "geblokkeerd" not in response.content.decode()
    assert sign_in(password="fout-wachtwoord-9").status_code == 429  # the tenth failure locks

    response = sign_in(password=PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert not signed_in(client)
    retry_at = timezone.localtime(timezone.now() + datetime.timedelta(minutes=30))
    # Half an hour before midnight the lock ends tomorrow, and the message names the date too.
    same_day = retry_at.date() == timezone.localdate()
    retry_at = date_format(retry_at, "H:i" if same_day else "j F Y, H:i")
    assert "Dit account is geblokkeerd na te veel mislukte inlogpogingen" in html
    assert f"Je kunt het opnieuw proberen na {retry_at}" in html
    assert "Een beheerder kan je account eerder vrijgeven" in html
    assert 'class="login-form"' in html  # the admin's own login page, in its styling


def test_fewer_failures_do_not_lock(client, editor, sign_in):
    lock_out(sign_in, times=9)
    assert sign_in().status_code == 302
    assert signed_in(client)


def test_the_count_lives_in_the_shared_cache(client, editor, sign_in, settings):
    """Every process reads the same shared cache: emptying it there is what unlocks the account."""
    lock_out(sign_in)
    (key,) = make_cache_key_list([{"username": "redacteur"}])
    shared = caches[settings.AXES_CACHE]
    assert settings.AXES_CACHE == settings.SHARED_CACHE
    assert shared.get(key) == 10
    shared.delete(key)
    assert sign_in().status_code == 302


@pytest.fixture
def database_cache_clock(settings, monkeypatch):
    """The lock is the lifetime of axes' entry in the shared cache; here the database table, whose clock
    the test moves instead of waiting half an hour (Redis keeps its own clock)."""
    import django.core.cache.backends.db

    import rugwijs.core.cache

    settings.AXES_CACHE = "database"
    monkeypatch.setattr(AxesProxyHandler, "implementation", None)  # it holds the cache it was made with
    clock = [timezone.now()]
    for module in (django.core.cache.backends.db, rugwijs.core.cache):
        monkeypatch.setattr(module, "tz_now", lambda: clock[0])

    def advance(delta):
        clock[0] += delta

    return advance


def test_the_lock_lasts_the_configured_time_then_ends(client, editor, sign_in, settings, database_cache_clock):
    assert settings.AXES_COOLOFF_TIME == datetime.timedelta(minutes=30)
    lock_out(sign_in)
    database_cache_clock(datetime.timedelta(minutes=29, seconds=50))
    assert sign_in().status_code == 429, "still locked just before the time is up"
    database_cache_clock(datetime.timedelta(seconds=20))
    assert sign_in().status_code == 302
    assert signed_in(client)


def test_an_administrator_unlocks_the_account_by_username(client, editor, sign_in, capsys):
    lock_out(sign_in)
    assert sign_in().status_code == 429
    call_command("axes_reset_username", "redacteur")
    assert sign_in().status_code == 302
    assert signed_in(client)


def test_a_locked_account_does_not_lock_another(client, editor, sign_in, django_user_model):
    django_user_model.objects.create_superuser("collega", "collega@example.org", PASSWORD)
    lock_out(sign_in)
    assert sign_in(username="collega").status_code == 302


_FAIL_IN_ANOTHER_PROCESS = """
import django
django.setup()
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.test import RequestFactory
for _ in range(settings.AXES_FAILURE_LIMIT):
    request = RequestFactory().post("/admin/login/")
    user_login_failed.send(sender="another app server", credentials={"username": "redacteur"}, request=request)
"""


def _database_url(database) -> str:
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{database['NAME']}"
    return f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_a_lock_made_by_another_app_server_process_holds_here(client, editor, sign_in, settings):
    """Failures counted by one process lock the account in every other: they share the AXES_CACHE."""
    from django.db import connection

    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rugwijs.settings.test",
        "ENV_FILE": "/nonexistent",
        "DATABASE_URL": _database_url(connection.settings_dict),
    }
    result = subprocess.run([sys.executable, "-c", _FAIL_IN_ANOTHER_PROCESS], env=environment, capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    assert sign_in().status_code == 429


def test_a_moment_today_reads_as_a_time_and_a_later_one_names_its_day_too():
    from django.utils import translation

    from rugwijs.accounts.lockout import readable_moment

    with translation.override("nl"):
        assert readable_moment(timezone.localtime().replace(hour=17, minute=42)) == "17:42"
        later = timezone.make_aware(datetime.datetime(2031, 3, 4, 17, 42))
        assert readable_moment(later) == "4 maart 2031, 17:42"
