"""N readers opening an article at the same moment raise its count by exactly N, on SQLite and PostgreSQL."""

import threading

import pytest
from django.db import connection
from django.test import Client

from rugwijs.engagement.models import DailyPageViews, PageViewTotal

from .conftest import BROWSER, flush_view_buffer

READERS = 24


# Rows must really be committed for other threads to see them.
@pytest.mark.django_db(transaction=True)
def test_concurrent_beacons_from_different_readers_all_count(demo_site):
    before = PageViewTotal.objects.get(page=demo_site).views
    barrier = threading.Barrier(READERS)
    statuses, errors = [], []

    def read(number):
        try:
            client = Client()
            barrier.wait()
            response = client.post(
                f"/engagement/views/{demo_site.pk}/",
                REMOTE_ADDR=f"198.51.100.{number}",
                HTTP_USER_AGENT=BROWSER,
                HTTP_SEC_FETCH_SITE="same-origin",
            )
            statuses.append(response.status_code)
        except Exception as error:  # collected and reported below, not swallowed
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=read, args=(number,)) for number in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert statuses == [200] * READERS
    flush_view_buffer()
    assert PageViewTotal.objects.get(page=demo_site).views == before + READERS
    today = DailyPageViews.objects.filter(page=demo_site).order_by("-day").first()
    assert today.views == READERS


@pytest.mark.django_db(transaction=True)
def test_concurrent_repeats_from_one_reader_count_once(demo_site):
    before = PageViewTotal.objects.get(page=demo_site).views
    barrier = threading.Barrier(8)

    def read():
        client = Client()
        barrier.wait()
        client.post(
            f"/engagement/views/{demo_site.pk}/",
            REMOTE_ADDR="198.51.100.1",
            HTTP_USER_AGENT=BROWSER,
            HTTP_SEC_FETCH_SITE="same-origin",
        )
        connection.close()

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    flush_view_buffer()
    assert PageViewTotal.objects.get(page=demo_site).views == before + 1
