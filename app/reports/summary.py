"""Everything a printed or Excel summary shows, as of one moment: the figures of
the period, of the period before and of the same period a year earlier, twelve months of counts
for the chart, the targets, the cases behind every figure and the audit chain heads."""
from __future__ import annotations

import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from sqlalchemy import String, and_, case, func, literal, select, type_coerce
from sqlalchemy.orm import Session, aliased

from app import labels, settings
from app.context import Actor
from app.database import Database
from app.errors import UsageError
from app.reports import service
from app.collector import collector_paused
from app.reports.figures import Conditions, Raw, as_json, conditions, unindexed
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


class CaseLine(NamedTuple):
    """One case of a list, its fields in the order of the workbook's columns. A named tuple: a
    year's lists run to tens of thousands of lines, made and written in C-level loops."""

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
    """The summary of `period`. The case lists — the longest read, tens of thousands of lines — are
    read on a second connection while this one counts the figures, so the database works on both at
    once. That second read is a transaction of its own, which could see a change landing in between;
    when any list then differs in length from its figure, the lists are read again here, in the
    figures' own snapshot: what goes on paper always describes one moment."""
    with read_call(db, actor, roles=service.REPORT_ROLES, snapshot=True) as s, collector_paused(), \
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="summary-lists") as pool:
        where = service.scope(s, actor, centre)
        listed = pool.submit(_lists_apart, db, where.ids, period)
        periods = (period, period.previous(), period.year_before())
        raws = service.raw_for_periods(s, where, periods)
        current, previous, year_before = (as_json(p, raw) for p, raw in zip(periods, raws))
        first = where.centres[0]
        values = settings.get_all(s, first.id)
        targets = {
            "annual_target": current["annual_target"],
            "mediation_success_target": float(values["mediation_success_target"]),
            "satisfaction_target": float(values["satisfaction_target"]),
        }
        months = _monthly_counts(s, where.ids, period)
        heads = _chain_heads(s, where.ids)
        lists = listed.result()
        if not _agree(raws[0], lists):
            lists = _case_lists(s, where.ids, period)
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


def _lists_apart(db: Database, centre_ids: list[uuid.UUID], period: Period) -> dict[str, tuple[CaseLine, ...]]:
    """`_case_lists` in a read transaction of its own (on the summary's second thread)."""
    with db.read_session() as s:  # closing the session ends its transaction
        return _case_lists(s, centre_ids, period)


def _agree(raw: Raw, lists: Mapping[str, tuple[CaseLine, ...]]) -> bool:
    """Whether every list holds as many cases as its figure counts (the satisfaction list: the
    scores the mean is taken over)."""
    counts = raw.counts
    return all(len(lines) == counts["satisfaction_n" if key == "followed_scored" else key]
               for key, lines in lists.items())


def _case_lists(s: Session, centre_ids: list[uuid.UUID], period: Period) -> dict[str, tuple[CaseLine, ...]]:
    found: dict[str, list[CaseLine]] = {key: [] for key, _ in LISTS}
    for centre_id in centre_ids:
        cond = conditions(s, period, settings.get_all(s, centre_id))
        for key, lines in _lines(s, cond, centre_id).items():
            found[key] += lines
    by_date = itemgetter(1, 0)  # (registered_on, case_no)
    for lines in found.values():
        lines.sort(key=by_date)
    found["overdue_at_end"].sort(key=lambda x: -(x.late_by or 0))
    return {key: tuple(lines) for key, lines in found.items()}


class _Days(dict):
    """Day text → date, each distinct day parsed once: SQLite hands back the stored ISO text (the
    list query fetches the days untyped; a day stored with a time still reads), PostgreSQL a date,
    which passes as it is."""

    def __missing__(self, value):
        day = self[value] = date.fromisoformat(value[:10]) if isinstance(value, str) else value
        return day


# The decision as of the period's last day (SQL gives None when there was none by then).
_DECISION_AS_OF = {None: "待定", "accepted": "受理", "refused": "不予受理", "withdrawn": "视为撤回"}


def _lines(s: Session, cond: Conditions, centre_id: uuid.UUID) -> dict[str, list[CaseLine]]:
    """One query for every list: the rows that any figure counts, with one bit per figure.

    The frame's `relevant` filter already keeps only rows some figure may count, so the rows of
    no list (a bitmask of 0) are skipped here rather than by a WHERE that would evaluate every
    condition a second time. Rows come as plain tuples (Core, not ORM) and are labelled with
    dict look-ups (days parsed, IDs masked once per distinct value); lines with the same bits
    are gathered first and handed to their lists in bulk."""
    c = cond.case
    user = aliased(User)
    # Every figure but the year to date implies `relevant`: most of the year's cases fail that
    # one test and skip the others (and the working-day arithmetic of the overdue ones).
    bit = {key: 1 << i for i, (key, _) in enumerate(LISTS)}
    others = sum((case((getattr(cond, key), b), else_=0) for key, b in bit.items() if key != "ytd_registered"),
                 literal(0))
    bits = case((cond.ytd_registered, bit["ytd_registered"]), else_=0) + case((cond.relevant, others), else_=0)

    def untyped(day):  # parsed once per distinct day below, not once per cell by the driver layer
        return type_coerce(day, String())

    stmt = (
        cond.list_frame(
            c.case_no, untyped(c.registered_on), cond.applicant.name, cond.applicant.kind,
            cond.applicant.identifier, c.ip_kind, c.dispute_type,
            case((c.decided_on <= cond.last, c.decision), else_=None),
            untyped(c.decided_on), untyped(c.closed_on), c.outcome,
            case((and_(cond.relevant, cond.handled), cond.handling_workdays), else_=None),
            untyped(c.followed_up_on), c.satisfaction, user.display_name,
            case((and_(cond.relevant, cond.overdue_at_end), cond.late_by), else_=None),
            bits, centre_ids=[centre_id],
        )
        .outerjoin(user, user.id == c.assignee_id)
    )
    ip_kinds, disputes, outcomes = ({None: "", **values} for values in (labels.IP_KIND, labels.DISPUTE_TYPE,
                                                                      labels.OUTCOME))
    days = _Days({None: None})
    masked: dict[tuple[str | None, str], str] = {}
    by_bits: dict[int, list[CaseLine]] = {}
    make = tuple.__new__
    for (case_no, registered_on, name, kind, identifier, ip_kind, dispute_type, decision, decided_on, closed_on,
         outcome, handling, followed_up_on, satisfaction, assignee, late_by, in_lists) in s.connection().execute(stmt):
        if not in_lists:
            continue
        if identifier:
            shown = masked.get((kind, identifier))
            if shown is None:
                shown = masked[(kind, identifier)] = mask_value("party", "identifier", identifier, party_kind=kind)
        else:
            shown = ""
        line = make(CaseLine, (
            case_no, days[registered_on], name or "", shown, ip_kinds.get(ip_kind, ip_kind),
            disputes.get(dispute_type, dispute_type), _DECISION_AS_OF.get(decision, decision), days[decided_on],
            days[closed_on], outcomes.get(outcome, outcome), handling, days[followed_up_on], satisfaction,
            assignee or "", late_by,
        ))
        group = by_bits.get(in_lists)
        if group is None:
            group = by_bits[in_lists] = []
        group.append(line)
    found: dict[str, list[CaseLine]] = {key: [] for key in bit}
    for in_lists, group in by_bits.items():
        for key, b in bit.items():
            if in_lists & b:
                found[key] += group
    return found


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
