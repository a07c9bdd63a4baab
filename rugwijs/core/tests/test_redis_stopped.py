"""Redis stopped: pages still serve, views and votes still count (falling back to the database),
rate limits still hold; when Redis returns everything goes on without a restart.

The test starts its own redis-server (no persistence, its own port) so it can stop it, and two
app servers pointed at it.
"""

import time

import pytest

from rugwijs.engagement.models import HelpfulnessVote, PageViewTotal
from rugwijs.engagement.view_store import RedisBufferedViewStore

from .servers import AppServer, RedisServer, fresh_client_address
from .test_shared_rate_limits import assert_one_shared_limit

pytestmark = pytest.mark.redis

RETRY_AFTER = 1  # rugwijs.settings.test: the failover tries Redis again after this many seconds


@pytest.fixture(scope="module")
def own_redis(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture(scope="module")
def servers(live_database, own_redis, tmp_path_factory):
    folder = tmp_path_factory.mktemp("redis-servers")
    started = AppServer.start(2, folder, REDIS_URL=own_redis.url)
    yield started
    for server in started:
        server.stop()


def views(article):
    return PageViewTotal.objects.get(page=article).views


def flush(own_redis):
    """What the worker does every few seconds: move the views buffered in this Redis to the database."""
    RedisBufferedViewStore(client=own_redis.client()).flush()


def read_and_vote(servers, article, address):
    """A reader opens the article on one server and votes through the other."""
    started = time.monotonic()
    page = servers[0].get(article.url, source=address)
    seconds = time.monotonic() - started
    assert servers[0].post(f"/engagement/views/{article.pk}/", source=address).status == 200
    vote = servers[1].post(f"/engagement/helpful/{article.pk}/", {"helpful": "nee"}, source=address)
    return page.status, seconds, vote.status


def test_redis_stopped_and_back(live_database, own_redis, servers):
    article = live_database
    redis = own_redis.client()

    before_views, before_votes = views(article), HelpfulnessVote.objects.count()
    assert read_and_vote(servers, article, fresh_client_address())[::2] == (200, 201)
    assert redis.keys("*rl:*") and redis.keys("*visitor-salt*"), "with Redis up, counts and salt live there"
    assert redis.keys("*views:buffer"), "with Redis up, views wait in its buffer"
    flush(own_redis)
    assert views(article) == before_views + 1

    own_redis.stop()
    for _ in range(2):
        status, seconds, vote = read_and_vote(servers, article, fresh_client_address())
        assert (status, vote) == (200, 201)
        assert seconds < 2, "a stopped Redis must not stall a page"
    assert views(article) == before_views + 3
    assert HelpfulnessVote.objects.count() == before_votes + 3
    assert_one_shared_limit(servers, article)  # counted in the database now
    for server in servers:
        warnings = server.log.read_text().count("Redis is unreachable")
        assert warnings == 1, f"one warning per outage per process, not per request:\n{server.log.read_text()}"

    own_redis.start()
    time.sleep(RETRY_AFTER + 0.5)
    assert not redis.keys("*rl:*"), "a restarted Redis starts empty"
    assert read_and_vote(servers, article, fresh_client_address())[::2] == (200, 201)
    assert redis.keys("*views:buffer"), "views are buffered in Redis again"
    flush(own_redis)
    assert views(article) == before_views + 4
    assert redis.keys("*rl:*"), "rate-limit counts go to Redis again, without restarting the app"
    assert_one_shared_limit(servers, article)
    for server in servers:
        assert "Redis is back" in server.log.read_text()
