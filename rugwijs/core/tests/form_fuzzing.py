"""Hypothesis strategies for hostile HTML form posts, and what every answer to one must look like.

Shared by the form tests of engagement, selftests and search: arbitrary text, bytes, field names and
duplicated fields, sent as a browser without JavaScript (HTML) or our own script (JSON) would send them.
"""

from urllib.parse import quote_from_bytes, urlencode

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# A few dozen requests per test keep each under a few seconds; the fixtures hold for every example.
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

ODD_VALUES = ["", " ", "ja", "nee", "0", "-1", "1e309", "NaN", "9" * 30, "\x00", "é", "<script>x</script>", "a" * 2000]


def text_values():
    return st.sampled_from(ODD_VALUES) | st.text(max_size=40)


def form_pairs(field_names, values=None):
    """(name, value) pairs: known names (often more than once), made-up names, any text."""
    names = st.sampled_from(field_names) | st.text(max_size=12)
    return st.lists(st.tuples(names, text_values() if values is None else values), max_size=8)


def form_bodies(field_names, values=None):
    """A urlencoded body from such pairs, or bytes that need not be a form or UTF-8 at all."""
    encoded = form_pairs(field_names, values).map(lambda pairs: urlencode(pairs).encode())
    return (
        encoded
        | st.binary(max_size=120)
        | st.binary(max_size=40).map(lambda raw: b"q=" + quote_from_bytes(raw).encode())
    )


def post_form(client, path, body: bytes, as_json: bool, ip: str = "192.0.2.50"):
    headers = {"REMOTE_ADDR": ip, "HTTP_SEC_FETCH_SITE": "same-origin"}
    if as_json:
        headers["HTTP_ACCEPT"] = "application/json"
    return client.generic("POST", path, body, content_type="application/x-www-form-urlencoded", **headers)


def assert_answered(response, allowed: set[int]):
    """Never a 500 (the test client raises on one); a 4xx always says what is wrong."""
    assert response.status_code in allowed, response.status_code
    if 400 <= response.status_code < 500:
        assert message_of(response), f"a {response.status_code} without a message"


def message_of(response) -> str:
    if response["Content-Type"].startswith("application/json"):
        data = response.json()
        return str(data.get("error") or data.get("errors") or "")
    main = BeautifulSoup(response.content, "html.parser").select_one("main")
    return " ".join(element.get_text(" ", strip=True) for element in main.select("[role=alert], .field-error"))
