"""The home page leads readers to the topics, the self-tests and the newest articles."""

import pytest
from bs4 import BeautifulSoup

from rugwijs.selftests.models import SelfTestPage

pytestmark = pytest.mark.django_db


def test_home_page_leads_to_every_self_test_and_the_overview(client, demo_site):
    main = BeautifulSoup(client.get("/").content.decode(), "html.parser").find("main")

    section = main.find("section", attrs={"aria-labelledby": "zelftests"})
    assert section.find("h2").get_text() == "Zelftests"
    linked = {a["href"] for a in section.find_all("a")}
    tests = SelfTestPage.objects.live()
    assert tests.count() >= 5
    assert {test.url for test in tests} | {"/zelftests/"} == linked


def test_home_page_still_leads_to_topics_and_articles(client, demo_site):
    main = BeautifulSoup(client.get("/").content.decode(), "html.parser").find("main")

    assert main.find("a", href="/hernia/")
    assert main.find("a", href="/stress-en-pijn/stress-en-rugpijn/")


def test_an_unpublished_self_test_is_not_offered(client, demo_site):
    test = SelfTestPage.objects.live().first()
    test.unpublish()

    assert f'href="{test.url}"' not in client.get("/").content.decode()
