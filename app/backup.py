"""Backups and restores (design.md §7 Files, Durability).

SQLite: SQLite's online backup API makes a consistent copy while the program keeps running;
attachments and issued PDFs live in the database, so the copy holds them. The copy is
switched out of WAL mode so that it is one self-contained file.

Automatic backups go to `<data dir>/backups/`, taken when the window closes and once a day,
and are thinned to the newest copy of each of the last 7 days, 5 weeks and 12 months.

PostgreSQL: the server is backed up with `pg_dump` (called when it is on PATH).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import URL

from app.context import Actor
from app.database import Database
from app.errors import DatabaseUnavailable, UsageError
from app.paths import data_dir
from app.service import note, service_call
from db import schema
from db.engine import SQLITE_HEADER

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 5, 12
STAMP_FORMAT = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})\.sqlite$")


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    tool: str  # "sqlite" | "pg_dump"


# ------------------------------------------------------------------ taking a copy
def copy_sqlite(source: Path, target: Path, *, check: bool = True) -> int:
    """Consistent copy of a live SQLite file. Written beside the target and renamed into place,
    so a crash never leaves a half copy under the final name. Returns the size in bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            if check:
                result = dst.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise DatabaseUnavailable(f"备份副本检查未通过：{result}。原数据库可能已损坏，请运行 ipaid check。",
                                              english="the backup copy failed its check")
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(partial, target)
    return target.stat().st_size


def backup(db: Database, actor: Actor, out: Path) -> BackupResult:
    """`ipaid backup`: admin only, and on record (a backup is a copy of all personal data)."""
    out = Path(out).expanduser().resolve()
    if db.path is not None and out == db.path.resolve():
        raise UsageError("备份文件不能是数据库文件本身。", english="the backup file cannot be the database itself")
    with service_call(db, actor, roles={"admin"}, action="backup.create") as s:
        note(s, "backup.create", data={"file": out.name})
    # Taken after the event is committed, so the copy holds the record of its own making.
    if db.is_sqlite:
        return BackupResult(out, copy_sqlite(db.path, out), "sqlite")
    return BackupResult(out, pg_dump(db.url, out), "pg_dump")


def pg_dump(url: URL, out: Path) -> int:
    tool = shutil.which("pg_dump")
    if tool is None:
        raise UsageError(
            "没有找到 pg_dump。PostgreSQL 数据库请由管理员在服务器上备份："
            "pg_dump -Fc -h 主机 -p 端口 -U 用户 -f 备份文件 数据库名（恢复用 pg_restore）。",
            english="pg_dump not found on PATH; back up the server with `pg_dump -Fc … -f FILE DBNAME`",
        )
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    args = [tool, "--format=custom", f"--file={out}", f"--dbname={_libpq_url(url)}"]
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        out.unlink(missing_ok=True)
        raise UsageError(f"pg_dump 失败：{done.stderr.strip()[:300]}", english="pg_dump failed")
    return out.stat().st_size


def _libpq_url(url: URL) -> str:
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)


# ------------------------------------------------------------------ automatic backups
def backups_dir() -> Path:
    return data_dir() / "backups"


def auto_backup(db: Database, *, now: datetime | None = None, only_if_due: bool = False,
                folder: Path | None = None) -> Path | None:
    """What the window calls on close (`only_if_due=False`) and from its daily timer
    (`only_if_due=True`: nothing if today already has a copy). Thins old copies afterwards.
    PostgreSQL mode: nothing (the server's backups are the admin's pg_dump)."""
    if not db.is_sqlite or db.path is None or not db.path.exists():
        return None
    folder = folder or backups_dir()
    now = (now or datetime.now().astimezone()).astimezone()
    stem = db.path.stem
    existing = list_auto_backups(folder, stem)
    if only_if_due and any(t.date() == now.date() for t in existing):
        return None
    target = folder / f"{stem}-{now.strftime(STAMP_FORMAT)}.sqlite"
    # The daily copy is the program's one maintenance moment: the planner's statistics are renewed
    # too, so a register that grew from nothing to 100k cases through daily work keeps fast lists.
    db.refresh_statistics()
    copy_sqlite(db.path, target, check=False)
    existing[now.replace(tzinfo=None, microsecond=0)] = target
    keep = thin(list(existing), KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY)
    for stamp, path in existing.items():
        if stamp not in keep:
            path.unlink(missing_ok=True)
    return target


