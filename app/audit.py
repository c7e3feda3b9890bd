"""Per-device audit hash chains (design.md §7 Audit chains).

Each event's hash covers its content and the previous event's hash, so changing, removing or
inserting an event behind the program's back breaks the chain at that point.
"""
from __future__ import annotations

import functools
import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import bulk
from db.models import AuditEvent, AuditHead
from db.upsert import locked_row

GENESIS = "0" * 64

# Fields that hold personal data: stored in events as a hash, never in clear (design.md §7).
PERSONAL_FIELDS = {
    ("party", "identifier"), ("party", "phone"), ("party", "address"), ("party", "contact"),
    ("consultation", "asker_phone"), ("expert", "phone"), ("expert", "email"), ("app_user", "phone"),
    ("app_user", "password_hash"), ("exhibitor", "credit_code"),
}

# Personal only when the record is a natural person's (an enterprise's name is public record);
# kept hashed so that anonymising a person later leaves no name in the trail.
PERSON_FIELDS = {("party", "name"), ("party", "name_pinyin")}


# Values JSON takes as they are: by far the most common, so tested first and by exact type.
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


class _Texts(dict):
    """UUID or day → its JSON form, computed once: an import's records repeat the centre, the user,
    the device, the parties and a thousand-odd days hundreds of thousands of times, and str(UUID)
    is Python code. Only exact UUIDs and dates go in (equal keys then always have equal text);
    emptied when it grows large so that a long-running window does not keep every id it saw."""

    LIMIT = 200_000

    def __missing__(self, key: uuid.UUID | date) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        text = self[key] = str(key) if type(key) is uuid.UUID else key.isoformat()
        return text


_MEMO_TYPES = frozenset({uuid.UUID, date})
_TEXT_OF = _Texts()


def jsonable(value: Any) -> Any:
    """`value` in the JSON form an event keeps (nested lists and dicts converted too)."""
    kind = type(value)
    if kind in _PLAIN_TYPES or kind is Protected:
        return value
    if kind in _MEMO_TYPES:
        return _TEXT_OF[value]
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, (list, tuple)):
        return [v if type(v) in _PLAIN_TYPES else jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): v if type(v) in _PLAIN_TYPES else jsonable(v) for k, v in value.items()}
    return value


def hashed(value: Any) -> str:
    """How an event keeps a personal value: its SHA-256, never the value."""
    return "sha256:" + hashlib.sha256(str(value).encode()).hexdigest()


@functools.cache
def personal_fields(table: str, person: bool) -> frozenset[str]:
    """The fields of `table` an event keeps hashed (for a natural person's record when `person`)."""
    fields = PERSONAL_FIELDS | (PERSON_FIELDS if person else set())
    return frozenset(f for t, f in fields if t == table)


class Protected(dict):
    """What protect_all returns: every value already in JSON form, so the chain does not walk the
    record's values a second time (an import appends tens of thousands of them). Treat as read-only."""


def protect_all(table: str, values: dict, *, person: bool = False) -> Protected:
    """A record's values as an audit event keeps them: in JSON form, personal data `hashed`
    (`person`: the record is a natural person's, so PERSON_FIELDS are personal too)."""
    out = Protected({k: v if type(v) in _PLAIN_TYPES else jsonable(v) for k, v in values.items()})
    for k in personal_fields(table, person) & out.keys():
        v = values[k]
        if v not in (None, ""):
            out[k] = hashed(v)
    return out


# One encoder: json.dumps with options builds a new one per call, and every event is encoded once
# when appended and again whenever a chain is verified.
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def canonical(payload: dict) -> bytes:
    return _CANONICAL.encode(payload).encode()


def event_hash(prev_hash: str, payload: dict) -> str:
    return hashlib.sha256(prev_hash.encode() + canonical(payload)).hexdigest()


def payload(device_id: uuid.UUID, seq: int, at: datetime, centre_id: uuid.UUID | None,
            actor_id: uuid.UUID | None, actor_name: str, action: str, table_name: str,
            record_id: uuid.UUID | None, data: Any) -> dict:
    """The hashed content of an event: everything but the surrogate id and the hashes. One place
    for appending and verifying, so the two can never disagree on what a hash covers."""
    return {
        "device": str(device_id), "seq": seq, "at": at.isoformat(),
        "centre": str(centre_id) if centre_id else None,
        "actor": str(actor_id) if actor_id else None, "actor_name": actor_name,
        "action": action, "table": table_name,
        "record": str(record_id) if record_id else None, "data": data,
    }


def payload_of(e: AuditEvent | Any) -> dict:
    """`payload` of a stored event."""
    return payload(e.device_id, e.seq, e.at, e.centre_id, e.actor_id, e.actor_name, e.action, e.table_name,
                   e.record_id, e.data)


@dataclass
class NewEvent:
    action: str
    table_name: str = ""
    record_id: uuid.UUID | None = None
    data: dict | None = None


