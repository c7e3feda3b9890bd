"""Report service calls: the figures of a month, quarter or year for the actor's centre or for
all centres (supervisor or admin only)."""
from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import settings
from app.context import Actor
from app.database import Database
from app.errors import NotFound
from app.reports.figures import Raw, as_json, raw_figures_of
from app.reports.periods import Period, parse_month, parse_quarter, parse_year
from app.services.today import zone
from app.service import read_call
from db.models import Centre

REPORT_ROLES = frozenset({"supervisor", "admin"})
ALL_CENTRES = "all"


@dataclass(frozen=True)
class PeriodFigures:
    period: Period
    centre_name: str
    values: Mapping[str, Any]  # the JSON of ledger-format.md, labels as keys

    def as_json(self) -> dict:
        return _thaw(self.values)


@dataclass(frozen=True)
class CentreScope:
    """Which centres a report covers, and what to call them on paper."""

    centres: tuple[Centre, ...]
    name: str

    @property
    def ids(self) -> list[uuid.UUID]:
        return [c.id for c in self.centres]


def scope(s: Session, actor: Actor, centre: str | None) -> CentreScope:
    if centre == ALL_CENTRES:
        rows = tuple(s.scalars(select(Centre).where(Centre.deleted.is_(False)).order_by(Centre.name)))
        return CentreScope(rows, "全部中心" if len(rows) > 1 else rows[0].name)
    row = s.get(Centre, actor.centre_id)
    if row is None:
        raise NotFound("找不到当前用户所属的中心。", english="the actor's centre does not exist")
    return CentreScope((row,), row.name)


def raw_for(s: Session, where: CentreScope, period: Period) -> Raw:
    return raw_for_periods(s, where, (period,))[0]


def raw_for_periods(s: Session, where: CentreScope, periods: Sequence[Period]) -> list[Raw]:
    """The figures of several periods at once (a summary's three columns)."""
    totals = [Raw() for _ in periods]
    for centre in where.centres:
        # Limits, targets and the time zone are per centre, so each centre is counted on its own terms.
        values = settings.get_all(s, centre.id)
        for total, raw in zip(totals, raw_figures_of(s, centre.id, periods, values, zone(centre.timezone))):
            total.add(raw)
    return totals


def figures(db: Database, actor: Actor, period: Period, *, centre: str | None = None) -> PeriodFigures:
    with read_call(db, actor, roles=REPORT_ROLES) as s:
        where = scope(s, actor, centre)
        values = as_json(period, raw_for(s, where, period))
    return PeriodFigures(period, where.name, freeze(values))


def monthly(db: Database, actor: Actor, month: str, centre: str | None = None) -> PeriodFigures:
    return figures(db, actor, parse_month(month), centre=centre)


def quarterly(db: Database, actor: Actor, quarter: str, centre: str | None = None) -> PeriodFigures:
    return figures(db, actor, parse_quarter(quarter), centre=centre)


def annual(db: Database, actor: Actor, year: str | int, centre: str | None = None) -> PeriodFigures:
    return figures(db, actor, parse_year(year), centre=centre)


def freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    return value
