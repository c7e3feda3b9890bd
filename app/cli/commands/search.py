"""`ipaid search QUERY`: the case list's search box from the command line, same order as the list."""
from __future__ import annotations

from app.cli.credentials import signed_in
from app.cli.output import print_rows
from app.errors import UsageError
from app.labels import CASE_STATUS
from app.services import case_search


def register(sub, common) -> None:
    p = sub.add_parser("search", parents=[common],
                       help="find cases by case no., party name (also pinyin), identifier, right number or summary")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N cases (default 50)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)


def cmd_search(args) -> int:
    if args.limit < 1:
        raise UsageError("--limit 至少为 1。", english="--limit must be at least 1")
    with signed_in(args) as (db, actor):
        rows = case_search.search(db, actor, args.query, args.limit)
    print_rows(rows, as_json=args.json,
               line=lambda r: f"{r.case_no}\t{r.applicant}\t{CASE_STATUS[r.status]}\t{r.registered_on.isoformat()}",
               to_json=lambda r: {"case_no": r.case_no, "applicant": r.applicant, "status": CASE_STATUS[r.status],
                                  "registered_on": r.registered_on, "id": str(r.id)},
               empty="没有找到匹配的案件。")
    return 0
