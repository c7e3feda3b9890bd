"""Days an admin enters for a year chinesecalendar does not know yet (design.md §7 "Working days"):
the State Council publishes each year's holidays in November or December, and a centre may need
them before the library's next release. Entering or removing one regenerates the `workday` table
and moves the running due dates of open cases (app.services.due_dates)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app import calendar_table
from app.context import Actor
from app.database import Database
from app.errors import NotFound, ValidationError
from app.rules.workdays import calendar_years  # noqa: F401 (re-exported for callers)
from app.service import note, read_call, service_call
from app.services import due_dates
from db.models import CalendarOverride


@dataclass(frozen=True)
class CalendarDay:
    day: date
    is_workday: bool
    name: str

    @property
    def kind_label(self) -> str:
        return "调休上班" if self.is_workday else "放假"


@dataclass(frozen=True)
class CalendarChange:
    day: CalendarDay | None     # None: the entry was removed
    cases_moved: int            # open cases whose running due date changed


def list_days(db: Database, actor: Actor) -> list[CalendarDay]:
    with read_call(db, actor, roles=None) as s:
        rows = s.scalars(select(CalendarOverride).order_by(CalendarOverride.day)).all()
        return [CalendarDay(r.day, r.is_workday, r.name) for r in rows]


def set_day(db: Database, actor: Actor, day: date, *, is_workday: bool, name: str = "") -> CalendarChange:
    """Enter a holiday (is_workday=False) or a make-up working day (True); admin only."""
    _check_year(day)
    name = name.strip()
    if len(name) > 40:
        raise ValidationError("名称", "不能超过40个字")
    with service_call(db, actor, roles={"admin"}, action="calendar.set_day") as s:
        row = s.get(CalendarOverride, day)
        if row is None:
            s.add(CalendarOverride(day=day, is_workday=is_workday, name=name))
        else:
            row.is_workday, row.name = is_workday, name
        # The override table does not travel, so the unit of work would not event it on its own.
        note(s, "calendar.set_day", "calendar_override", None,
             {"day": day.isoformat(), "is_workday": is_workday, "name": name})
        moved = _apply(s)
    return CalendarChange(CalendarDay(day, is_workday, name), moved)


def clear_day(db: Database, actor: Actor, day: date) -> CalendarChange:
    with service_call(db, actor, roles={"admin"}, action="calendar.clear_day") as s:
        row = s.get(CalendarOverride, day)
        if row is None:
            raise NotFound(f"{day.isoformat()} 没有手工录入的安排。", english="no entry for that day")
        s.delete(row)
        note(s, "calendar.clear_day", "calendar_override", None, {"day": day.isoformat()})
        moved = _apply(s)
    return CalendarChange(None, moved)


def _apply(s) -> int:
    s.flush()
    calendar_table.regenerate(s)
    return due_dates.recompute(s)


def _check_year(day: date) -> None:
    first, last = calendar_years()
    if first <= day.year <= last:
        raise ValidationError("日期", f"{day.year}年的节假日已由 chinesecalendar 收录，无需手工录入")
