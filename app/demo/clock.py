"""Determinism: random streams derived from the seed, ids from them, instants derived from dates.

Nothing in the demo reads the wall clock or draws from an unseeded source: every section has its own
`random.Random` seeded by a string built from the seed (a string seed is hashed with SHA-512, so the stream
does not depend on PYTHONHASHSEED), and every `created_at`/`updated_at` is an office-hours instant on the
business date the record belongs to.
"""
from __future__ import annotations

import bisect
import itertools
import random
from datetime import date, datetime, timedelta, timezone

from app.services.setup import IdSource

# The centre's time zone. China has had no daylight saving time since 1991, so a fixed offset is exact
# and needs no tz database (Windows has none without the tzdata package).
CST = timezone(timedelta(hours=8), "Asia/Shanghai")
UTC = timezone.utc


def section_rng(seed: int, section: str) -> random.Random:
    """An independent stream per section: changing how one section draws never shifts another."""
    return random.Random(f"ipaid-demo:{seed}:{section}")


def section_ids(seed: int, section: str) -> IdSource:
    return IdSource(section_rng(seed, f"ids:{section}"))


def at_local(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """The instant of a local (Asia/Shanghai) wall-clock time, as an aware UTC datetime."""
    local = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=CST)
    return local.astimezone(UTC)


def office_instant(rng: random.Random, day: date, first_hour: int = 8, last_hour: int = 17) -> datetime:
    """A random instant within office hours of `day`, to the minute (people note times to the minute; it
    also lets the loader convert each distinct instant once)."""
    minutes = first_hour * 60 + int(rng.random() * (last_hour - first_hour) * 60)
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(minutes=minutes) - _UTC_OFFSET


_UTC_OFFSET = timedelta(hours=8)


class Weighted:
    """Values with weights; `pick` draws one (one random number, a bisection)."""

    def __init__(self, *pairs: tuple[object, float]) -> None:
        self.values = [value for value, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random):
        return self.values[bisect.bisect_right(self.cumulative, rng.random() * self.total)]
