"""With Redis, views are buffered there and the worker's `flush_view_buffer` moves them to the database:
after a flush the stored count equals the beacons accepted, whatever happens during or to the flush."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from rugwijs.core.testing import require_service
from rugwijs.engagement.models import DailyPageViews, PageViewTotal
from rugwijs.engagement.view_store import BUFFER_KEY, PROCESSING_KEY, RedisBufferedViewStore, view_store

from .conftest import BROWSER

pytestmark = pytest.mark.redis


@pytest.fixture
def store():
    require_service("REDIS_URL", "Redis")
    found = view_store()
    assert isinstance(found, RedisBufferedViewStore), "with REDIS_URL set, views must be buffered in Redis"
    return found


def beacon(page, number: int):
    """A reader on their own address, as our script sends it."""
    return Client().post(
        f"/engagement/views/{page.pk}/",
        REMOTE_ADDR=f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}",
        HTTP_USER_AGENT=BROWSER,
        HTTP_SEC_FETCH_SITE="same-origin",
        HTTP_ACCEPT="application/json",
    )


def stored(page) -> int:
    return PageViewTotal.objects.get(page=page).views


def stored_daily(page) -> int:
    return sum(DailyPageViews.objects.filter(page=page).values_list("views", flat=True))


@pytest.mark.django_db
def test_flushed_count_equals_beacons_accepted(demo_site, store):
    before, before_daily = stored(demo_site), stored_daily(demo_site)
    answers = [beacon(demo_site, number) for number in range(40)]
    assert [answer.status_code for answer in answers] == [200] * 40
    assert stored(demo_site) == before, "views wait in the buffer until the worker flushes"
    assert answers[-1].json()["views"] == before + 40, "the beacon's count includes the buffered views"

    call_command("flush_view_buffer")
    assert stored(demo_site) == before + 40
    assert stored_daily(demo_site) == before_daily + 40
    assert store.pending([demo_site.pk]) == {}
    call_command("flush_view_buffer")  # an empty buffer moves nothing twice
    assert stored(demo_site) == before + 40


@pytest.mark.django_db(transaction=True)
def test_no_view_is_lost_when_beacons_arrive_during_flushes(demo_site, store):
    before = stored(demo_site)
    readers, done, errors, statuses = 120, threading.Event(), [], []

    def flush_all_the_time():
        try:
            while not done.is_set():
                store.flush()
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    def read(first):
        try:
            statuses.extend(beacon(demo_site, number).status_code for number in range(first, readers, 4))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    flusher = threading.Thread(target=flush_all_the_time)
    flusher.start()
    threads = [threading.Thread(target=read, args=(first,)) for first in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    flusher.join()
    store.flush()

    assert errors == []
    assert statuses == [200] * readers
    assert stored(demo_site) == before + readers


@pytest.mark.django_db
def test_a_flush_that_dies_after_taking_the_buffer_loses_nothing(demo_site, store):
    before = stored(demo_site)
    for number in range(5):
        beacon(demo_site, number)

    def die():
        raise RuntimeError("worker killed")

    with pytest.raises(RuntimeError):
        store.flush(crash_after_take=die)
    assert stored(demo_site) == before
    assert store.client().exists(store.key(PROCESSING_KEY)) and not store.client().exists(store.key(BUFFER_KEY))
    assert beacon(demo_site, 99).json()["views"] == before + 6, "taken views still show while they wait"

    call_command("flush_view_buffer")  # the next run: the dead run's batch, then what came since
    assert stored(demo_site) == before + 6
    assert not store.client().exists(store.key(PROCESSING_KEY))


@pytest.mark.django_db
def test_the_page_and_its_count_include_buffered_views(demo_site, reader, store, client):
    before = stored(demo_site)
    for number in range(3):
        beacon(demo_site, number)
    html = client.get(demo_site.url).content.decode()
    from rugwijs.core.numbers import dutch_thousands

    assert f"{dutch_thousands(before + 3)} x bekeken" in html


@pytest.mark.django_db
def test_a_beacon_reads_the_count_from_redis_alone_and_it_stays_right_across_flushes(
    demo_site, store, django_assert_num_queries
):
    before = stored(demo_site)
    assert beacon(demo_site, 1).json()["views"] == before + 1  # reads the stored total once and keeps it
    with django_assert_num_queries(0):
        assert beacon(demo_site, 2).json()["views"] == before + 2
    call_command("flush_view_buffer")
    with django_assert_num_queries(0):
        assert beacon(demo_site, 3).json()["views"] == before + 3, "flushed views are counted once, not twice"
    call_command("flush_view_buffer")
    assert stored(demo_site) == before + 3


@pytest.mark.django_db(transaction=True)
def test_a_total_set_outside_the_flush_shows_in_the_next_answer(demo_site, store):
    from django.utils import timezone

    from rugwijs.engagement.counting import add_historic_views

    beacon(demo_site, 1)
    call_command("flush_view_buffer")
    add_historic_views(demo_site.pk, 50_000, timezone.localdate() - timezone.timedelta(days=400))
    assert beacon(demo_site, 2).json()["views"] == stored(demo_site) + 1
