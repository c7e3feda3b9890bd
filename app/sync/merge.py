"""Centre: import a return bundle (design.md §7 Sync identity, Bundle integrity, Audit chains).

Everything is read and checked in memory first — signature, checksums, record shapes, the laptop's
audit chain — and only then is the database touched, in ONE transaction (the unit of work): the
same bundle twice changes nothing; a refusal changes nothing.

The merge is field by field, against a base:
- the base of a field is what this centre last received for it from that device
  (`sync_received`), else the value the kit carried (the bundle's `base`);
- laptop value == base → the laptop did not change it: keep the centre's value;
- centre value == base → only the laptop changed it: apply;
- centre value == laptop value → both made the same change: fine;
- otherwise → a `sync_conflict` row keeps both values; the centre value stays until a person
  resolves it.
Because the base moves to what was received, a later cumulative bundle neither re-raises a
conflict a person resolved nor mistakes the laptop's earlier change for a new one.

`sync_received` keeps one row per (device, table, record) with field "*" whose value maps each
field to the value last received: the same facts as a row per field, written ten to twenty times
fewer (the 10k-record import must stay under 2 s).
"""
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import GENESIS, event_hash
from app.collector import collector_paused
from app.context import Actor
from app.database import Database
from app.errors import NotFound, UsageError, ValidationError
from app.service import RECEIVED, add_bulk, new_record, note, read_call, service_call, update_bulk
from app.services.fair_checks import Checker
from app.sync import bundle
from app.sync.records import MODELS, TABLE_ORDER, damaged, load_row, load_value, merge_fields, to_json
from app.sync.receipt import write_receipt
from db.base import utcnow
from db import bulk
from db.bulk import in_chunks
from db.models import AuditEvent, AuditHead, Device, Exhibitor, FairComplaint, Party, StoredFile, SyncBundle, SyncConflict, SyncKit, SyncReceived

IMPORT_ROLES = {"admin", "supervisor", "fair_staff"}
ALL_FIELDS = "*"
_MISSING = object()


@dataclass(frozen=True)
class ImportResult:
    bundle_id: uuid.UUID
    device_id: uuid.UUID
    already_imported: bool
    inserted: int
    updated: int
    unchanged: int
    conflicts: int
    audit_events: int
    files: int
    flags: tuple[str, ...]
    receipt: Path | None

    @property
    def counts(self) -> dict[str, int]:
        return {"inserted": self.inserted, "updated": self.updated, "unchanged": self.unchanged,
                "conflicts": self.conflicts, "audit_events": self.audit_events, "files": self.files}


@dataclass(frozen=True)
class Change:
    table: str
    id: uuid.UUID
    op: str
    base: dict | None
    new: dict            # JSON values as sent
    values: dict         # the same, read into column values


# ------------------------------------------------------------------ reading and checking
def _secret_for(db: Database, actor: Actor):
    def secret(manifest: dict, _read) -> bytes:
        if manifest["centre_id"] != str(actor.centre_id):
            raise bundle.refused("该数据包属于另一个维权援助中心", "the bundle belongs to another centre")
        with db.read_session() as s:
            kit = s.get(SyncKit, uuid.UUID(manifest["kit_id"]))
        if kit is None or kit.role != "issued" or kit.centre_id != actor.centre_id:
            raise bundle.refused("本中心没有发出过该展会数据包（数据包来自其他中心或其他数据库）",
                                 "this centre did not issue the kit this bundle comes from")
        if str(kit.device_id) != manifest["device_id"]:
            raise bundle.refused("数据包的设备与展会数据包不符", "device differs from the kit's")
        return bytes.fromhex(kit.secret)
    return secret


def read_return(db: Database, actor: Actor, path: Path, passphrase: str | None) -> tuple[bundle.Bundle, list[Change], list[dict]]:
    b = bundle.read(Path(path), passphrase=passphrase, kind="return", secret_for=_secret_for(db, actor))
    changes = _parse_changes(b.json("records.json"))
    chain = _parse_chain(b.json("audit.json"), b.device_id)
    for name, data in b.members.items():
        if name.startswith("files/") and bundle.sha256_hex(data) != name[6:]:
            raise damaged(f"文件 {name} 的内容与其校验值不符")
    return b, changes, chain


