"""Working days as the deadlines a caseworker sees depend on them."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest

from app.rules.workdays import WorkdayCalendar, calendar_years


@pytest.fixture(scope="module")
def calendar() -> WorkdayCalendar:
    return WorkdayCalendar()


def test_national_day_2026_is_holiday(calendar: WorkdayCalendar) -> None:
    for day in range(1, 8):
        assert not calendar.is_workday(date(2026, 10, day))


def test_make_up_workday_2026(calendar: WorkdayCalendar) -> None:
    # Saturday 2026-10-10 is the make-up day for National Day according to chinesecalendar 1.11.
    saturday = date(2026, 10, 10)
    assert saturday.weekday() == 5
    assert chinese_calendar.is_workday(saturday)
    assert calendar.is_workday(saturday)


def test_add_workdays_skips_holiday(calendar: WorkdayCalendar) -> None:
    assert calendar.add_workdays(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert calendar.add_workdays(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert calendar.add_workdays(date(2026, 9, 30), 0) == date(2026, 9, 30)


def test_workdays_between_over_weekend(calendar: WorkdayCalendar) -> None:
    friday, monday = date(2026, 3, 6), date(2026, 3, 9)
    assert calendar.workdays_between(friday, monday) == 1
    assert calendar.workdays_between(friday, friday + timedelta(days=7)) == 5
    assert calendar.workdays_between(monday, friday) == 0


def test_between_and_add_agree_across_years(calendar: WorkdayCalendar) -> None:
    start = date(2026, 12, 20)
    for n in (1, 10, 30, 300):
        assert calendar.workdays_between(start, calendar.add_workdays(start, n)) == n


# The first year the installed chinesecalendar does not know: 2027 with chinesecalendar 1.11. Probed so the
# tests keep meaning something after a library upgrade adds 2027.
UNKNOWN_YEAR = calendar_years()[1] + 1


def _weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def test_unknown_year_uses_fallback(calendar: WorkdayCalendar) -> None:
    monday = _weekday_on_or_after(date(UNKNOWN_YEAR, 1, 5), 0)
    assert not calendar.known(monday)
    assert calendar.known(date(UNKNOWN_YEAR - 1, 12, 31))
    week = [monday + timedelta(days=i) for i in range(7)]
    assert [calendar.is_workday(day) for day in week] == [True] * 5 + [False] * 2
    # A deadline set in late December of the last known year runs into the fallback year.
    start = date(UNKNOWN_YEAR - 1, 12, 20)
    due = calendar.add_workdays(start, 15)
    assert due.year == UNKNOWN_YEAR
    assert calendar.workdays_between(start, due) == 15


def test_2027_is_fallback_with_chinesecalendar_1_11(calendar: WorkdayCalendar) -> None:
    if UNKNOWN_YEAR != 2027:
        pytest.skip("the installed chinesecalendar knows 2027")
    assert not calendar.known(date(2027, 3, 1))
    assert calendar.is_workday(date(2027, 1, 1))  # a Friday; New Year not known yet
    assert calendar.add_workdays(date(2026, 12, 30), 3) == date(2027, 1, 4)


def test_admin_overrides_win() -> None:
    holiday = date(UNKNOWN_YEAR, 1, 1)
    make_up = _weekday_on_or_after(holiday + timedelta(days=1), 5)
    calendar = WorkdayCalendar({holiday: False, make_up: True, date(2026, 10, 10): False})
    assert not calendar.is_workday(holiday)
    assert calendar.is_workday(make_up)
    assert not calendar.is_workday(date(2026, 10, 10))  # an admin may also correct a known year
    rows = {day: (flag, source) for day, flag, source in calendar.rows(UNKNOWN_YEAR - 1, UNKNOWN_YEAR)}
    assert rows[holiday] == (False, "admin")
    assert rows[make_up] == (True, "admin")
    assert rows[make_up + timedelta(days=2)] == (True, "fallback")  # the Monday after
    assert rows[date(UNKNOWN_YEAR - 1, 12, 31)][1] == "chinesecalendar"
    assert len(rows) == sum(366 if y % 4 == 0 else 365 for y in (UNKNOWN_YEAR - 1, UNKNOWN_YEAR))
    assert list(rows) == sorted(rows)


def test_calendar_years_probed() -> None:
    first, last = calendar_years()
    assert first <= 2004 and last >= 2026
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(last + 1, 1, 1))
