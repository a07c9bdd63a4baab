"""Course report figures, tables, CSV and bar-chart geometry: plain Python, no database, no HTTP.

The admin report (`report_sections.py`) asks the database for counts and simple rows and hands them to
these functions; what they return is rendered as HTML tables, inline SVG bar charts and CSV files.
Only counts leave this module: no names, no e-mail addresses.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

WEEKS = 12
# Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_BOM = "\ufeff"

# Bar-chart geometry, in SVG user units: the chart scales to the width it gets (viewBox, width 100%).
CHART_WIDTH = 480
LABEL_HEIGHT = 18
BAR_HEIGHT = 16
ROW_GAP = 10
VALUE_SPACE = 88  # room right of the longest bar for its number
LABEL_MAX_CHARS = 48  # at the 16 units narrow screens use (reports.css), still inside the chart


@dataclass(frozen=True)
class Lesson:
    id: int
    number: str  # "2.1": module 2, lesson 1
    title: str

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}"


@dataclass(frozen=True)
class EnrolmentCounts:
    total: int = 0
    active: int = 0
    pending: int = 0
    ended: int = 0
    free: int = 0
    payment: int = 0
    editor: int = 0
    finished: int = 0


@dataclass(frozen=True)
class StopRow:
    """Learners who have not finished, grouped by the last lesson they marked done and the last one they opened."""

    last_done_id: int | None
    last_opened_id: int | None
    learners: int


@dataclass(frozen=True)
class Table:
    caption: str
    headings: tuple[str, ...]
    rows: tuple[tuple[str | int, ...], ...]

    @property
    def body(self) -> list[tuple[str | int, tuple[str | int, ...]]]:
        """Each row as (row heading, other cells): the first cell of a row names it (a <th scope="row">)."""
        return [(row[0], row[1:]) for row in self.rows]


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    description: str
    width: int
    label_y: int
    bar_y: int
    value_x: int
    value_y: int


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    width: int = CHART_WIDTH
    height: int = 0
    bar_height: int = BAR_HEIGHT


@dataclass(frozen=True)
class Section:
    """One part of a course report: a heading, what it counts, its table and, if it helps, a chart of it."""

    slug: str
    title: str
    explanation: str
    table: Table
    chart: BarChart | None = None


def share(part: int, whole: int) -> int:
    """Part of whole as a whole percentage, rounded half up; 0 when there is no whole."""
    if whole <= 0:
        return 0
    return (200 * part + whole) // (2 * whole)


def percent(part: int, whole: int) -> str:
    return f"{share(part, whole)}%"


# Enrolments


def enrolment_table(counts: EnrolmentCounts) -> Table:
    rows = (
        (_("All enrolments"), counts.total),
        (_("Active"), counts.active),
        (_("Waiting for payment"), counts.pending),
        (_("Ended"), counts.ended),
        (_("Enrolled in the free course"), counts.free),
        (_("Enrolled after payment"), counts.payment),
        (_("Enrolled by an editor"), counts.editor),
        (_("Finished every lesson"), counts.finished),
    )
    return Table(caption=_("Enrolments"), headings=(_("Enrolments"), _("How many")), rows=rows)


def week_start(day: date) -> date:
    """The Monday of the day's week (weeks run Monday to Sunday, as in the Netherlands)."""
    return day - timedelta(days=day.weekday())


def first_week(today: date, weeks: int = WEEKS) -> date:
    return week_start(today) - timedelta(weeks=weeks - 1)


def weekly_counts(per_week: dict[date, int], today: date, weeks: int = WEEKS) -> list[tuple[date, int]]:
    """The last `weeks` weeks up to and including today's, oldest first, with 0 for a week without enrolments.

    `per_week` maps the Monday a week starts on to its enrolments; other days and older weeks are ignored.
    """
    start = first_week(today, weeks)
    return [(start + timedelta(weeks=n), per_week.get(start + timedelta(weeks=n), 0)) for n in range(weeks)]


def week_label(monday: date) -> str:
    sunday = monday + timedelta(days=6)
    return _("%(start)s to %(end)s") % {"start": _short_date(monday), "end": _short_date(sunday)}


def _short_date(day: date) -> str:
    return f"{day.day}-{day.month}-{day.year}"


def weekly_table(weeks: Sequence[tuple[date, int]]) -> Table:
    return Table(
        caption=_("New enrolments per week"),
        headings=(_("Week"), _("New enrolments")),
        rows=tuple((week_label(monday), count) for monday, count in weeks),
    )


def weekly_chart(weeks: Sequence[tuple[date, int]]) -> BarChart:
    items = [(week_label(monday), count, str(count)) for monday, count in weeks]
    return bar_chart(_("Bar chart of new enrolments per week; the same numbers are in the table below."), items)


