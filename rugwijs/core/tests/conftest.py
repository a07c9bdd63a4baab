import pytest
from django.db import connection

# Imported now, while collection has only met the project's own conftest: once tests/browser's
# conftest is collected, the name `conftest` means that one.
from rugwijs.core.testing import load_demo
from rugwijs.engagement.models import DailyPageViews, HelpfulnessVote, PageViewTotal, VisitorMark


@pytest.fixture(scope="module")
def live_database(django_db_setup, django_db_blocker):
    """Database access outside any test transaction, so servers in other processes can write.

    Returns the demo article; the votes and views the servers add are taken away afterwards.
    """
    # pytest-django makes the test database only when some test in the run is marked django_db;
    # without one these servers would write to the real database.
    assert "test" in connection.settings_dict["NAME"], "run these with a django_db test (see test_shared_rate_limits)"
    with django_db_blocker.unblock():
        article = load_demo()
        last_vote = HelpfulnessVote.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        views = PageViewTotal.objects.get(page=article).views
        daily = list(DailyPageViews.objects.filter(page=article).values("day", "views"))
        yield article
        DailyPageViews.objects.filter(page=article).delete()
        DailyPageViews.objects.bulk_create(DailyPageViews(page=article, **row) for row in daily)
        HelpfulnessVote.objects.filter(pk__gt=last_vote).delete()
        VisitorMark.objects.all().delete()
        PageViewTotal.objects.filter(page=article).update(views=views)
