"""`ipaid sync export | import | conflicts | resolve | receipt` (design.md §5, §7)."""
from __future__ import annotations

import uuid
from pathlib import Path

from app.cli.commands.fair import passphrase
from app.cli.credentials import signed_in
from app.cli.output import print_json, print_rows, say, warn
from app.errors import UsageError
from app.sync import export, merge, receipt


def register(sub, common) -> None:
    p = sub.add_parser("sync", help="return bundles from fair laptops")
    ssub = p.add_subparsers(dest="sync_command", metavar="ACTION", required=True)

    ex = ssub.add_parser("export", parents=[common], help="laptop: write the return bundle")
    ex.add_argument("--out", required=True, metavar="FILE")
    ex.add_argument("--passphrase-file", metavar="F")
    ex.set_defaults(func=cmd_export)

    im = ssub.add_parser("import", parents=[common], help="centre: import a return bundle (exit 3 when conflicts wait)")
    im.add_argument("bundle", metavar="BUNDLE_FILE")
    im.add_argument("--passphrase-file", metavar="F")
    im.add_argument("--receipt", metavar="FILE", help="where to write the receipt (default: BUNDLE_FILE.receipt)")
    im.add_argument("--json", action="store_true")
    im.set_defaults(func=cmd_import)

    cf = ssub.add_parser("conflicts", parents=[common], help="centre: conflicts waiting for a person")
    cf.add_argument("--all", action="store_true", help="also resolved ones")
    cf.add_argument("--json", action="store_true")
    cf.set_defaults(func=cmd_conflicts)

    rs = ssub.add_parser("resolve", parents=[common], help="centre: resolve one conflict")
    rs.add_argument("id", metavar="ID")
    rs.add_argument("--take", required=True, choices=["centre", "laptop"])
    rs.add_argument("--note", default="")
    rs.set_defaults(func=cmd_resolve)

    rc = ssub.add_parser("receipt", parents=[common],
                         help="laptop: verify the centre's receipt; with --close, wipe this laptop's data")
    rc.add_argument("receipt", metavar="RECEIPT_FILE")
    rc.add_argument("--close", action="store_true", help="close the kit and delete every record on this laptop")
    rc.set_defaults(func=cmd_receipt)


def cmd_export(args) -> int:
    secret = passphrase(args)
    with signed_in(args) as (db, actor):
        r = export.export_return(db, actor, Path(args.out), secret)
    say(f"已生成回传数据包 {r.path}（{'已加密' if r.encrypted else '未加密'}）。")
    say(f"新增 created: {r.created}  修改 changed: {r.changed}  删除 deleted: {r.deleted}  "
        f"审计事件 audit events: {r.audit_events}  文件 files: {r.files}")
    say(f"SHA-256: {r.sha256}")
    return 0


def cmd_import(args) -> int:
    secret = passphrase(args)
    with signed_in(args) as (db, actor):
        r = merge.import_bundle(db, actor, Path(args.bundle), secret,
                                receipt_out=Path(args.receipt) if args.receipt else None)
        waiting = len(merge.list_conflicts(db, actor))
    if args.json:
        print_json({"bundle_id": r.bundle_id, "device_id": r.device_id, "already_imported": r.already_imported,
                    **r.counts, "conflicts_waiting": waiting, "flags": list(r.flags),
                    "receipt": str(r.receipt) if r.receipt else None})
    else:
        if r.already_imported:
            say("该数据包已导入过，本次未作任何改动。(already imported: nothing changed)")
        say(f"新增 inserted: {r.inserted}")
        say(f"更新 updated: {r.updated}")
        say(f"未变 unchanged: {r.unchanged}")
        say(f"冲突 conflicts: {r.conflicts}")
        say(f"审计事件 audit events: {r.audit_events}  文件 files: {r.files}")
        for flag in r.flags:
            say(f"提示 check: {flag}")
        say(f"回执 receipt: {r.receipt}")
    if waiting:
        warn(f"ipaid: 有 {waiting} 个冲突等待处理：ipaid sync conflicts / ipaid sync resolve ID --take centre|laptop")
        return 3
    return 0


def _show(value) -> str:
    if value is None:
        return "（空）"
    return str(value)


def cmd_conflicts(args) -> int:
    with signed_in(args) as (db, actor):
        rows = merge.list_conflicts(db, actor, include_resolved=args.all)
    print_rows(rows, as_json=args.json, empty="没有等待处理的冲突。",
               line=lambda c: f"{c.id}  {c.table_label} {c.record_label} · {c.field}：中心 {_show(c.centre_value)} | "
                              f"笔记本 {_show(c.laptop_value)}（{c.device}）",
               to_json=lambda c: {
                   "id": c.id, "table": c.table, "table_label": c.table_label, "record_id": c.record_id,
                   "record": c.record_label, "field": c.field, "centre_value": c.centre_value,
                   "laptop_value": c.laptop_value, "device": c.device, "created_at": c.created_at,
                   "resolution": {"centre": "保留中心", "laptop": "采用笔记本"}.get(c.resolution or "", None),
                   "resolved_at": c.resolved_at})
    return 0


def cmd_resolve(args) -> int:
    try:
        conflict_id = uuid.UUID(args.id)
    except ValueError:
        raise UsageError(f"冲突编号 {args.id} 格式不对。", english="bad conflict id") from None
    with signed_in(args) as (db, actor):
        c = merge.resolve_conflict(db, actor, conflict_id, args.take, args.note)
    taken = "保留中心的值" if args.take == "centre" else "采用笔记本的值"
    say(f"已处理冲突 {c.id}（{c.table_label} {c.record_label} · {c.field}）：{taken}。")
    return 0


def cmd_receipt(args) -> int:
    with signed_in(args) as (db, actor):
        check = (receipt.close_kit if args.close else receipt.verify_receipt)(db, actor, Path(args.receipt))
    say(f"回执有效：数据包 {check.bundle_id} 已于 {check.imported_at} 由 {check.imported_by} 导入中心。")
    if args.close:
        say("展会数据包已关闭，本机上的记录（含个人信息）已删除。")
    elif check.covers_everything:
        say("本机的全部记录都已到达中心，可以关闭展会数据包：ipaid sync receipt 回执文件 --close")
    else:
        say(f"还不能关闭：{check.reason}。")
        return 3
    return 0
