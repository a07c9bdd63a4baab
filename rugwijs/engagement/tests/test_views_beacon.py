import pytest
from django.db import connection

from rugwijs.engagement.models import DailyPageViews, DailySalt, PageViewTotal, VisitorMark

pytestmark = pytest.mark.django_db


def beacon(page):
    return f"/engagement/views/{page.pk}/"


def total(page):
    return PageViewTotal.objects.get(page=page).views


def test_a_view_is_counted_once_per_visitor_per_day(demo_site, reader):
    before = total(demo_site)
    assert reader(beacon(demo_site)).status_code == 204
    assert reader(beacon(demo_site)).status_code == 204
    assert total(demo_site) == before + 1
    assert reader(beacon(demo_site), ip="192.0.2.11").status_code == 204
    assert total(demo_site) == before + 2
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
    assert reader(beacon(demo_site), **headers).status_code == 204
    assert total(demo_site) == before


def test_no_address_or_user_agent_is_stored(demo_site, reader):
    reader(beacon(demo_site), ip="198.51.100.77")
    mark = VisitorMark.objects.get()
    assert "198.51.100.77" not in mark.visitor and len(mark.visitor) == 64
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.startswith("engagement_"):
                cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - table names come from introspection
                assert "198.51.100.77" not in repr(cursor.fetchall())


def test_yesterdays_salt_and_marks_are_thrown_away(demo_site, reader):
    import datetime

    from django.utils import timezone

    from rugwijs.engagement.visitors import todays_salt

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    DailySalt.objects.create(day=yesterday, salt="old")
    VisitorMark.objects.create(kind="view", page=demo_site, day=yesterday, visitor="x" * 64)
    todays_salt()
    assert not DailySalt.objects.filter(day=yesterday).exists()
    assert not VisitorMark.objects.filter(day=yesterday).exists()


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
    statuses = [reader(beacon(demo_site)).status_code for _ in range(125)]
    assert statuses[:120] == [204] * 120
    assert statuses[-1] == 429


def test_the_beacon_sets_no_cookie(demo_site, reader):
    assert not reader(beacon(demo_site)).cookies


def test_a_salt_is_never_used_past_its_day(demo_site):
    import datetime

    from django.test import RequestFactory
    from django.utils import timezone

    from rugwijs.engagement.visitors import todays_salt, visitor_key

    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.10", HTTP_USER_AGENT="Mozilla/5.0")
    salt_today, key_today = todays_salt(today), visitor_key(request, today)
    salt_tomorrow, key_tomorrow = todays_salt(tomorrow), visitor_key(request, tomorrow)
    assert salt_tomorrow != salt_today and key_tomorrow != key_today
    assert list(DailySalt.objects.values_list("day", flat=True)) == [tomorrow]
