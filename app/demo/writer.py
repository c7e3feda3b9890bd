"""Bulk loading of generated rows: fast inserts, the search index, and a digest per table.

Why not `session.execute(insert(Table), rows)`: on this 2-core machine SQLAlchemy's per-row parameter handling
cost about 50 µs for a 40-column case row (UTCDateTime alone is a Python call chain per value), which made
100,000 cases take many minutes. Here every value still goes through its column type's own bind processor
(memoised for days, instants, referenced ids and booleans, which repeat), columns every row shares are bound
once, and rows reach the driver's `executemany` as ready tuples through the SQLAlchemy connection, in the
caller's one transaction: a failure leaves the database as it was.

Also for speed, and only for the length of the load: non-unique secondary indexes of the loaded tables are
dropped and rebuilt at the end (one sort instead of a B-tree maintained row by row); search tokens are written
one row per record (search_doc) and expanded in SQL (`_TokenLoad`); SQLite gets a large page cache and a helper thread
for sorting, and runs with a rollback journal instead of WAL (`load_session`).

Digest of a table (recorded in the `demo.generate` audit event, recomputed by `table_digest`):
  * each row is serialised as the JSON array of its column values in the table's column order, each value
    in the portable text form of `canonical_fn` (UUID as 32 hex digits, instants in UTC…), with no spaces
    and no ASCII escaping; the row's digest is SHA-256 of that text in UTF-8;
  * the table digest is SHA-256 of the row digests concatenated in primary-key order (UUID order for `id`;
    a composite key in the order of its canonical JSON).
  * `search_token` is digested per record instead of per token row: for each (table_name, record_id), in that
    order, the JSON array [table_name, record_id, [its tokens, sorted]] is digested as above.
"""
from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Table, select
from sqlalchemy import Uuid as UuidType
from sqlalchemy.orm import Session

from app.database import Database
from app.search.index import DOC_COLUMNS, SEARCHABLE, doc_text, index_tokens
from db import engine as dbengine
from db import bulk, schema
from db.bulk import Memo as _Memo
from db.base import Base, UTCDateTime
from db.models import SearchDoc, SearchToken

log = logging.getLogger(__name__)

CHUNK = 20_000  # rows buffered (all tables) before they are written
TOKEN_CHUNK = 200_000
TOKEN_CACHE = 20_000  # field values whose tokens are kept
# Fields whose values repeat across records (drawn from banks and word lists): worth caching.
REPEATING = {("consultation", "question"), ("consultation", "answer"), ("consultation", "asker_name"),
             ("ip_right", "title"), ("exhibitor", "products")}
# Each record's tokens go to search_doc as they come (one row per record); one statement at the end expands
# those JSON arrays into search_token in key order, per backend.
_EXPAND = {
    "sqlite": "INSERT INTO search_token (token, table_name, record_id) SELECT j.value, d.table_name, d.record_id "
              "FROM search_doc AS d, json_each(d.tokens) AS j ORDER BY 1, 2, 3",
    "postgresql": "INSERT INTO search_token (token, table_name, record_id) SELECT t.token, d.table_name, d.record_id "
                  "FROM search_doc AS d CROSS JOIN LATERAL json_array_elements_text(d.tokens::json) AS t(token) "
                  "ORDER BY 1, 2, 3",
}

# One encoder: json.dumps with options builds a new encoder per call, which costs more than the encoding.
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _row_digest(values: list) -> bytes:
    return hashlib.sha256(_ENCODER.encode(values).encode()).digest()


def _uuid_text(value: uuid.UUID) -> str:
    return value.hex


