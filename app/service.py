"""The unit of work every service call runs in (design.md §2).

    with service_call(db, actor, roles={"caseworker"}, action="case.register") as s:
        ...change rows...

checks the actor's role against the database (not only the in-memory actor), lets the body
change rows, then — in the same transaction — stamps who/when/which device on every changed
travelling record, appends one audit event per changed record to this device's chain, keeps
the search index current, and commits. Any exception rolls everything back.
"""
from __future__ import annotations

import functools
import uuid
from dataclasses import replace
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import bindparam, event, inspect, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.audit import Chain, NewEvent, protect_all
from app.context import Actor
from app.database import Database
from app.errors import (
    ConcurrentChange, DatabaseUnavailable, IpaidError, NotAuthenticated, PermissionDenied, UsageError,
)
from app.labels import ROLES
from app.search.index import SEARCHABLE, reindex_objects
from db import bulk
from db.base import Travelling, utcnow
from db.models import User

CHANGES = "ipaid_changes"
STAMP = "ipaid_stamp"
REINDEX = "ipaid_reindex"
NOTES = "ipaid_notes"

T = TypeVar("T")

# How a record created in a unit of work is evented: "create" (an event on this device's chain) or
# "received" (created and evented on another device, whose chain this same unit of work merges).
CREATED, RECEIVED = "create", "received"

# Columns that change on every write and say nothing about the record itself.
_BOOKKEEPING = {"version", "updated_at", "updated_by"}


def record_values(obj: Travelling) -> dict:
    """What an audit event keeps of a record (personal data hashed, app.audit.protect_all)."""
    held = obj.__dict__  # loaded values; an expired one is read (and loaded) through getattr
    values = {k: held[k] if k in held else getattr(obj, k) for k in _audited_keys(inspect(obj).mapper)}
    return protect_all(obj.__tablename__, values, person=values.get("kind") == "person")


@functools.cache
def _audited_keys(mapper) -> tuple[str, ...]:
    return tuple(c.key for c in mapper.column_attrs if c.key not in _BOOKKEEPING)


@event.listens_for(Session, "before_flush")
def _track_changes(session: Session, _ctx, _instances) -> None:
    """Remember what changed and stamp it; only for sessions opened by service_call."""
    stamp = session.info.get(STAMP)
    if stamp is None:
        return
    changes: dict = session.info[CHANGES]
    now, user_id, _device = stamp
    for obj in session.new:
        if isinstance(obj, Travelling):
            _stamp_new(obj, stamp)
            changes.setdefault((obj.__tablename__, obj.id), (CREATED, obj))
    for obj in session.dirty:
        if isinstance(obj, Travelling) and session.is_modified(obj, include_collections=False):
            obj.updated_at = now
            obj.updated_by = user_id
            key = (obj.__tablename__, obj.id)
            if _search_fields_touched(obj):  # read now: the history is gone after the flush
                session.info[REINDEX].add(key)
            changes[key] = (_change_kind(changes, key, obj.deleted), obj)
    for obj in session.deleted:
        if isinstance(obj, Travelling):
            changes[(obj.__tablename__, obj.id)] = ("purge", obj)


def _change_kind(changes: dict, key: tuple, deleted: bool) -> str:
    """How a change to a record is evented: as its creation when this unit of work created it,
    else as an update or (soft) deletion."""
    earlier = changes.get(key)
    if earlier is not None and earlier[0] in (CREATED, RECEIVED):
        return earlier[0]
    return "delete" if deleted else "update"


def _stamp_values(get: Callable[[str], Any], stamp: tuple) -> dict[str, Any]:
    """Who/when/which device on a record this unit of work creates, given how to read the record's
    own values. A record from a laptop keeps when, by whom and where it was created there."""
    now, user_id, device_id = stamp
    return {"id": get("id") or uuid.uuid4(), "created_at": get("created_at") or now, "updated_at": now,
            "created_by": get("created_by") or user_id, "updated_by": user_id,
            "origin_device": get("origin_device") or device_id}


def _stamp_new(obj: Travelling, stamp: tuple) -> None:
    for key, value in _stamp_values(functools.partial(getattr, obj), stamp).items():
        setattr(obj, key, value)


