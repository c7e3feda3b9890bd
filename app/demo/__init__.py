"""`ipaid demo`: a realistic, reproducible data set for an empty database.

    generate(db, cases=1000, seed=1, today=date(2026, 11, 1)) -> DemoSummary

The same seed and `today` give the same rows, ids included: every random draw comes from streams seeded by
the seed (clock.py), every instant is derived from `today`, nothing reads the wall clock. The centre and the
demo accounts are created by `app.services.setup.initialise` (evented per record like any set-up); everything
else is bulk-loaded in one transaction (writer.py) and vouched for by one `demo.generate` audit event per
table, carrying the row count and a SHA-256 over the table's rows.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from app import calendar_table
from app import settings as centre_settings
from app.audit import Chain, NewEvent
from app.database import Database
from app.demo.cases import STATUSES, CaseWriter, plan_cases
from app.demo.clock import at_local, section_ids, section_rng
from app.demo.consultations import ConsultationWriter, write_consultations, write_knowledge
from app.demo.context import DemoContext, Staff, TrackingCalendar
from app.demo.experts import write_conflicts, write_experts
from app.demo.fairs import write_complaints, write_fair, write_patrols
from app.demo.institutions import write_institutions
from app.demo.opinions import write_opinions
from app.demo.people import EXTRA_CASEWORKERS, PartyFactory
from app.demo.rights import RightFactory
from app.demo.writer import BulkLoader, load_session
from app.errors import UsageError
from app.labels import CASE_STATUS
from app.passwords import hash_password
from app.services.setup import NewAccount, holds_data, initialise
from db.models import TRAVELLING_MODELS

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "DemoSummary", "generate"]

CENTRE_NAME = "沈阳市知识产权保护中心"
CENTRE_SHORT = "沈"
DEMO_PASSWORD = "demo"
# The documented demo accounts (design.md §7): username, display name, roles.
DEMO_ACCOUNTS = (
    ("admin", "周立新", ("admin",)),
    ("supervisor", "王建国", ("supervisor",)),
    ("caseworker", "李明", ("caseworker",)),
    ("fairstaff", "赵敏", ("fair_staff",)),
)
REFUSAL = "数据库中已有数据，演示数据只能写入空数据库。"
ACTOR_NAME = "演示数据"
DAYS_OF_HISTORY = 730
CONSULTATIONS_PER_CASE = 1.5
PROGRESS_EVERY = 1000

# Tables the demo bulk-loads, parents before children (the order of TRAVELLING_MODELS satisfies the foreign
# keys); centre, settings, users and the device come from `initialise`.
_SET_UP_BY_INITIALISE = {"centre", "centre_setting", "app_user", "device", "attachment"}
LOAD_ORDER = tuple(m.__tablename__ for m in TRAVELLING_MODELS if m.__tablename__ not in _SET_UP_BY_INITIALISE) + (
    "number_sequence",)


@dataclass(frozen=True)
class DemoSummary:
    """`counts`: rows written per table (table name → rows) and cases per status ("status.<code>")."""

    cases: int
    counts: dict[str, int]
    notes: list[str]


def generate(db: Database, *, cases: int, seed: int, today: date,
             progress: Callable[[int, int], None] | None = None) -> DemoSummary:
    """Fill an empty database with `cases` cases registered over the two years before `today` and
    everything around them. Refuses (UsageError, nothing changed) a database that already holds data."""
    if cases < 0:
        raise UsageError("案件数量不能为负数。", english="the number of cases must not be negative")
    if holds_data(db):
        raise UsageError(REFUSAL, english="the database already holds data; demo data goes only into an empty one")
    report = progress or (lambda done, total: None)
    report(0, cases)
    ids = section_ids(seed, "setup")
    centre_id, device_id = ids(), ids()
    first_day = today - timedelta(days=DAYS_OF_HISTORY)
    password_hash = hash_password(DEMO_PASSWORD, salt=section_rng(seed, "salt").randbytes(16))
    extra = EXTRA_CASEWORKERS[: min(len(EXTRA_CASEWORKERS), 4 + cases // 10_000)]
    accounts = [NewAccount(u, name, DEMO_PASSWORD, roles) for u, name, roles in DEMO_ACCOUNTS]
    accounts += [NewAccount(u, name, DEMO_PASSWORD, ("caseworker",)) for u, name in extra]
    actors = initialise(
        db, centre_name=CENTRE_NAME, centre_short=CENTRE_SHORT, accounts=accounts, device_id=device_id,
        centre_id=centre_id, now=at_local(first_day - timedelta(days=30), 9), ids=ids,
        password_hashes={DEMO_PASSWORD: password_hash},
    )
    staff = {a.username: Staff(a.user_id, a.username, a.display_name) for a in actors}
    generated_at = at_local(today, 18)
    with load_session(db) as session:
        settings = centre_settings.get_all(session, centre_id)
        constants = {"version": 1, "deleted": False, "origin_device": device_id, "centre_id": centre_id}
        with BulkLoader(session, order=LOAD_ORDER, constants=constants) as loader:
            ctx = DemoContext(
                seed=seed, today=today, first_day=first_day, generated_at=generated_at, centre_id=centre_id,
                device_id=device_id, short=CENTRE_SHORT, settings=settings,
                cal=TrackingCalendar(calendar_table.calendar_for(session)), loader=loader, admin=staff["admin"],
                supervisor=staff["supervisor"],
                caseworkers=[staff["caseworker"]] + [staff[u] for u, _ in extra], fairstaff=staff["fairstaff"],
            )
            status_counts = _fill(ctx, cases, report)
            stats = loader.finish()
        Chain(session, device_id).append(
            [NewEvent("demo.generate", s.table, None, {"table": s.table, "rows": s.rows, "sha256": s.sha256,
                                                       "seed": seed, "today": today.isoformat()})
             for s in stats],
            at=generated_at, centre_id=centre_id, actor_id=None, actor_name=ACTOR_NAME,
        )
        session.commit()
    db.refresh_statistics()
    report(cases, cases)
    counts = {s.table: s.rows for s in stats}
    counts.update({f"status.{code}": n for code, n in status_counts.items()})
    return DemoSummary(cases, counts, _notes(ctx, cases, status_counts))


def _fill(ctx: DemoContext, cases: int, report: Callable[[int, int], None]) -> dict[str, int]:
    parties = PartyFactory(ctx)
    rights = RightFactory(ctx)
    directory = write_institutions(ctx)
    experts = write_experts(ctx)
    fair, exhibitors = write_fair(ctx, parties)
    consultations = ConsultationWriter(ctx)
    writer = CaseWriter(ctx, parties, rights, consultations, directory, fair)
    for done, plan in enumerate(plan_cases(ctx, cases), start=1):
        writer.write(plan)
        ctx.loader.checkpoint()
        if done % PROGRESS_EVERY == 0:
            report(done, cases)
    known = writer.applicants + writer.opponents
    write_consultations(ctx, consultations, max(0, round(cases * CONSULTATIONS_PER_CASE) - consultations.count),
                        writer.applicants, fair)
    write_conflicts(ctx, experts, known)
    write_opinions(ctx, writer.opinion_requests, experts)
    write_complaints(ctx, fair, exhibitors, parties, rights, writer.applicants)
    write_patrols(ctx, fair, exhibitors)
    write_knowledge(ctx)
    for (pattern, year), last in sorted(ctx.sequences.items()):
        ctx.loader.add("number_sequence", {"centre_id": ctx.centre_id, "pattern": pattern, "year": year,
                                           "last_value": last})
    return writer.counts


def _notes(ctx: DemoContext, cases: int, status_counts: dict[str, int]) -> list[str]:
    notes = []
    if ctx.cal.fallback_years:
        years = "、".join(str(y) for y in sorted(ctx.cal.fallback_years))
        notes.append(f"chinesecalendar 尚未收录 {years} 年的法定节假日，这些年份的期限按周一至周五计算。")
    missing = [code for code in STATUSES if not status_counts.get(code)]
    if missing and cases:
        labels = "、".join(CASE_STATUS[code] for code in missing)
        notes.append(f"案件数量较少，以下案件状态没有出现：{labels}。")
    return notes
