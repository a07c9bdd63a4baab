"""The day's salt lives outside the database and dies with its day."""

import datetime
import stat

import pytest
from django.test import RequestFactory
from django.utils import timezone

from rugwijs.core.testing import require_service
from rugwijs.engagement import salts
from rugwijs.engagement.models import VisitorMark
from rugwijs.engagement.visitors import Visitor, forget_process_state, todays_salt

pytestmark = pytest.mark.django_db


def request_from(ip="192.0.2.10"):
    return RequestFactory().post("/", REMOTE_ADDR=ip, HTTP_USER_AGENT="Mozilla/5.0")


def test_without_redis_the_salt_is_a_file_only_the_app_can_read(settings):
    settings.REDIS_URL = ""
    today = timezone.localdate()
    salt = todays_salt(today)
    path = salts.salt_file(today)
    assert path.read_text() == salt and len(salt) == 64
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_every_process_agrees_on_the_days_salt():
    today = timezone.localdate()
    first = todays_salt(today)
    forget_process_state()  # as a second worker that has not asked before
    assert todays_salt(today) == first


def test_a_salt_kept_past_its_day_is_deleted_with_its_marks(demo_site):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    salts.salt_file(yesterday).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    salts.salt_file(yesterday).write_text("a" * 64)
    VisitorMark.objects.create(key="x" * 64, day=yesterday)
    todays_salt(today)
    assert not salts.salt_file(yesterday).exists()
    assert not VisitorMark.objects.filter(day=yesterday).exists()


def test_the_next_day_has_a_new_salt_and_todays_is_gone(demo_site, settings):
    settings.REDIS_URL = ""  # the file store; Redis keys expire by themselves (tested below)
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    key_today = Visitor(request_from(), today).mark("view", demo_site.pk)
    salt_today = todays_salt(today)
    key_tomorrow = Visitor(request_from(), tomorrow).mark("view", demo_site.pk)
    assert todays_salt(tomorrow) != salt_today and key_tomorrow != key_today
    assert [path.name for path in salts.salt_file(today).parent.glob("*.salt")] == [f"{tomorrow}.salt"]


@pytest.mark.redis
def test_with_redis_the_salt_expires_at_the_end_of_the_day(settings):
    require_service("REDIS_URL", "Redis")
    import redis

    today = timezone.localdate()
    client = redis.Redis.from_url(settings.REDIS_URL)
    client.delete(salts.redis_key(today))
    salts.salt_file(today).unlink(missing_ok=True)
    salt = todays_salt(today)
    assert client.get(salts.redis_key(today)).decode() == salt
    seconds_left = salts.end_of_day(today).timestamp() - timezone.now().timestamp()
    assert 0 < client.ttl(salts.redis_key(today)) <= seconds_left + 1
    assert not salts.salt_file(today).exists(), "with Redis up, the salt is not written to disk"
    # SET NX: a second server offering another salt gets the first one.
    forget_process_state()
    assert salts._redis_salt(today, "b" * 64) == salt
