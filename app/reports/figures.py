"""The figures of ledger-format.md ("Monthly figures") in SQL, identical on SQLite and PostgreSQL.

Every figure is a named condition on a case row (`Conditions`); the same expressions count the
figures and list the cases behind them, so a summary's tables and its case lists always agree.
Statuses are judged as of the period's last day L from the dated steps, never from the status
column (a case refused in a later month is undecided at the end of this one). Working days come
from the `workday` table: workdays(a, b] = ordinal(b) − ordinal(a).

Rates and means are built from integer sums and counts fetched from SQL and divided in Python, so
both backends round the very same float.
"""
from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, false, func, literal, not_, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.functions import FunctionElement

from app import labels
from app.reports.periods import Period
from db.models import (
    AssistCase, Consultation, FairComplaint, Opinion, Party, Referral, Workday,
)

REJECTED = ("refused", "withdrawn")  # design.md §7: 视为撤回 counts like 不予受理
SME = ("medium", "small", "micro", "individual")
MEDIATION = ("mediated", "mediation_failed")

# The figures that are plain counts of cases, in the order reports show them.
COUNTED = ("registered", "accepted", "rejected", "closed", "open_at_end", "sme", "overseas",
           "overdue_at_end", "ytd_registered")


class unindexed(FunctionElement):
    """The column itself, written so that SQLite's planner will not pick an index on it (`+col`).

    SQLite without ANALYZE statistics takes any equality (centre_id = ?) or one-sided range
    (registered_on <= L) for the most selective filter. With one centre holding every case, that
    walks all rows through the index in random order — slower than a plain scan, and far slower
    than the date index that a month's condition can use. PostgreSQL keeps statistics and gets
    the column unchanged."""

    inherit_cache = True

    def __init__(self, column) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _unindexed_default(element, compiler, **kw) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element, compiler, **kw) -> str:
    return "+" + compiler.process(element.clauses, **kw)  # unary plus: the same value, no index


def ordinal_of(s: Session, day: date) -> int | None:
    return s.scalar(select(Workday.ordinal).where(Workday.day == day))


_APPLICANT = aliased(Party, name="applicant")
_WORKDAYS = tuple(aliased(Workday, name=n) for n in ("w_reg", "w_dec", "w_closed", "w_asked", "w_got"))


