"""Everything a printed or Excel summary shows, gathered in one read transaction: the figures of
the period, of the period before and of the same period a year earlier, twelve months of counts
for the chart, the targets, the cases behind every figure and the audit chain heads."""
from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sqlalchemy import case, func, literal, select
from sqlalchemy.orm import Session, aliased

from app import labels, settings
from app.context import Actor
from app.database import Database
from app.errors import UsageError
from app.reports import service
from app.reports.figures import Conditions, as_json, conditions, unindexed
from app.reports.periods import Period
from app.privacy import mask_value
from app.service import read_call
from app.services.today import zone
from db.base import utcnow
from db.models import AssistCase, AuditHead, Device, User

# The case lists behind the figures, as the workbook's sheets name them.
LISTS: tuple[tuple[str, str], ...] = (
    ("registered", "登记"), ("accepted", "受理"), ("rejected", "不予受理"), ("closed", "办结"),
    ("open_at_end", "期末在办"), ("overdue_at_end", "期末超期"), ("sme", "中小微企业"),
    ("overseas", "涉外"), ("followed_scored", "回访满意度"), ("ytd_registered", "年初至今登记"),
)


@dataclass(frozen=True)
class CaseLine:
    case_no: str
    registered_on: date
    applicant: str
    identifier: str  # masked when it is a person's ID
    ip_kind: str
    dispute_type: str
    decision: str
    decided_on: date | None
    closed_on: date | None
    outcome: str
    handling_workdays: int | None
    followed_up_on: date | None
    satisfaction: int | None
    assignee: str
    late_by: int | None  # working days past the limit at the period's end (overdue cases)


@dataclass(frozen=True)
class ChainHead:
    device: str
    seq: int
    hash: str


@dataclass(frozen=True)
class Summary:
    figures: service.PeriodFigures
    previous: Mapping[str, Any]
    year_before: Mapping[str, Any]
    months: tuple[tuple[Period, int, int], ...]  # (month, registered, closed) for 12 months to the end
    targets: Mapping[str, Any]
    lists: Mapping[str, tuple[CaseLine, ...]]
    chain_heads: tuple[ChainHead, ...]
    generated_at: datetime
    generated_by: str

    @property
    def period(self) -> Period:
        return self.figures.period

    @property
    def centre_name(self) -> str:
        return self.figures.centre_name


def build_summary(db: Database, actor: Actor, period: Period, *, centre: str | None = None) -> Summary:
    with read_call(db, actor, roles=service.REPORT_ROLES) as s:
        where = service.scope(s, actor, centre)
        current, previous, year_before = (
            as_json(p, service.raw_for(s, where, p)) for p in (period, period.previous(), period.year_before())
        )
        first = where.centres[0]
        values = settings.get_all(s, first.id)
        targets = {
            "annual_target": current["annual_target"],
            "mediation_success_target": float(values["mediation_success_target"]),
            "satisfaction_target": float(values["satisfaction_target"]),
        }
        months = _monthly_counts(s, where.ids, period)
        lists = _case_lists(s, where, period)
        heads = _chain_heads(s, where.ids)
        # In the centre's time zone: what goes on paper is the centre's clock, not the PC's.
        generated_at = utcnow().astimezone(zone(first.timezone))
    return Summary(
        figures=service.PeriodFigures(period, where.name, service.freeze(current)),
        previous=service.freeze(previous), year_before=service.freeze(year_before),
        months=months, targets=MappingProxyType(targets), lists=MappingProxyType(lists),
        chain_heads=heads, generated_at=generated_at, generated_by=actor.display_name,
    )


def _monthly_counts(s: Session, centre_ids: list[uuid.UUID], period: Period) -> tuple:
    """Registered and closed per month for the twelve months ending with the period's last month."""
    last_month = Period("month", period.last.year, period.last.month)
    months = [last_month.shifted(i) for i in range(-11, 1)]
    start, end = months[0].first, months[-1].last
    c = AssistCase
    base = [unindexed(c.centre_id).in_(centre_ids), c.deleted.is_(False)]  # the dates' index is the one
    registered: Counter = Counter()
    closed: Counter = Counter()
    # Grouped by day, bucketed here: month arithmetic in SQL differs between the backends.
    for day, n in s.execute(select(c.registered_on, func.count()).where(*base, c.registered_on.between(start, end))
                            .group_by(c.registered_on)):
        registered[(day.year, day.month)] += n
    for day, n in s.execute(select(c.closed_on, func.count()).where(*base, c.closed_on.between(start, end))
                            .group_by(c.closed_on)):
        closed[(day.year, day.month)] += n
    return tuple((m, registered[(m.year, m.number)], closed[(m.year, m.number)]) for m in months)


