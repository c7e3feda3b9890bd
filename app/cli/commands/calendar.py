"""`ipaid calendar list|set|clear` (admin): holidays and make-up working days for a year
chinesecalendar does not know yet. Open cases' running due dates follow at once."""
from __future__ import annotations

from app.cli.args import day
from app.cli.credentials import signed_in
from app.cli.output import print_rows, say
from app.services import calendar_days


def register(sub, common) -> None:
    p = sub.add_parser("calendar", help="holidays for years chinesecalendar does not know yet")
    csub = p.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    ls = csub.add_parser("list", parents=[common], help="days entered by an admin")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list)
    st = csub.add_parser("set", parents=[common], help="enter a holiday or a make-up working day (admin)")
    st.add_argument("day", type=day, metavar="YYYY-MM-DD")
    kind = st.add_mutually_exclusive_group(required=True)
    kind.add_argument("--holiday", action="store_true", help="a day off (放假)")
    kind.add_argument("--workday", action="store_true", help="a make-up working day (调休上班)")
    st.add_argument("--name", default="", help="e.g. 元旦, 春节")
    st.set_defaults(func=cmd_set)
    cl = csub.add_parser("clear", parents=[common], help="remove an entered day (admin)")
    cl.add_argument("day", type=day, metavar="YYYY-MM-DD")
    cl.set_defaults(func=cmd_clear)


def cmd_list(args) -> int:
    with signed_in(args) as (db, actor):
        days = calendar_days.list_days(db, actor)
    print_rows(days, as_json=args.json, line=lambda d: f"{d.day.isoformat()}  {d.kind_label}  {d.name}",
               to_json=lambda d: {"day": d.day, "kind": d.kind_label, "name": d.name},
               empty="没有手工录入的节假日安排。")
    return 0


def cmd_set(args) -> int:
    with signed_in(args) as (db, actor):
        change = calendar_days.set_day(db, actor, args.day, is_workday=args.workday,
                                       name=args.name)
    assert change.day is not None
    say(f"已录入 {change.day.day.isoformat()} {change.day.kind_label}；{change.cases_moved} 件在办案件的期限已重新计算。")
    return 0


def cmd_clear(args) -> int:
    with signed_in(args) as (db, actor):
        change = calendar_days.clear_day(db, actor, args.day)
    say(f"已删除 {args.day} 的安排；{change.cases_moved} 件在办案件的期限已重新计算。")
    return 0