class Conditions:
    """Boolean SQL expressions over one case row (with its applicant and working-day ordinals)."""

    def __init__(self, period: Period, ordinal_last: int | None, limit_decision: int, limit_close: int) -> None:
        c = AssistCase
        self.case = c
        # The same joined tables for every period, so that one statement may count several.
        self.applicant = _APPLICANT
        self.w_reg, self.w_dec, self.w_closed, self.w_asked, self.w_got = _WORKDAYS
        first, last = period.first, period.last
        ord_last = literal(ordinal_last if ordinal_last is not None else 0)

        self.registered = c.registered_on.between(first, last)
        self.accepted = and_(c.decision == "accepted", c.decided_on.between(first, last))
        self.rejected = and_(c.decision.in_(REJECTED), c.decided_on.between(first, last))
        self.closed = c.closed_on.between(first, last)
        self.followed_scored = and_(c.followed_up_on.between(first, last), c.satisfaction.is_not(None))
        self.ytd_registered = c.registered_on.between(date(last.year, 1, 1), last)

        not_rejected_by_last = or_(c.decision.is_(None), c.decision.not_in(REJECTED),
                                   c.decided_on.is_(None), c.decided_on > last)
        not_closed_by_last = or_(c.closed_on.is_(None), c.closed_on > last)
        self.open_at_end = and_(unindexed(c.registered_on) <= last, not_rejected_by_last, not_closed_by_last)

        accepted_by_last = and_(c.decision == "accepted", c.decided_on.is_not(None), c.decided_on <= last)
        # Time in 补正中 (asked to supplement, not yet received by L) does not run the decision clock.
        received = case((and_(c.supplement_received_on.is_not(None), c.supplement_received_on <= last),
                         self.w_got.ordinal), else_=ord_last)
        paused = case((and_(c.supplement_requested_on.is_not(None), c.supplement_requested_on <= last),
                       received - self.w_asked.ordinal), else_=0)
        decision_over = ord_last - self.w_reg.ordinal - paused - limit_decision
        close_over = ord_last - self.w_dec.ordinal - limit_close
        decision_late = decision_over > 0
        close_late = close_over > 0
        # Working days past the limit at L, for the list of overdue cases.
        self.late_by = case((accepted_by_last, close_over), else_=decision_over)
        # Without L in the calendar table nothing can be counted as late (never a guess).
        self.overdue_at_end = false() if ordinal_last is None else and_(
            self.open_at_end,
            or_(and_(not_(accepted_by_last), decision_late), and_(accepted_by_last, close_late)),
        )
        self.sme = and_(self.registered, self.applicant.scale.in_(SME))
        self.overseas = and_(self.registered, or_(c.overseas.is_(True), c.dispute_type == "overseas"))
        self.handling_workdays = self.w_closed.ordinal - self.w_dec.ordinal
        self.handled = and_(self.closed, self.w_dec.ordinal.is_not(None), self.w_closed.ordinal.is_not(None))
        self.last = last
        # Implied by every figure above but the year to date: lets SQL drop the long-finished cases
        # of earlier years, and the rest of this year's, before the conditional sums and the
        # working-day joins. The year to date is counted on its own, through the date's index.
        self.relevant = or_(
            c.registered_on >= first, c.decided_on >= first, c.closed_on >= first, c.followed_up_on >= first,
            and_(c.closed_on.is_(None), or_(c.decision.is_(None), c.decision.not_in(REJECTED),
                                            c.decided_on.is_(None))),
        )
        # The rows of the case lists: those of every figure, the year to date included.
        self.listed = or_(self.ytd_registered, self.relevant)

    def frame(self, *columns, centre_ids: list[uuid.UUID] | None, joined: bool = True):
        """SELECT columns FROM the case with its applicant and working-day ordinals joined
        (`joined=False` for figures that need only the case row itself); the rows of every
        figure but the year to date."""
        return self.frame_of(self.relevant, columns, centre_ids=centre_ids, joined=joined)

    def list_frame(self, *columns, centre_ids: list[uuid.UUID] | None):
        """As `frame`, with the cases registered this year (the year-to-date list) too."""
        return self.frame_of(self.listed, columns, centre_ids=centre_ids)

    def frame_of(self, rows, columns, *, centre_ids: list[uuid.UUID] | None, joined: bool = True):
        """SELECT columns FROM the cases registered by L for which `rows` holds."""
        c = self.case
        stmt = select(*columns).select_from(c)
        if joined:
            stmt = (
                stmt.outerjoin(self.applicant, self.applicant.id == c.applicant_id)
                .outerjoin(self.w_reg, self.w_reg.day == c.registered_on)
                .outerjoin(self.w_dec, self.w_dec.day == c.decided_on)
                .outerjoin(self.w_closed, self.w_closed.day == c.closed_on)
                .outerjoin(self.w_asked, self.w_asked.day == c.supplement_requested_on)
                .outerjoin(self.w_got, self.w_got.day == c.supplement_received_on)
            )
        # Every figure concerns cases registered by L. Checked row by row, not through the index: the
        # bound keeps nearly every case, and `rows` is what narrows them down.
        stmt = stmt.where(c.deleted.is_(False), unindexed(c.registered_on) <= self.last, rows)
        if centre_ids is not None:
            stmt = stmt.where(unindexed(c.centre_id).in_(centre_ids))
        return stmt


