"""Working-day arithmetic over chinesecalendar, with a fallback for years it does not know yet.

chinesecalendar knows a year only once the State Council has published its holidays; a case registered in
late December already has deadlines in the next year. For such years the calendar falls back to Monday–Friday
plus the days an admin entered (`overrides`). The same rules fill the `workday` table (design.md §7, "Working
days in SQL"), so Python and SQL agree on every deadline.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

import chinese_calendar

__all__ = ["Source", "WorkdayCalendar", "calendar_years"]

Source = Literal["chinesecalendar", "fallback", "admin"]

_SATURDAY = 5


def _as_date(day: date) -> date:
    # datetime is a subclass of date; without this an override keyed by date would miss a datetime.
    return day.date() if isinstance(day, datetime) else day


@functools.cache
def _library_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


@functools.cache
def calendar_years() -> tuple[int, int]:
    """First and last year the installed chinesecalendar knows, found by probing around its own data."""
    seed = min(chinese_calendar.holidays).year if chinese_calendar.holidays else date.today().year
    if not _library_knows(seed):
        raise RuntimeError("chinesecalendar does not know the years of its own holiday table")
    first = last = seed
    while _library_knows(first - 1):
        first -= 1
    while _library_knows(last + 1):
        last += 1
    return first, last


@dataclass(frozen=True, slots=True)
class _Year:
    """One year of the calendar: a flag and a source per day, and the ordinals of its working days."""

    flags: tuple[bool, ...]
    sources: tuple[Source, ...]
    workday_ordinals: tuple[int, ...]


class WorkdayCalendar:
    """Which days are working days, and deadline arithmetic over them.

    `overrides` are days an admin entered (True = working day). They win over both chinesecalendar and the
    Monday–Friday fallback, so an admin can also correct a day after a late State Council notice.
    """

    def __init__(self, overrides: Mapping[date, bool] | None = None) -> None:
        self._overrides = {_as_date(day): bool(flag) for day, flag in (overrides or {}).items()}
        self._years: dict[int, _Year] = {}
        # Sorted ordinals of every working day of the contiguous years `_span` (first, last), for bisect.
        self._span: tuple[int, int] | None = None
        self._ordinals: list[int] = []

    # --- single days ------------------------------------------------------------------------------

    def known(self, day: date) -> bool:
        """True when chinesecalendar knows the year of `day`; False means the fallback applies."""
        return _library_knows(day.year)

    def is_workday(self, day: date) -> bool:
        day = _as_date(day)
        return self._year(day.year).flags[day.timetuple().tm_yday - 1]

    # --- arithmetic ---------------------------------------------------------------------------------

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after `start` (counting days d > start); `start` itself when n == 0."""
        if n < 0:
            raise ValueError("n must not be negative")
        start = _as_date(start)
        if n == 0:
            return start
        self._cover(start.year, start.year)
        index = bisect.bisect_right(self._ordinals, start.toordinal()) + n - 1
        while index >= len(self._ordinals):
            # Extending only at the end keeps `index` valid.
            self._cover(start.year, self._last_covered() + 1)
        return date.fromordinal(self._ordinals[index])

    def workdays_between(self, start: date, end: date) -> int:
        """Number of working days d with start < d <= end; 0 when end <= start."""
        start, end = _as_date(start), _as_date(end)
        if end <= start:
            return 0
        self._cover(start.year, end.year)
        return (bisect.bisect_right(self._ordinals, end.toordinal())
                - bisect.bisect_right(self._ordinals, start.toordinal()))

    # --- the workday table --------------------------------------------------------------------------

    def rows(self, first_year: int, last_year: int) -> Iterator[tuple[date, bool, Source]]:
        """One (date, is_workday, source) per day of the years, in date order, to fill the `workday` table."""
        for year in range(first_year, last_year + 1):
            data = self._year(year)
            first_day = date(year, 1, 1)
            for offset, (flag, source) in enumerate(zip(data.flags, data.sources, strict=True)):
                yield first_day + timedelta(days=offset), flag, source

    # --- internals ----------------------------------------------------------------------------------

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is None:
            cached = self._years[year] = self._build_year(year)
        return cached

    def _build_year(self, year: int) -> _Year:
        library = _library_knows(year)
        flags: list[bool] = []
        sources: list[Source] = []
        day = date(year, 1, 1)
        while day.year == year:
            if day in self._overrides:
                flags.append(self._overrides[day])
                sources.append("admin")
            elif library:
                flags.append(chinese_calendar.is_workday(day))
                sources.append("chinesecalendar")
            else:
                flags.append(day.weekday() < _SATURDAY)
                sources.append("fallback")
            day += timedelta(days=1)
        base = date(year, 1, 1).toordinal()
        ordinals = tuple(base + i for i, flag in enumerate(flags) if flag)
        return _Year(tuple(flags), tuple(sources), ordinals)

    def _cover(self, first_year: int, last_year: int) -> None:
        """Make `_ordinals` span at least [first_year, last_year]."""
        if self._span is not None:
            span = (min(first_year, self._span[0]), max(last_year, self._span[1]))
            if span == self._span:
                return
            first_year, last_year = span
        # Consecutive years concatenate into a sorted list.
        years = range(first_year, last_year + 1)
        self._ordinals = [o for year in years for o in self._year(year).workday_ordinals]
        self._span = (first_year, last_year)

    def _last_covered(self) -> int:
        assert self._span is not None
        return self._span[1]
