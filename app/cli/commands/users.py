"""`ipaid user add|list|deactivate|activate` (admin)."""
from __future__ import annotations

from app.cli.credentials import login, read_password_file
from app.cli.output import print_json, say
from app.database import open_database
from app.errors import UsageError
from app.labels import ROLES
from app.services import users


def register(sub, common) -> None:
    p = sub.add_parser("user", help="manage user accounts (admin)")
    usub = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)

    a = usub.add_parser("add", parents=[common], help="add a user")
    a.add_argument("name")
    a.add_argument("--display-name", default="")
    a.add_argument("--role", action="append", required=True, choices=list(ROLES), help="repeat for several roles")
    a.add_argument("--new-password-file", required=True, metavar="F")
    a.set_defaults(func=cmd_add)

    ls = usub.add_parser("list", parents=[common], help="list users")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list)

    for action, active in (("deactivate", False), ("activate", True)):
        d = usub.add_parser(action, parents=[common], help=f"{action} a user (history stays)")
        d.add_argument("name")
        d.set_defaults(func=lambda args, active=active: cmd_set_active(args, active))


def cmd_add(args) -> int:
    db = open_database(args.db)
    try:
        actor = login(db, args)
        password = read_password_file(args.new_password_file)
        if not password:
            raise UsageError("新密码文件是空的。", english="the new password file is empty")
        row = users.create_user(db, actor, username=args.name, display_name=args.display_name,
                                password=password, roles=args.role)
        say(f"已添加用户 {row.username}（{'、'.join(ROLES[r] for r in row.roles)}）。")
    finally:
        db.close()
    return 0


def cmd_list(args) -> int:
    db = open_database(args.db)
    try:
        actor = login(db, args)
        rows = users.list_users(db, actor)
    finally:
        db.close()
    if args.json:
        print_json([
            {"id": str(r.id), "username": r.username, "display_name": r.display_name,
             "roles": [ROLES[x] for x in r.roles], "active": r.active}
            for r in rows
        ])
    else:
        for r in rows:
            state = "" if r.active else "（已停用）"
            say(f"{r.username:<16} {r.display_name:<10} {'、'.join(ROLES[x] for x in r.roles)}{state}")
    return 0


def cmd_set_active(args, active: bool) -> int:
    db = open_database(args.db)
    try:
        actor = login(db, args)
        row = users.set_active(db, actor, args.name, active)
        say(f"用户 {row.username} 已{'启用' if active else '停用'}。")
    finally:
        db.close()
    return 0
