"""Fill the `workday` table from chinesecalendar plus admin-entered days (design.md §7
"Working days in SQL"). `ordinal` counts working days so SQL can compute
workdays(a, b] = ordinal(b) − ordinal(a) with two index look-ups."""
from __future__ import annotations

import functools
from datetime import date

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.rules.workdays import WorkdayCalendar
from db.models import CalendarOverride, Workday

# Wide enough for ledgers of old cases and deadlines years ahead; cheap (≈15k rows).
FIRST_YEAR = 2000
LAST_YEAR = 2040


def calendar_for(session: Session) -> WorkdayCalendar:
    overrides = dict(session.execute(select(CalendarOverride.day, CalendarOverride.is_workday)).all())
    return _calendar(frozenset(overrides.items()))


@functools.lru_cache(maxsize=8)
def _calendar(overrides: frozenset[tuple[date, bool]]) -> WorkdayCalendar:
    # Building a year from chinesecalendar costs ~30 ms; opening a case must not pay that each time.
    # Keyed by the admin's overrides, so a change to them gives a fresh calendar.
    return WorkdayCalendar(dict(overrides))


def regenerate(session: Session, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR) -> int:
    """Rewrite the table inside the caller's transaction; returns the number of days."""
    cal = calendar_for(session)
    rows, ordinal = [], 0
    for day, is_work, source in cal.rows(first_year, last_year):
        ordinal += 1 if is_work else 0
        rows.append({"day": day, "is_workday": is_work, "ordinal": ordinal, "source": source})
    session.execute(delete(Workday))
    session.execute(insert(Workday), rows)
    return len(rows)
