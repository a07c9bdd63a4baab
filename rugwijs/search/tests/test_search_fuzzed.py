"""Any query string on the search page, however many `q` and `pagina` fields and whatever bytes they
hold: the page or a 400 with a message, never a 500."""

from urllib.parse import quote_from_bytes, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rugwijs.core.tests.form_fuzzing import FUZZ, assert_answered, form_pairs

pytestmark = pytest.mark.django_db

query_strings = form_pairs(["q", "pagina"]).map(urlencode) | st.lists(
    st.tuples(st.sampled_from([b"q", b"pagina"]) | st.binary(max_size=6), st.binary(max_size=30)), max_size=4
).map(lambda pairs: "&".join(f"{quote_from_bytes(name)}={quote_from_bytes(value)}" for name, value in pairs))


@FUZZ
@given(query_string=query_strings)
def test_any_query_string_gives_the_search_page_or_a_400_with_a_message(client, demo_site, query_string):
    response = client.get("/zoeken/", QUERY_STRING=query_string)
    assert_answered(response, {200, 400})
    if response.status_code == 200:
        assert b'id="search-q"' in response.content  # the search page itself, not only the site header
