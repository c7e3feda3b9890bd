"""Fair kits (design.md §5): the centre issues one per laptop; the laptop opens it into an empty
SQLite database and works offline.

A kit carries the fair and its exhibitors, complaints and notes, the reference lists, the centre
and its settings, the staff accounts (with their password hashes), a `device` row of its own for
the laptop with the number prefix it must use, the kit secret that signs the return bundle, a
digest of past respondents and parties for offline checks, and the hash of a one-time recovery
code that unlocks the laptop's accounts if a password is forgotten offline.
"""
from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from app import calendar_table
from app.audit import Chain, NewEvent
from app.context import Actor
from app.database import DEVICE_KEY, Database
from app.errors import NotAuthenticated, UsageError, ValidationError
from app.passwords import MIN_LENGTH, hash_password, verify_password
from app.search.index import index_records
from app.service import service_call
from app.services.fair_checks import build_digest, digest_settings
from app.services.fairs import MANAGE_ROLES, _fair_by_ref
from app.services.setup import holds_data
from app.sync import bundle
from app.sync.records import MODELS, TABLE_ORDER, damaged, dump_row, dump_table, load_row, table_of
from db.base import utcnow
from db.bulk import in_chunks
from db.models import (
    Attachment, Centre, CentreSetting, Consultation, Device, Exhibitor, Expert, ExpertConflict, Fair,
    FairComplaint, Institution, KnowledgeItem, LocalSetting, PatrolNote, StoredFile, SyncBase,
    SyncKit, User,
)

KIT_ID_KEY = "kit_id"
RECOVERY_KEY = "recovery_hash"
RECOVERY_USED_KEY = "recovery_used"
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


@dataclass(frozen=True)
class KitIssued:
    kit_id: uuid.UUID
    device_id: uuid.UUID
    number_prefix: str
    recovery_code: str
    path: Path
    sha256: str
    counts: dict[str, int]
    encrypted: bool


@dataclass(frozen=True)
class KitOpened:
    kit_id: uuid.UUID
    fair_id: uuid.UUID | None
    fair_name: str
    device_id: uuid.UUID
    number_prefix: str
    counts: dict[str, int]
    usernames: tuple[str, ...]


def recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(20))
    return "-".join(raw[i:i + 4] for i in range(0, 20, 4))


def _normal_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


# ------------------------------------------------------------------ centre: export
def export_kit(db: Database, actor: Actor, fair_ref: str, out: Path, passphrase: str | None = None,
               *, laptop_name: str = "") -> KitIssued:
    """Issue a kit for one laptop: a new device with its own number prefix, a new secret."""
    out = Path(out)
    with service_call(db, actor, roles=MANAGE_ROLES, action="sync.kit_export") as s:
        fair = _fair_by_ref(s, actor.centre_id, fair_ref)
        prefix = _new_prefix(s, fair)
        device = Device(centre_id=fair.centre_id, name=laptop_name or f"{fair.name} 笔记本 {prefix}",
                        kind="laptop", number_prefix=prefix, note=f"展会数据包 {out.name}")
        s.add(device)
        s.flush()
        secret = secrets.token_bytes(32)
        kit = SyncKit(id=uuid.uuid4(), role="issued", centre_id=fair.centre_id, fair_id=fair.id, device_id=device.id,
                      number_prefix=prefix, secret=secret.hex(), created_by=actor.user_id)
        s.add(kit)
        s.flush()
        records, files = _carried(s, fair, device, actor, db.device_id)
        code = recovery_code()
        kit_info = {
            "kit_id": str(kit.id), "secret": secret.hex(), "device_id": str(device.id), "fair_id": str(fair.id),
            "fair_name": fair.name, "number_prefix": prefix, "recovery_hash": hash_password(_normal_code(code)),
            "digest": build_digest(s, fair.centre_id),
        }
        members = {"records.json": bundle.canonical_json(records), "kit.json": bundle.canonical_json(kit_info)}
        members.update({f"files/{sha}": data for sha, data in files.items()})
        counts = {t: len(rows) for t, rows in records.items() if rows}
        _bid, data = bundle.build(kind="kit", centre_id=fair.centre_id, kit_id=kit.id, device_id=device.id,
                                  secret=secret, members=members, counts=counts,
                                  extra={"fair_name": fair.name, "number_prefix": prefix})
        digest = bundle.write(out, data, passphrase)
        return KitIssued(kit.id, device.id, prefix, code, out, digest, counts, bool(passphrase))