def _parse_changes(raw: Any) -> list[Change]:
    if not isinstance(raw, list):
        raise damaged("records.json 不是列表")
    out, seen = [], set()
    for item in raw:
        if not isinstance(item, dict) or item.get("table") not in MODELS or item.get("op") not in ("create", "update", "delete"):
            raise damaged("records.json 中有无效的记录")
        name, base, new = item["table"], item.get("base"), item.get("new")
        if base is not None and not isinstance(base, dict):
            raise damaged(f"{name} 的基准值无效")
        values = load_row(name, new)
        if str(values["id"]) != item.get("id") or (name, values["id"]) in seen:
            raise damaged(f"{name} 的记录编号不一致或重复")
        if base is not None:
            load_row(name, base)
        seen.add((name, values["id"]))
        out.append(Change(name, values["id"], item["op"], base, new, values))
    order = {t: i for i, t in enumerate(TABLE_ORDER)}
    return sorted(out, key=lambda c: order[c.table])


def _parse_chain(raw: Any, device: uuid.UUID) -> list[dict]:
    """Check the laptop's chain link by link from its start; a broken chain is refused."""
    if not isinstance(raw, list):
        raise damaged("audit.json 不是列表")
    prev = GENESIS
    events = []
    for n, e in enumerate(raw, start=1):
        if not isinstance(e, dict):
            raise damaged("审计事件格式不对")
        payload = {k: e.get(k) for k in ("device", "seq", "at", "centre", "actor", "actor_name", "action", "table",
                                          "record", "data")}
        if payload["device"] != str(device) or payload["seq"] != n or e.get("prev_hash") != prev:
            raise bundle.refused(f"笔记本的审计链在第 {n} 条断开（事件缺失、被插入或不属于该设备）",
                                 f"the laptop's audit chain breaks at event {n}")
        if event_hash(prev, payload) != e.get("hash"):
            raise bundle.refused(f"笔记本的审计链第 {n} 条事件内容被改动", f"audit event {n} altered")
        try:
            row = {
                "device_id": device, "seq": n, "prev_hash": prev, "hash": e["hash"],
                "at": datetime.fromisoformat(payload["at"]), "centre_id": _uuid_or_none(payload["centre"]),
                "actor_id": _uuid_or_none(payload["actor"]), "actor_name": str(payload["actor_name"] or ""),
                "action": str(payload["action"]), "table_name": str(payload["table"] or ""),
                "record_id": _uuid_or_none(payload["record"]), "data": payload["data"] if isinstance(payload["data"], dict) else {},
            }
        except (TypeError, ValueError) as exc:
            raise damaged(f"审计事件 {n} 无法读取") from exc
        if row["at"].tzinfo is None or not isinstance(payload["data"], dict):
            raise damaged(f"审计事件 {n} 无法读取")
        events.append(row)
        prev = e["hash"]
    return events


def _uuid_or_none(v: Any) -> uuid.UUID | None:
    return None if v is None else uuid.UUID(v)


# ------------------------------------------------------------------ the import
Progress = Callable[[int, "int | None", str], None]


@collector_paused()  # tens of thousands of records, events and tokens: see app.collector
def import_bundle(db: Database, actor: Actor, path: Path, passphrase: str | None = None, *,
                  receipt_out: Path | None = None, progress: Progress | None = None) -> ImportResult:
    """Import a return bundle in one transaction; write a signed receipt beside it (or at
    `receipt_out`) for the laptop. `progress(done, total, text)` hears how far the merge is."""
    path = Path(path)
    report = progress or (lambda _d, _t, _x: None)
    report(0, None, "检查数据包")
    b, changes, chain = read_return(db, actor, path, passphrase)
    report(0, len(changes), "合并记录")
    with service_call(db, actor, roles=IMPORT_ROLES, action="sync.import") as s:
        done = s.get(SyncBundle, b.bundle_id)
        if done is not None:
            result = _repeat_result(b, done.counts)
        else:
            result = _merge(s, actor, b, changes, chain, report)
    if done is None:
        db.refresh_statistics()
    receipt = receipt_out or path.with_name(path.name + ".receipt")
    with db.read_session() as s:
        secret = bytes.fromhex(s.get(SyncKit, b.kit_id).secret)
    write_receipt(receipt, b, result.counts, secret, imported_by=actor.display_name)
    return _with_receipt(result, receipt)


def _repeat_result(b: bundle.Bundle, counts: dict) -> ImportResult:
    return ImportResult(b.bundle_id, b.device_id, True, counts.get("inserted", 0), counts.get("updated", 0),
                        counts.get("unchanged", 0), counts.get("conflicts", 0), counts.get("audit_events", 0),
                        counts.get("files", 0), tuple(counts.get("flags", [])), None)


def _with_receipt(r: ImportResult, receipt: Path) -> ImportResult:
    return ImportResult(r.bundle_id, r.device_id, r.already_imported, r.inserted, r.updated, r.unchanged,
                        r.conflicts, r.audit_events, r.files, r.flags, receipt)


