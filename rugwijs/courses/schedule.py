"""Which modules of a course are open to a learner, what is done, and where to carry on: plain logic.

A module opens a set number of days after the learner's enrolment started (drip) and, when it names
an earlier module, once every lesson of that module is done. An editor can open a module early for one
learner, which overrides both. The course models turn their rows into these dataclasses; nothing here
touches the database, so the rules are tested as plain functions.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Module:
    id: int
    title: str
    lesson_ids: tuple[int, ...]
    opens_after_days: int = 0
    required_module_id: int | None = None


@dataclass(frozen=True)
class ModuleAccess:
    """Why a module is open or closed. Closed modules say what they wait for: a day, a module, or both."""

    is_open: bool
    opens_on: date | None = None
    waits_for: Module | None = None


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        # Rounded down, so 100 % means everything is done.
        return self.done * 100 // self.total if self.total else 0

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.done == self.total


def is_finished(module: Module, completed: set[int]) -> bool:
    return all(lesson_id in completed for lesson_id in module.lesson_ids)


def module_access(
    modules: Sequence[Module],
    *,
    started_on: date,
    today: date,
    completed: set[int],
    opened_early: Iterable[int] = (),
) -> dict[int, ModuleAccess]:
    by_id = {module.id: module for module in modules}
    opened_early = set(opened_early)
    access = {}
    for module in modules:
        if module.id in opened_early:
            access[module.id] = ModuleAccess(is_open=True)
            continue
        opens_on = started_on + timedelta(days=module.opens_after_days)
        required = by_id.get(module.required_module_id)
        waits_for = required if required is not None and not is_finished(required, completed) else None
        drip_closed = today < opens_on
        access[module.id] = ModuleAccess(
            is_open=not drip_closed and waits_for is None,
            opens_on=opens_on if drip_closed else None,
            waits_for=waits_for,
        )
    return access


def progress(modules: Iterable[Module], completed: set[int]) -> Progress:
    lesson_ids = [lesson_id for module in modules for lesson_id in module.lesson_ids]
    return Progress(done=sum(1 for lesson_id in lesson_ids if lesson_id in completed), total=len(lesson_ids))


def resume_lesson(
    modules: Sequence[Module],
    access: dict[int, ModuleAccess],
    completed: set[int],
    last_lesson_id: int | None = None,
) -> int | None:
    """The lesson to carry on with: the last one opened if it is not done yet, else the next open one not done.

    'Next' looks after the last lesson opened first, then from the start, so a learner who skipped a
    lesson is led back to it once the rest is done. None when every open lesson is done.
    """
    order = [(lesson_id, module.id) for module in modules for lesson_id in module.lesson_ids]
    open_lessons = [lesson_id for lesson_id, module_id in order if access[module_id].is_open]
    if last_lesson_id in open_lessons and last_lesson_id not in completed:
        return last_lesson_id
    start = open_lessons.index(last_lesson_id) + 1 if last_lesson_id in open_lessons else 0
    for lesson_id in open_lessons[start:] + open_lessons[:start]:
        if lesson_id not in completed:
            return lesson_id
    return None


def neighbours(modules: Sequence[Module], lesson_id: int) -> tuple[int | None, int | None]:
    """The lessons before and after this one in course order, across module boundaries."""
    order = [lesson for module in modules for lesson in module.lesson_ids]
    index = order.index(lesson_id)
    return (order[index - 1] if index > 0 else None, order[index + 1] if index + 1 < len(order) else None)
