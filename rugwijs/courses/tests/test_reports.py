"""Course reports for editors: the figures, their tables, charts and CSV files, and who may see them."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from rugwijs.accounts.testing import log_in_verified
from rugwijs.courses import reports
from rugwijs.courses.models import Enrolment, LessonCompletion

from .conftest import enrol, lessons_of, soup

pytestmark = pytest.mark.django_db


# The pure module


def lesson(number: int) -> reports.Lesson:
    return reports.Lesson(id=number, number=f"1.{number}", title=f"Les {number}")


def test_completion_counts_each_lesson_in_course_order_with_its_share_of_active_learners():
    rows = reports.completion_rows([lesson(1), lesson(2), lesson(3)], {2: 1, 1: 2, 99: 5}, enrolled=3)
    assert [(row[0].id, row[1], row[2]) for row in rows] == [(1, 2, "67%"), (2, 1, "33%"), (3, 0, "0%")]
    assert reports.completion_rows([lesson(1)], {}, enrolled=0)[0][1:] == (0, "0%")


def test_stops_are_counted_per_last_lesson_done_and_opened_with_a_row_for_none_yet():
    rows = reports.stop_rows(
        [lesson(1), lesson(2)],
        [
            reports.StopRow(last_done_id=None, last_opened_id=None, learners=2),
            reports.StopRow(last_done_id=1, last_opened_id=2, learners=3),
            reports.StopRow(last_done_id=2, last_opened_id=2, learners=1),
        ],
    )
    assert rows == [("Nog geen les", 2, 2), ("1.1 Les 1", 3, 0), ("1.2 Les 2", 1, 4)]


def test_a_lesson_no_longer_in_the_course_gets_a_row_of_its_own_only_when_counted():
    rows = reports.stop_rows([lesson(1)], [reports.StopRow(last_done_id=1, last_opened_id=7, learners=1)])
    assert rows[-1] == ("Een les die niet meer in de cursus staat", 0, 1)
    assert len(reports.stop_rows([lesson(1)], [])) == 2


def test_weekly_counts_cover_twelve_weeks_up_to_this_one_monday_first():
    wednesday = date(2026, 11, 25)
    weeks = reports.weekly_counts({date(2026, 11, 23): 4, date(2026, 9, 7): 9, date(2026, 9, 14): 1}, wednesday)
    assert len(weeks) == 12
    assert weeks[0] == (date(2026, 9, 7), 9)  # 11 weeks before this Monday
    assert weeks[1] == (date(2026, 9, 14), 1)
    assert weeks[-1] == (date(2026, 11, 23), 4)
    assert sum(count for _monday, count in weeks) == 14


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(1, 3, 33), (2, 3, 67), (1, 2, 50), (1, 8, 13), (0, 0, 0), (3, 3, 100)],
    ids=["third", "two-thirds", "half", "half-up", "no-learners", "all"],
)
def test_shares_are_whole_percentages_rounded_half_up(part, whole, expected):
    assert reports.share(part, whole) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+31 6", "'+31 6"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("Rugpijn = pijn", "Rugpijn = pijn"),
        (5, 5),
    ],
    ids=["equals", "plus", "minus", "at", "tab", "equals-inside", "count"],
)
def test_csv_cells_that_would_start_a_formula_are_prefixed(cell, expected):
    assert reports.csv_cell(cell) == expected


def test_bars_are_as_long_as_their_share_of_the_scale_and_a_small_count_still_shows():
    chart = reports.bar_chart("Titel", [("a", 0, "0"), ("b", 1, "1"), ("c", 200, "200")], scale=200)
    room = reports.CHART_WIDTH - reports.VALUE_SPACE
    assert [bar.width for bar in chart.bars] == [0, 2, room]
    assert all(bar.value_x + 40 < chart.width for bar in chart.bars[:2])
    assert chart.bars[1].bar_y > chart.bars[0].bar_y and chart.height > chart.bars[-1].bar_y


# The admin report of a known situation in the free course


@pytest.fixture
def situation(free_course):
    """Three active learners and one ended: finished, stopped after lesson 2, not started; ended after lesson 1."""
    users = get_user_model().objects
    lessons = lessons_of(free_course)
    now = timezone.now()

    finished = enrol(users.create_user("klaar", "klaar@example.org"), free_course, completed_at=now)
    for order, done in enumerate(lessons):
        LessonCompletion.objects.create(
            enrolment=finished, lesson=done, completed_at=now - timedelta(minutes=60 - order)
        )
    stopped = enrol(
        users.create_user("gestopt", "gestopt@example.org"),
        free_course,
        last_lesson=lessons[2],
        created_at=now - timedelta(weeks=3),
    )
    LessonCompletion.objects.create(enrolment=stopped, lesson=lessons[0], completed_at=now - timedelta(days=2))
    LessonCompletion.objects.create(enrolment=stopped, lesson=lessons[1], completed_at=now - timedelta(days=1))
    enrol(users.create_user("nieuw", "nieuw@example.org"), free_course)
    ended = enrol(users.create_user("weg", "weg@example.org"), free_course, source=Enrolment.Source.EDITOR)
    LessonCompletion.objects.create(enrolment=ended, lesson=lessons[0])
    Enrolment.objects.filter(pk=ended.pk).update(status=Enrolment.Status.ENDED)
    return free_course


def report_url(course) -> str:
    return reverse("course_reports:course", args=[course.pk])


def table_rows(page, section: str) -> list[list[str]]:
    table = page.select_one(f"#{section} table")
    return [[" ".join(cell.get_text(" ").split()) for cell in row.select("th, td")] for row in table.select("tbody tr")]


def test_the_report_counts_enrolments_by_status_and_source(admin_client, situation):
    page = soup(admin_client.get(report_url(situation)))
    assert table_rows(page, "enrolments") == [
        ["Alle inschrijvingen", "4"],
        ["Actief", "3"],
        ["Wacht op betaling", "0"],
        ["Beëindigd", "1"],
        ["Ingeschreven voor de gratis cursus", "3"],
        ["Ingeschreven na betaling", "0"],
        ["Ingeschreven door een redacteur", "1"],
        ["Alle lessen afgerond", "1"],
    ]


def test_the_report_counts_lessons_done_by_active_learners_with_a_chart_of_the_same(admin_client, situation):
    page = soup(admin_client.get(report_url(situation)))
    titles = [lesson.title for lesson in lessons_of(situation)]
    rows = table_rows(page, "lessons")
    assert [row[1:] for row in rows] == [["2", "67%"], ["2", "67%"]] + [["1", "33%"]] * 4
    assert rows[0][0] == f"1.1 {titles[0]}"

    chart = page.select_one("#lessons svg[role=img]")
    assert chart.find("title").get_text() in page.select_one("#lessons").get_text()
    assert chart["aria-labelledby"] == chart.find("title")["id"]
    assert "tabel hieronder" in chart.find("title").get_text()
    bars = chart.select("g.course-report__bar")
    assert len(bars) == 6
    assert bars[0].find("title").get_text() == f"1.1 {titles[0]}: 2 (67%)"
    assert bars[2].select_one("text.course-report__value").get_text() == "1 (33%)"
    widths = [int(bar.rect["width"]) for bar in bars]
    assert widths[0] == widths[1] and abs(widths[0] - 2 * widths[2]) <= 1  # 2 of 3 and 1 of 3 active learners


def test_the_report_shows_where_unfinished_learners_stop(admin_client, situation):
    page = soup(admin_client.get(report_url(situation)))
    rows = table_rows(page, "stops")
    counts = [row[1:] for row in rows]
    # Not started: no lesson done nor opened. Stopped: lesson 2 done last, lesson 3 opened last.
    assert counts == [["1", "1"], ["0", "0"], ["1", "0"], ["0", "1"], ["0", "0"], ["0", "0"], ["0", "0"]]
    assert rows[0][0] == "Nog geen les"
    bars = page.select("#stops svg g.course-report__bar")
    assert len(bars) == 7
    assert bars[2].find("title").get_text().endswith(": 1")


def test_the_report_counts_new_enrolments_per_week(admin_client, situation):
    page = soup(admin_client.get(report_url(situation)))
    counts = [int(row[1]) for row in table_rows(page, "weeks")]
    assert len(counts) == 12 and counts[-1] == 3 and counts[-4] == 1 and sum(counts) == 4
    assert len(page.select("#weeks svg g.course-report__bar")) == 12


def test_the_report_holds_no_learner_addresses(admin_client, situation):
    text = admin_client.get(report_url(situation)).content.decode()
    assert "@example.org" not in text
    for section in ("enrolments", "weeks", "lessons", "stops"):
        csv = admin_client.get(reverse("course_reports:csv", args=[situation.pk, section])).content.decode()
        assert "@example.org" not in csv


def test_each_table_downloads_as_csv_for_excel_with_formulas_defused(admin_client, situation):
    Page.objects.filter(pk=situation.pk).update(title='=HYPERLINK("http://evil.example")')
    response = admin_client.get(reverse("course_reports:csv", args=[situation.pk, "lessons"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    filename = f"rugpijn-begrijpen-afgeronde-lessen-per-les-{timezone.localdate().isoformat()}.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response.content.startswith("\ufeff".encode())
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("\"'=HYPERLINK(")
    assert lines[1] == "Les,Leerlingen die de les afrondden,Deel van de actieve leerlingen"
    assert len(lines) == 2 + 6
    assert lines[2].endswith(",2,67%")


def test_the_reports_menu_lists_each_course_with_its_counts(admin_client, situation, paid_course):
    response = admin_client.get(reverse("course_reports:index"))
    page = soup(response)
    cells = [[" ".join(td.get_text(" ").split()) for td in row.select("td")] for row in page.select("tbody tr")]
    rows = {row[0]: row[1:] for row in cells}
    assert rows[situation.title] == ["4", "3", "0", "1", "1"]
    assert rows[paid_course.title] == ["0", "0", "0", "0", "0"]
    assert page.find("a", href=report_url(situation))
    assert reverse("course_reports:index") in admin_client.get("/admin/").content.decode()


def test_the_enrolment_listing_links_to_the_reports(admin_client):
    response = admin_client.get("/admin/snippets/courses/enrolment/")
    assert soup(response).find("a", href=reverse("course_reports:index"))


def test_the_report_costs_the_same_queries_for_many_learners(admin_client, situation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        admin_client.get(report_url(situation))
    users = get_user_model().objects
    for n in range(8):
        enrolment = enrol(users.create_user(f"extra{n}", f"extra{n}@example.org"), situation)
        LessonCompletion.objects.create(enrolment=enrolment, lesson=lessons_of(situation)[n % 6])
    with CaptureQueriesContext(connection) as many:
        admin_client.get(report_url(situation))
    assert len(many) == len(few)


# Who may see them


@pytest.fixture
def staff_user(db):
    user = get_user_model().objects.create_user("medewerker", "medewerker@example.org", "een-lang-wachtwoord-2026")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_an_editor_of_the_editors_group_sees_the_reports(client, staff_user, free_course):
    staff_user.groups.add(Group.objects.get(name="Editors"))
    log_in_verified(client, staff_user)
    assert client.get(reverse("course_reports:index")).status_code == 200
    assert client.get(report_url(free_course)).status_code == 200


@pytest.mark.parametrize(
    "url_name", ["course_reports:index", "course_reports:course", "course_reports:csv"], ids=["list", "report", "csv"]
)
def test_admin_users_who_may_not_view_enrolments_are_refused(client, staff_user, free_course, url_name):
    log_in_verified(client, staff_user)
    args = {
        "course_reports:index": [],
        "course_reports:course": [free_course.pk],
        "course_reports:csv": [free_course.pk, "lessons"],
    }[url_name]
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    response = client.get(reverse(url_name, args=args), follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Sorry, je hebt geen toegang tot dit gedeelte" in response.content.decode()
    assert reverse("course_reports:index") not in client.get("/admin/").content.decode()


def test_a_learner_is_sent_to_the_admin_login(learner_client, free_course):
    for url in (report_url(free_course), reverse("course_reports:csv", args=[free_course.pk, "lessons"])):
        response = learner_client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reports/courses/?p=abc&ordering=-evil&export=xyz",
        "/admin/reports/courses/?p=99999",
        "/admin/reports/courses/results/?q=%00",
        "/admin/reports/courses/999999/",
        "/admin/reports/courses/{course}/nothing.csv",
        "/admin/reports/courses/{course}/?export=csv&p=%ff",
    ],
    ids=["bad-page", "page-past-end", "nul", "unknown-course", "unknown-table", "odd-params"],
)
def test_odd_addresses_give_no_server_error(admin_client, free_course, url):
    response = admin_client.get(url.format(course=free_course.pk))
    assert response.status_code in {200, 302, 400, 404}


def test_a_page_that_is_not_a_course_has_no_report(admin_client, free_course):
    assert admin_client.get(report_url(free_course.get_parent())).status_code == 404
