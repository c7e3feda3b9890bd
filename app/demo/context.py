"""What every section of the demo shares: the centre, its staff, the calendar, limits and number patterns."""
from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from app.demo.clock import section_ids, section_rng
from app.demo.writer import BulkLoader
from app.numbering import render
from app.rules.workdays import WorkdayCalendar
from app.services.setup import IdSource


@dataclass(frozen=True)
class Staff:
    id: uuid.UUID
    username: str
    name: str


@dataclass(frozen=True)
class FairWindow:
    """The fair's id and dates, for sections that place work at the fair."""

    id: uuid.UUID
    starts_on: date
    ends_on: date
    short_code: str

    def holds(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


class TrackingCalendar:
    """A WorkdayCalendar that remembers which years it had to count Monday–Friday (for the summary's notes)."""

    def __init__(self, cal: WorkdayCalendar) -> None:
        self.cal = cal
        self.fallback_years: set[int] = set()

    def add_workdays(self, start: date, n: int) -> date:
        result = self.cal.add_workdays(start, n)
        if not self.cal.known(result):
            self.fallback_years.add(result.year)
        return result

    def workdays_between(self, start: date, end: date) -> int:
        return self.cal.workdays_between(start, end)

    def is_workday(self, day: date) -> bool:
        return self.cal.is_workday(day)

    def known(self, day: date) -> bool:
        return self.cal.known(day)


@dataclass
class DemoContext:
    seed: int
    today: date
    first_day: date  # first registration day (two years before today)
    generated_at: datetime  # the instant the demo data is stamped with (end of `today`'s office day)
    centre_id: uuid.UUID
    device_id: uuid.UUID
    short: str
    settings: dict
    cal: TrackingCalendar
    loader: BulkLoader
    admin: Staff
    supervisor: Staff
    caseworkers: list[Staff]  # the demo caseworker first
    fairstaff: Staff
    # Last sequence number used per (pattern, year), written to number_sequence at the end.
    sequences: dict[tuple[str, int], int] = field(default_factory=dict)

    def rng(self, section: str) -> random.Random:
        return section_rng(self.seed, section)

    def ids(self, section: str) -> IdSource:
        return section_ids(self.seed, section)

    def limit(self, key: str) -> int:
        return int(self.settings[key])

    def add_workdays(self, start: date, n: int) -> date:
        """Working-day arithmetic for planning (dates after `today` are never stored, so a year counted
        Monday–Friday here needs no notice); stored due dates go through `cal`, which remembers such years."""
        return self.cal.cal.add_workdays(start, n)

    def next_number(self, setting_key: str, year: int, **extra: str) -> str:
        """The next number of a pattern in `year`, in the order the caller assigns them."""
        pattern = self.settings[setting_key]
        seq = self.sequences.get((pattern, year), 0) + 1
        self.sequences[(pattern, year)] = seq
        return render(pattern, year=year, seq=seq, short=self.short, **extra)

    def travelling(self, record_id: uuid.UUID, created: datetime, by: uuid.UUID | None,
                   updated: datetime | None = None, updated_by: uuid.UUID | None = None) -> dict:
        """The bookkeeping columns a generator sets itself (the loader adds version, device, centre)."""
        return {
            "id": record_id, "created_at": created, "updated_at": updated or created,
            "created_by": by, "updated_by": updated_by or by,
        }
