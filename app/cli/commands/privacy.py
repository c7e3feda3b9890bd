"""`ipaid privacy anonymise --db X [--dry-run]` (admin): apply the retention setting."""
from __future__ import annotations

from datetime import date

from app.cli.args import day
from app.cli.credentials import signed_in
from app.cli.output import print_json, say
from app.privacy import anonymise_archived


def register(sub, common) -> None:
    p = sub.add_parser("privacy", help="personal-data protection")
    psub = p.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)
    a = psub.add_parser("anonymise", parents=[common],
                        help="anonymise parties whose cases were all archived more than retention_years ago (admin)")
    a.add_argument("--dry-run", action="store_true", help="only count what would be anonymised")
    a.add_argument("--today", type=day, metavar="YYYY-MM-DD", help="reference date (default: today)")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_anonymise)


def cmd_anonymise(args) -> int:
    today = args.today or date.today()
    with signed_in(args) as (db, actor):
        result = anonymise_archived(db, actor, today, dry_run=args.dry_run)
    if args.json:
        print_json({"retention_years": result.retention_years, "cutoff": result.cutoff,
                    "dry_run": result.dry_run, "parties": result.count,
                    "party_ids": list(result.party_ids)})
    elif result.retention_years <= 0:
        say("未设置个人信息保留年限（retention_years = 0），没有匿名化任何记录。")
    else:
        verb = "将匿名化" if result.dry_run else "已匿名化"
        say(f"保留年限 {result.retention_years} 年（{result.cutoff} 之前归档）：{verb} {result.count} 个当事人的个人信息。")
    return 0