def list_auto_backups(folder: Path, stem: str) -> dict[datetime, Path]:
    found: dict[datetime, Path] = {}
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        m = _NAME.match(path.name)
        if m and m["stem"] == stem:
            found[datetime.strptime(m["stamp"], STAMP_FORMAT)] = path
    return found


def thin(stamps: list[datetime], daily: int, weekly: int, monthly: int) -> set[datetime]:
    """Which copies to keep: the newest of each of the last `daily` days that have a copy, of
    the last `weekly` ISO weeks, and of the last `monthly` months (each rule on its own; the
    union is kept). Pure, so it is tested with plain dates."""
    keep: set[datetime] = set()
    for size, period in ((daily, _day), (weekly, _week), (monthly, _month)):
        seen: list[tuple] = []
        for stamp in sorted(stamps, reverse=True):
            key = period(stamp.date())
            if key in seen:
                continue
            if len(seen) == size:
                break
            seen.append(key)
            keep.add(stamp)
    return keep


def _day(d: date) -> tuple:
    return (d.year, d.month, d.day)


def _week(d: date) -> tuple:
    iso = d.isocalendar()
    return (iso.year, iso.week)


def _month(d: date) -> tuple:
    return (d.year, d.month)


# ------------------------------------------------------------------ restoring
@dataclass(frozen=True)
class BackupFacts:
    revision: str
    admins: dict[str, tuple[str, list]]  # username → (password hash, roles), for sign-in checks


def inspect_backup(path: Path) -> BackupFacts:
    """Refuse anything that is not a sound IPAid SQLite backup; read-only, changes nothing."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"找不到备份文件 {path}。", english=f"no such backup file {path}")
    with path.open("rb") as fh:
        if fh.read(16) != SQLITE_HEADER:
            raise UsageError(f"{path.name} 不是 SQLite 数据库文件，已拒绝恢复；目标数据库没有改动。",
                             english="not a SQLite file; nothing restored")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check = [r[0] for r in con.execute("PRAGMA integrity_check")]
            if check != ["ok"]:
                raise UsageError(f"备份文件 {path.name} 已损坏（{check[0]}），已拒绝恢复；目标数据库没有改动。",
                                 english="the backup file is damaged; nothing restored")
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            row = con.execute("SELECT version_num FROM alembic_version").fetchone() \
                if "alembic_version" in tables else None
            users = con.execute("SELECT username, password_hash, roles FROM app_user WHERE active") \
                .fetchall() if "app_user" in tables else []
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise UsageError(f"备份文件 {path.name} 无法读取（{exc}），已拒绝恢复；目标数据库没有改动。",
                         english="the backup file cannot be read; nothing restored") from exc
    revision = row[0] if row else None
    if revision is None or not schema.SchemaState(revision, schema.head_revision(), False).known:
        raise UsageError(f"备份文件 {path.name} 不是本程序能识别的 IPAid 数据库（结构版本 {revision}），"
                         "已拒绝恢复；目标数据库没有改动。", english="unknown schema revision; nothing restored")
    admins = {u: (h, json.loads(r) if isinstance(r, str) else r) for u, h, r in users}
    return BackupFacts(revision, admins)


def restore_sqlite(backup_file: Path, target: Path) -> Path | None:
    """Put a verified backup in place of `target`. The current database is first copied aside
    (returned); the restore itself goes through SQLite's backup API into the target, so a
    failure half-way leaves the target as it was."""
    inspect_backup(backup_file)
    kept = None
    if target.exists() and target.stat().st_size > 0:
        kept = schema.backup_sqlite(target, "before-restore")
    src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = WAL")
        finally:
            dst.close()
    finally:
        src.close()
    return kept
