"""`ipaid case show CASE_NO` (with the timeline) and `ipaid case register …`."""
from __future__ import annotations


from app.cli.args import day
from app.cli.credentials import signed_in
from app.cli.output import print_json, say, warn
from app.errors import UsageError
from app.labels import (CASE_STATUS, CHANNEL, DISPUTE_TYPE, IP_KIND, MEDIATION_RESULT, OUTCOME, PARTY_KIND,
                        REFERRAL_TARGET, SERVICE, code_for, label)
from app.services import cases
from app.services.parties import PartyInput
from app.services.rights import RightInput


def register(sub, common) -> None:
    p = sub.add_parser("case", help="assistance requests (维权援助申请)")
    csub = p.add_subparsers(dest="case_command", metavar="ACTION", required=True)

    show = csub.add_parser("show", parents=[common], help="show a case with its timeline")
    show.add_argument("case_no", metavar="CASE_NO")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)

    note = csub.add_parser("notice", parents=[common], help="print 受理/不予受理/补正通知书 as PDF")
    note.add_argument("case_no", metavar="CASE_NO")
    note.add_argument("--kind", required=True, choices=["受理", "不予受理", "补正"])
    note.add_argument("--out", required=True, metavar="FILE.pdf")
    note.set_defaults(func=cmd_notice)

    reg = csub.add_parser("register", parents=[common], help="register a request (conflicts need --confirm)")
    reg.add_argument("--applicant", required=True, metavar="NAME")
    reg.add_argument("--applicant-kind", default="企业", metavar="KIND", help="自然人|企业|事业单位|社会组织|其他")
    reg.add_argument("--applicant-id", default="", metavar="ID", help="resident ID or credit code")
    reg.add_argument("--applicant-phone", default="")
    reg.add_argument("--opposing", default="", metavar="NAME")
    reg.add_argument("--opposing-kind", default="企业", metavar="KIND")
    reg.add_argument("--opposing-id", default="", metavar="ID")
    reg.add_argument("--right", action="append", required=True, metavar="KIND:NUMBER",
                     help="e.g. 发明专利:ZL202310123456.6 or 商标:12345678 (repeatable)")
    reg.add_argument("--nice", default="", metavar="CLASSES", help="Nice classes of the trademark, e.g. 9,35")
    reg.add_argument("--dispute", default="侵权纠纷")
    reg.add_argument("--channel", default="来访")
    reg.add_argument("--service", action="append", default=[], metavar="SERVICE")
    reg.add_argument("--overseas", action="store_true")
    reg.add_argument("--summary", default="")
    reg.add_argument("--registered-on", type=day, default=None, metavar="YYYY-MM-DD")
    reg.add_argument("--confirm", action="store_true", help="register even though conflicts were found")
    reg.add_argument("--json", action="store_true")
    reg.set_defaults(func=cmd_register)



def _code(values, text: str, what: str) -> str:
    code = code_for(values, text.strip())
    if code is None:
        raise UsageError(f"{what}“{text}”无效；可选：{'、'.join(values.values())}。", english=f"bad {what}: {text}")
    return code


def _right(text: str, nice: str) -> RightInput:
    kind, sep, number = text.partition(":")
    if not sep:
        kind, sep, number = text.partition("：")
    if not sep:
        raise UsageError(f"--right {text}：应写成 类型:号码，如 发明专利:202310123456.6。", english="--right KIND:NUMBER")
    code = _code(IP_KIND, kind, "知识产权类型")
    return RightInput(code, number.strip(), nice_classes=nice if code == "trademark" else "")


def cmd_register(args) -> int:
    data = cases.CaseInput(
        applicant=PartyInput(name=args.applicant, kind=_code(PARTY_KIND, args.applicant_kind, "当事人类型"),
                             identifier=args.applicant_id, phone=args.applicant_phone),
        opposing=PartyInput(name=args.opposing, kind=_code(PARTY_KIND, args.opposing_kind, "当事人类型"),
                            identifier=args.opposing_id) if args.opposing else None,
        rights=tuple(_right(r, args.nice) for r in args.right),
        dispute_type=_code(DISPUTE_TYPE, args.dispute, "纠纷类型"), channel=_code(CHANNEL, args.channel, "受理渠道"),
        services=tuple(_code(SERVICE, s, "申请服务") for s in args.service), overseas=args.overseas,
        summary=args.summary, registered_on=args.registered_on,
    )
    with signed_in(args) as (db, actor):
        try:
            h = cases.register(db, actor, data, confirmed=args.confirm)
        except cases.ConflictsNeedConfirmation as exc:
            for c in exc.conflicts:
                warn(f"冲突：{c.text}")
            warn("如确认仍要登记，请加 --confirm。")
            raise
    if args.json:
        print_json({"id": str(h.id), "case_no": h.case_no, "status": CASE_STATUS[h.status]})
    else:
        say(f"已登记 {h.case_no}（{CASE_STATUS[h.status]}）。")
    return 0


