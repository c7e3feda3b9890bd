"""`ipaid import ledger FILE [--report rejected.csv]`: bring an Excel/CSV case ledger in
(admin or supervisor). Exit 0 when every row was imported, 3 when some rows were rejected (even
all), 2 when the file cannot be read or lacks a required header (nothing imported)."""
from __future__ import annotations


from app.cli.args import day
from app.cli.credentials import signed_in
from app.cli.output import print_json, say
from app.ledger.importer import import_ledger
from app.ledger.report import write_report


def register(sub, common) -> None:
    p = sub.add_parser("import", help="import data from files (ledger)")
    isub = p.add_subparsers(dest="import_command", metavar="KIND", required=True)
    led = isub.add_parser(
        "ledger", parents=[common],
        help="import a case ledger (案件台账, .xlsx or .csv) — admin or supervisor only",
        description="Import a case ledger (.xlsx first sheet, or UTF-8/GB18030 .csv) as ordinary cases. "
                    "Only an admin or a supervisor may import. Rows breaking a rule are rejected and "
                    "listed; every other row is imported in one transaction. Exit 0: all rows imported; "
                    "3: some rows rejected; 2: unreadable file or missing header (nothing imported).",
    )
    led.add_argument("file", metavar="FILE")
    led.add_argument("--report", metavar="CSV", help="write the rejected rows to this CSV (UTF-8 with BOM)")
    led.add_argument("--dry-run", action="store_true", help="check and show what would happen; write nothing")
    led.add_argument("--today", type=day, metavar="YYYY-MM-DD", help="judge birth dates against this day (tests)")
    led.add_argument("--json", action="store_true", help="print the result as JSON")
    led.set_defaults(func=cmd_import_ledger)


def cmd_import_ledger(args) -> int:
    with signed_in(args) as (db, actor):
        result = import_ledger(db, actor, args.file, today=args.today, dry_run=args.dry_run)
    if args.report:
        write_report(args.report, result.problems)
    if args.json:
        print_json({
            "file": result.file, "rows": result.rows, "imported": result.imported,
            "rejected": [{"row": p.row, "column": p.column, "value": p.value, "reason": p.reason}
                         for p in result.problems],
            "rejected_rows": result.rejected, "unknown_columns": list(result.unknown_columns),
            "created_users": list(result.created_users), "dry_run": result.dry_run,
        })
    else:
        _print(result)
    return 3 if result.problems else 0


def _print(result) -> None:
    verb = "可导入" if result.dry_run else "已导入"
    say(f"{result.file}：共 {result.rows} 行，{verb} {result.imported} 行，拒绝 {result.rejected} 行。"
        f"({result.imported} imported, {result.rejected} rejected)")
    if result.unknown_columns:
        say(f"未识别的列（已忽略）：{'、'.join(result.unknown_columns)}")
    if result.created_users:
        say(f"新建的停用账户（承办人）：{'、'.join(result.created_users)}")
    for p in result.problems:
        say(f"第{p.row}行 {p.column}「{p.value}」：{p.reason}")