# Completion per lesson


def completion_rows(lessons: Sequence[Lesson], done: dict[int, int], enrolled: int) -> list[tuple[Lesson, int, str]]:
    """Each lesson in course order with how many active learners marked it done and their share of them."""
    return [(lesson, done.get(lesson.id, 0), percent(done.get(lesson.id, 0), enrolled)) for lesson in lessons]


def completion_table(rows: Sequence[tuple[Lesson, int, str]]) -> Table:
    return Table(
        caption=_("Lessons done, per lesson"),
        headings=(_("Lesson"), _("Learners who marked it done"), _("Share of active learners")),
        rows=tuple((lesson.label, count, share_text) for lesson, count, share_text in rows),
    )


def completion_chart(rows: Sequence[tuple[Lesson, int, str]], enrolled: int) -> BarChart:
    items = [(lesson.label, count, f"{count} ({share_text})") for lesson, count, share_text in rows]
    return bar_chart(
        _("Bar chart of lessons done per lesson; the same numbers are in the table below."), items, scale=enrolled
    )


# Where learners stop


def stop_rows(lessons: Sequence[Lesson], learners: Iterable[StopRow]) -> list[tuple[str, int, int]]:
    """Per lesson in course order: unfinished learners whose last lesson done is this one, and whose last
    lesson opened is this one; first a row for those with none yet, last (only if any) a row for lessons
    no longer in the course (unpublished or moved since)."""
    known = {lesson.id for lesson in lessons}
    stopped, opened = Counter(), Counter()
    for row in learners:
        stopped[_bucket(row.last_done_id, known)] += row.learners
        opened[_bucket(row.last_opened_id, known)] += row.learners
    rows = [(_("No lesson yet"), stopped[None], opened[None])]
    rows += [(lesson.label, stopped[lesson.id], opened[lesson.id]) for lesson in lessons]
    if stopped["gone"] or opened["gone"]:
        rows.append((_("A lesson no longer in the course"), stopped["gone"], opened["gone"]))
    return rows


def _bucket(lesson_id: int | None, known: set[int]) -> int | str | None:
    if lesson_id is None:
        return None
    return lesson_id if lesson_id in known else "gone"


def stop_table(rows: Sequence[tuple[str, int, int]]) -> Table:
    return Table(
        caption=_("Where learners who have not finished stop"),
        headings=(_("Lesson"), _("Last lesson they marked done"), _("Last lesson they opened")),
        rows=tuple(rows),
    )


def stop_chart(rows: Sequence[tuple[str, int, int]]) -> BarChart:
    items = [(label, stopped, str(stopped)) for label, stopped, _opened in rows]
    return bar_chart(
        _(
            "Bar chart of the last lesson marked done by learners who have not finished; "
            "the same numbers are in the table below."
        ),
        items,
    )


# Charts


def bar_chart(title: str, items: Sequence[tuple[str, int, str]], scale: int | None = None) -> BarChart:
    """Horizontal bars, one per (label, value, value text), each label on its own line above its bar.

    Bars are as long as value/scale of the room left beside the numbers; scale defaults to the largest value.
    A value above 0 always shows a sliver, so a small count is not mistaken for none.
    """
    largest = max((value for _label, value, _text in items), default=0)
    scale = max(scale or 0, largest, 1)
    room = CHART_WIDTH - VALUE_SPACE
    row_height = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    bars = []
    for index, (label, value, value_text) in enumerate(items):
        top = index * row_height
        width = round(room * value / scale)
        if value > 0:
            width = max(width, 2)
        bars.append(
            Bar(
                label=shorten(label),
                value_text=value_text,
                description=f"{label}: {value_text}",
                width=width,
                label_y=top + LABEL_HEIGHT - 5,
                bar_y=top + LABEL_HEIGHT,
                value_x=width + 6,
                value_y=top + LABEL_HEIGHT + BAR_HEIGHT - 3,
            )
        )
    return BarChart(title=title, bars=tuple(bars), height=max(len(items) * row_height - ROW_GAP, 1))


def shorten(text: str, limit: int = LABEL_MAX_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# CSV


def csv_cell(value: str | int) -> str | int:
    """A cell as a spreadsheet shows it, never runs it: text that would start a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table_csv(table: Table, title: str = "") -> str:
    """The table as CSV text for Excel and LibreOffice: a byte-order mark so they read UTF-8, a first line
    naming what is counted, then the headings and rows."""
    out = io.StringIO()
    writer = csv.writer(out)
    if title:
        writer.writerow([csv_cell(title)])
    writer.writerow([csv_cell(heading) for heading in table.headings])
    for row in table.rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return CSV_BOM + out.getvalue()