def _search_fields_touched(obj: Travelling) -> bool:
    """Whether a change can alter the record's search tokens (a searched field, or `deleted`)."""
    state = inspect(obj)
    return any(state.attrs[f].history.has_changes() for f in _searched_fields(obj.__tablename__))


def created_in(session: Session, obj: Travelling) -> bool:
    """Whether the current unit of work created `obj` (rather than found it)."""
    session.flush()
    change = session.info.get(CHANGES, {}).get((obj.__tablename__, obj.id))
    return change is not None and change[0] == CREATED


def new_record(model: type[T], **values) -> T:
    """A record for add_bulk holding `values`, made without the ORM's constructor: that sets each
    attribute through its instrumentation (events, history), which for the tens of thousands of
    records of an import cost seconds. Safe only because such records never enter the session —
    add_bulk writes them with Core — so no history is ever asked of them."""
    obj = model._sa_class_manager.new_instance()
    obj.__dict__.update(values)
    return obj


def add_bulk(session: Session, objects: list[Travelling], *, kind: str = CREATED) -> None:
    """Inside a service_call: insert many NEW records of one table at once (an import).

    Stamped, audited and indexed exactly like records added to the session, but written with one
    executemany (db.bulk; on PostgreSQL one COPY) and never held in the session: an
    import of ten thousand ledger rows makes some sixty thousand records, and the ORM's per-object
    flush was most of its time.
    `kind=RECEIVED`: records a laptop created, whose own events arrive with them (app.sync.merge):
    indexed, but not evented a second time on this device's chain.
    Call it parents first; the objects must not be added to the session as well."""
    if not objects:
        return
    session.flush()  # what the session holds reaches the database first (parents, sequences)
    changes: dict = session.info[CHANGES]
    table = objects[0].__table__
    stamp = session.info[STAMP]
    defaults = _column_defaults(table)
    rows = []
    for obj in objects:
        # The object's own dict, written directly: these records never enter the session, so the
        # instrumented setattr (events, history) would be pure cost — it was a third of an import.
        held = obj.__dict__
        held.update(_stamp_values(held.get, stamp))  # as _stamp_new does for records added to the session
        # Every column's value, column defaults filled in on the object too (as the ORM: only for
        # an unset attribute), so that the audit event (read from the object) records what the
        # database holds.
        for key, default in defaults:
            if key not in held:
                held[key] = default() if default is not None else None
        rows.append(held)
        changes[(table.name, held["id"])] = (kind, obj)
    bulk.insert_rows(session.connection(), table, rows)  # COPY on PostgreSQL, else executemany


def update_bulk(session: Session, model: type[Travelling], updates: list[tuple[dict, dict]]) -> None:
    """Inside a service_call: change fields of many existing records of one table at once (a merge).

    `updates`: per record, (every column's value as read in this transaction, `version` included;
    the fields to change → their new values). Stamped, evented and reindexed as a flush of changed
    ORM objects would be, but written with one executemany UPDATE per set of changed fields: the
    ORM sends one statement per record for a versioned table. Checked by version like the ORM:
    a record someone else saved since it was read makes the whole call fail (ConcurrentChange).
    The records must not be held in the session as ORM objects too."""
    if not updates:
        return
    now, user_id, _device = session.info[STAMP]
    changes: dict = session.info[CHANGES]
    table = model.__table__
    searched = _searched_fields(table.name)
    by_fields: dict[tuple[str, ...], list[dict]] = {}
    for current, changed in updates:
        key = (table.name, current["id"])
        obj = new_record(model, **current)  # what the events and the index read: the values after
        obj.__dict__.update(changed, updated_at=now, updated_by=user_id, version=current["version"] + 1)
        changes[key] = (_change_kind(changes, key, obj.deleted), obj)
        if searched & changed.keys():
            session.info[REINDEX].add(key)
        params = {f"v_{f}": v for f, v in changed.items()}
        params.update(k_id=current["id"], k_version=current["version"], k_at=now, k_by=user_id)
        by_fields.setdefault(tuple(sorted(changed)), []).append(params)
    conn = session.connection()
    for fields, rows in by_fields.items():
        result = conn.execute(_versioned_update(table, fields), rows)
        if result.rowcount != len(rows):
            raise StaleDataError(f"{table.name}: {len(rows) - result.rowcount} record(s) changed meanwhile")


@functools.cache
def _searched_fields(table: str) -> frozenset[str]:
    names, texts = SEARCHABLE.get(table, ((), ()))
    return frozenset((*names, *texts, "deleted"))


