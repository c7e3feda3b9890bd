"""`ipaid opinion list|print`: infringement-determination reference opinions."""
from __future__ import annotations

from pathlib import Path

from app.cli.credentials import signed_in
from app.cli.output import print_rows, say
from app.errors import UsageError
from app.labels import OPINION_KIND, OPINION_STATUS, label
from app.services import opinions


def register(sub, common) -> None:
    p = sub.add_parser("opinion", help="infringement-determination reference opinions")
    osub = p.add_subparsers(dest="opinion_command", metavar="ACTION", required=True)

    ls = osub.add_parser("list", parents=[common], help="list opinions (number or id, case, kind, status, version)")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list)

    pr = osub.add_parser("print", parents=[common],
                         help="write an opinion as PDF (issued: the stored PDF byte for byte; else rendered now)")
    pr.add_argument("number_or_id", metavar="NUMBER_OR_ID")
    pr.add_argument("--rev", type=int, default=None, metavar="N", help="version N of the same opinion")
    pr.add_argument("--out", required=True, metavar="FILE.pdf")
    pr.set_defaults(func=cmd_print)


def cmd_list(args) -> int:
    with signed_in(args) as (db, actor):
        rows = opinions.list_opinions(db, actor)
    print_rows(rows, as_json=args.json, to_json=lambda r: {
        "id": str(r.id), "number": r.opinion_no, "case_no": r.case_no, "kind": label(OPINION_KIND, r.kind),
        "status": label(OPINION_STATUS, r.status), "version": r.version_no, "title": r.title,
        "due_on": r.due_on, "issued_on": r.issued_on,
    }, line=lambda r: f"{r.opinion_no or r.id}  {r.case_no}  {label(OPINION_KIND, r.kind)}  "
                      f"{label(OPINION_STATUS, r.status)}  第{r.version_no}版")
    return 0


def cmd_print(args) -> int:
    out = Path(args.out)
    if not out.parent.is_dir():
        raise UsageError(f"输出目录不存在：{out.parent}", english=f"no such directory: {out.parent}")
    with signed_in(args) as (db, actor):
        view = opinions.find_opinion(db, actor, args.number_or_id, rev=args.rev)
        pdf = opinions.opinion_pdf(db, actor, view.id)
    try:
        out.write_bytes(pdf)
    except OSError as exc:
        raise UsageError(f"无法写入 {out}：{exc.strerror}", english=str(exc)) from exc
    kind = "已出具文本" if view.status == "issued" else "未出具，按当前内容生成"
    say(f"已写出 {out}（{view.opinion_no or view.id}，第{view.version_no}版，{kind}）。")
    return 0
