"""Travelling rows as JSON-safe dicts and back (design.md §7 Sync identity).

A record travels as every column of its table: UUIDs as strings, instants as ISO 8601 in UTC,
dates as ISO dates, JSON columns as they are. The same functions serialise on both sides, so
values compare as plain Python objects in the three-way merge.
"""
from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Integer, String, Table, Text, Uuid
from sqlalchemy.orm import Session

from app.errors import UsageError
from db.base import UTCDateTime
from db.models import TRAVELLING_MODELS

MODELS = {m.__tablename__: m for m in TRAVELLING_MODELS}
TABLE_ORDER = tuple(m.__tablename__ for m in TRAVELLING_MODELS)

# Columns that describe the write, not the record: never merged, never a conflict.
BOOKKEEPING = frozenset({"id", "version", "created_at", "created_by", "updated_at", "updated_by", "origin_device"})
# Fields that belong to one machine only: sign-in bookkeeping and the password a laptop reset
# with its recovery code never travel back to overwrite the centre's.
LOCAL_ONLY = frozenset({("app_user", "failed_logins"), ("app_user", "locked_until"), ("app_user", "password_hash")})


def table_of(name: str) -> Table:
    model = MODELS.get(name)
    if model is None:
        raise damaged(f"未知的数据表 {name}")
    return model.__table__


@lru_cache(maxsize=None)
def columns(name: str) -> tuple[str, ...]:
    return tuple(c.key for c in table_of(name).columns)


@lru_cache(maxsize=None)
def merge_fields(name: str) -> tuple[str, ...]:
    """The fields the three-way merge compares for this table."""
    return tuple(c for c in columns(name) if c not in BOOKKEEPING and (name, c) not in LOCAL_ONLY)


def damaged(detail: str) -> UsageError:
    return UsageError(f"数据包内容无效：{detail}。数据库未作任何改动。", english=f"bundle content invalid: {detail}")


def to_json(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def dump_row(name: str, row: Any) -> dict[str, Any]:
    """An ORM object or a Core row mapping → JSON-safe dict of every column."""
    get = row.get if isinstance(row, Mapping) else (lambda key: getattr(row, key))
    return {c: to_json(get(c)) for c in columns(name)}


@lru_cache(maxsize=None)
def _readers(name: str) -> dict[str, Any]:
    readers = {}
    for col in table_of(name).columns:
        t = col.type
        if isinstance(t, UTCDateTime):
            readers[col.key] = _instant
        elif isinstance(t, Date):
            readers[col.key] = _date
        elif isinstance(t, Uuid):
            readers[col.key] = _uuid
        elif isinstance(t, Boolean):
            readers[col.key] = _bool
        elif isinstance(t, Integer):
            readers[col.key] = _int
        elif isinstance(t, (String, Text)):
            readers[col.key] = _str
        elif isinstance(t, JSON):
            readers[col.key] = lambda v: v
        else:  # pragma: no cover - a new column type needs a reader here
            raise TypeError(f"no reader for {name}.{col.key} ({t!r})")
    return readers


def load_row(name: str, values: Any) -> dict[str, Any]:
    """JSON dict → column values ready for the database; refuses anything malformed."""
    if not isinstance(values, dict):
        raise damaged(f"{name} 的记录不是对象")
    readers = _readers(name)
    unknown = set(values) - set(readers)
    if unknown:
        raise damaged(f"{name} 含有未知字段 {sorted(unknown)[0]}")
    out: dict[str, Any] = {}
    for key, value in values.items():
        try:
            out[key] = None if value is None else readers[key](value)
        except (TypeError, ValueError, AttributeError) as exc:
            raise damaged(f"{name}.{key} 的值 {str(value)[:40]!r} 无法读取") from exc
    if out.get("id") is None:
        raise damaged(f"{name} 的记录缺少 id")
    return out


def load_value(name: str, field: str, value: Any) -> Any:
    """One JSON value → the column's Python value."""
    return None if value is None else _readers(name)[field](value)


# Readers of values that repeat across a bundle's records (the centre, the fair, the actors, minutes of
# the day) keep what they read: a 10k-record bundle parsed the same ids tens of thousands of times.
# Both types are immutable, so sharing one object between rows is safe.
_REPEATS = 65536


@lru_cache(maxsize=_REPEATS)
def _instant(v: Any) -> datetime:
    if not isinstance(v, str):
        raise TypeError("not a string")
    d = datetime.fromisoformat(v)
    if d.tzinfo is None:
        raise ValueError("instant without zone")
    return d.astimezone(timezone.utc)


def _date(v: Any) -> date:
    if not isinstance(v, str):
        raise TypeError("not a string")
    return date.fromisoformat(v)


@lru_cache(maxsize=_REPEATS)
def _uuid(v: Any) -> uuid.UUID:
    if not isinstance(v, str):
        raise TypeError("not a string")
    return uuid.UUID(v)


def _bool(v: Any) -> bool:
    if not isinstance(v, bool):
        raise TypeError("not a boolean")
    return v


def _int(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise TypeError("not an integer")
    return v


def _str(v: Any) -> str:
    if not isinstance(v, str):
        raise TypeError("not a string")
    return v


def dump_table(session: Session, name: str, where=None) -> dict[uuid.UUID, dict[str, Any]]:
    """Every row of a table (optionally filtered), serialised, by id — Core, no ORM objects."""
    table = table_of(name)
    stmt = table.select()
    if where is not None:
        stmt = stmt.where(where)
    return {row["id"]: dump_row(name, row) for row in session.execute(stmt).mappings()}