class Chain:
    """This device's chain inside one transaction: the head is locked once, events appended."""

    def __init__(self, session: Session, device_id: uuid.UUID) -> None:
        self.session = session
        self.device_id = device_id
        self.head = self._lock_head()

    def _lock_head(self) -> AuditHead:
        return locked_row(self.session, AuditHead, {"device_id": self.device_id}, seq=0, hash=GENESIS)

    def append(
        self, events: Iterable[NewEvent], *, at: datetime, centre_id: uuid.UUID | None,
        actor_id: uuid.UUID | None, actor_name: str,
    ) -> int:
        """Chain `events` after the head and write them; returns how many were written.

        Written with one driver-level executemany (db.bulk) or, on PostgreSQL, one COPY
        (db.bulk), not as ORM objects: an import appends one event per record, tens of
        thousands in one unit of work."""
        chained: list[tuple] = []
        seq, prev = self.head.seq, self.head.hash
        for ev in events:
            seq += 1
            data = jsonable(ev.data or {})
            digest = event_hash(prev, payload(self.device_id, seq, at, centre_id, actor_id, actor_name, ev.action,
                                              ev.table_name, ev.record_id, data))
            chained.append((seq, prev, digest, ev, data))
            prev = digest
        self._write(chained, at, centre_id, actor_id, actor_name)
        self.head.seq, self.head.hash = seq, prev
        return len(chained)

    def _write(self, chained: list[tuple], at: datetime, centre_id: uuid.UUID | None,
               actor_id: uuid.UUID | None, actor_name: str) -> None:
        if not chained:
            return
        conn = self.session.connection()
        table = AuditEvent.__table__

        def bound(column: str, value):
            return None if value is None else bulk.bind_processor(conn, table, column)(value)

        device, when = bound("device_id", self.device_id), bound("at", at)
        centre, actor = bound("centre_id", centre_id), bound("actor_id", actor_id)
        record = bulk.bind_processor(conn, table, "record_id")
        as_json = bulk.bind_processor(conn, table, "data")
        rows = [(device, seq, prev, digest, when, centre, actor, actor_name, ev.action, str(ev.table_name),
                 None if ev.record_id is None else record(ev.record_id), as_json(data))
                for seq, prev, digest, ev, data in chained]
        bulk.insert_tuples(conn, table, _EVENT_COLUMNS, rows)


_EVENT_COLUMNS = ["device_id", "seq", "prev_hash", "hash", "at", "centre_id", "actor_id", "actor_name", "action",
                  "table_name", "record_id", "data"]


@dataclass(frozen=True)
class ChainReport:
    device_id: uuid.UUID
    events: int
    head_hash: str
    broken_at: int | None  # sequence number of the first bad link
    problem: str = ""
    english: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify_chain(session: Session, device_id: uuid.UUID) -> ChainReport:
    """Walk one device's chain from genesis; stop at the first link that does not hold.

    An edited event no longer matches its hash; a removed one leaves a gap in the sequence
    (or, at the tail, a head that points past the last event); an inserted one either breaks
    the next event's link or sits beyond the head. Rows are streamed: chains can be long."""
    prev, expected_seq, count = GENESIS, 1, 0
    # Plain rows, not ORM objects: payload_of only reads attributes, and chains are long.
    rows = session.execute(
        select(*AuditEvent.__table__.columns).where(AuditEvent.device_id == device_id)
        .order_by(AuditEvent.seq).execution_options(yield_per=2000)
    )

    def broken(at: int, problem: str, english: str) -> ChainReport:
        return ChainReport(device_id, count, prev, at, problem, english)

    for e in rows:
        count += 1
        if e.seq != expected_seq:
            return broken(expected_seq, f"序号 {expected_seq} 的事件缺失（被删除）",
                          f"event {expected_seq} is missing (removed)")
        if e.prev_hash != prev:
            return broken(e.seq, "与前一事件的链接不符（前面的事件被删除、插入或改动）",
                          "link to the previous event does not match (removed, inserted or changed)")
        if event_hash(prev, payload_of(e)) != e.hash:
            return broken(e.seq, "事件内容被改动（与其哈希不符）", "event content changed (hash mismatch)")
        prev, expected_seq = e.hash, expected_seq + 1
    last = expected_seq - 1
    head = session.get(AuditHead, device_id)
    if head is None:
        if count:
            return broken(last, "链头记录缺失（audit_head 被删除）", "chain head row missing")
    elif head.seq < last:
        return broken(head.seq + 1, f"链尾之后多出 {last - head.seq} 个事件（被插入）",
                      f"{last - head.seq} event(s) beyond the chain head (inserted)")
    elif head.seq > last:
        return broken(last + 1, f"序号 {last + 1} 起的链尾事件缺失（被删除）",
                      f"tail events from {last + 1} are missing (removed)")
    elif head.hash != prev:
        return broken(last, "链头哈希与最后一个事件不符", "chain head hash does not match the last event")
    return ChainReport(device_id, count, prev, None)


def chain_devices(session: Session) -> list[uuid.UUID]:
    """Every device that has a chain: with events, or with a head row only."""
    found = set(session.scalars(select(AuditEvent.device_id).distinct()))
    found |= set(session.scalars(select(AuditHead.device_id)))
    return sorted(found, key=str)