def _count(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _total(condition, value):
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


@dataclass
class Raw:
    """Integer sums and counts; several centres add up before any division."""

    counts: Counter = field(default_factory=Counter)
    by_ip_type: Counter = field(default_factory=Counter)
    by_outcome: Counter = field(default_factory=Counter)
    consultations: Counter = field(default_factory=Counter)
    opinions: Counter = field(default_factory=Counter)
    complaints: Counter = field(default_factory=Counter)
    complaint_outcomes: Counter = field(default_factory=Counter)
    referrals: Counter = field(default_factory=Counter)
    annual_target: int = 0

    def add(self, other: Raw) -> None:
        for name in ("counts", "by_ip_type", "by_outcome", "consultations", "opinions", "complaints",
                     "complaint_outcomes", "referrals"):
            getattr(self, name).update(getattr(other, name))
        self.annual_target += other.annual_target


def raw_figures(s: Session, centre_id: uuid.UUID, period: Period, settings: dict, zone: ZoneInfo) -> Raw:
    return raw_figures_of(s, centre_id, (period,), settings, zone)[0]


def raw_figures_of(s: Session, centre_id: uuid.UUID, periods: Sequence[Period], settings: dict,
                   zone: ZoneInfo) -> list[Raw]:
    """The figures of several periods (a summary's three columns): their case counts in one pass."""
    raws = [Raw(annual_target=int(settings["annual_target"])) for _ in periods]
    conds = [conditions(s, period, settings) for period in periods]
    _case_figures(s, conds, [centre_id], raws)
    for period, raw in zip(periods, raws):
        _extras(s, centre_id, period, zone, raw)
    return raws


def conditions(s: Session, period: Period, settings: dict) -> Conditions:
    return Conditions(period, ordinal_of(s, period.last), int(settings["limit_decision_workdays"]),
                      int(settings["limit_close_workdays"]))


def _sums(cond: Conditions, within=None) -> dict:
    """The counts and sums behind one period's case figures (the year to date apart); `within`
    keeps them to the period's own frame when the statement reads a wider one."""
    c = cond.case

    def only(*conditions):
        return and_(*conditions) if within is None else and_(within, *conditions)

    named = {name: _count(only(getattr(cond, name))) for name in COUNTED if name != "ytd_registered"}
    named |= {
        "mediated": _count(only(cond.closed, c.outcome == "mediated")),
        "mediation_decided": _count(only(cond.closed, c.outcome.in_(MEDIATION))),
        "handling_sum": _total(only(cond.handled), cond.handling_workdays),
        "handling_n": _count(only(cond.handled)),
        "satisfaction_sum": _total(only(cond.followed_scored), c.satisfaction),
        "satisfaction_n": _count(only(cond.followed_scored)),
    }
    return named


def _case_figures(s: Session, conds: Sequence[Conditions], centre_ids: list[uuid.UUID], raws: Sequence[Raw]) -> None:
    """The case counts of each period, all in one statement.

    Several periods read the union of their frames, and each period's sums also require
    registration by its own last day: that is all its own frame would add, as every figure
    implies `relevant`. One pass instead of one per period — on PostgreSQL each pass builds its
    joins' hash tables anew."""
    c = AssistCase
    if len(conds) == 1:
        names = list(_sums(conds[0]))
        stmt = conds[0].frame(*(v.label(k) for k, v in _sums(conds[0]).items()), centre_ids=centre_ids)
    else:
        per_period = [_sums(cond, unindexed(c.registered_on) <= cond.last) for cond in conds]
        names = list(per_period[0])
        columns = [v.label(f"{k}_{i}") for i, sums in enumerate(per_period) for k, v in sums.items()]
        latest = max(conds, key=lambda cond: cond.last)
        union = or_(*(and_(unindexed(c.registered_on) <= cond.last, cond.relevant) for cond in conds))
        stmt = latest.frame_of(union, columns, centre_ids=centre_ids)
    row = s.execute(stmt).one()
    for i, (cond, raw) in enumerate(zip(conds, raws)):
        raw.counts.update({k: int(v) for k, v in zip(names, row[i * len(names):(i + 1) * len(names)])})
        _by_date_index(s, cond, centre_ids, raw)


def _by_date_index(s: Session, cond: Conditions, centre_ids: list[uuid.UUID], raw: Raw) -> None:
    """The year to date and the splits: few rows each, found through a date's index."""
    c = cond.case
    # Most of the year's cases count for nothing else: their own statement, not the frame's sums.
    ytd = cond.frame_of(cond.ytd_registered, [func.count()], centre_ids=centre_ids, joined=False)
    raw.counts["ytd_registered"] = int(s.execute(ytd).scalar_one())
    for kind, n in s.execute(cond.frame(c.ip_kind, func.count(), centre_ids=centre_ids, joined=False)
                             .where(cond.registered).group_by(c.ip_kind)):
        raw.by_ip_type[kind] += n
    for outcome, n in s.execute(cond.frame(c.outcome, func.count(), centre_ids=centre_ids, joined=False)
                                .where(cond.closed).group_by(c.outcome)):
        raw.by_outcome[outcome or "other"] += n


def instant_bounds(period: Period, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The period as UTC instants [start, end): consultations and complaints are timed, and a
    day belongs to the centre's time zone."""
    start = datetime.combine(period.first, time(0), zone).astimezone(timezone.utc)
    end = datetime.combine(period.last + timedelta(days=1), time(0), zone).astimezone(timezone.utc)
    return start, end


def _extras(s: Session, centre_id: uuid.UUID, period: Period, zone: ZoneInfo, raw: Raw) -> None:
    start, end = instant_bounds(period, zone)
    first, last = period.first, period.last
    # Consultations and opinions have an index on their date: the period, not the centre, is selective.
    q = Consultation
    raw.consultations.update(dict(s.execute(
        select(q.topic, func.count()).where(unindexed(q.centre_id) == centre_id, q.deleted.is_(False),
                                            q.started_at >= start, q.started_at < end).group_by(q.topic)
    ).all()))
    o = Opinion
    raw.opinions.update(dict(s.execute(
        select(o.kind, func.count()).where(unindexed(o.centre_id) == centre_id, o.deleted.is_(False),
                                           o.issued_on.between(first, last)).group_by(o.kind)
    ).all()))
    f = FairComplaint
    for accepted, outcome, n in s.execute(
        select(f.accepted, f.outcome, func.count()).where(
            f.centre_id == centre_id, f.deleted.is_(False), f.received_at >= start, f.received_at < end,
        ).group_by(f.accepted, f.outcome)
    ):
        raw.complaints["received"] += n
        raw.complaints["accepted"] += n if accepted else 0
        raw.complaints["handled"] += n if outcome else 0
        if outcome:
            raw.complaint_outcomes[outcome] += n
    r = Referral
    raw.referrals.update(dict(s.execute(
        select(r.target, func.count()).where(r.centre_id == centre_id, r.deleted.is_(False),
                                             r.referred_on.between(first, last)).group_by(r.target)
    ).all()))


def _ratio(part: int, whole: int, digits: int) -> float | None:
    return round(part / whole, digits) if whole else None


def _by_label(values, counts: Counter) -> dict[str, int]:
    """Every label of the list, zeros included, in the glossary's order."""
    return {lab: int(counts.get(code, 0)) for code, lab in values.items()}


def as_json(period: Period, raw: Raw) -> dict:
    """The keys of ledger-format.md, typed and rounded as it says, then the extra figures."""
    n = raw.counts
    figures: dict = {"month" if period.kind == "month" else "period": period.key}
    figures |= {k: int(n[k]) for k in ("registered", "accepted", "rejected", "closed", "open_at_end")}
    figures["by_ip_type"] = _by_label(labels.IP_KIND, raw.by_ip_type)
    figures |= {
        "sme": int(n["sme"]),
        "overseas": int(n["overseas"]),
        "mediation_success_rate": _ratio(n["mediated"], n["mediation_decided"], 4),
        "avg_handling_workdays": _ratio(n["handling_sum"], n["handling_n"], 2),
        "satisfaction_avg": _ratio(n["satisfaction_sum"], n["satisfaction_n"], 2),
        "overdue_at_end": int(n["overdue_at_end"]),
        "ytd_registered": int(n["ytd_registered"]),
        "annual_target": int(raw.annual_target),
        # Extra keys (allowed by ledger-format.md).
        "first_day": period.first.isoformat(),
        "last_day": period.last.isoformat(),
        "closed_by_outcome": _by_label(labels.OUTCOME, raw.by_outcome),
        "consultations_by_topic": _by_label(labels.TOPIC, raw.consultations),
        "opinions_issued_by_kind": _by_label(labels.OPINION_KIND, raw.opinions),
        "fair_complaints": {
            "received": int(raw.complaints["received"]),
            "accepted": int(raw.complaints["accepted"]),
            "handled": int(raw.complaints["handled"]),
            "by_outcome": _by_label(labels.COMPLAINT_OUTCOME, raw.complaint_outcomes),
        },
        "referrals_by_target": _by_label(labels.REFERRAL_TARGET, raw.referrals),
    }
    return figures
