"""The one row of a per-key counter (a chain head, a number sequence), created when missing and locked
for the caller's transaction, whoever gets there first."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session


def locked_row(session: Session, model, key: dict, **initial):
    """The `model` row with the column values `key`, inserted with `initial` if there is none yet
    (INSERT … ON CONFLICT DO NOTHING), then read under lock: FOR UPDATE on PostgreSQL; on SQLite the
    write transaction's BEGIN IMMEDIATE already holds the database."""
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        # Imported here: the PostgreSQL dialect's package (its async drivers included) cost about
        # 50 ms of every start, and the default SQLite database never needs it.
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    session.execute(insert(model).values(**key, **initial).on_conflict_do_nothing())
    stmt = select(model).filter_by(**key)
    return session.scalars(stmt.with_for_update() if postgres else stmt).one()
