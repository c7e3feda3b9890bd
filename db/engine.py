"""One way to open a database: SQLite file (embedded default) or PostgreSQL URL.

SQLite runs with WAL, foreign keys on, a busy timeout and synchronous=FULL (nothing committed
is lost on a power cut). Write transactions start with BEGIN IMMEDIATE so a writer takes the
lock up front instead of failing half-way when it upgrades from a read lock.
"""
from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError

from db.errors import NotADatabase, NotWritable, OnNetworkShare, Unreachable

BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"
# File systems on which SQLite's WAL locking is unsafe.
NETWORK_FS = {
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "sshfs", "9p", "afs", "ncpfs",
    "davfs", "fuse.davfs2", "glusterfs", "fuse.glusterfs", "ceph", "fuse.ceph", "lustre",
}


def to_url(db: str) -> URL:
    """A file path or an SQLAlchemy URL → URL. Plain `postgresql://` gets the psycopg 3 driver."""
    if "://" not in db:
        return URL.create("sqlite", database=str(Path(db).expanduser().resolve()))
    try:
        url = make_url(db)
    except ArgumentError as exc:
        raise Unreachable(f"bad database URL: {exc}") from exc
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def display_url(url: URL) -> str:
    """What screens and logs may show: a file path, or the URL with its password hidden."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def check_sqlite_file(path: Path) -> None:
    """Refuse a path we must not open: a network share, an unwritable place, a non-SQLite file.
    Never creates or changes anything."""
    if is_on_network_share(path):
        raise OnNetworkShare(str(path))
    folder = path.parent
    if path.exists():
        if not path.is_file():
            raise NotADatabase(str(path))
        with path.open("rb") as fh:
            head = fh.read(16)
        if head and head != SQLITE_HEADER:
            raise NotADatabase(str(path))
        if not can_write(path):
            raise NotWritable(str(path))
    # WAL needs to create -wal and -shm files beside the database.
    if folder.exists() and not can_write(folder):
        raise NotWritable(str(folder))


def can_write(path: Path) -> bool:
    return os.access(path, os.R_OK | os.W_OK | (os.X_OK if path.is_dir() else 0))


def is_on_network_share(path: Path) -> bool:
    if sys.platform == "win32":
        return _windows_remote(path)
    return mount_fs_type(path) in NETWORK_FS


def mount_fs_type(path: Path, mounts_file: str = "/proc/mounts") -> str:
    """File-system type of the mount holding `path` (longest mount-point prefix), '' if unknown."""
    try:
        lines = Path(mounts_file).read_text().splitlines()
    except OSError:
        return ""
    target = str(_existing_ancestor(path.resolve()))
    best, fs = "", ""
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, fs = mount_point, parts[2]
    return fs


def _existing_ancestor(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _windows_remote(path: Path) -> bool:
    text = str(path)
    if text.startswith("\\\\"):
        return True
    import ctypes  # only on Windows

    drive = os.path.splitdrive(str(path.resolve()))[0] + "\\"
    DRIVE_REMOTE = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive) == DRIVE_REMOTE  # type: ignore[attr-defined]


def make_engine(url: URL, *, foreign_keys: bool = True) -> Engine:
    """Engine for `url`. `foreign_keys=False` only for schema migrations on SQLite, where
    batch mode copies tables and checking references mid-copy would fail."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, foreign_keys)
    engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    return engine


def _sqlite_engine(url: URL, foreign_keys: bool) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record) -> None:
        # Take over transaction control from the sqlite3 module (it would otherwise start
        # transactions late and never with IMMEDIATE).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        write = conn.get_execution_options().get("ipaid_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, marked so that its transactions take the write lock at BEGIN."""
    return engine.execution_options(ipaid_write=True)


def probe(engine: Engine) -> None:
    """Connect once; turn driver errors into our own."""
    from sqlalchemy.exc import DatabaseError, OperationalError

    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
            if engine.dialect.name == "sqlite":
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except OperationalError as exc:
        text = str(exc.orig)
        if engine.dialect.name == "sqlite":
            if "readonly" in text or "unable to open" in text:
                raise NotWritable(text) from exc
            raise NotADatabase(text) from exc
        raise Unreachable(text.splitlines()[0] if text else str(exc)) from exc
    except DatabaseError as exc:
        raise NotADatabase(str(exc.orig)) from exc


# Tables whose statistics are not gathered: every query on them is written to use its key (the
# token index and its documents, the audit chains), and each holds millions of rows at 100k cases, so analysing them
# would cost seconds for nothing.
UNANALYSED = ("search_token", "search_doc", "audit_event")


def refresh_statistics(engine: Engine, *, only_if_missing: bool = False) -> bool:
    """Give the query planner current table statistics; True when they were gathered.

    Without them SQLite cannot tell a selective index from a useless one: the case list's first
    page at 100k cases read every case through the centre index and sorted them all (≈0.3 s
    instead of milliseconds). Full statistics, not sampled ones (`analysis_limit` estimated about
    a thousand cases per centre, which led the planner to the same mistake). Called after bulk
    work (demo, imports) and when a file without statistics is opened; PostgreSQL's autovacuum
    keeps its own, so there this is only ANALYZE after bulk work. A read-only or busy database is
    left as it is: statistics only speed things up."""
    from sqlalchemy.exc import OperationalError

    try:
        with writer(engine).begin() as conn:
            if engine.dialect.name != "sqlite":
                if not only_if_missing:
                    conn.exec_driver_sql("ANALYZE")
                return not only_if_missing
            if only_if_missing and conn.exec_driver_sql(
                    "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").scalar():
                return False
            tables = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").scalars()
            for name in [t for t in tables if t not in UNANALYSED]:
                conn.exec_driver_sql(f'ANALYZE "{name}"')
            return True
    except OperationalError:
        return False
