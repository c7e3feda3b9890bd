"""`ipaid user add|list|deactivate|activate|reset|roles|unlock` (admin) and `ipaid user passwd`
(anyone, for their own password: the sign-in password is the old one)."""
from __future__ import annotations

from app.cli.credentials import credentials, read_password_file, signed_in
from app.cli.output import print_rows, say
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

    pw = usub.add_parser("passwd", parents=[common], help="change your own password (the sign-in password is the old one)")
    pw.add_argument("--new-password-file", required=True, metavar="F")
    pw.set_defaults(func=cmd_passwd)

    r = usub.add_parser("reset", parents=[common], help="set a new password for a user (admin)")
    r.add_argument("name")
    r.add_argument("--new-password-file", required=True, metavar="F")
    r.set_defaults(func=cmd_reset)

    ro = usub.add_parser("roles", parents=[common], help="replace a user's roles (admin)")
    ro.add_argument("name")
    ro.add_argument("--role", action="append", required=True, choices=list(ROLES), help="repeat for several roles")
    ro.set_defaults(func=cmd_roles)

    u = usub.add_parser("unlock", parents=[common], help="lift a lockout after repeated failures (admin)")
    u.add_argument("name")
    u.set_defaults(func=cmd_unlock)


def new_password(args) -> str:
    password = read_password_file(args.new_password_file)
    if not password:
        raise UsageError("新密码文件是空的。", english="the new password file is empty")
    return password


def cmd_add(args) -> int:
    with signed_in(args) as (db, actor):
        password = new_password(args)
        row = users.create_user(db, actor, username=args.name, display_name=args.display_name,
                                password=password, roles=args.role)
        say(f"已添加用户 {row.username}（{'、'.join(ROLES[r] for r in row.roles)}）。")
    return 0


def cmd_list(args) -> int:
    with signed_in(args) as (db, actor):
        rows = users.list_users(db, actor)
    print_rows(rows, as_json=args.json, line=_user_line, to_json=lambda r: {
        "id": str(r.id), "username": r.username, "display_name": r.display_name,
        "roles": [ROLES[x] for x in r.roles], "active": r.active, "locked_until": r.locked_until,
    })
    return 0


def _user_line(r) -> str:
    state = ("" if r.active else "（已停用）") + ("（已锁定）" if r.locked_until else "")
    return f"{r.username:<16} {r.display_name:<10} {'、'.join(ROLES[x] for x in r.roles)}{state}"


def cmd_set_active(args, active: bool) -> int:
    with signed_in(args) as (db, actor):
        row = users.set_active(db, actor, args.name, active)
        say(f"用户 {row.username} 已{'启用' if active else '停用'}。")
    return 0


def cmd_passwd(args) -> int:
    with signed_in(args) as (db, actor):
        _user, old = credentials(args)  # the sign-in password is the old one
        users.change_password(db, actor, old, new_password(args))
        say(f"用户 {actor.username} 的密码已修改。")
    return 0


def cmd_reset(args) -> int:
    with signed_in(args) as (db, actor):
        row = users.reset_password(db, actor, args.name, new_password(args))
        say(f"已为用户 {row.username} 设置新密码（锁定已解除）。")
    return 0


def cmd_roles(args) -> int:
    with signed_in(args) as (db, actor):
        row = users.set_roles(db, actor, args.name, args.role)
        say(f"用户 {row.username} 的角色现为：{'、'.join(ROLES[r] for r in row.roles)}。")
    return 0


def cmd_unlock(args) -> int:
    with signed_in(args) as (db, actor):
        row = users.unlock(db, actor, args.name)
        say(f"用户 {row.username} 已解除锁定。")
    return 0
