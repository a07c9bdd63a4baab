"""One rate limit, however many worker processes serve the requests: with the database as the
shared store (one machine, no Redis) and with Redis."""

import pytest

from rugwijs.core.testing import require_service

from .servers import AppServer, fresh_client_address

VOTE_LIMIT = 20  # rugwijs.engagement.views.vote: "20/m"


def alternate(servers, path, times, address):
    return [servers[number % 2].post(path, {"helpful": "ja"}, source=address) for number in range(times)]


def assert_one_shared_limit(servers, article):
    address = fresh_client_address()
    responses = alternate(servers, f"/engagement/helpful/{article.pk}/", VOTE_LIMIT + 10, address)
    statuses = [response.status for response in responses]
    # The first vote counts, repeats are refused as repeats, then the combined count passes the limit.
    assert statuses[0] == 201 and set(statuses[1:VOTE_LIMIT]) == {409}, statuses
    assert statuses[VOTE_LIMIT:] == [429] * 10, statuses
    assert all(response.headers["Retry-After"] == "60" for response in responses[VOTE_LIMIT:])


@pytest.mark.django_db
def test_the_test_database_has_the_cache_table():
    """pytest-django builds the test database through Django, which runs createcachetable."""
    from django.db import connection

    assert "rugwijs_cache" in connection.introspection.table_names()


@pytest.fixture(scope="module")
def database_servers(live_database, tmp_path_factory):
    servers = AppServer.start(2, tmp_path_factory.mktemp("db-servers"))
    yield servers
    for server in servers:
        server.stop()


def test_two_servers_without_redis_share_one_limit(live_database, database_servers):
    assert_one_shared_limit(database_servers, live_database)


@pytest.mark.redis
def test_two_servers_with_redis_share_one_limit(live_database, tmp_path):
    url = require_service("REDIS_URL", "Redis")
    import redis

    servers = AppServer.start(2, tmp_path, REDIS_URL=url)
    try:
        assert_one_shared_limit(servers, live_database)
        assert redis.Redis.from_url(url).keys("*rl:*"), "the counts should live in Redis"
    finally:
        for server in servers:
            server.stop()
