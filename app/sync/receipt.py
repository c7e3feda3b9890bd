"""The import receipt: written by the centre when it imports a return bundle, verified by the
laptop before it offers to close the kit and wipe its personal data (issue 6, "closing the loop").

A receipt is a small bundle of kind "receipt" signed with the kit's secret, so only the centre
that issued the kit can make one, and it names the bundle it acknowledges by id and SHA-256.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from app.context import Actor
from app.database import Database
from app.errors import UsageError
from app.service import read_call
from app.sync import bundle
from db.base import Base, utcnow
from db.models import AuditHead, LocalSetting

CLOSED_KEY = "kit_closed"


def write_receipt(path: Path, b: bundle.Bundle, counts: dict, secret: bytes, *, imported_by: str) -> str:
    extra = {"bundle_id": str(b.bundle_id), "bundle_sha256": b.sha256, "imported_at": utcnow().isoformat(),
             "imported_by": imported_by, "audit_head_seq": b.manifest["extra"].get("audit_head_seq", 0)}
    summary = {k: v for k, v in counts.items() if isinstance(v, int)}
    _rid, data = bundle.build(kind="receipt", centre_id=b.centre_id, kit_id=b.kit_id, device_id=b.device_id,
                              secret=secret, members={}, counts=summary, extra=extra)
    return bundle.write(Path(path), data, None)


@dataclass(frozen=True)
class ReceiptCheck:
    bundle_id: uuid.UUID
    imported_at: str
    imported_by: str
    counts: dict
    covers_everything: bool  # the acknowledged bundle is the last export and nothing was recorded since
    reason: str


def verify_receipt(db: Database, actor: Actor, path: Path) -> ReceiptCheck:
    from app.sync.export import EXPORTS_KEY, LAST_EXPORT_KEY
    from app.sync.kit import opened_kit

    with read_call(db, actor, roles=None) as s:
        kit = opened_kit(s)
        secret = bytes.fromhex(kit.secret)

        def secret_for(manifest: dict, _read) -> bytes:
            if manifest["kit_id"] != str(kit.id) or manifest["device_id"] != str(kit.device_id):
                raise bundle.refused("该回执不是给本机的展会数据包的", "receipt is for another kit")
            return secret

        r = bundle.read(Path(path), passphrase=None, kind="receipt", secret_for=secret_for)
        extra = r.manifest["extra"]
        exported = json.loads(_value(s, EXPORTS_KEY) or "[]")
        if extra.get("bundle_id") not in exported:
            raise bundle.refused("回执确认的数据包不是本机导出的", "the receipt names a bundle this laptop did not export")
        last = json.loads(_value(s, LAST_EXPORT_KEY) or "{}")
        head = s.get(AuditHead, kit.device_id)
        covers, reason = True, ""
        if last.get("bundle_id") != extra.get("bundle_id") or last.get("sha256") != extra.get("bundle_sha256"):
            covers, reason = False, "回执确认的不是本机最近一次导出的数据包，请用最新的数据包再导入一次"
        elif head is not None and head.seq != last.get("audit_seq"):
            covers, reason = False, "导出后本机又有新的记录或修改，请重新导出并在中心导入"
        return ReceiptCheck(uuid.UUID(extra["bundle_id"]), str(extra.get("imported_at", "")),
                            str(extra.get("imported_by", "")), dict(r.manifest["counts"]), covers, reason)


def close_kit(db: Database, actor: Actor, path: Path) -> ReceiptCheck:
    """Verify the receipt, then wipe every record from this laptop's database (personal data
    included) and mark the kit closed. Refused when anything on the laptop has not reached the centre."""
    check = verify_receipt(db, actor, path)
    if not check.covers_everything:
        raise UsageError(f"不能关闭：{check.reason}。本机数据未删除。", english="cannot close: not everything reached the centre")
    with db.write_session() as s:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name != LocalSetting.__tablename__:
                s.execute(table.delete())
        s.execute(LocalSetting.__table__.delete())
        s.add(LocalSetting(key=CLOSED_KEY, value=json.dumps(
            {"bundle_id": str(check.bundle_id), "closed_at": utcnow().isoformat(), "closed_by": actor.username})))
        s.commit()
    db.forget_device()
    if db.is_sqlite:
        # Deleted rows stay in free pages until the file is rewritten.
        raw = db.engine.raw_connection()  # outside SQLAlchemy's BEGIN: VACUUM refuses a transaction
        try:
            raw.driver_connection.execute("VACUUM")
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    return check


def _value(s, key: str) -> str | None:
    row = s.get(LocalSetting, key)
    return row.value if row else None


__all__ = ["ReceiptCheck", "close_kit", "verify_receipt", "write_receipt", "func", "select"]
