"""INSERT … ON CONFLICT DO NOTHING on either backend: a row that may exist already (a chain head,
a number sequence) is created once, whoever gets there first."""
from __future__ import annotations

from sqlalchemy.orm import Session


def insert_if_missing(session: Session, model, **values) -> None:
    if session.get_bind().dialect.name == "postgresql":
        # Imported here: the PostgreSQL dialect's package (its async drivers included) cost about
        # 50 ms of every start, and the default SQLite database never needs it.
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    session.execute(insert(model).values(**values).on_conflict_do_nothing())