def detail_json(d: cases.CaseDetail) -> dict:
    party = (lambda p: None if p is None else {"name": p.name, "kind": PARTY_KIND[p.kind],
                                               "identifier": p.identifier})
    return {
        "id": str(d.id), "case_no": d.case_no, "status": CASE_STATUS[d.status], "registered_on": d.registered_on,
        "channel": CHANNEL[d.channel], "applicant": party(d.applicant), "opposing_party": party(d.opposing),
        "rights": [{"kind": IP_KIND[r.kind], "number": r.number, "title": r.title, "nice_classes": r.nice_classes}
                   for r in d.rights],
        "dispute_type": DISPUTE_TYPE[d.dispute_type], "overseas": d.overseas,
        "services": [SERVICE[s] for s in d.services], "summary": d.summary, "assignee": d.assignee_name or None,
        "decided_on": d.decided_on, "refusal_reason": d.refusal_reason or None,
        "decision_due_on": d.decision_due_on, "close_due_on": d.close_due_on, "followup_due_on": d.followup_due_on,
        "closed_on": d.closed_on, "outcome": label(OUTCOME, d.outcome) or None,
        "followed_up_on": d.followed_up_on, "satisfaction": d.satisfaction,
        "deadline": None if d.countdown is None else {"due_on": d.countdown.due_on, "text": d.countdown.text,
                                                      "overdue": d.countdown.overdue,
                                                      "notice": d.countdown.fallback_notice or None},
        "referrals": [{"target": REFERRAL_TARGET[r.target], "institution": r.institution, "referred_on": r.referred_on,
                       "result": r.result or None, "result_on": r.result_on} for r in d.referrals],
        "mediations": [{"started_on": m.started_on, "ended_on": m.ended_on, "result": label(MEDIATION_RESULT, m.result) or None,
                        "judicial_confirmation": m.judicial_confirmation} for m in d.mediations],
        "timeline": [{"on": e.on, "at": e.at, "by": e.actor_name, "kind": e.kind, "text": e.text} for e in d.timeline],
        "version": d.version,
    }


def cmd_show(args) -> int:
    with signed_in(args) as (db, actor):
        d = cases.get_case(db, actor, cases.find_case_id(db, actor, args.case_no))
    if args.json:
        print_json(detail_json(d))
        return 0
    say(f"{d.case_no}  {CASE_STATUS[d.status]}" + (f"  {d.countdown.text}（{d.countdown.due_on}）" if d.countdown else ""))
    say(f"申请人：{d.applicant.name} {d.applicant.identifier}".rstrip())
    if d.opposing:
        say(f"被申请人：{d.opposing.name}")
    for r in d.rights:
        say(f"知识产权：{IP_KIND[r.kind]} {r.number} {r.title}".rstrip())
    say(f"登记日期：{d.registered_on}  渠道：{CHANNEL[d.channel]}  纠纷类型：{DISPUTE_TYPE[d.dispute_type]}")
    if d.assignee_name:
        say(f"承办人：{d.assignee_name}")
    if d.summary:
        say(f"案情摘要：{d.summary}")
    if d.countdown and d.countdown.fallback_notice:
        warn(d.countdown.fallback_notice)
    say("办理过程：")
    for e in d.timeline:
        say(f"  {e.on}  {e.actor_name}  {e.text}")
    return 0


def cmd_notice(args) -> int:
    from pathlib import Path

    from app.services import case_notices

    kind = {"受理": "acceptance", "不予受理": "refusal", "补正": "supplement"}[args.kind]
    with signed_in(args) as (db, actor):
        pdf = case_notices.print_notice(db, actor, cases.find_case_id(db, actor, args.case_no), kind)
    try:
        Path(args.out).write_bytes(pdf)
    except OSError as exc:
        raise UsageError(f"无法写入 {args.out}：{exc.strerror}。", english=f"cannot write {args.out}") from exc
    say(f"已生成 {args.kind}通知书：{args.out}")
    return 0
