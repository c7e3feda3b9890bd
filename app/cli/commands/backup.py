"""`ipaid backup --db X --out F` and `ipaid restore F --db X` (admin).

Restore checks the file before touching anything (SQLite header, integrity, a schema revision
this program knows), copies the current database aside, then puts the backup in place.
Who may restore: an admin of the current database; when that database is missing or cannot be
opened (the usual reason to restore), an admin account of the backup being restored.
"""
from __future__ import annotations

from pathlib import Path

from app.backup import backup, inspect_backup, restore_sqlite
from app.cli.credentials import credentials, login, signed_in
from app.cli.output import say
from app.database import open_database, resolve
from app.errors import DatabaseUnavailable, NotAuthenticated, PermissionDenied, UsageError
from app.passwords import verify_password
from app.service import note, require_role, service_call


def register(sub, common) -> None:
    b = sub.add_parser("backup", parents=[common], help="back up the database (SQLite online backup; PostgreSQL: pg_dump)")
    b.add_argument("--out", required=True, metavar="F", help="backup file to write")
    b.set_defaults(func=cmd_backup)

    r = sub.add_parser("restore", parents=[common], help="restore a backup file into the database (checks it first)")
    r.add_argument("file", metavar="F")
    r.set_defaults(func=cmd_restore)


def cmd_backup(args) -> int:
    with signed_in(args) as (db, actor):
        result = backup(db, actor, Path(args.out))
    say(f"已备份到 {result.path}（{result.size / 1_048_576:.1f} MB，{result.tool}）。")
    return 0


def cmd_restore(args) -> int:
    url = resolve(getattr(args, "db", None))
    if url.get_backend_name() != "sqlite":
        raise UsageError("PostgreSQL 数据库请由管理员用 pg_restore 恢复（pg_restore -d 数据库名 备份文件）。",
                         english="restore a PostgreSQL database with pg_restore")
    target = Path(url.database)
    source = Path(args.file).expanduser().resolve()
    if source == target:
        raise UsageError("备份文件就是目标数据库本身。", english="the backup file is the target database")
    facts = inspect_backup(source)  # refuses a bad file before anything is touched
    who = _authorise(args, target, facts.admins)
    kept = restore_sqlite(source, target)
    db = open_database(str(target))  # upgrades an older backup (after its own copy) and checks it
    try:
        with service_call(db, None, roles=None, action="backup.restore") as s:
            note(s, "backup.restore", data={"file": source.name, "by": who})
    finally:
        db.close()
    say(f"已从 {source.name} 恢复到 {target}。" + (f"原数据库已另存为 {kept}。" if kept else ""))
    return 0


def _authorise(args, target: Path, backup_admins: dict) -> str:
    if target.exists() and target.stat().st_size > 0:
        try:
            db = open_database(str(target))
        except DatabaseUnavailable:
            db = None
        if db is not None:
            try:
                actor = login(db, args)
                require_role(actor, {"admin"})
                return actor.username
            finally:
                db.close()
    username, password = credentials(args)
    account = backup_admins.get(username)
    if account is None or not verify_password(account[0], password):
        raise NotAuthenticated("用户名或密码不正确（按备份文件中的账户核对）。",
                               english="wrong user name or password (checked against the backup)")
    if "admin" not in account[1]:
        raise PermissionDenied(f"{username} 不是备份中的系统管理员，不能恢复。", english="restore needs an admin")
    return username
