"""Business dates are calendar dates in the centre's time zone (design.md §7 "Dates and times")."""
from __future__ import annotations

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import Centre

DEFAULT_TZ = "Asia/Shanghai"


def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or DEFAULT_TZ)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TZ)


def local_date(instant: datetime, tz_name: str | None) -> date:
    return instant.astimezone(zone(tz_name)).date()


def centre_zone(session: Session, centre_id: uuid.UUID | None) -> ZoneInfo:
    centre = session.get(Centre, centre_id) if centre_id else None
    return zone(centre.timezone if centre else None)


def centre_today(session: Session, centre_id: uuid.UUID, now: datetime | None = None) -> date:
    centre = session.get(Centre, centre_id)
    return local_date(now or utcnow(), centre.timezone if centre else None)
