"""Is the database what the program wrote? (`ipaid audit verify`, `ipaid check`; design.md §7)

Three kinds of evidence:
- the audit chains: every device's chain verifies from genesis to its head;
- the storage: SQLite's own `integrity_check` and `foreign_key_check` (PostgreSQL guards its
  pages and constraints itself; those two are skipped there with a note);
- the data: each travelling row's current values equal what its last audit event recorded. A
  row changed with plain SQL behind the program's back differs; a row never evented at all (an
  import or tool that bypassed the services) is listed apart, since that is not proof of tampering.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import DateTime, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.audit import ChainReport, chain_devices, verify_chain
from app.context import Actor
from app.database import Database
from app.service import read_call, record_values
from db.models import TRAVELLING_MODELS, AuditEvent, Device

AUDIT_ROLES = {"admin", "supervisor"}

# Columns the program itself changes without an event, so they may differ from the last event:
# sign-in bookkeeping (failed attempts, lockout) is written as plain bookkeeping by
# app.services.users; the refusal event records what happened instead.
UNEVENTED_FIELDS: dict[str, frozenset[str]] = {
    "app_user": frozenset({"failed_logins", "locked_until"}),
}

# Demo data are generated in bulk; the generator vouches for each table with one event of this
# action (holding a digest of the rows) instead of one event per row.
BULK_VOUCHER_ACTION = "demo.generate"

SAMPLE = 20  # how many never-evented ids to name per table


@dataclass(frozen=True)
class ChainResult:
    report: ChainReport
    device_name: str


@dataclass(frozen=True)
class AuditResult:
    chains: tuple[ChainResult, ...]

    @property
    def intact(self) -> bool:
        return all(c.report.intact for c in self.chains)

    @property
    def first_broken(self) -> ChainResult | None:
        return next((c for c in self.chains if not c.report.intact), None)


@dataclass(frozen=True)
class ChangedRow:
    table: str
    record_id: uuid.UUID
    fields: tuple[str, ...]
    last_event_seq: int
    last_event_device: uuid.UUID


@dataclass(frozen=True)
class CheckResult:
    audit: AuditResult
    sqlite_integrity: tuple[str, ...] | None  # None: not run (PostgreSQL)
    foreign_key_problems: tuple[str, ...] | None
    changed_rows: tuple[ChangedRow, ...]
    never_evented: dict[str, int]
    never_evented_ids: dict[str, tuple[uuid.UUID, ...]]
    vouched_tables: tuple[str, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return (self.audit.intact and self.sqlite_integrity in (None, ("ok",))
                and not self.foreign_key_problems and not self.changed_rows)


# ------------------------------------------------------------------ audit chains
def verify_audit(db: Database, actor: Actor) -> AuditResult:
    with read_call(db, actor, roles=AUDIT_ROLES) as s:
        return audit_chains(s)


def audit_chains(s: Session) -> AuditResult:
    names = dict(s.execute(select(Device.id, Device.name)).all())
    return AuditResult(tuple(
        ChainResult(verify_chain(s, device), names.get(device, "")) for device in chain_devices(s)
    ))


# ------------------------------------------------------------------ the whole check
def check_database(db: Database, actor: Actor) -> CheckResult:
    with read_call(db, actor, roles=AUDIT_ROLES) as s:
        audit = audit_chains(s)
        changed, never, never_ids, vouched = compare_rows(s)
    notes: list[str] = []
    if db.is_sqlite:
        integrity, fk = sqlite_checks(db)
    else:
        integrity = fk = None
        notes.append("PostgreSQL：页面完整性与外键由服务器自身保证，已跳过 integrity_check 和 foreign_key_check"
                     "（如需检查，请管理员在服务器上运行 pg_amcheck）。")
    return CheckResult(audit, integrity, fk, tuple(changed), never, never_ids, tuple(vouched), tuple(notes))


def sqlite_checks(db: Database) -> tuple[tuple[str, ...], tuple[str, ...]]:
    with db.engine.connect() as conn:
        try:
            integrity = tuple(str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check"))
            fk = tuple(
                f"{r[0]} 第 {r[1]} 行引用的 {r[2]} 记录不存在（外键 {r[3]}）"
                for r in conn.exec_driver_sql("PRAGMA foreign_key_check")
            )
        except DBAPIError as exc:  # a damaged file can fail the check itself
            integrity, fk = (str(exc.orig),), ()
        conn.rollback()
    return integrity, fk


def compare_rows(s: Session):
    """Rows whose values differ from their last event; rows with no event at all."""
    changed: list[ChangedRow] = []
    never: dict[str, int] = {}
    never_ids: dict[str, tuple[uuid.UUID, ...]] = {}
    vouched = set(s.scalars(select(AuditEvent.table_name).where(AuditEvent.action == BULK_VOUCHER_ACTION)))
    for model in TRAVELLING_MODELS:
        table = model.__table__.name
        last = last_events(s, table)
        times = {c.key for c in model.__table__.columns if isinstance(c.type, DateTime)
                 or isinstance(getattr(c.type, "impl", None), DateTime)}
        skip = UNEVENTED_FIELDS.get(table, frozenset())
        missing: list[uuid.UUID] = []
        for obj in s.scalars(select(model).execution_options(yield_per=1000)):
            recorded = last.get(obj.id)
            if recorded is None:
                missing.append(obj.id)
                continue
            data, seq, device = recorded
            diff = differing_fields(record_values(obj), data, times, skip)
            if diff:
                changed.append(ChangedRow(table, obj.id, diff, seq, device))
        s.expunge_all()  # keep memory flat on large tables
        if missing and table not in vouched:
            never[table] = len(missing)
            never_ids[table] = tuple(missing[:SAMPLE])
    return changed, never, never_ids, sorted(vouched)


def last_events(s: Session, table: str) -> dict[uuid.UUID, tuple[dict, int, uuid.UUID]]:
    """The data of each record's most recent event (by time, then by order written)."""
    rows = s.execute(
        select(AuditEvent.record_id, AuditEvent.data, AuditEvent.seq, AuditEvent.device_id)
        .where(AuditEvent.table_name == table, AuditEvent.record_id.is_not(None))
        .order_by(AuditEvent.at, AuditEvent.id)
        .execution_options(yield_per=5000)
    )
    return {rid: (data, seq, device) for rid, data, seq, device in rows}


def differing_fields(current: dict, recorded: dict, times: set[str], skip: frozenset[str]) -> tuple[str, ...]:
    now = json.loads(json.dumps(current, ensure_ascii=False))  # same shapes as stored JSON
    out = []
    for key, value in now.items():
        if key in skip or key not in recorded:
            continue
        before = recorded[key]
        if key in times and _same_instant(value, before):
            continue
        if value != before:
            out.append(key)
    return tuple(out)


def _same_instant(a, b) -> bool:
    try:
        return a is not None and b is not None and datetime.fromisoformat(a) == datetime.fromisoformat(b)
    except (TypeError, ValueError):
        return False
