"""Helpers shared by the sync tests, importable by their full name (a bare `from conftest import …`
finds whichever conftest module was imported first and fails when test folders are mixed)."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from app.database import Database
from db.base import Base

PASSPHRASE = "展会 2026 口令"


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 4, day, hour, 0, tzinfo=timezone.utc)


def dump(db: Database) -> dict[str, list]:
    """Every row of every table, in a stable order: two dumps are equal iff nothing changed."""
    out = {}
    with db.read_session() as s:
        for table in Base.metadata.sorted_tables:
            out[table.name] = sorted(repr(tuple(r)) for r in s.execute(select(table)))
    return out