def _new_prefix(s: Session, fair: Fair) -> str:
    """`{fair short code}-{n}`: unique among every device the centre ever issued."""
    code = fair.short_code or "ZH"
    n = s.scalar(select(func.count()).select_from(Device).where(Device.number_prefix.like(f"{code}-%"))) or 0
    while True:
        n += 1
        prefix = f"{code}-{n}"
        if not s.scalar(select(func.count()).select_from(Device).where(Device.number_prefix == prefix)):
            return prefix


def _carried(s: Session, fair: Fair, device: Device, actor: Actor,
             centre_device: uuid.UUID | None) -> tuple[dict[str, list], dict[str, bytes]]:
    """Every record the kit carries, serialised, table by table in foreign-key order; and the
    stored files its attachments name."""
    centre_id = fair.centre_id
    live = lambda m: (m.centre_id == centre_id) & m.deleted.is_(False)  # noqa: E731
    rows: dict[str, dict[uuid.UUID, dict]] = {t: {} for t in TABLE_ORDER}

    def take(name: str, where) -> None:
        rows[name].update(dump_table(s, name, where))

    take("centre", Centre.id == centre_id)
    take("centre_setting", live(CentreSetting))
    take("device", Device.id.in_([d for d in (device.id, centre_device) if d]))
    take("institution", live(Institution))
    take("expert", live(Expert))
    take("expert_conflict", live(ExpertConflict))
    take("knowledge_item", live(KnowledgeItem) & (KnowledgeItem.status == "approved"))
    take("fair", Fair.id == fair.id)
    take("exhibitor", live(Exhibitor) & (Exhibitor.fair_id == fair.id))
    take("fair_complaint", live(FairComplaint) & (FairComplaint.fair_id == fair.id))
    take("patrol_note", live(PatrolNote) & (PatrolNote.fair_id == fair.id))
    take("consultation", live(Consultation) & (Consultation.fair_id == fair.id))
    staff = {uuid.UUID(x) for x in fair.staff_ids} | {actor.user_id}
    if not fair.staff_ids:
        staff |= {u.id for u in s.scalars(select(User).where(live(User), User.active.is_(True))) if "fair_staff" in u.roles}
    take("app_user", User.id.in_(staff))
    _close_over_foreign_keys(s, rows)
    owners = [rid for t in TABLE_ORDER for rid in rows[t]]
    for chunk in in_chunks(owners):
        take("attachment", Attachment.owner_id.in_(chunk) & Attachment.deleted.is_(False))
    files = {}
    shas = {r["file_sha256"] for r in rows["attachment"].values()}
    if shas:
        files = dict(s.execute(select(StoredFile.sha256, StoredFile.data).where(StoredFile.sha256.in_(shas))).all())
    return {t: list(rows[t].values()) for t in TABLE_ORDER}, files


def _close_over_foreign_keys(s: Session, rows: dict[str, dict[uuid.UUID, dict]]) -> None:
    """Add every record a carried record points to, so the laptop's foreign keys hold. Users
    pulled in only this way come without a password hash: they are names, not accounts."""
    staff = set(rows["app_user"])
    while True:
        wanted: dict[str, set[uuid.UUID]] = {}
        for name in TABLE_ORDER:
            for fk in table_of(name).foreign_keys:
                target = fk.column.table.name
                if target not in rows or fk.column.key != "id":
                    continue
                for r in rows[name].values():
                    value = r.get(fk.parent.key)
                    if value and uuid.UUID(value) not in rows[target]:
                        wanted.setdefault(target, set()).add(uuid.UUID(value))
        if not wanted:
            break
        for target, ids in wanted.items():
            model = MODELS[target]
            found = dump_table(s, target, model.id.in_(ids))
            if target == "app_user":
                for uid, r in found.items():
                    if uid not in staff:
                        r["password_hash"] = ""
            rows[target].update(found)


# ------------------------------------------------------------------ laptop: open
def kit_secret(manifest: dict, read_member: Callable[[str], bytes]) -> bytes:
    """A kit is signed with its own secret: this proves it is whole, not who sent it (its
    passphrase does that)."""
    info = json.loads(read_member("kit.json").decode("utf-8"))
    return bytes.fromhex(info["secret"])


