import pytest
from django.db import connection

from rugwijs.core.numbers import dutch_thousands
from rugwijs.engagement.counting import current_views
from rugwijs.engagement.models import DailyPageViews, VisitorMark
from rugwijs.engagement.view_store import MARK_KEY, RedisBufferedViewStore, view_store
from rugwijs.engagement.visitors import VIEWS_PER_ADDRESS_PER_DAY

pytestmark = pytest.mark.django_db


def beacon(page):
    return f"/engagement/views/{page.pk}/"


def total(page):
    """What readers see: the stored total plus views still in the Redis buffer (when there is one)."""
    return current_views(page.pk)


def test_a_view_is_counted_once_per_visitor_per_day(demo_site, reader):
    before = total(demo_site)
    assert reader(beacon(demo_site)).status_code == 200
    assert reader(beacon(demo_site)).status_code == 200
    assert total(demo_site) == before + 1
    assert reader(beacon(demo_site), ip="192.0.2.11").status_code == 200
    assert total(demo_site) == before + 2
    if hasattr(view_store(), "flush"):
        view_store().flush()
    assert DailyPageViews.objects.filter(page=demo_site).order_by("-day").first().views == 2


def test_another_browser_on_the_same_address_is_another_visitor(demo_site, reader):
    before = total(demo_site)
    reader(beacon(demo_site))
    reader(beacon(demo_site), agent="Mozilla/5.0 (iPhone; CPU iPhone OS 18_0) Safari/604.1")
    assert total(demo_site) == before + 2


@pytest.mark.parametrize(
    "headers",
    [
        {"agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"agent": "facebookexternalhit/1.1"},
        {"agent": ""},
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
    ],
    ids=["googlebot", "link-preview", "no-user-agent", "sec-purpose", "purpose", "prerender"],
)
def test_bots_and_prefetches_are_not_counted(demo_site, reader, headers):
    before = total(demo_site)
    response = reader(beacon(demo_site), **headers)
    assert (response.status_code, response.content) == (204, b""), "a bot is shown no count"
    assert total(demo_site) == before


def stored_marks() -> list[str]:
    """Visitor marks wherever this set-up keeps them: the database, or Redis with the buffered store."""
    store = view_store()
    if isinstance(store, RedisBufferedViewStore):
        prefix = store.key(MARK_KEY)
        return [key.decode().removeprefix(prefix) for key in store.client().scan_iter(match=prefix + "*")]
    return list(VisitorMark.objects.values_list("key", flat=True))


def test_no_address_or_user_agent_is_stored(demo_site, reader):
    reader(beacon(demo_site), ip="198.51.100.77")
    keys = stored_marks()
    assert keys and all(len(key) == 64 and "198.51.100.77" not in key for key in keys)
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.startswith("engagement_"):
                cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - table names come from introspection
                assert "198.51.100.77" not in repr(cursor.fetchall())


def test_one_address_adds_only_a_few_views_whatever_browsers_it_claims(demo_site, reader):
    before = total(demo_site)
    for number in range(20):
        assert reader(beacon(demo_site), agent=f"Mozilla/5.0 (Invented {number}) Firefox/{number}.0").status_code == 200
    assert total(demo_site) == before + VIEWS_PER_ADDRESS_PER_DAY
    # The cap is per address: the next household still counts.
    reader(beacon(demo_site), ip="192.0.2.99")
    assert total(demo_site) == before + VIEWS_PER_ADDRESS_PER_DAY + 1


def test_unknown_or_unpublished_page_is_a_404_with_a_message(demo_site, reader):
    response = reader("/engagement/views/999999/", json=True)
    assert response.status_code == 404
    assert response.json()["error"] == "Er is geen gepubliceerde pagina met dit nummer."
    html = reader("/engagement/views/999999/")
    assert html.status_code == 404
    assert "Er is geen gepubliceerde pagina met dit nummer." in html.content.decode()
    demo_site.unpublish()
    assert reader(beacon(demo_site)).status_code == 404


def test_get_is_not_allowed(demo_site, client):
    assert client.get(beacon(demo_site)).status_code == 405


def test_other_sites_cannot_count_views(demo_site, reader):
    before = total(demo_site)
    response = reader(beacon(demo_site), json=True, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert "website" in response.json()["error"]
    assert total(demo_site) == before


def test_floods_are_rate_limited(demo_site, reader):
    before = total(demo_site)
    answers = [reader(beacon(demo_site), agent=f"Mozilla/5.0 Browser/{number}") for number in range(125)]
    assert [answer.status_code for answer in answers[:120]] == [200] * 120
    assert answers[-1].status_code == 429
    assert answers[-1]["Retry-After"] == "60"
    assert total(demo_site) == before + VIEWS_PER_ADDRESS_PER_DAY
    # Another address is not held back by this one's flood.
    assert reader(beacon(demo_site), ip="192.0.2.99").status_code == 200


def test_without_rate_limits_a_flood_is_answered_in_full(demo_site, reader, settings):
    settings.RATELIMIT_ENABLE = False
    assert {reader(beacon(demo_site)).status_code for _ in range(125)} == {200}


def test_the_beacon_sets_no_cookie(demo_site, reader):
    assert not reader(beacon(demo_site)).cookies


def test_the_answer_carries_the_current_count_as_a_dutch_label(demo_site, reader):
    before = total(demo_site)
    answer = reader(beacon(demo_site), json=True)
    assert answer.status_code == 200
    assert answer.json() == {"views": before + 1, "label": f"{dutch_thousands(before + 1)} x bekeken"}
    assert answer["Cache-Control"] == "no-store"
    # The same reader again: not counted, still told the count.
    assert reader(beacon(demo_site), json=True).json()["views"] == before + 1


def test_a_page_taken_offline_stops_counting_at_once(demo_site, reader):
    assert reader(beacon(demo_site), ip="198.51.100.80").status_code == 200
    demo_site.unpublish()
    assert reader(beacon(demo_site), ip="198.51.100.81").status_code == 404
    demo_site.save_revision().publish()
    assert reader(beacon(demo_site), ip="198.51.100.82").status_code == 200


def test_later_beacons_of_a_page_do_not_ask_the_database_about_the_page(demo_site, reader):
    from django.test.utils import CaptureQueriesContext

    def page_queries(ip):
        with CaptureQueriesContext(connection) as queries:
            assert reader(beacon(demo_site), ip=ip).status_code == 200
        return [query["sql"] for query in queries.captured_queries if "wagtailcore_page" in query["sql"]]

    assert page_queries("198.51.100.90"), "the first beacon looks the page up"
    assert page_queries("198.51.100.91") == []
