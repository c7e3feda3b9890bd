"""Laptop: the return bundle (design.md §5, §7 Sync identity).

It carries, for every record created, changed or deleted since the kit was opened, the record's
base values (as the kit brought them; none for a new record) and its values now; the laptop's
whole audit chain; and the stored files that its attachments name. It is cumulative: a second
export carries everything again, and the centre's import sorts out what it has already seen.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.audit import Chain, NewEvent, payload_of
from app.context import Actor
from app.database import Database
from app.service import service_call
from app.services.fairs import FAIR_ROLES
from app.sync import bundle
from app.sync.kit import opened_kit
from app.sync.records import TABLE_ORDER, dump_table, merge_fields
from db.base import utcnow
from db.models import AuditEvent, LocalSetting, StoredFile, SyncBase

LAST_EXPORT_KEY = "last_export"
EXPORTS_KEY = "exports"


@dataclass(frozen=True)
class ExportResult:
    bundle_id: uuid.UUID
    path: Path
    sha256: str
    created: int
    changed: int
    deleted: int
    audit_events: int
    files: int
    encrypted: bool


def changed_records(s, kit_id: uuid.UUID) -> list[dict]:
    """Every record whose merge fields differ from the kit's base, or that the kit did not carry."""
    bases: dict[str, dict[str, dict]] = {}
    for table, rid, values in s.execute(select(SyncBase.table_name, SyncBase.record_id, SyncBase.values)
                                        .where(SyncBase.kit_id == kit_id)):
        bases.setdefault(table, {})[str(rid)] = values
    out: list[dict] = []
    for name in TABLE_ORDER:
        fields = merge_fields(name)
        base_rows = bases.get(name, {})
        current = {str(k): v for k, v in dump_table(s, name).items()}
        for rid, new in current.items():
            base = base_rows.get(rid)
            if base is None:
                out.append({"table": name, "id": rid, "op": "create", "base": None, "new": new})
            elif any(new.get(f) != base.get(f) for f in fields):
                op = "delete" if new.get("deleted") and not base.get("deleted") else "update"
                out.append({"table": name, "id": rid, "op": op, "base": base, "new": new})
        for rid, base in base_rows.items():
            if rid not in current:  # removed outright on the laptop: it travels as a soft delete
                out.append({"table": name, "id": rid, "op": "delete", "base": base, "new": {**base, "deleted": True}})
    return out


def export_return(db: Database, actor: Actor, out: Path, passphrase: str | None = None) -> ExportResult:
    out = Path(out)
    with service_call(db, actor, roles=FAIR_ROLES, action="sync.export") as s:
        kit = opened_kit(s)
        changes = changed_records(s, kit.id)
        counts = {op: sum(1 for c in changes if c["op"] == op) for op in ("create", "update", "delete")}
        shas = {c["new"]["file_sha256"] for c in changes if c["table"] == "attachment" and not c["new"].get("deleted")}
        files = dict(s.execute(select(StoredFile.sha256, StoredFile.data).where(StoredFile.sha256.in_(shas))).all()) if shas else {}
        bundle_id = uuid.uuid4()
        # The export is itself on the laptop's chain, so the bundle carries the event that made it.
        Chain(s, kit.device_id).append(
            [NewEvent("sync.export", "sync_kit", kit.id, {"bundle_id": str(bundle_id), "counts": counts})],
            at=utcnow(), centre_id=kit.centre_id, actor_id=actor.user_id, actor_name=actor.display_name)
        s.flush()
        events = s.scalars(select(AuditEvent).where(AuditEvent.device_id == kit.device_id).order_by(AuditEvent.seq)).all()
        chain = [{**payload_of(e), "prev_hash": e.prev_hash, "hash": e.hash} for e in events]
        members = {"records.json": bundle.canonical_json(changes), "audit.json": bundle.canonical_json(chain)}
        members.update({f"files/{sha}": data for sha, data in files.items()})
        all_counts = {**counts, "audit_events": len(chain), "files": len(files)}
        extra = {"fair_id": str(kit.fair_id) if kit.fair_id else None, "audit_head_seq": events[-1].seq if events else 0,
                 "audit_head_hash": events[-1].hash if events else ""}
        _bid, data = bundle.build(kind="return", centre_id=kit.centre_id, kit_id=kit.id, device_id=kit.device_id,
                                  secret=bytes.fromhex(kit.secret), members=members, counts=all_counts, extra=extra,
                                  bundle_id=bundle_id)
        digest = bundle.write(out, data, passphrase)
        record = {"bundle_id": str(bundle_id), "sha256": digest, "audit_seq": extra["audit_head_seq"],
                  "at": utcnow().isoformat(), "path": str(out)}
        _put(s, LAST_EXPORT_KEY, json.dumps(record))
        previous = s.get(LocalSetting, EXPORTS_KEY)
        ids = json.loads(previous.value) if previous else []
        _put(s, EXPORTS_KEY, json.dumps(ids + [str(bundle_id)]))
    return ExportResult(bundle_id, out, digest, counts["create"], counts["update"], counts["delete"], len(chain),
                        len(files), bool(passphrase))


def _put(s, key: str, value: str) -> None:
    row = s.get(LocalSetting, key)
    if row is None:
        s.add(LocalSetting(key=key, value=value))
    else:
        row.value = value


__all__ = ["ExportResult", "changed_records", "export_return"]
