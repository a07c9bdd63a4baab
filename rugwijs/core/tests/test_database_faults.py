"""SQLite locked past its timeout, or read-only: readers keep reading, writes get 503 and none is lost.

The lock is real: a second sqlite3 connection holds BEGIN EXCLUSIVE on the test database file while
Django's connection waits at most 0.2 s (the site's 20 s is for counters queueing, not for a test).
Read-only is SQLite's own `PRAGMA query_only`. PostgreSQL's read-only and stopped server are in
tests/faults/test_postgres_faults.py.
"""

import json
import sqlite3
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client
from wagtail.images.models import Rendition

from rugwijs.core import content_state
from rugwijs.engagement.models import HelpfulnessVote, PageViewTotal
from rugwijs.selftests.models import SelfTestPage, SelfTestResultCount

pytestmark = [
    pytest.mark.sqlite,
    pytest.mark.faults,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locks; PostgreSQL has its own fault tests"),
]

AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"
PHASE_ANSWERS = {"q_duur_weken": "3", "q_eerder_gehad": "ja"}


def browser(ip: str, json_reply: bool = False) -> dict:
    headers = {"REMOTE_ADDR": ip, "HTTP_USER_AGENT": AGENT, "HTTP_SEC_FETCH_SITE": "same-origin"}
    if json_reply:
        headers["HTTP_ACCEPT"] = "application/json"
    return headers


@contextmanager
def short_lock_wait(seconds: float = 0.2):
    """Django's connection gives up on a lock after `seconds` instead of the site's 20."""
    options = connection.settings_dict["OPTIONS"]
    saved = options.get("timeout")
    options["timeout"] = seconds
    connection.close()
    try:
        yield
    finally:
        options["timeout"] = saved
        connection.close()


@contextmanager
def locked_database():
    """Another process's write transaction: BEGIN EXCLUSIVE on the same file, held until the block ends."""
    locker = sqlite3.connect(connection.settings_dict["NAME"], timeout=1, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        locker.execute("ROLLBACK")
        locker.close()


@contextmanager
def read_only_database():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = ON")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")


class Writes:
    """Sends the writes a reader can make and remembers which were answered with a 2xx."""

    def __init__(self, client: Client, article, test_page):
        self.client, self.article, self.test_page = client, article, test_page
        self.accepted = {"views": 0, "votes": 0, "comments": 0}
        self.refused = []

    def _note(self, kind: str, response):
        if 200 <= response.status_code < 300 or response.status_code == 303:
            self.accepted[kind] += 1
        else:
            self.refused.append(response)
        return response

    def view(self, ip):
        return self._note("views", self.client.post(f"/engagement/views/{self.article.pk}/", **browser(ip)))

    def vote(self, ip, json_reply=True):
        url = f"/engagement/helpful/{self.article.pk}/"
        return self._note("votes", self.client.post(url, {"helpful": "ja"}, **browser(ip, json_reply)))

    def comment(self, ip, token, json_reply=True):
        url = f"/engagement/helpful/{self.article.pk}/comment/"
        data = {"token": token, "comment": f"Opmerking van {ip}"}
        return self._note("comments", self.client.post(url, data, **browser(ip, json_reply)))

    def all_kinds(self, ip, token, json_reply=True):
        return [self.view(ip), self.vote(ip, json_reply), self.comment(ip, token, json_reply)]


def stored(article) -> dict:
    from rugwijs.engagement.view_store import view_store

    if hasattr(view_store(), "flush"):  # with Redis, views wait in its buffer: flush as the worker would
        view_store().flush()
    votes = HelpfulnessVote.objects.filter(page=article)
    return {
        "views": PageViewTotal.objects.get(page=article).views,
        "votes": votes.count(),
        "comments": votes.exclude(comment="").count(),
    }


def assert_reader_pages_work(client: Client, article, test_page):
    home = client.get("/")
    assert home.status_code == 200 and "Rugwijs" in home.content.decode()
    page = client.get(article.url)
    assert page.status_code == 200 and article.title in page.content.decode()
    topic = article.get_parent()
    assert client.get(topic.url).status_code == 200 and topic.title in client.get(topic.url).content.decode()
    search = client.get("/zoeken/", {"q": "stress"})
    assert search.status_code == 200 and article.title in search.content.decode()
    # The self-test result is computed from the answers; its day count waits for the fault to end.
    result = client.post(f"/zelftest/{test_page.pk}/uitslag/", PHASE_ANSWERS, **browser("192.0.2.1"))
    assert result.status_code == 200 and "Jouw uitslag" in result.content.decode()
    api = client.post(
        "/api/selftests/fase-van-rugpijn/result/",
        json.dumps({"answers": {"duur_weken": 3, "eerder_gehad": "ja"}}),
        content_type="application/json",
    )
    assert api.status_code == 200 and api.json()["result"]["title"]


