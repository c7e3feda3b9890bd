"""`ipaid demo`: a realistic, reproducible data set (same seed and --today → identical rows)."""
from __future__ import annotations

import time
from datetime import date

from app.cli.args import day
from app.cli.credentials import opened
from app.cli.output import say, warn
from app.errors import UsageError


def register(sub, common) -> None:
    p = sub.add_parser("demo", parents=[common], help="fill an EMPTY database with demo data and demo accounts")
    p.add_argument("--cases", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--today", type=day, default=None, metavar="YYYY-MM-DD")
    p.set_defaults(func=cmd_demo)



def cmd_demo(args) -> int:
    from app.demo import generate  # the generator is large; load it only here

    if args.cases < 0:
        raise UsageError("--cases 不能为负数。", english="--cases must not be negative")
    with opened(args, create=True) as db:
        started = time.monotonic()  # the generator's time, not the opening's
        summary = generate(db, cases=args.cases, seed=args.seed, today=args.today or date.today(),
                           progress=lambda done, total: None)
    say(f"演示数据已写入 {db.label}：{summary.cases} 件案件，用时 {time.monotonic() - started:.1f} 秒。")
    say("演示账户（密码均为 demo）：admin 系统管理员、supervisor 负责人、caseworker 办案人员、fairstaff 驻场人员。")
    if summary.notes:
        for note in summary.notes:
            warn(note)
    return 0
