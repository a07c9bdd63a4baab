"""Benchmarks: how fast the demo article renders, how many queries it costs, and how fast views are counted.

Run with `make bench`. Uses a throw-away test database on the engine DATABASE_URL selects.
Prints figures; asserts nothing.
"""

import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rugwijs.settings.test")

import django  # noqa: E402

django.setup()

import readers  # noqa: E402 - bench/readers.py; bench/ is on the path when this runs
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

REQUESTS = 50
BEACON_THREADS = 8
BEACONS_PER_THREAD = 25
AGENT = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36"


def main():
    setup_test_environment()
    database = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        from rugwijs.demo.loader import DemoLoader

        started = time.perf_counter()
        DemoLoader().load()
        print(f"engine: {connection.vendor}; database: {database}")
        print(f"load demo content: {time.perf_counter() - started:.2f} s")
        article_page()
        beacons()
    finally:
        connection.creation.destroy_test_db(database, verbosity=0)


def article_page():
    from rugwijs.articles.models import ArticlePage

    url = ArticlePage.objects.get(slug="stress-en-rugpijn").url
    client = Client()
    client.get(url)
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    print(
        f"article page: median {statistics.median(timings):.1f} ms, p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms "
        f"over {REQUESTS} requests; {len(queries)} queries"
    )


def beacons():
    from rugwijs.articles.models import ArticlePage
    from rugwijs.engagement.models import PageViewTotal

    page = ArticlePage.objects.get(slug="stress-en-rugpijn")
    before = PageViewTotal.objects.get(page=page).views

    # Readers no run has used today: a reader already counted today is answered but not counted again.
    first = readers.reserve_readers(BEACON_THREADS * BEACONS_PER_THREAD)

    def reader(thread):
        client = Client()
        for number in range(BEACONS_PER_THREAD):
            client.post(
                f"/engagement/views/{page.pk}/",
                REMOTE_ADDR=readers.loopback_address(first + thread * BEACONS_PER_THREAD + number),
                HTTP_USER_AGENT=AGENT,
                HTTP_SEC_FETCH_SITE="same-origin",
            )
        connection.close()

    from django.conf import settings

    settings.RATELIMIT_ENABLE = False
    started = time.perf_counter()
    threads = [threading.Thread(target=reader, args=(n,)) for n in range(BEACON_THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    total = BEACON_THREADS * BEACONS_PER_THREAD
    # With REDIS_URL the views wait in Redis: flush as the worker would before counting them.
    from rugwijs.engagement.view_store import view_store

    if hasattr(view_store(), "flush"):
        view_store().flush()
    counted = PageViewTotal.objects.get(page=page).views - before
    print(
        f"view beacons ({type(view_store()).__name__}): {total / elapsed:.0f} per second"
        f" with {BEACON_THREADS} threads; {counted} of {total} counted after the flush"
    )


if __name__ == "__main__":
    main()