def assert_refused_with_retry(writes: Writes):
    assert writes.refused, "nothing was refused: the fault did not happen"
    for response in writes.refused:
        assert response.status_code == 503, response.content[:300]
        assert int(response["Retry-After"]) > 0
        if response["Content-Type"].startswith("application/json"):
            assert "opnieuw" in response.json()["error"]
        else:
            html = response.content.decode()
            assert "Er is niets opgeslagen" in html and "opnieuw" in html


def token_for(client, article, ip) -> str:
    response = client.post(f"/engagement/helpful/{article.pk}/", {"helpful": "nee"}, **browser(ip, True))
    assert response.status_code == 201
    return response.json()["token"]


def run_fault(fault, demo_site, net: int):
    """Writes during the fault, the same writes again after it: every 2xx is stored, nothing more.

    `net` keeps each run's readers apart (10.<net>.x.y), as one vote per reader per day is the rule.
    """
    client = Client(raise_request_exception=True)
    test_page = SelfTestPage.objects.get(slug="fase-van-rugpijn")
    tokens = [token_for(client, demo_site, f"10.{net}.1.{number}") for number in (1, 2)]
    before = stored(demo_site)
    counts_before = sum(SelfTestResultCount.objects.values_list("count", flat=True))
    writes = Writes(client, demo_site, test_page)
    readers = [f"10.{net}.3.{number}" for number in range(1, 4)]
    with fault():
        assert_reader_pages_work(client, demo_site, test_page)
        for ip in readers:
            writes.all_kinds(ip, tokens[0])
        writes.vote(f"10.{net}.2.9", json_reply=False)  # a form without JavaScript gets a page
        writes.comment(f"10.{net}.1.2", tokens[1], json_reply=False)
    during = dict(writes.accepted)
    assert_refused_with_retry(writes)
    assert stored(demo_site) == {kind: before[kind] + during[kind] for kind in before}
    # The readers try again once the fault has passed, and nothing of theirs is lost.
    for ip in readers:
        writes.view(ip)
        writes.vote(ip)
    writes.comment(f"10.{net}.1.1", tokens[0])
    assert stored(demo_site) == {kind: before[kind] + writes.accepted[kind] for kind in before}
    assert writes.accepted["views"] == len(readers) and writes.accepted["votes"] == len(readers)
    # Results shown during the fault were not counted, and are counted again afterwards.
    assert sum(SelfTestResultCount.objects.values_list("count", flat=True)) == counts_before
    client.post(f"/zelftest/{test_page.pk}/uitslag/", PHASE_ANSWERS, **browser("192.0.2.1"))
    assert sum(SelfTestResultCount.objects.values_list("count", flat=True)) == counts_before + 1


def warm_up(client, article):
    """Image renditions are stored on a page's first view; make them before the fault, as a live site has."""
    for url in ("/", article.url, article.get_parent().url):
        assert client.get(url).status_code == 200


# One test for both faults: the other connection must see committed rows (a transactional test),
# and each transactional test costs a copy of the demo site put back.
@pytest.mark.django_db(transaction=True)
def test_a_locked_or_read_only_database_still_serves_readers_and_refuses_writes_with_503(demo_site, caplog):
    warm_up(Client(), demo_site)
    with short_lock_wait():
        run_fault(locked_database, demo_site, net=1)
    assert "database is locked" in caplog.text
    run_fault(read_only_database, demo_site, net=2)
    assert "readonly database" in caplog.text
    # An image seen for the first time needs its renditions stored: the page comes without it.
    # Rows only: deleting through the ORM would also delete the files, which the demo copy put back
    # after this test still lists.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(Rendition._meta.db_table)}")  # noqa: S608 - a model's table
    content_state.changed()  # behind Django's back, so say so: the page's kept parts are not used
    with read_only_database():
        page = Client(raise_request_exception=True).get(demo_site.url)
    assert page.status_code == 200 and demo_site.title in page.content.decode()
    assert "Renditions of image" in caplog.text