def open_kit(db: Database, kit_file: Path, passphrase: str | None = None) -> KitOpened:
    """Open a kit into an empty database; this database becomes the kit's laptop device."""
    if holds_data(db) or db.device_id is not None:
        raise UsageError("打开展会数据包需要一个空数据库（例如一个新的文件名）；该数据库已有数据，未作改动。",
                         english="open-kit needs an empty database; this one holds data and was left unchanged")
    b = bundle.read(Path(kit_file), passphrase=passphrase, kind="kit", secret_for=kit_secret)
    info = b.json("kit.json")
    records = b.json("records.json")
    tables = _parse_kit_records(records)
    try:
        kit_id, device_id = uuid.UUID(info["kit_id"]), uuid.UUID(info["device_id"])
        fair_id = uuid.UUID(info["fair_id"]) if info.get("fair_id") else None
        prefix, digest, rhash = str(info["number_prefix"]), info["digest"], str(info["recovery_hash"])
    except (KeyError, TypeError, ValueError) as exc:
        raise damaged("kit.json 不完整") from exc
    if kit_id != b.kit_id or device_id != b.device_id:
        raise damaged("kit.json 与清单不符")
    now = utcnow()
    with db.write_session() as s:
        s.add_all([LocalSetting(key=DEVICE_KEY, value=str(device_id)), LocalSetting(key=KIT_ID_KEY, value=str(kit_id)),
                   *digest_settings(digest), LocalSetting(key=RECOVERY_KEY, value=rhash)])
        calendar_table.regenerate(s)
        s.add(SyncKit(id=kit_id, role="opened", centre_id=b.centre_id, fair_id=fair_id, device_id=device_id,
                      number_prefix=prefix, secret=info["secret"]))
        s.flush()
        for name in TABLE_ORDER:
            loaded = tables.get(name, [])
            if not loaded:
                continue
            s.execute(insert(table_of(name)), [v for v, _raw in loaded])
            s.execute(insert(SyncBase), [{"kit_id": kit_id, "table_name": name, "record_id": v["id"], "values": raw}
                                         for v, raw in loaded])
            index_records(s, ((name, v["id"], v) for v, _raw in loaded))
        for name, data in b.members.items():
            if name.startswith("files/"):
                s.add(StoredFile(sha256=name[6:], size=len(data), data=data))
        Chain(s, device_id).append([NewEvent("sync.kit_open", "sync_kit", kit_id, {"counts": b.manifest["counts"]})],
                                   at=now, centre_id=b.centre_id, actor_id=None, actor_name="系统")
        s.commit()
    db.forget_device()
    users = tuple(sorted(v["username"] for v, _r in tables.get("app_user", []) if v.get("password_hash")))
    return KitOpened(kit_id, fair_id, str(info.get("fair_name", "")), device_id, prefix,
                     dict(b.manifest["counts"]), users)


def _parse_kit_records(records: Any) -> dict[str, list[tuple[dict, dict]]]:
    if not isinstance(records, dict):
        raise damaged("records.json 格式不对")
    out = {}
    for name, rows in records.items():
        if name not in MODELS or not isinstance(rows, list):
            raise damaged(f"records.json 中的 {name} 无效")
        out[name] = [(load_row(name, raw), raw) for raw in rows]
    return out


# ------------------------------------------------------------------ laptop: recovery
def recover_account(db: Database, username: str, code: str, new_password: str) -> None:
    """Set a new password with the kit's one-time recovery code (offline, no admin at hand)."""
    if len(new_password) < MIN_LENGTH:
        raise ValidationError("新密码", f"至少需要 {MIN_LENGTH} 个字符")
    wrong = NotAuthenticated("恢复码不正确或已用过。", english="wrong or used recovery code")
    with db.write_session() as s:
        stored = s.get(LocalSetting, RECOVERY_KEY)
        if stored is None or s.get(LocalSetting, RECOVERY_USED_KEY) is not None:
            raise wrong
        if not verify_password(stored.value, _normal_code(code)):
            raise wrong
        user = s.scalars(select(User).where(User.username == username.strip())).one_or_none()
        if user is None or not user.password_hash:
            raise UsageError(f"本机没有可登录的用户 {username}。", english=f"no account {username} on this laptop")
        # password_hash and the lock fields never travel back (records.LOCAL_ONLY): no version bump.
        s.execute(update(User).where(User.id == user.id).values(
            password_hash=hash_password(new_password), failed_logins=0, locked_until=None),
            execution_options={"synchronize_session": False})
        s.add(LocalSetting(key=RECOVERY_USED_KEY, value=utcnow().isoformat()))
        Chain(s, db.device_id).append([NewEvent("account.recovered", "app_user", user.id, {})], at=utcnow(),
                                      centre_id=user.centre_id, actor_id=user.id, actor_name=user.display_name)
        s.commit()


def opened_kit(s: Session) -> SyncKit:
    kit = s.scalars(select(SyncKit).where(SyncKit.role == "opened")).first()
    if kit is None:
        raise UsageError("此数据库没有打开过展会数据包（不是驻场笔记本的数据库）。",
                         english="this database did not open a fair kit")
    return kit


__all__ = ["KitIssued", "KitOpened", "export_kit", "kit_secret", "open_kit", "opened_kit", "recover_account",
           "dump_row"]
