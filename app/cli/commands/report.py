"""`ipaid report monthly|quarterly|annual`: the supervisor's figures as JSON, a PDF summary
and/or an Excel workbook (supervisor or admin)."""
from __future__ import annotations

from app.cli.credentials import signed_in
from app.cli.output import print_json, say
from app.reports import service
from app.reports.periods import Period, parse_month, parse_quarter, parse_year

_PERIODS = (
    ("monthly", "--month", "YYYY-MM", parse_month, "a month's figures (e.g. --month 2026-03)"),
    ("quarterly", "--quarter", "YYYYQn", parse_quarter, "a quarter's figures (e.g. --quarter 2026Q3)"),
    ("annual", "--year", "YYYY", parse_year, "a year's figures (e.g. --year 2026)"),
)


def register(sub, common) -> None:
    p = sub.add_parser("report", help="monthly/quarterly/annual figures, PDF and Excel (supervisor or admin)")
    rsub = p.add_subparsers(dest="report_command", metavar="PERIOD", required=True)
    for name, flag, metavar, parse, text in _PERIODS:
        r = rsub.add_parser(name, parents=[common], help=text + " — supervisor or admin only",
                            description=text + ". Needs the supervisor or admin role.")
        r.add_argument(flag, required=True, metavar=metavar, dest="period_text")
        r.add_argument("--out", metavar="F.pdf", help="write the PDF summary here")
        r.add_argument("--xlsx", metavar="F.xlsx", help="write the Excel workbook (figures and case lists) here")
        r.add_argument("--json", action="store_true", help="print the figures as JSON (ledger-format.md keys)")
        r.add_argument("--all-centres", action="store_true", help="figures over every centre of the database")
        r.set_defaults(func=lambda args, parse=parse: cmd_report(args, parse(args.period_text)))


def cmd_report(args, period: Period) -> int:
    centre = service.ALL_CENTRES if args.all_centres else None
    with signed_in(args) as (db, actor):
        if args.out or args.xlsx:
            from app.reports.summary import build_summary, write_outputs  # PDF/Excel only when asked

            summary = build_summary(db, actor, period, centre=centre)
            write_outputs(summary, pdf=args.out, xlsx=args.xlsx)
            result = summary.figures
        else:
            result = service.figures(db, actor, period, centre=centre)
    if args.json:
        print_json(result.as_json())
    else:
        _print(result)
        for path in (args.out, args.xlsx):
            if path:
                say(f"已写入 {path}")
    return 0


def _print(result: service.PeriodFigures) -> None:
    v = result.values
    say(f"{result.centre_name} {result.period.title}（{v['first_day']} 至 {v['last_day']}）")
    lines = [
        ("登记", v["registered"]), ("受理", v["accepted"]), ("不予受理", v["rejected"]),
        ("办结", v["closed"]), ("期末在办", v["open_at_end"]), ("期末超期", v["overdue_at_end"]),
        ("中小微企业", v["sme"]), ("涉外", v["overseas"]),
        ("调解成功率", _pct(v["mediation_success_rate"])),
        ("平均办理工作日", _num(v["avg_handling_workdays"])), ("满意度", _num(v["satisfaction_avg"])),
        ("年初至今登记", f"{v['ytd_registered']} / 年度目标 {v['annual_target']}"),
    ]
    for name, value in lines:
        say(f"  {name}：{value}")
    kinds = "，".join(f"{k} {n}" for k, n in v["by_ip_type"].items() if n)
    say(f"  按知识产权类型：{kinds or '无'}")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"