def _merge(s: Session, actor: Actor, b: bundle.Bundle, changes: list[Change], chain: list[dict],
           report: Progress) -> ImportResult:
    device = b.device_id
    new_events = _append_chain(s, device, chain)
    files = _store_files(s, b)
    received = _received(s, device)
    open_conflicts = {
        (c.table_name, c.record_id, c.field): c
        for c in s.scalars(select(SyncConflict).where(SyncConflict.device_id == device, SyncConflict.resolved_at.is_(None)))
    }
    _refuse_number_clashes(s, changes)
    inserted = updated = unchanged = conflicts = 0
    complaints: list[uuid.UUID] = []
    fresh_received: list[dict] = []
    done = 0
    for name, group in _by_table(changes):
        model = MODELS[name]
        existing = _load(s, model, [c.id for c in group])
        fields = merge_fields(name)
        new_rows, merged = [], []
        for c in group:
            current = existing.get(c.id)
            if current is None:
                new_rows.append(new_record(model, **{k: v for k, v in c.values.items() if k != "version"}))
                inserted += 1
            else:
                seen = received.get((name, c.id))
                applied, raised = _merge_record(s, b, c, current, fields, seen.value if seen else None, open_conflicts)
                if applied:
                    merged.append((current, applied))
                updated += bool(applied)
                conflicts += raised
                unchanged += not applied and not raised
            _remember(s, received, fresh_received, device, b.bundle_id, c, fields)
            if name == "fair_complaint":
                complaints.append(c.id)
        # One executemany per table, parents first (TABLE_ORDER). A new record is exactly what the
        # laptop sent, and the laptop's own event for it is merged above: no second event here.
        add_bulk(s, new_rows, kind=RECEIVED)
        update_bulk(s, model, merged)
        done += len(group)
        report(done, len(changes), "合并记录")
    report(len(changes), len(changes), "写入数据库")
    s.flush()
    if fresh_received:
        bulk.insert_rows(s.connection(), SyncReceived.__table__, fresh_received)
    flags = _checks(s, actor, complaints)
    counts = {"inserted": inserted, "updated": updated, "unchanged": unchanged, "conflicts": conflicts,
              "audit_events": new_events, "files": files, "flags": flags}
    s.add(SyncBundle(id=b.bundle_id, kind="return", device_id=device, counts=counts))
    # The centre's own record of the import: which bundle, what it did, and up to where the laptop's
    # chain was accepted (the events that vouch for the records inserted as sent).
    head = chain[-1] if chain else None
    note(s, "sync.import", "sync_bundle", b.bundle_id,
         {**counts, "device": str(device), "chain_seq": head["seq"] if head else 0,
          "chain_hash": head["hash"] if head else None})
    return ImportResult(b.bundle_id, device, False, inserted, updated, unchanged, conflicts, new_events, files,
                        tuple(flags), None)


def _by_table(changes: list[Change]) -> Iterable[tuple[str, list[Change]]]:
    groups: dict[str, list[Change]] = {}
    for c in changes:
        groups.setdefault(c.table, []).append(c)
    return [(t, groups[t]) for t in TABLE_ORDER if t in groups]


def _load(s: Session, model, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict]:
    """id → every column's value, for those of `ids` already here (plain rows: the merge writes
    its changes with update_bulk, and ORM objects for thousands of records cost more than the merge)."""
    table = model.__table__
    return {row["id"]: dict(row) for chunk in in_chunks(ids)
            for row in s.execute(table.select().where(table.c.id.in_(chunk))).mappings()}


def _columns(s: Session, key, ids: list[uuid.UUID], *columns) -> dict[uuid.UUID, Any]:
    """id → row of `columns` (and the key) for the given ids."""
    return {row[0]: row for chunk in in_chunks(ids) for row in s.execute(select(key, *columns).where(key.in_(chunk)))}


