"""`ipaid fair list | export-kit | open-kit | recover` (design.md §5 offline fair work)."""
from __future__ import annotations

from pathlib import Path

from app.cli.credentials import opened, read_password_file, signed_in
from app.cli.output import print_rows, say
from app.errors import UsageError
from app.services import fairs
from app.sync import kit


def register(sub, common) -> None:
    p = sub.add_parser("fair", help="trade fairs and offline fair kits")
    fsub = p.add_subparsers(dest="fair_command", metavar="ACTION", required=True)

    ls = fsub.add_parser("list", parents=[common], help="fairs with their complaint counts")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list)

    ex = fsub.add_parser("export-kit", parents=[common], help="issue a fair kit for one laptop (centre)")
    ex.add_argument("fair", metavar="FAIR", help="fair id or exact name")
    ex.add_argument("--out", required=True, metavar="FILE")
    ex.add_argument("--passphrase-file", metavar="F", help="encrypt the kit with this passphrase (recommended)")
    ex.add_argument("--laptop-name", default="", help="name of the laptop, shown in lists")
    ex.set_defaults(func=cmd_export_kit)

    op = fsub.add_parser("open-kit", parents=[common], help="open a fair kit into an empty laptop database")
    op.add_argument("kit", metavar="KIT_FILE")
    op.add_argument("--passphrase-file", metavar="F")
    op.set_defaults(func=cmd_open_kit)

    im = fsub.add_parser("import-exhibitors", parents=[common], help="add exhibitors from an Excel or CSV list")
    im.add_argument("fair", metavar="FAIR", help="fair id or exact name")
    im.add_argument("file", metavar="FILE", help=".xlsx or .csv with 参展商名称, 展馆, 展位, 展品, 统一社会信用代码")
    im.add_argument("--rejections", metavar="CSV", help="write the rejected rows here")
    im.set_defaults(func=cmd_import_exhibitors)

    rp = fsub.add_parser("report", parents=[common], help="the fair summary PDF for the organiser")
    rp.add_argument("fair", metavar="FAIR", help="fair id or exact name")
    rp.add_argument("--out", required=True, metavar="FILE.pdf")
    rp.set_defaults(func=cmd_report)

    rc = fsub.add_parser("recover", parents=[common],
                         help="set a new password on a laptop with the kit's one-time recovery code")
    rc.add_argument("name", metavar="USER")
    rc.add_argument("--code-file", required=True, metavar="F")
    rc.add_argument("--new-password-file", required=True, metavar="F")
    rc.set_defaults(func=cmd_recover)


def passphrase(args) -> str | None:
    path = getattr(args, "passphrase_file", None)
    if not path:
        return None
    value = read_password_file(path)
    if not value:
        raise UsageError(f"口令文件 {path} 是空的。", english=f"the passphrase file {path} is empty")
    return value


def cmd_list(args) -> int:
    with signed_in(args) as (db, actor):
        rows = fairs.list_fairs(db, actor)
    print_rows(rows, as_json=args.json, empty="（没有展会）",
               line=lambda f: f"{f.id}  {f.name}  {f.starts_on}～{f.ends_on}  投诉 {f.complaints}"
                              f"（受理 {f.accepted}，已处理 {f.handled}）",
               to_json=lambda f: {"id": str(f.id), "name": f.name, "venue": f.venue, "starts_on": f.starts_on,
                                  "ends_on": f.ends_on, "short_code": f.short_code, "complaints": f.complaints,
                                  "accepted": f.accepted, "handled": f.handled})
    return 0


def cmd_export_kit(args) -> int:
    secret = passphrase(args)
    with signed_in(args) as (db, actor):
        issued = kit.export_kit(db, actor, args.fair, Path(args.out), secret, laptop_name=args.laptop_name)
    counts = "，".join(f"{k} {v}" for k, v in issued.counts.items())
    say(f"已生成展会数据包 {issued.path}（{'已加密' if issued.encrypted else '未加密'}；{counts}）。")
    say(f"笔记本设备编号前缀 number prefix: {issued.number_prefix}")
    say(f"SHA-256: {issued.sha256}")
    say(f"一次性恢复码 recovery code（请抄写并另行保管，只显示这一次）: {issued.recovery_code}")
    if not issued.encrypted:
        say("注意：数据包未加密，含有个人信息，请用 --passphrase-file 加密或妥善保管。")
    return 0


def cmd_open_kit(args) -> int:
    secret = passphrase(args)
    with opened(args) as db:
        unpacked = kit.open_kit(db, Path(args.kit), secret)
    say(f"已打开展会数据包：{unpacked.fair_name}（设备前缀 {unpacked.number_prefix}）。")
    say(f"可登录的用户: {', '.join(unpacked.usernames) or '（无）'}")
    return 0


def cmd_recover(args) -> int:
    code = read_password_file(args.code_file)
    new = read_password_file(args.new_password_file)
    with opened(args) as db:
        kit.recover_account(db, args.name, code, new)
    say(f"已为 {args.name} 设置新密码；恢复码已作废。")
    return 0


def cmd_import_exhibitors(args) -> int:
    with signed_in(args) as (db, actor):
        fair = fairs.find_fair(db, actor, args.fair)
        report = fairs.import_exhibitors(db, actor, fair.id, Path(args.file))
    say(f"参展商：新增 {report.added}，更新 {report.updated}，拒绝 {len(report.rejected)}。")
    for row, reason in report.rejected:
        say(f"  第 {row} 行：{reason}")
    if args.rejections and report.rejected:
        fairs.write_rejections(report, Path(args.rejections))
        say(f"拒绝清单已写入 {args.rejections}")
    return 3 if report.rejected else 0


def cmd_report(args) -> int:
    from app.pdf.fair_summary_pdf import fair_summary_pdf
    from app.sync.bundle import write_file

    with signed_in(args) as (db, actor):
        fair = fairs.find_fair(db, actor, args.fair)
        summary = fairs.fair_summary(db, actor, fair.id)
    write_file(Path(args.out), fair_summary_pdf(summary))
    say(f"已生成 {args.out}（投诉 {len(summary.complaints)} 件）。")
    return 0
