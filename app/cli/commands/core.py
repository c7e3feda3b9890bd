"""`ipaid init`, `ipaid upgrade`, `ipaid info`."""
from __future__ import annotations

from sqlalchemy import select

from app.cli.credentials import credentials, opened, read_password_file
from app.cli.output import print_json, say
from app.database import upgrade_schema
from app.errors import NotAuthenticated, PermissionDenied, UsageError
from app.info import LABELS, database_info
from app.passwords import verify_password
from app.services.users import setup_first_admin
from db import schema
from db.models import User


def register(sub, common) -> None:
    p = sub.add_parser("init", parents=[common], help="create the first admin (and the schema) in an empty database")
    p.add_argument("--admin", required=True, metavar="NAME")
    p.add_argument("--centre", default="知识产权维权援助中心", help="centre name")
    p.add_argument("--short", default="", help="centre short name used in numbers")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("upgrade", parents=[common], help="upgrade a database's schema (admin)")
    p.set_defaults(func=cmd_upgrade)

    p = sub.add_parser("info", parents=[common], help="database, revision, centre and row counts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_info)


def cmd_init(args) -> int:
    if not args.password_file:
        raise UsageError("请用 --password-file 提供管理员密码。", english="--password-file is required")
    password = read_password_file(args.password_file)
    with opened(args, create=True) as db:
        actor = setup_first_admin(db, centre_name=args.centre, centre_short=args.short,
                                  username=args.admin, display_name=args.admin, password=password)
        say(f"已初始化 {db.label}：中心“{actor.centre_name}”，管理员 {actor.username}。")
    return 0


def cmd_upgrade(args) -> int:
    with opened(args, allow_old=True) as db:
        before = schema.current_revision(db.engine)
        head = schema.head_revision()
        if before == head:
            say(f"{db.label} 已是最新结构版本 {head}。(already at {head})")
            return 0
        _require_admin_on_any_revision(db, args)
        old, new = upgrade_schema(db)
        say(f"已将 {db.label} 从结构版本 {old} 升级到 {new}。(upgraded {old} → {new})")
    return 0


def _require_admin_on_any_revision(db, args) -> None:
    """Check the admin with the columns every revision has (the ORM model may be newer)."""
    name, password = credentials(args)
    t = User.__table__
    with db.engine.connect() as conn:
        row = conn.execute(
            select(t.c.password_hash, t.c.roles, t.c.active).where(t.c.username == name)
        ).one_or_none()
    if row is None or not row.active or not verify_password(row.password_hash, password):
        raise NotAuthenticated("用户名或密码不正确。", english="wrong user name or password")
    if "admin" not in (row.roles or []):
        raise PermissionDenied("只有系统管理员可以升级数据库。", english="only an admin may upgrade")


def cmd_info(args) -> int:
    # Counts and revisions hold no personal data, so `info` needs no user: an admin can
    # diagnose a database whose passwords are lost. (Departure from "read commands need a
    # user", noted in docs/decisions.md.)
    with opened(args) as db:
        info = database_info(db)
    if args.json:
        print_json({
            "database": info.label, "backend": info.backend, "revision": info.revision,
            "head_revision": schema.head_revision(), "centre": info.centre_name,
            "device_id": info.device_id, "counts": info.counts,
        })
        return 0
    say(f"数据库 database: {info.label} ({info.backend})")
    say(f"结构版本 revision: {info.revision}")
    say(f"中心 centre: {info.centre_name or '（未初始化）'}")
    say(f"设备 device: {info.device_id or '-'}")
    width = max(len(k) for k in info.counts)
    for key, n in info.counts.items():
        say(f"  {key:<{width}}  {n:>9}  {LABELS[key]}")
    return 0