def _merge_record(s: Session, b: bundle.Bundle, c: Change, current: dict, fields: tuple[str, ...],
                  received: dict | None, open_conflicts: dict) -> tuple[dict, int]:
    """Three-way merge of one record (`current`: the centre's values); returns (the fields to
    change → the laptop's values, conflicts raised)."""
    applied: dict = {}
    raised = 0
    for f in fields:
        laptop = c.new.get(f)
        if received is not None and f in received:
            base = received[f]
        elif c.base is not None and f in c.base:
            base = c.base[f]
        else:
            base = _MISSING
        centre = to_json(current[f])
        if laptop == base or laptop == centre:
            continue  # the laptop did not change it, or both sides agree
        if base is not _MISSING and centre == base:
            applied[f] = c.values.get(f)
            continue
        key = (c.table, c.id, f)
        conflict = open_conflicts.get(key)
        if conflict is None:
            conflict = SyncConflict(centre_id=current.get("centre_id") or b.centre_id,
                                    table_name=c.table, record_id=c.id, field=f, device_id=b.device_id)
            s.add(conflict)
            open_conflicts[key] = conflict
        conflict.centre_value, conflict.laptop_value, conflict.bundle_id = centre, laptop, b.bundle_id
        raised += 1
    return applied, raised


def _received(s: Session, device: uuid.UUID) -> dict[tuple[str, uuid.UUID], SyncReceived]:
    return {
        (r.table_name, r.record_id): r
        for r in s.scalars(select(SyncReceived).where(SyncReceived.device_id == device,
                                                       SyncReceived.field == ALL_FIELDS))
    }


def _remember(s: Session, received: dict, fresh: list[dict], device: uuid.UUID, bundle_id: uuid.UUID, c: Change,
              fields: tuple[str, ...]) -> None:
    """Note what this device sent for the record: the base of the next merge of its fields."""
    values = {f: c.new.get(f) for f in fields}
    row = received.get((c.table, c.id))
    if row is not None:
        row.value, row.bundle_id = values, bundle_id
    else:  # new rows go in with one Core insert at the end (thousands on a first import)
        fresh.append({"device_id": device, "table_name": c.table, "record_id": c.id, "field": ALL_FIELDS,
                      "value": values, "bundle_id": bundle_id})


def _refuse_number_clashes(s: Session, changes: list[Change]) -> None:
    """Two records may not share a complaint number; say which, instead of a constraint error."""
    wanted = {c.values["complaint_no"]: c.id for c in changes if c.table == "fair_complaint"}
    for chunk in in_chunks(wanted):
        for number, rid in s.execute(select(FairComplaint.complaint_no, FairComplaint.id)
                                     .where(FairComplaint.complaint_no.in_(chunk))):
            if rid != wanted[number]:
                raise UsageError(f"数据包被拒绝：投诉编号 {number} 在本中心已被另一条投诉使用（同一展会数据包可能在两台电脑上打开过）。"
                                 "数据库未作任何改动。", english=f"complaint number {number} already used by another record")


def _append_chain(s: Session, device: uuid.UUID, chain: list[dict]) -> int:
    """Add the laptop's events after those already received; the part already here must match."""
    head = s.get(AuditHead, device)
    have = head.seq if head is not None else 0
    if have > len(chain):
        raise bundle.refused("笔记本的审计链比本中心已收到的短（数据包比上次导入的旧）", "audit chain shorter than already received")
    if have and chain[have - 1]["hash"] != head.hash:
        raise bundle.refused("笔记本的审计链与本中心已收到的不一致", "audit chain differs from what was received before")
    fresh = chain[have:]
    if fresh:
        bulk.insert_rows(s.connection(), AuditEvent.__table__, fresh)  # COPY on PostgreSQL
        if head is None:
            s.add(AuditHead(device_id=device, seq=fresh[-1]["seq"], hash=fresh[-1]["hash"]))
        else:
            head.seq, head.hash = fresh[-1]["seq"], fresh[-1]["hash"]
    return len(fresh)


def _store_files(s: Session, b: bundle.Bundle) -> int:
    shas = [n[6:] for n in b.members if n.startswith("files/")]
    if not shas:
        return 0
    have = set(s.scalars(select(StoredFile.sha256).where(StoredFile.sha256.in_(shas))))
    added = 0
    for sha in shas:
        if sha not in have:
            data = b.members["files/" + sha]
            s.add(StoredFile(sha256=sha, size=len(data), data=data))
            added += 1
    s.flush()
    return added


