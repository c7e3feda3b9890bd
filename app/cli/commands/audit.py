"""`ipaid audit verify` and `ipaid check` (admin or supervisor).

Exit 0 when everything holds; exit 3 when the check ran to the end and found something broken
(design.md §7: 3 = "done with rejections or conflicts" — the command did its work and the
finding needs a person; 1 would claim a bug of ours, 2 an unusable input, which the database is
not: it opened and could be read). Unreadable or unusable databases still exit 2.
"""
from __future__ import annotations

from sqlalchemy.exc import DatabaseError as SQLDatabaseError

from app.cli.credentials import login, opened
from app.cli.output import print_json, say
from app.errors import DatabaseUnavailable
from app.integrity import AuditResult, ChainResult, CheckResult, check_database, verify_audit

BROKEN_EXIT = 3


def register(sub, common) -> None:
    p = sub.add_parser("audit", help="audit trail tools")
    asub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = asub.add_parser("verify", parents=[common], help="verify every device's audit chain (exit 3 if broken)")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_verify)

    c = sub.add_parser("check", parents=[common],
                       help="audit chains + SQLite integrity + foreign keys + rows changed behind the program's back")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_check)


def _run(args, work):
    with opened(args) as db:
        try:  # the sign-in reads the database too, so it sits inside
            return work(db, login(db, args))
        except SQLDatabaseError as exc:  # damaged pages surface as driver errors
            raise DatabaseUnavailable(f"数据库 {db.label} 无法读取，可能已损坏：{str(exc.orig).splitlines()[0]}。"
                                      "请用 ipaid restore 从备份恢复。", english="database unreadable") from exc


def _report(args, work, as_json, as_lines, passed) -> int:
    """Run one check, print its result as JSON or lines; exit 3 when `passed(result)` is false."""
    result = _run(args, work)
    if args.json:
        print_json(as_json(result))
    else:
        for line in as_lines(result):
            say(line)
    return 0 if passed(result) else BROKEN_EXIT


def cmd_verify(args) -> int:
    return _report(args, verify_audit, audit_json, audit_lines, lambda r: r.intact)


def cmd_check(args) -> int:
    return _report(args, check_database, check_json, check_lines, lambda r: r.ok)


# ------------------------------------------------------------------ output
def chain_json(c: ChainResult) -> dict:
    r = c.report
    # `events`: how many were read (up to the break); a broken chain has no trustworthy head,
    # only the hash of its last good event.
    return {"device": r.device_id, "device_name": c.device_name, "events": r.events, "intact": r.intact,
            "head_hash": r.head_hash if r.intact else None,
            "last_good_hash": None if r.intact else r.head_hash,
            "broken_at": r.broken_at, "problem": r.problem or None}


def audit_json(result: AuditResult) -> dict:
    first = result.first_broken
    return {"intact": result.intact, "chains": [chain_json(c) for c in result.chains],
            "first_broken": chain_json(first) if first else None}


def chain_line(c: ChainResult) -> str:
    r = c.report
    name = f"设备 {r.device_id}" + (f"（{c.device_name}）" if c.device_name else "")
    if r.intact:
        return f"{name}：{r.events} 个事件，链完好，链头 {r.head_hash[:16]}…"
    return f"{name}：在序号 {r.broken_at} 处断开 —— {r.problem}"


def audit_lines(result: AuditResult) -> list[str]:
    lines = [chain_line(c) for c in result.chains] or ["没有审计事件。"]
    first = result.first_broken
    if first:
        lines.append(f"审计链已被破坏：第一个断点在设备 {first.report.device_id} 的序号 {first.report.broken_at}"
                     f"（{first.report.problem}）。(audit chain broken)")
    else:
        lines.append("所有审计链完好。(all audit chains intact)")
    return lines


def check_json(r: CheckResult) -> dict:
    return {
        "ok": r.ok,
        "audit": audit_json(r.audit),
        "sqlite_integrity": list(r.sqlite_integrity) if r.sqlite_integrity is not None else None,
        "foreign_key_problems": list(r.foreign_key_problems) if r.foreign_key_problems is not None else None,
        "changed_rows": [
            {"table": c.table, "record_id": c.record_id, "fields": list(c.fields),
             "last_event_device": c.last_event_device, "last_event_seq": c.last_event_seq}
            for c in r.changed_rows
        ],
        "never_evented": {t: {"count": n, "sample_ids": list(r.never_evented_ids[t])}
                          for t, n in r.never_evented.items()},
        "vouched_tables": list(r.vouched_tables),
        "notes": list(r.notes),
    }


def check_lines(r: CheckResult) -> list[str]:
    lines = audit_lines(r.audit)
    if r.sqlite_integrity is not None:
        ok = r.sqlite_integrity == ("ok",)
        lines.append("SQLite 完整性检查：通过。" if ok else "SQLite 完整性检查发现问题：")
        if not ok:
            lines += [f"  {x}" for x in r.sqlite_integrity[:50]]
    if r.foreign_key_problems is not None:
        lines.append("外键检查：通过。" if not r.foreign_key_problems else "外键检查发现问题：")
        lines += [f"  {x}" for x in r.foreign_key_problems[:50]]
    if r.changed_rows:
        lines.append(f"有 {len(r.changed_rows)} 条记录的当前值与其最后一个审计事件不符（可能在程序之外被改动）：")
        lines += [f"  {c.table} {c.record_id}：{'、'.join(c.fields)}（最后事件：设备 {c.last_event_device} 序号 "
                  f"{c.last_event_seq}）" for c in r.changed_rows[:100]]
    else:
        lines.append("数据记录与审计事件一致。")
    for table, n in r.never_evented.items():
        lines.append(f"注意：{table} 中有 {n} 条记录从未记入审计（不是篡改的证据，可能来自绕过程序的导入）。")
    lines += r.notes
    lines.append("检查通过。(check passed)" if r.ok else "检查未通过。(check failed)")
    return lines

