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
    """db.bulk.insert_rows, by COPY on PostgreSQL: a mapping with a value for every column of
    `table` per row, converted by each column's own bind processor as an INSERT would."""
    if conn.dialect.name != "postgresql":
        return bulk.insert_rows(conn, table, rows)
    columns = list(table.columns)
    keys = [c.key for c in columns]
    processors = [_processor(conn, table, c.key) for c in columns]
    values = [
        tuple([v if fn is None or v is None else fn(v) for v, fn in zip([row[k] for k in keys], processors)])
        for row in rows
    ]
    if values:
        _copy(conn, table, [c.name for c in columns], values)
    return len(values)


def _processor(conn: Connection, table: Table, key: str):
    dialect = conn.dialect
    return table.c[key].type.dialect_impl(dialect).bind_processor(dialect)


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
