"""Writing many rows of one table with PostgreSQL's COPY, inside the caller's transaction.

An import writes tens of thousands of records and as many audit events in one unit of work.
psycopg's executemany still sends one INSERT per row for the server to parse, plan and run;
COPY streams them all into a single command, about half the time. SQLite has no COPY (and its
executemany is already in-process), so there the rows go to db.bulk unchanged.

Errors come back as SQLAlchemy's (IntegrityError…), as they would from an executed statement,
so the unit of work maps a violated constraint the same way on both paths.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.exc import DBAPIError

from db import bulk


def copy_tuples(conn: Connection, table: Table, names: list[str], values: Sequence[tuple]) -> None:
    """db.bulk.insert_tuples, by COPY on PostgreSQL: values already in driver form."""
    if not values:
        return
    if conn.dialect.name != "postgresql":
        bulk.insert_tuples(conn, table, names, list(values))
        return
    _copy(conn, table, names, values)


def copy_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> int:
    """db.bulk.insert_rows, by COPY on PostgreSQL: each value converted by its column's own bind
    processor (db.bulk.bound_rows), as an INSERT would."""
    names, values = bulk.bound_rows(conn, table, rows)
    copy_tuples(conn, table, names, values)
    return len(values)


def _copy(conn: Connection, table: Table, names: list[str], values: Sequence[tuple]) -> None:
    quote = conn.dialect.identifier_preparer.quote
    sql = f"COPY {quote(table.name)} ({', '.join(quote(n) for n in names)}) FROM STDIN"
    driver = conn.connection.driver_connection
    try:
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            for row in values:
                copy.write_row(row)
    except conn.dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(sql, None, exc, conn.dialect.loaded_dbapi.Error, dialect=conn.dialect) from exc
