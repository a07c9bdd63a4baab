import pytest
from django.test import RequestFactory

from rugwijs.core.net import client_ip


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "6.6.6.6", "10.0.0.1"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        (2, "203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (1, "", "10.0.0.1"),
    ],
    ids=["no-proxy-ignores-header", "one-proxy", "two-proxies", "proxy-without-header"],
)
def test_client_ip_trusts_only_our_own_proxies(settings, trusted, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = trusted
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