def _checks(s: Session, actor: Actor, complaint_ids: list[uuid.UUID]) -> list[str]:
    """Repeat-respondent and party-conflict checks again, now against all the centre knows."""
    if not complaint_ids:
        return []
    with s.no_autoflush:
        # Plain rows of the columns the checks read (Checker.flags reads them by attribute name):
        # loading thousands of just-imported records as ORM objects cost more than the checks.
        complaints = [c for c in _columns(s, FairComplaint.id, complaint_ids, FairComplaint.complaint_no,
                                          FairComplaint.fair_id, FairComplaint.respondent_name,
                                          FairComplaint.complainant_id, FairComplaint.respondent_exhibitor_id,
                                          FairComplaint.deleted).values() if not c.deleted]
        parties = _columns(s, Party.id, list({c.complainant_id for c in complaints}), Party.name)
        checker = Checker(s, actor.centre_id, [c.respondent_name for c in complaints] +
                          [p.name for p in parties.values()])
        shown = list({c.respondent_exhibitor_id for c in complaints if c.respondent_exhibitor_id})
        credits = {eid: e.credit_code for eid, e in _columns(s, Exhibitor.id, shown, Exhibitor.credit_code).items()}
        flags = []
        for c in sorted(complaints, key=lambda c: c.complaint_no):
            repeat, conflicts = checker.flags(c, party=parties.get(c.complainant_id),
                                              credit=credits.get(c.respondent_exhibitor_id) or "")
            if repeat:
                flags.append(f"{c.complaint_no}：被投诉人 {c.respondent_name} 曾在其他展会被投诉：{'；'.join(repeat)}")
            flags.extend(f"{c.complaint_no}：{note}" for note in conflicts)
    return flags


# ------------------------------------------------------------------ conflicts
TABLE_LABELS = {
    "fair": "展会", "exhibitor": "参展商", "fair_complaint": "展会投诉", "patrol_note": "巡查记录", "party": "当事人",
    "ip_right": "知识产权", "consultation": "咨询", "centre": "中心", "centre_setting": "中心设置", "app_user": "用户",
    "device": "设备", "attachment": "附件", "institution": "合作单位", "expert": "专家", "knowledge_item": "知识库",
}


@dataclass(frozen=True)
class ConflictRow:
    id: uuid.UUID
    table: str
    table_label: str
    record_id: uuid.UUID
    record_label: str
    field: str
    centre_value: Any
    laptop_value: Any
    device: str
    created_at: datetime
    resolution: str | None
    resolved_at: datetime | None


def list_conflicts(db: Database, actor: Actor, *, include_resolved: bool = False) -> list[ConflictRow]:
    with read_call(db, actor, roles=IMPORT_ROLES | {"caseworker"}) as s:
        stmt = select(SyncConflict).where(SyncConflict.centre_id == actor.centre_id)
        if not include_resolved:
            stmt = stmt.where(SyncConflict.resolved_at.is_(None))
        rows = s.scalars(stmt.order_by(SyncConflict.created_at, SyncConflict.table_name, SyncConflict.field)).all()
        devices = {d.id: d.name for d in s.scalars(select(Device))}
        return [_conflict_row(s, c, devices) for c in rows]


def _conflict_row(s: Session, c: SyncConflict, devices: dict) -> ConflictRow:
    obj = s.get(MODELS[c.table_name], c.record_id) if c.table_name in MODELS else None
    label = ""
    for attr in ("complaint_no", "name", "username", "key", "booth", "text"):
        if obj is not None and getattr(obj, attr, None):
            label = str(getattr(obj, attr))[:40]
            break
    return ConflictRow(c.id, c.table_name, TABLE_LABELS.get(c.table_name, c.table_name), c.record_id, label, c.field,
                       c.centre_value, c.laptop_value, devices.get(c.device_id, str(c.device_id)), c.created_at,
                       c.resolution, c.resolved_at)


def resolve_conflict(db: Database, actor: Actor, conflict_id: uuid.UUID, choice: str, note: str = "") -> ConflictRow:
    """Keep the centre's value or take the laptop's; the choice is evented with the record."""
    if choice not in ("centre", "laptop"):
        raise ValidationError("处理方式", "只能选择 centre（保留中心的值）或 laptop（采用笔记本的值）")
    with service_call(db, actor, roles=IMPORT_ROLES, action=f"sync.resolve_{choice}") as s:
        c = s.get(SyncConflict, conflict_id)
        if c is None or c.centre_id != actor.centre_id:
            raise NotFound(f"没有冲突 {conflict_id}。", english=f"no conflict {conflict_id}")
        if c.resolved_at is not None:
            raise UsageError("该冲突已处理过。", english="conflict already resolved")
        if choice == "laptop":
            obj = s.get(MODELS[c.table_name], c.record_id)
            setattr(obj, c.field, load_value(c.table_name, c.field, c.laptop_value))
        c.resolution, c.resolved_at, c.resolved_by, c.resolution_note = choice, utcnow(), actor.user_id, note
        s.flush()
        return _conflict_row(s, c, {d.id: d.name for d in s.scalars(select(Device))})


__all__ = ["ConflictRow", "ImportResult", "import_bundle", "list_conflicts", "read_return", "resolve_conflict"]