@functools.lru_cache(maxsize=64)
def _versioned_update(table, fields: tuple[str, ...]):
    """UPDATE of `fields` (bound as v_<field>) plus the write's stamp, for the row of id k_id still at
    version k_version."""
    c = table.c
    return (update(table)
            .where(c.id == bindparam("k_id"), c.version == bindparam("k_version"))
            .values({**{f: bindparam(f"v_{f}") for f in fields},
                     "updated_at": bindparam("k_at"), "updated_by": bindparam("k_by"), "version": c.version + 1}))


@functools.cache
def _column_defaults(table) -> tuple[tuple[str, Callable[[], object] | None], ...]:
    """(column key, maker of its default value or None) for every column of `table`."""
    found = []
    for column in table.columns:
        default = column.default
        if default is None:
            found.append((column.key, None))
        elif default.is_scalar:
            found.append((column.key, lambda value=default.arg: value))
        else:
            found.append((column.key, functools.partial(default.arg, None)))
    return tuple(found)


def require_role(actor: Actor, roles: Iterable[str] | None) -> None:
    if roles is None:
        return
    wanted = frozenset(roles)
    if not actor.has_any(wanted):
        names = "、".join(ROLES.get(r, r) for r in sorted(wanted))
        raise PermissionDenied(
            f"{actor.display_name} 没有执行此操作的权限（需要角色：{names}）。",
            english=f"user {actor.username} lacks the role for this ({', '.join(sorted(wanted))})",
        )


def _current_user(session: Session, actor: Actor) -> User:
    """The actor as the database knows them now: deactivated users and removed roles take
    effect at once, whatever the window still shows."""
    user = session.get(User, actor.user_id)
    if user is None or not user.active or user.deleted:
        raise NotAuthenticated("该用户已停用或不存在，请重新登录。", english="user inactive or unknown")
    return user


# Storage failures a person can act on, by what the driver says (SQLite message text;
# PostgreSQL SQLSTATE): a read-only file or server, a full disk, another program holding the lock.
_UNAVAILABLE = (
    (("attempt to write a readonly database", "25006"),
     "数据库是只读的，本次修改没有保存。请检查数据库文件的权限（或磁盘是否写保护），然后再保存一次。",
     "the database is read-only; nothing was saved"),
    (("database or disk is full", "53100", "No space left on device"),
     "磁盘已满，本次修改没有保存。请清理磁盘空间后再保存一次。",
     "the disk is full; nothing was saved"),
    (("database is locked",),
     "数据库正被另一个窗口或程序占用，等待超时，本次修改没有保存。请稍后再保存一次。",
     "the database is locked by another program; nothing was saved"),
)


