"""The drip, prerequisite, progress and resume rules as plain functions."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rugwijs.courses import schedule
from rugwijs.courses.schedule import Module

START = date(2026, 3, 2)
WEEK_1 = Module(id=1, title="Week 1", lesson_ids=(11, 12, 13))
WEEK_2 = Module(id=2, title="Week 2", lesson_ids=(21, 22), opens_after_days=7, required_module_id=1)
WEEK_3 = Module(id=3, title="Week 3", lesson_ids=(31,), opens_after_days=14, required_module_id=2)
COURSE = [WEEK_1, WEEK_2, WEEK_3]


def access(today, completed=(), opened_early=()):
    return schedule.module_access(
        COURSE, started_on=START, today=today, completed=set(completed), opened_early=opened_early
    )


def test_the_first_module_is_open_on_the_day_of_enrolment():
    result = access(START)
    assert result[1].is_open
    assert not result[2].is_open and not result[3].is_open


@pytest.mark.parametrize(
    ("day", "is_open"), [(6, False), (7, True), (8, True)], ids=["day-before", "the-day", "day-after"]
)
def test_a_module_opens_on_its_day_once_the_module_it_needs_is_done(day, is_open):
    result = access(date(2026, 3, 2 + day), completed={11, 12, 13})
    assert result[2].is_open is is_open
    assert result[2].opens_on == (None if is_open else date(2026, 3, 9))
    assert result[2].waits_for is None


def test_a_module_whose_day_came_still_waits_for_its_required_module():
    result = access(date(2026, 4, 1), completed={11, 12})
    assert not result[2].is_open
    assert result[2].waits_for == WEEK_1
    assert result[2].opens_on is None


def test_a_closed_module_can_wait_for_a_day_and_a_module_at_once():
    result = access(START)
    assert result[3].opens_on == date(2026, 3, 16)
    assert result[3].waits_for == WEEK_2


def test_an_editor_opening_a_module_early_overrides_day_and_requirement():
    result = access(START, opened_early=[3])
    assert result[3].is_open
    assert not result[2].is_open


def test_a_module_without_lessons_counts_as_finished():
    empty = Module(id=9, title="Leeg", lesson_ids=())
    after = Module(id=10, title="Daarna", lesson_ids=(101,), required_module_id=9)
    result = schedule.module_access([empty, after], started_on=START, today=START, completed=set())
    assert result[10].is_open


def test_progress_counts_lessons_and_rounds_down():
    progress = schedule.progress(COURSE, {11, 12})
    assert (progress.done, progress.total, progress.percent, progress.is_complete) == (2, 6, 33, False)
    assert schedule.progress(COURSE, {11, 12, 13, 21, 22, 31}).is_complete
    assert schedule.progress([], set()).percent == 0
    assert not schedule.progress([], set()).is_complete


def test_resume_goes_back_to_the_last_lesson_opened_while_it_is_not_done():
    result = access(START)
    assert schedule.resume_lesson(COURSE, result, completed={11}, last_lesson_id=13) == 13


def test_resume_goes_on_after_the_last_lesson_then_back_to_a_skipped_one():
    result = access(START)
    assert schedule.resume_lesson(COURSE, result, completed={12}, last_lesson_id=12) == 13
    assert schedule.resume_lesson(COURSE, result, completed={12, 13}, last_lesson_id=13) == 11


def test_resume_never_points_into_a_closed_module_and_ends_when_all_open_lessons_are_done():
    result = access(START, completed={11, 12, 13})
    assert schedule.resume_lesson(COURSE, result, completed={11, 12, 13}, last_lesson_id=13) is None


def test_neighbours_cross_module_boundaries():
    assert schedule.neighbours(COURSE, 13) == (12, 21)
    assert schedule.neighbours(COURSE, 11) == (None, 12)
    assert schedule.neighbours(COURSE, 31) == (22, None)


@given(
    completed=st.sets(st.sampled_from([11, 12, 13, 21, 22, 31])),
    days=st.integers(min_value=0, max_value=40),
    early=st.sets(st.sampled_from([1, 2, 3])),
)
def test_a_module_is_open_exactly_when_its_day_has_come_and_its_requirement_is_done_or_it_was_opened(
    completed, days, early
):
    today = date.fromordinal(START.toordinal() + days)
    result = access(today, completed, early)
    for module in COURSE:
        required = next((m for m in COURSE if m.id == module.required_module_id), None)
        expected = module.id in early or (
            days >= module.opens_after_days and (required is None or set(required.lesson_ids) <= completed)
        )
        assert result[module.id].is_open is expected
        resume = schedule.resume_lesson(COURSE, result, completed)
        if resume is not None:
            assert resume not in completed
            assert any(resume in m.lesson_ids and result[m.id].is_open for m in COURSE)