def _case_lists(s: Session, where: service.CentreScope, period: Period) -> dict[str, tuple[CaseLine, ...]]:
    found: dict[str, list[CaseLine]] = {key: [] for key, _ in LISTS}
    for centre in where.centres:
        cond = conditions(s, period, settings.get_all(s, centre.id))
        for key, line in _lines(s, cond, centre.id):
            found[key].append(line)
    for key, lines in found.items():
        lines.sort(key=lambda x: (x.registered_on, x.case_no))
    found["overdue_at_end"].sort(key=lambda x: -(x.late_by or 0))
    return {key: tuple(lines) for key, lines in found.items()}


def _lines(s: Session, cond: Conditions, centre_id: uuid.UUID):
    """One query for every list: the rows that any figure counts, with one bit per figure.

    The frame's `relevant` filter already keeps only rows some figure may count, so the rows of
    no list (a bitmask of 0) are skipped here rather than by a WHERE that would evaluate every
    condition a second time."""
    c = cond.case
    user = aliased(User)
    bits = sum((case((getattr(cond, key), 1 << i), else_=0) for i, (key, _) in enumerate(LISTS)), literal(0))
    stmt = (
        cond.frame(
            c.case_no, c.registered_on, cond.applicant.name, cond.applicant.kind, cond.applicant.identifier,
            c.ip_kind, c.dispute_type, c.decision, c.decided_on, c.closed_on, c.outcome,
            case((cond.handled, cond.handling_workdays), else_=None).label("handling"),
            c.followed_up_on, c.satisfaction, user.display_name,
            case((cond.overdue_at_end, cond.late_by), else_=None).label("late_by"),
            bits.label("lists"), centre_ids=[centre_id],
        )
        .outerjoin(user, user.id == c.assignee_id)
    )
    keys = [(1 << i, key) for i, (key, _) in enumerate(LISTS)]
    ip_kinds, disputes, outcomes = (_labeller(v) for v in (labels.IP_KIND, labels.DISPUTE_TYPE, labels.OUTCOME))
    for (case_no, registered_on, name, kind, identifier, ip_kind, dispute_type, decision, decided_on, closed_on,
         outcome, handling, followed_up_on, satisfaction, assignee, late_by, in_lists) in s.execute(stmt):
        if not in_lists:
            continue
        line = CaseLine(
            case_no=case_no, registered_on=registered_on, applicant=name or "",
            identifier=mask_value("party", "identifier", identifier, party_kind=kind),
            ip_kind=ip_kinds(ip_kind), dispute_type=disputes(dispute_type),
            decision=_decision_as_of(decision, decided_on, cond.last),
            decided_on=decided_on, closed_on=closed_on, outcome=outcomes(outcome),
            handling_workdays=handling, followed_up_on=followed_up_on, satisfaction=satisfaction,
            assignee=assignee or "", late_by=late_by,
        )
        for bit, key in keys:
            if in_lists & bit:
                yield key, line


def _labeller(values):
    """labels.label for one list of values, remembered: a list runs to thousands of rows."""
    seen: dict = {}

    def label(code):
        if code not in seen:
            seen[code] = labels.label(values, code)
        return seen[code]

    return label


def _decision_as_of(decision: str | None, decided_on: date | None, last: date) -> str:
    if decision is None or decided_on is None or decided_on > last:
        return "待定"
    return {"accepted": "受理", "refused": "不予受理", "withdrawn": "视为撤回"}.get(decision, decision)


def _chain_heads(s: Session, centre_ids: list[uuid.UUID]) -> tuple[ChainHead, ...]:
    rows = s.execute(
        select(Device.name, AuditHead.seq, AuditHead.hash)
        .join(AuditHead, AuditHead.device_id == Device.id)
        .where(Device.centre_id.in_(centre_ids)).order_by(Device.kind, Device.name)
    )
    return tuple(ChainHead(name, seq, h) for name, seq, h in rows)


def write_outputs(summary: Summary, *, pdf: str | Path | None = None, xlsx: str | Path | None = None) -> None:
    from app.reports.summary_pdf import summary_pdf
    from app.reports.summary_xlsx import summary_xlsx

    for path, build in ((pdf, summary_pdf), (xlsx, summary_xlsx)):
        if not path:
            continue
        data = build(summary)
        try:
            Path(path).write_bytes(data)
        except OSError as exc:
            raise UsageError(f"无法写入 {path}：{exc.strerror}。", english=f"cannot write {path}") from exc


__all__ = ["LISTS", "CaseLine", "ChainHead", "Summary", "build_summary", "write_outputs"]