def unavailable(exc: OperationalError) -> DatabaseUnavailable | None:
    """The clear message for a storage failure, or None for any other operational error."""
    text = f"{exc.orig} {getattr(exc.orig, 'sqlstate', '') or ''}"
    for needles, chinese, english in _UNAVAILABLE:
        if any(n in text for n in needles):
            return DatabaseUnavailable(chinese, english=english)
    return None


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn a read-only / full / locked database into DatabaseUnavailable (exit 2)."""
    try:
        yield
    except OperationalError as exc:
        mapped = unavailable(exc)
        if mapped is None:
            raise
        raise mapped from exc


def _live_actor(session: Session, actor: Actor) -> Actor:
    """The actor with the roles the database holds now."""
    return replace(actor, roles=frozenset(_current_user(session, actor).roles))


@contextmanager
def service_call(
    db: Database, actor: Actor | None, *, roles: Iterable[str] | None, action: str,
    now: datetime | None = None, device_id: uuid.UUID | None = None,
) -> Iterator[Session]:
    """Run one unit of work. `actor=None` only for set-up work before any user exists."""
    device = device_id or db.device_id
    if device is None:
        raise UsageError("数据库尚未初始化（没有设备标识），请先运行 ipaid init。", english="not initialised")
    session = db.write_session()
    session.info[CHANGES] = {}
    session.info[REINDEX] = set()
    session.info[NOTES] = []
    stamp_time = now or utcnow()
    session.info[STAMP] = (stamp_time, actor.user_id if actor else None, device)
    try:
        if actor is not None:
            try:
                require_role(_live_actor(session, actor), roles)
            except PermissionDenied as exc:
                session.rollback()
                log_refusal(db, actor.display_name, "refused:" + action, exc.english, actor.user_id)
                raise
        yield session
        session.flush()
        _finish(session, actor, action, stamp_time, device)
        session.commit()
    except OperationalError as exc:
        _quiet_rollback(session)
        mapped = unavailable(exc)
        if mapped is None:
            raise
        raise mapped from exc
    except StaleDataError as exc:
        session.rollback()
        raise ConcurrentChange("该记录已被其他人修改，请重新打开后再保存。", english="record changed by someone else") from exc
    except IntegrityError as exc:
        session.rollback()
        if isinstance(exc, IpaidError):
            raise
        raise UsageError(f"保存失败：数据与已有记录冲突（{_constraint_name(exc)}）。", english=str(exc.orig)) from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def read_call(db: Database, actor: Actor, *, roles: Iterable[str] | None,
              snapshot: bool = False) -> Iterator[Session]:
    """A read-only unit: same checks as service_call, a plain (non-locking) transaction.

    `snapshot`: every statement sees the database as the first one did. SQLite's read transactions
    always do; PostgreSQL's default (READ COMMITTED) sees each commit as it lands, so there the
    transaction is REPEATABLE READ — for reads whose parts must agree (a report's figures and lists)."""
    session = db.read_session()
    if snapshot and not db.is_sqlite:
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    try:
        require_role(_live_actor(session, actor), roles)
        yield session
    finally:
        session.rollback()
        session.close()


def _quiet_rollback(session: Session) -> None:
    """After a storage failure the rollback itself may fail too; the first error is the one to tell."""
    try:
        session.rollback()
    except Exception:  # noqa: BLE001
        pass


def _constraint_name(exc: IntegrityError) -> str:
    return str(exc.orig).splitlines()[0][:120]


def note(session: Session, action: str, table: str = "", record_id: uuid.UUID | None = None,
         data: dict | None = None) -> None:
    """Inside a service_call: record something that changes no row but must be on record (a
    backup taken, personal data shown unmasked). Chained with the call's other events."""
    session.info[NOTES].append(NewEvent(action, table, record_id, data or {}))


def _finish(session: Session, actor: Actor | None, action: str, at: datetime, device: uuid.UUID) -> None:
    changes: dict = session.info[CHANGES]
    notes: list[NewEvent] = session.info[NOTES]
    if not changes and not notes:
        return
    objects = [obj for (_a, obj) in changes.values()]
    # New records, purged ones and those whose searched fields changed; a status change alone
    # leaves a case's tokens (its summary's bigrams) as they are.
    reindex = session.info[REINDEX]
    reindex_objects(
        session,
        [obj for (kind, obj) in changes.values()
         if kind not in (CREATED, RECEIVED) and (obj.__tablename__, obj.id) in reindex],
        removed=[obj for (kind, obj) in changes.values() if kind == "purge"],
        new=[obj for (kind, obj) in changes.values() if kind in (CREATED, RECEIVED)],
    )
    centre_ids = {getattr(obj, "centre_id", None) for obj in objects} - {None}
    centre_id = next(iter(centre_ids)) if len(centre_ids) == 1 else (actor.centre_id if actor else None)
    events = [
        NewEvent(f"{action}:{kind}", obj.__tablename__, obj.id, record_values(obj))
        for (kind, obj) in changes.values() if kind != RECEIVED
    ] + notes
    Chain(session, device).append(
        events, at=at, centre_id=centre_id,
        actor_id=actor.user_id if actor else None,
        actor_name=actor.display_name if actor else "系统",
    )
    session.flush()


def log_refusal(db: Database, actor_name: str, action: str, reason: str, actor_id: uuid.UUID | None = None) -> None:
    """Write a refused or failed attempt as its own event (it must survive the rollback of the
    refused work)."""
    device = db.device_id
    if device is None:
        return
    with storage_errors(), db.write_session() as session:
        Chain(session, device).append(
            [NewEvent(action, data={"reason": reason})], at=utcnow(), centre_id=None,
            actor_id=actor_id, actor_name=actor_name,
        )
        session.commit()


__all__ = ["service_call", "add_bulk", "read_call", "require_role", "log_refusal", "record_values", "note",
           "storage_errors"]
