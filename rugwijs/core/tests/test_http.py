import pytest
from django.test import RequestFactory

from rugwijs.core.http import is_cross_site


@pytest.mark.parametrize(
    ("headers", "cross"),
    [
        ({"HTTP_SEC_FETCH_SITE": "same-origin"}, False),
        ({"HTTP_SEC_FETCH_SITE": "cross-site"}, True),
        ({"HTTP_SEC_FETCH_SITE": "same-site"}, True),
        ({"HTTP_ORIGIN": "http://testserver"}, False),
        ({"HTTP_ORIGIN": "https://evil.example"}, True),
        ({"HTTP_ORIGIN": "null"}, True),
        ({"HTTP_ORIGIN": "http://testserver.evil.com"}, True),
        ({"HTTP_ORIGIN": "http://testserver:8080"}, True),
        ({"HTTP_ORIGIN": "https://testserver"}, True),
        ({}, False),
    ],
    ids=[
        "fetch-same-origin",
        "fetch-cross-site",
        "fetch-same-site",
        "origin-match",
        "origin-other",
        "origin-null",
        "origin-our-name-as-prefix",
        "origin-other-port",
        "origin-other-scheme",
        "none",
    ],
)
def test_cross_site_detection(headers, cross):
    assert is_cross_site(RequestFactory().post("/", **headers)) is cross
