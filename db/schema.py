"""Schema revisions through Alembic: where the database stands and how to bring it to head.

Production code never calls `create_all`; the first revision creates the schema.
"""
from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from db.errors import NotInitialised, NotIpaid, SchemaTooNew, SchemaTooOld

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")

# The newest revision in migrations/versions (a test checks it against Alembic's own view). Opening a
# database at head then needs no Alembic at all: importing it was about a tenth of the program's start.
HEAD = "0006"


def alembic_config() -> "Config":
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def script() -> "ScriptDirectory":
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return HEAD


def current_revision(engine: Engine) -> str | None:
    """The revision recorded in alembic_version (None: no IPAid schema there)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def is_empty(engine: Engine) -> bool:
    return not inspect(engine).get_table_names()


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str
    empty: bool

    @property
    def known(self) -> bool:
        return self.current is None or _is_known(self.current)

    @property
    def at_head(self) -> bool:
        return self.current == self.head


def state(engine: Engine) -> SchemaState:
    current = current_revision(engine)
    return SchemaState(current, head_revision(), is_empty(engine) if current is None else False)


def peek_sqlite(path: Path) -> SchemaState:
    """The state of an existing SQLite file, read without changing a byte of it (a normal open
    would switch the file to WAL mode even if we then refuse it)."""
    from db.errors import NotADatabase

    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise NotADatabase(str(exc)) from exc
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        current = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            current = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise NotADatabase(str(exc)) from exc
    finally:
        con.close()
    return SchemaState(current, head_revision(), not tables)


def _is_known(revision: str) -> bool:
    if revision == HEAD:
        return True
    try:
        return script().get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for unknown ids
        return False


def require_usable(st: SchemaState, *, may_create: bool, may_upgrade: bool) -> None:
    """Raise unless the database can be used by this program as it stands (or after the
    creation/upgrade we are allowed to do)."""
    if st.current is None:
        if not st.empty:
            raise NotIpaid("tables without an IPAid schema revision")
        if not may_create:
            raise NotInitialised("empty database")
        return
    if not st.known:
        raise SchemaTooNew(st.current)
    if not st.at_head and not may_upgrade:
        raise SchemaTooOld(st.current)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run migrations on `engine` (for SQLite an engine opened with foreign keys off)."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        if engine.dialect.name == "sqlite":
            bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if bad:
                raise RuntimeError(f"foreign key check failed after migration: {bad[:5]}")


def backup_sqlite(path: Path, label: str) -> Path:
    """Copy a SQLite database (consistently, through SQLite's online backup) beside itself."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix or '.sqlite'}")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def copy_file(path: Path, target: Path) -> None:
    shutil.copy2(path, target)


_INDEX_NAMES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL",
    "postgresql": "SELECT indexname FROM pg_indexes WHERE tablename = :t AND schemaname = current_schema()",
}


def index_names(conn: Connection, table: str) -> set[str]:
    """The names of the indexes `table` has, expression indexes included (SQLAlchemy's inspector
    leaves those out on SQLite). Constraint-backed automatic indexes of SQLite are not listed."""
    return set(conn.execute(text(_INDEX_NAMES[conn.dialect.name]), {"t": table}).scalars())