def _instant_text(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


def _json_text(value: Any) -> str:
    return json.dumps(value)


def canonical_fn(column) -> Callable[[Any], Any] | None:
    """How the digest writes a value of `column` (None: as it is).

    The form is the portable text SQLite stores: UUID as 32 hex digits, day `YYYY-MM-DD`, instant in UTC
    `YYYY-MM-DD HH:MM:SS.ffffff`, boolean 1/0, JSON column as `json.dumps` writes it. On SQLite the bound
    parameters already are this form, so the loader digests them as they are; elsewhere (and when checking
    a table afterwards) each value is converted."""
    kind = column.type
    if isinstance(kind, UuidType):
        return _uuid_text
    if isinstance(kind, UTCDateTime):
        return _instant_text
    if isinstance(kind, Date):
        return date.isoformat
    if isinstance(kind, Boolean):
        return int
    if isinstance(kind, JSON):
        return _json_text
    return None


def _digest(keyed: list[bytes]) -> str:
    """SHA-256 over the row digests (the last 32 bytes of each entry) in key order."""
    digest = hashlib.sha256()
    for entry in sorted(keyed):
        digest.update(entry[-32:])
    return digest.hexdigest()


@dataclass(frozen=True)
class TableStats:
    table: str
    rows: int
    sha256: str


class _TableLoad:
    """Convert, buffer and insert the rows of one table; digest each row as it comes."""

    def __init__(self, loader: "BulkLoader", table: Table) -> None:
        self.table = table
        self.loader = loader
        dialect = loader.dialect
        columns = list(table.columns)
        # Columns every row shares (centre, device, version…) are converted once and bound last.
        varying = [c for c in columns if c.key not in loader.constants]
        constant = [c for c in columns if c.key in loader.constants]
        self.spec = [(c.key, _column_default(c), self._bind_fn(c)) for c in varying]
        const_raw = [loader.constants[c.key] for c in constant]
        self.const_bound = tuple(v if (p := self._bind_fn(c)) is None or v is None else p(v)
                                 for c, v in zip(constant, const_raw))
        order = varying + constant
        self.names = [c.name for c in order]
        # The digest walks the columns in table order (see canonical_fn).
        position = {c.key: i for i, c in enumerate(order)}
        self.canon_order = [position[c.key] for c in columns]
        self.canon_fns = [canonical_fn(c) for c in columns]
        self.bound_is_canonical = dialect.name == "sqlite"
        self.const_raw = const_raw
        self.id_position = position["id"] if "id" in position and len(table.primary_key.columns) == 1 else None
        self.pk_canon = [columns.index(c) for c in table.primary_key.columns]
        self.buffer: list[tuple] = []
        self.keyed_digests: list[bytes] = []
        self.rows = 0

    def _bind_fn(self, column) -> Callable | None:
        dialect = self.loader.dialect
        proc = column.type.dialect_impl(dialect).bind_processor(dialect)
        memoised = (Date, UTCDateTime, UuidType, Boolean)
        if proc is not None and column.key != "id" and isinstance(column.type, memoised):
            # Few distinct values (days, instants to the minute, users and parties referred to again and
            # again, two booleans): each converted once, in one memo per type shared by all tables. Record
            # ids are unique, so not worth a memo.
            memo = self.loader.memos.setdefault(type(column.type), _Memo(proc))
            proc = memo.__getitem__
        return proc

    def add(self, row: dict) -> None:
        get = row.get
        raw = [get(key, default) for key, default, _ in self.spec]
        bound = tuple([v if p is None or v is None else p(v) for v, (_, _, p) in zip(raw, self.spec)])
        bound += self.const_bound
        self.buffer.append(bound)
        if self.bound_is_canonical:
            canon = [bound[i] for i in self.canon_order]
        else:
            values = raw + self.const_raw
            canon = [values[i] if fn is None or values[i] is None else fn(values[i])
                     for i, fn in zip(self.canon_order, self.canon_fns)]
        if self.id_position is not None:
            key = raw[self.id_position].bytes
        else:
            key = _ENCODER.encode([canon[i] for i in self.pk_canon]).encode() + b"\x00"
        self.keyed_digests.append(key + _row_digest(canon))

    def flush(self) -> None:
        if self.buffer:
            bulk.insert_tuples(self.loader.conn, self.table, self.names, self.buffer)  # COPY on PostgreSQL
            self.rows += len(self.buffer)
            self.buffer = []

    def stats(self) -> TableStats:
        self.flush()
        return TableStats(self.table.name, self.rows, _digest(self.keyed_digests))


def _column_default(column) -> Any:
    default = column.default
    if default is None or not default.is_scalar:
        return None
    return default.arg


class _TokenLoad:
    """The search index of everything loaded, via `app.search.index.index_tokens`.

    Each record's tokens go, as one JSON array, to its search_doc row (a table with nothing but its
    primary key); at the end one INSERT … SELECT over json_each (SQLite) or json_array_elements_text
    (PostgreSQL) … ORDER BY expands, sorts and writes them into `search_token` in key order, all inside the
    database. Binding one row per record instead of one per token, and filling the primary-key B-tree in
    key order, made the index about a third cheaper to write (measured on 3 million tokens)."""

    def __init__(self, loader: "BulkLoader") -> None:
        self.loader = loader
        self.expand = _EXPAND[loader.dialect.name]
        self.rid_proc = bulk.bind_processor(loader.conn, SearchDoc.__table__, "record_id")
        self.buffer: list = []
        self.pending = 0
        self.keyed_digests: list[bytes] = []
        self.rows = 0
        self.cache: dict[tuple[str, str, Any], frozenset[str]] = {}

    def add(self, table: str, record_id: uuid.UUID, values: dict) -> None:
        tokens = self.tokens(table, values)
        if not tokens:
            return
        listed = doc_text(tokens)
        self.buffer.append((table, self.rid_proc(record_id), listed))
        self.rows += len(tokens)
        self.pending += len(tokens)
        # [table_name, record_id, tokens] as canonical JSON (table names and hex ids need no escaping).
        text = f'["{table}","{record_id.hex}",{listed}]'
        self.keyed_digests.append(table.encode() + b"\x00" + record_id.bytes + hashlib.sha256(text.encode()).digest())
        if self.pending >= TOKEN_CHUNK:
            self.flush()

    def tokens(self, table: str, values: dict) -> set[str]:
        """The tokens `index_tokens` gives the record, field by field with a cache.

        `index_tokens` is a union over the searchable fields, so asking per field gives the same set,
        and values that repeat (questions from the same bank, titles, callers' names) are tokenised once."""
        names, texts = SEARCHABLE.get(table, ((), ()))
        found: set[str] = set()
        cache = self.cache
        for field in (*names, *texts):
            value = values.get(field)
            if not value:
                continue
            if (table, field) not in REPEATING:
                found |= index_tokens(table, {field: value})
                continue
            key = (table, field, value)
            cached = cache.get(key)
            if cached is None:
                cached = frozenset(index_tokens(table, {field: value}))
                if len(cache) >= TOKEN_CACHE:
                    cache.clear()
                cache[key] = cached
            found |= cached
        return found

    def flush(self) -> None:
        if self.buffer:
            bulk.insert_tuples(self.loader.conn, SearchDoc.__table__, DOC_COLUMNS, self.buffer)
            self.buffer = []
            self.pending = 0

    def finish(self) -> TableStats:
        self.flush()
        self.loader.conn.exec_driver_sql(self.expand)
        return TableStats(SearchToken.__tablename__, self.rows, _digest(self.keyed_digests))


class BulkLoader:
    """Loads rows table by table inside the session's transaction.

    `constants` are the columns every loaded row shares (version, deleted, origin_device, centre_id); a
    row's own value for them is ignored. Other columns a row leaves out take their scalar default. Rows are
    buffered per table and written in `order` (parents before children) at `checkpoint`/`flush`, so foreign
    keys hold at every statement.
    """

    def __init__(self, session: Session, *, order: Iterable[str], constants: dict[str, Any]) -> None:
        self.session = session
        self.conn = session.connection()
        self.dialect = self.conn.dialect
        self.constants = constants
        self.memos: dict[type, _Memo] = {}
        self.order = list(order)
        tables = Base.metadata.tables
        self._loads = {name: _TableLoad(self, tables[name]) for name in self.order}
        self.tokens = _TokenLoad(self)
        self._dropped: list = []
        self._pending = 0
        self._sqlite = self.dialect.name == "sqlite"

    def __enter__(self) -> "BulkLoader":
        if self._sqlite:
            # A large page cache keeps the B-trees being filled in memory, and a second thread helps SQLite's
            # sorter with the big ORDER BY and CREATE INDEX at the end (both per connection, reset on exit).
            self.conn.exec_driver_sql("PRAGMA cache_size = -262144")
            self.conn.exec_driver_sql("PRAGMA threads = 2")
        self._drop_indexes()
        return self

    def __exit__(self, *exc) -> None:
        if self._sqlite:
            self.conn.exec_driver_sql("PRAGMA cache_size = -2000")
            self.conn.exec_driver_sql("PRAGMA threads = 0")

    def add(self, table: str, row: dict) -> None:
        """Buffer a row; it is written at the next `checkpoint` or `flush`."""
        self._loads[table].add(row)
        self._pending += 1

    def checkpoint(self) -> None:
        """Write the buffers once they are large. Call it only between complete records (a case and its
        events, a consultation…): all tables are written at once, parents first, so a child row never reaches
        the database before its parent."""
        if self._pending >= CHUNK:
            self.flush()

    def index(self, table: str, record_id: uuid.UUID, values: dict) -> None:
        self.tokens.add(table, record_id, values)

    def flush(self) -> None:
        for name in self.order:
            self._loads[name].flush()
        self.tokens.flush()
        self._pending = 0

    def finish(self) -> list[TableStats]:
        """Write what is buffered, rebuild the indexes; statistics per loaded table (rows > 0)."""
        started = time.perf_counter()
        self.flush()
        stats = [load.stats() for load in self._loads.values()]
        flushed = time.perf_counter()
        stats.append(self.tokens.finish())
        tokens = time.perf_counter()
        self._create_indexes()
        log.info("bulk load finished: last rows %.1f s, %d search tokens %.1f s, indexes %.1f s",
                 flushed - started, self.tokens.rows, tokens - flushed, time.perf_counter() - tokens)
        return [s for s in stats if s.rows]

    # --- indexes -----------------------------------------------------------------------------------
    def _drop_indexes(self) -> None:
        for name in self.order:
            table = Base.metadata.tables[name]
            present = schema.index_names(self.conn, name)
            for ix in sorted(table.indexes, key=lambda i: i.name):
                if not ix.unique and ix.name in present:
                    ix.drop(self.conn)
                    self._dropped.append(ix)

    def _create_indexes(self) -> None:
        for ix in self._dropped:
            ix.create(self.conn)
        self._dropped = []


@contextmanager
def load_session(db: Database) -> Iterator[Session]:
    """The write session of the bulk load.

    On SQLite the database file runs with the rollback journal for the load and goes back to WAL after it.
    With WAL every page of a large transaction is written twice (to the log, then checkpointed into the
    file); a rollback journal does not copy pages that did not exist before the transaction, and in an
    empty database that is nearly all of them. Atomicity is the same: a crash leaves a hot journal that
    SQLite rolls back when the file is next opened.
    """
    if not db.is_sqlite:
        with db.write_session() as session:
            yield session
        return
    db.engine.dispose()  # the journal mode can change only while no other connection has the file open
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection  # outside any transaction: PRAGMA journal_mode needs that
        raw.execute("PRAGMA journal_mode = DELETE").fetchall()
        try:
            with Session(bind=dbengine.writer(conn), expire_on_commit=False) as session:
                yield session
        finally:
            raw.execute("PRAGMA journal_mode = WAL").fetchall()


def table_digest(session: Session, table_name: str) -> tuple[int, str]:
    """Rows and digest of a table as stored (see the module docstring); for checks and tests."""
    table = Base.metadata.tables[table_name]
    if table_name == SearchToken.__tablename__:
        return _token_digest(session)
    columns = list(table.columns)
    fns = [canonical_fn(c) for c in columns]
    pk_positions = [columns.index(c) for c in table.primary_key.columns]
    keyed = []
    for row in session.execute(select(*columns)):
        canon = [v if fn is None or v is None else fn(v) for v, fn in zip(row, fns)]
        if len(pk_positions) == 1 and isinstance(row[pk_positions[0]], uuid.UUID):
            key = row[pk_positions[0]].bytes
        else:
            key = _ENCODER.encode([canon[i] for i in pk_positions]).encode() + b"\x00"
        keyed.append(key + _row_digest(canon))
    return len(keyed), _digest(keyed)


def _token_digest(session: Session) -> tuple[int, str]:
    t = SearchToken.__table__
    groups: dict[tuple[str, uuid.UUID], list[str]] = {}
    count = 0
    for token, table, rid in session.execute(select(t.c.token, t.c.table_name, t.c.record_id)):
        groups.setdefault((table, rid), []).append(token)
        count += 1
    keyed = [table.encode() + b"\x00" + rid.bytes + _row_digest([table, rid.hex, sorted(tokens)])
             for (table, rid), tokens in groups.items()]
    return count, _digest(keyed)
