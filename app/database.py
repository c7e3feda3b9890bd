"""Open the database the user asked for, safely, and hand out sessions.

Order of checks (each refuses with one sentence and leaves the file untouched): where the
file lives (network share, permissions), whether it is SQLite at all, whether the server
answers, which schema revision it holds. A SQLite file at an older revision is copied aside
and upgraded; a PostgreSQL server is upgraded only by `ipaid upgrade`.
"""
from __future__ import annotations

import logging
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import URL, Engine, select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import DatabaseUnavailable
from app.paths import default_database
from db import engine as dbengine
from db import errors as dberr
from db import schema
from db.models import LocalSetting

log = logging.getLogger(__name__)

DEVICE_KEY = "device_id"


@dataclass
class Database:
    url: URL
    engine: Engine
    label: str
    revision: str | None
    backups: list[Path] = field(default_factory=list)
    _read: sessionmaker | None = None
    _write: sessionmaker | None = None
    _device_id: uuid.UUID | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    def read_session(self) -> Session:
        if self._read is None:
            self._read = sessionmaker(self.engine, expire_on_commit=False)
        return self._read()

    def write_session(self) -> Session:
        if self._write is None:
            self._write = sessionmaker(dbengine.writer(self.engine), expire_on_commit=False)
        return self._write()

    @property
    def device_id(self) -> uuid.UUID | None:
        """This install's device id (set by `init`, `demo` or opening a fair kit)."""
        if self._device_id is None:
            with self.read_session() as s:
                value = s.scalar(select(LocalSetting.value).where(LocalSetting.key == DEVICE_KEY))
            self._device_id = uuid.UUID(value) if value else None
        return self._device_id

    def forget_device(self) -> None:
        self._device_id = None

    def refresh_statistics(self) -> None:
        """After bulk work (demo, imports): the planner's figures for the tables it filled."""
        dbengine.refresh_statistics(self.engine)

    def close(self) -> None:
        self.engine.dispose()


def resolve(db: str | None) -> URL:
    """--db beats IPAID_DB beats the default file in the user-data folder."""
    chosen = db or os.environ.get("IPAID_DB")
    if chosen:
        return _to_url(chosen)
    path = default_database()
    path.parent.mkdir(parents=True, exist_ok=True)
    return _to_url(str(path))


def _to_url(text: str) -> URL:
    try:
        return dbengine.to_url(text)
    except dberr.DatabaseProblem as exc:
        raise explain(exc, text) from exc


def open_database(db: str | None = None, *, create: bool = False, allow_old: bool = False) -> Database:
    """Open and check. SQLite files are created and upgraded as needed. A PostgreSQL database
    is created only when `create` (init/demo) and must otherwise be at this program's revision,
    unless `allow_old` (the `upgrade` command, which then calls `upgrade_schema`)."""
    url = resolve(db)
    label = dbengine.display_url(url)
    try:
        if url.get_backend_name() == "sqlite":
            return _open_sqlite(url, label)
        return _open_server(url, label, create=create, allow_old=allow_old)
    except dberr.DatabaseProblem as exc:
        raise explain(exc, label) from exc


def _open_sqlite(url: URL, label: str) -> Database:
    path = Path(url.database or "")
    if not path.parent.exists():
        raise dberr.FolderMissing(str(path.parent))
    dbengine.check_sqlite_file(path)
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        schema.require_usable(schema.peek_sqlite(path), may_create=True, may_upgrade=True)
    engine = dbengine.make_engine(url)
    dbengine.probe(engine)
    state = schema.state(engine)
    schema.require_usable(state, may_create=True, may_upgrade=True)
    backups: list[Path] = []
    if not state.at_head:
        if existed and state.current is not None:
            backups.append(schema.backup_sqlite(path, f"before-upgrade-{state.current}"))
            log.info("backed up %s to %s before upgrading", path, backups[-1])
        _migrate(url)
    dbengine.refresh_statistics(engine, only_if_missing=True)
    return Database(url, engine, label, schema.head_revision(), backups)


def _open_server(url: URL, label: str, *, create: bool, allow_old: bool) -> Database:
    engine = dbengine.make_engine(url)
    dbengine.probe(engine)
    state = schema.state(engine)
    schema.require_usable(state, may_create=create, may_upgrade=allow_old)
    if state.current is None and create:
        _migrate(url)
        state = schema.state(engine)
    return Database(url, engine, label, state.current)


def upgrade_schema(database: Database) -> tuple[str | None, str]:
    """Bring the database to this program's revision; returns (before, after)."""
    before = schema.current_revision(database.engine)
    if database.is_sqlite and database.path and before is not None:
        database.backups.append(schema.backup_sqlite(database.path, f"before-upgrade-{before}"))
    _migrate(database.url)
    database.revision = schema.head_revision()
    return before, database.revision


def _migrate(url: URL) -> None:
    engine = dbengine.make_engine(url, foreign_keys=False)
    try:
        schema.upgrade(engine)
    finally:
        engine.dispose()


def explain(exc: dberr.DatabaseProblem, label: str) -> DatabaseUnavailable:
    """One sentence, Chinese first, for each way a database can be unusable."""
    head = schema.head_revision()
    messages = {
        "unreachable": (
            f"无法连接数据库 {label}：{exc.detail}。请检查地址、端口、用户名、密码以及服务器是否在运行。",
            f"cannot reach the database {label}",
        ),
        "not_a_database": (
            f"文件 {label} 不是 IPAid 数据库或已损坏；程序没有改动它。请从备份恢复或选择其他文件。",
            f"{label} is not an IPAid database or is damaged; it was left untouched",
        ),
        "not_writable": (
            f"没有写入权限：{exc.detail}。请检查文件和文件夹的权限，或选择其他位置。",
            f"no permission to write: {exc.detail}",
        ),
        "folder_missing": (
            f"文件夹 {exc.detail} 不存在，请先创建它或选择其他位置。",
            f"folder {exc.detail} does not exist",
        ),
        "network_share": (
            f"数据库文件 {label} 位于网络共享上，SQLite 在网络共享上可能损坏数据，已拒绝打开。"
            "多台电脑共用请改用 PostgreSQL 服务器（--db postgresql://…）。",
            "a SQLite file on a network share is refused; use a PostgreSQL server for several PCs",
        ),
        "not_ipaid": (
            f"数据库 {label} 中已有其他程序的数据表，不是 IPAid 数据库；程序没有改动它。",
            f"{label} holds tables of another program; it was left untouched",
        ),
        "schema_too_new": (
            f"数据库 {label} 的结构版本（{exc.detail}）比本程序新，请先升级 IPAid Desk。",
            f"the database is at a newer schema revision ({exc.detail}); upgrade IPAid Desk",
        ),
        "schema_too_old": (
            f"服务器数据库 {label} 的结构版本（{exc.detail}）比本程序（{head}）旧。"
            f"请管理员先用 pg_dump 备份，再运行 ipaid upgrade --db …。",
            f"the server schema ({exc.detail}) is older than this program's ({head}); "
            "an admin must run `ipaid upgrade --db URL` after a pg_dump",
        ),
        "not_initialised": (
            f"数据库 {label} 是空的，尚未初始化。请运行 ipaid init --admin 用户名 --password-file 文件（或 ipaid demo）。",
            "the database is empty; run `ipaid init --admin NAME --password-file F` (or `ipaid demo`)",
        ),
    }
    chinese, english = messages.get(exc.code, (f"数据库不可用：{exc.detail}", "database unusable"))
    return DatabaseUnavailable(chinese, english=english)
