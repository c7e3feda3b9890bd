"""Inserting many rows of one table quickly, inside the caller's transaction.

`session.execute(insert(table), rows)` spends most of its time in SQLAlchemy's per-row parameter
handling (a chain of Python calls per value; UTCDateTime, UUID and JSON columns are the dearest),
which for an import of tens of thousands of records costs more than the database's own work.
Here each column's bind processor is looked up once, values that repeat (days, instants, referenced
ids, booleans) are converted once, and the rows reach the driver as ready tuples: SQLite's
`executemany` (in-process), PostgreSQL's COPY (psycopg's executemany still sends one INSERT per row for
the server to parse, plan and run; COPY streams them in one command, about half the time).
The values stored are exactly those the ORM would store: the same processors run on them, and errors
come back as SQLAlchemy's (IntegrityError…), so a violated constraint reads the same on both backends.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from sqlalchemy import Boolean, Connection, Date, Table
from sqlalchemy.exc import DBAPIError
from sqlalchemy import Uuid as UuidType

from db.base import UTCDateTime

# Column types whose values repeat a great deal within one import: worth a memo.
_MEMOISED = (Date, UTCDateTime, UuidType, Boolean)


class Memo(dict):
    """value → converted value, computed once: days, instants and referenced ids repeat a great deal."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.fn(key)
        return value


def _converter(conn: Connection, column, unique: bool) -> Callable[[Any], Any] | None:
    dialect = conn.dialect
    proc = column.type.dialect_impl(dialect).bind_processor(dialect)
    if proc is None or unique or not isinstance(column.type, _MEMOISED):
        return proc
    return Memo(proc).__getitem__


def _insert_sql(conn: Connection, table: Table, names: list[str]) -> str:
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    quote = conn.dialect.identifier_preparer.quote
    return (f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
            f"VALUES ({', '.join([marker] * len(names))})")


def bound_rows(conn: Connection, table: Table, rows: Iterable[Mapping[str, Any]]) -> tuple[list[str], list[tuple]]:
    """(column names, driver-ready tuples) of rows that hold a value for every column of `table`.

    Keys are column keys; a missing key is an error, not a default: callers that build rows from
    model objects fill defaults first, so what is stored equals what they hold. The one exception is
    an autoincrementing integer key (an audit event's id), which the database numbers."""
    columns = [c for c in table.columns if c is not table.autoincrement_column]
    unique = {c.key for c in table.primary_key.columns}
    keys = [c.key for c in columns]
    fns = [_converter(conn, c, c.key in unique) for c in columns]
    bound = [
        tuple([v if fn is None or v is None else fn(v) for v, fn in zip([row[k] for k in keys], fns)])
        for row in rows
    ]
    return [c.name for c in columns], bound


def insert_rows(conn: Connection, table: Table, rows: Iterable[Mapping[str, Any]]) -> int:
    """INSERT every row (see `bound_rows`); returns the count."""
    names, bound = bound_rows(conn, table, rows)
    insert_tuples(conn, table, names, bound)
    return len(bound)


# SQLite's page cache while a large batch goes in (KiB, negative as the PRAGMA wants it). The
# default 2 MB cannot hold the upper levels of the token index's two B-trees, so each insert went
# to the operating system for its pages; the connection's own size comes back afterwards.
BULK_CACHE_KIB = -131072
LARGE_BATCH = 20_000


def insert_tuples(conn: Connection, table: Table, names: list[str], values: list[tuple]) -> None:
    """INSERT ready, already-converted tuples into the named columns."""
    if not values:
        return
    if conn.dialect.name == "postgresql":
        _copy(conn, table, names, values)
        return
    sql = _insert_sql(conn, table, names)
    if len(values) < LARGE_BATCH:
        conn.exec_driver_sql(sql, values)
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
    try:
        conn.exec_driver_sql(sql, values)
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


def _copy(conn: Connection, table: Table, names: list[str], values: list[tuple]) -> None:
    quote = conn.dialect.identifier_preparer.quote
    sql = f"COPY {quote(table.name)} ({', '.join(quote(n) for n in names)}) FROM STDIN"
    driver = conn.connection.driver_connection
    try:
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            for row in values:
                copy.write_row(row)
    except conn.dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(sql, None, exc, conn.dialect.loaded_dbapi.Error, dialect=conn.dialect) from exc


def delete_tuples(conn: Connection, table: Table, names: list[str], values: list[tuple]) -> None:
    """DELETE the rows whose named columns (a key) equal each tuple of ready, converted values."""
    if not values:
        return
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    quote = conn.dialect.identifier_preparer.quote
    if conn.dialect.name == "sqlite":  # executemany runs in-process: no round trip per row
        where = " AND ".join(f"{quote(n)} = {marker}" for n in names)
        conn.exec_driver_sql(f"DELETE FROM {quote(table.name)} WHERE {where}", values)
        return
    # A server answers each statement of an executemany separately (thousands of round trips when an
    # import re-indexes as many records): one DELETE per chunk of keys instead.
    key = f"({', '.join(quote(n) for n in names)})"
    one = f"({', '.join([marker] * len(names))})"
    for chunk in in_chunks(values):
        conn.exec_driver_sql(f"DELETE FROM {quote(table.name)} WHERE {key} IN ({', '.join([one] * len(chunk))})",
                             tuple(v for row in chunk for v in row))


T = TypeVar("T")
# Values per `IN (…)`: well under SQLite's and PostgreSQL's bound-parameter limits.
IN_CHUNK = 500


def in_chunks(values: Iterable[T], size: int = IN_CHUNK) -> Iterator[list[T]]:
    """Successive lists of at most `size` values, one SELECT … IN (…) each."""
    items = list(values)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def bind_processor(conn: Connection, table: Table, column: str) -> Callable[[Any], Any]:
    """The driver form of a value of `table.column` (identity when the driver takes it as is)."""
    dialect = conn.dialect
    proc = table.c[column].type.dialect_impl(dialect).bind_processor(dialect)
    return proc or (lambda v: v)
