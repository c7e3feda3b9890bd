"""`ipaid consultation …`, `ipaid knowledge …`, `ipaid expert …`, `ipaid institution …`:
the consultation log, the knowledge base, the expert pool and the cooperating units."""
from __future__ import annotations

import argparse
import uuid
from datetime import datetime, timezone

from app.cli.args import day
from app.cli.credentials import signed_in
from app.cli.output import print_json, print_rows, say
from app.labels import CHANNEL, INSTITUTION_KIND, IP_KIND, TOPIC, label
from app.services import consultations, experts, institutions, knowledge



def _instant(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"时间应写成 ISO 8601（如 2026-03-02T09:30+08:00）：{text}") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"时间需要带时区（如 +08:00）：{text}")
    return value


def _uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是有效的记录编号：{text}") from None


def register(sub, common) -> None:
    _register_consultation(sub, common)
    _register_knowledge(sub, common)
    _register_expert(sub, common)
    _register_institution(sub, common)


# ------------------------------------------------------------------ consultation
def _register_consultation(sub, common) -> None:
    p = sub.add_parser("consultation", help="consultation log (咨询)")
    csub = p.add_subparsers(dest="consultation_command", metavar="ACTION", required=True)

    ls = csub.add_parser("list", parents=[common], help="list consultations, newest first")
    ls.add_argument("--from", dest="start", type=day, metavar="YYYY-MM-DD")
    ls.add_argument("--to", dest="end", type=day, metavar="YYYY-MM-DD")
    ls.add_argument("--search", metavar="TEXT", help="asker, question or answer (pinyin of names too)")
    ls.add_argument("--topic", help="topic label or code")
    ls.add_argument("--channel", help="channel label or code")
    ls.add_argument("--limit", type=int, default=500)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list)

    cn = csub.add_parser("counts", parents=[common], help="counts by topic, channel and IP kind for a period")
    cn.add_argument("--from", dest="start", type=day, required=True, metavar="YYYY-MM-DD")
    cn.add_argument("--to", dest="end", type=day, required=True, metavar="YYYY-MM-DD")
    cn.add_argument("--json", action="store_true")
    cn.set_defaults(func=cmd_counts)

    add = csub.add_parser("add", parents=[common], help="record a consultation")
    add.add_argument("--started", type=_instant, help="ISO 8601 with offset (default: now)")
    add.add_argument("--ended", type=_instant, help="ISO 8601 with offset (default: now)")
    add.add_argument("--channel", required=True, help=f"one of {'、'.join(CHANNEL.values())}")
    add.add_argument("--topic", required=True, help=f"one of {'、'.join(TOPIC.values())}")
    add.add_argument("--ip-kind", help=f"one of {'、'.join(IP_KIND.values())}")
    add.add_argument("--asker", default="")
    add.add_argument("--phone", default="")
    add.add_argument("--question", required=True)
    add.add_argument("--answer", default="")
    add.add_argument("--json", action="store_true")
    add.set_defaults(func=cmd_add)

    tc = csub.add_parser("to-case", parents=[common], help="turn a consultation into a case (待受理)")
    tc.add_argument("id", type=_uuid)
    tc.add_argument("--applicant", help="applicant name (default: the asker)")
    tc.add_argument("--confirm", action="store_true",
                    help="register even when earlier cases show a conflict of interest (they are listed first)")
    tc.add_argument("--json", action="store_true")
    tc.set_defaults(func=cmd_to_case)

    ex = csub.add_parser("export", parents=[common], help="write the list to an .xlsx (phones masked)")
    ex.add_argument("--out", required=True, metavar="FILE.xlsx")
    ex.add_argument("--from", dest="start", type=day, metavar="YYYY-MM-DD")
    ex.add_argument("--to", dest="end", type=day, metavar="YYYY-MM-DD")
    ex.add_argument("--reveal", action="store_true", help="phones in clear (supervisor or admin only)")
    ex.set_defaults(func=cmd_export)


def cmd_list(args) -> int:
    with signed_in(args) as (db, actor):
        rows = consultations.list_consultations(
            db, actor, start=args.start, end=args.end, query=args.search, topic=args.topic,
            channel=args.channel, limit=args.limit)
        zone = consultations.centre_zone(db, actor)
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    for r in rows:
        when = r.started_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        say(f"{when}  {label(CHANNEL, r.channel)}  {label(TOPIC, r.topic)}  {r.asker_name or '（匿名）'}  "
            f"{r.question[:40]}{'  → ' + r.case_no if r.case_no else ''}")
    say(f"共 {len(rows)} 条。")
    return 0


def cmd_counts(args) -> int:
    with signed_in(args) as (db, actor):
        counts = consultations.counts_for(db, actor, args.start, args.end)
    labelled = consultations.counts_as_labels(counts)
    if args.json:
        print_json(labelled)
        return 0
    say(f"{args.start} 至 {args.end} 咨询共 {labelled['total']} 次")
    for key, title in (("by_topic", "按主题"), ("by_channel", "按渠道"), ("by_ip_kind", "按知识产权类型")):
        say(f"{title}：" + "，".join(f"{k} {n}" for k, n in labelled[key].items() if n))
    return 0


def cmd_add(args) -> int:
    with signed_in(args) as (db, actor):
        now = datetime.now(timezone.utc)
        row = consultations.record_consultation(db, actor, consultations.ConsultationInput(
            started_at=args.started or now, ended_at=args.ended, channel=args.channel, topic=args.topic,
            ip_kind=args.ip_kind, asker_name=args.asker, asker_phone=args.phone, question=args.question,
            answer=args.answer))
    if args.json:
        print_json(row.as_json())
    else:
        say(f"已记录咨询 {row.id}。")
    return 0


def cmd_to_case(args) -> int:
    with signed_in(args) as (db, actor):
        made = consultations.consultation_to_case(db, actor, args.id, applicant_name=args.applicant,
                                                    confirmed=args.confirm)
    if args.json:
        print_json({"case_id": str(made.case_id), "case_no": made.case_no, "party_id": str(made.party_id),
                    "party_created": made.party_created, "decision_due_on": made.decision_due_on})
    else:
        say(f"已登记案件 {made.case_no}，受理决定期限 {made.decision_due_on}。")
    return 0


def cmd_export(args) -> int:
    with signed_in(args) as (db, actor):
        n = consultations.export_consultations(db, actor, args.out, reveal=args.reveal, start=args.start, end=args.end)
    say(f"已导出 {n} 条到 {args.out}。")
    return 0


# ------------------------------------------------------------------ knowledge
def _register_knowledge(sub, common) -> None:
    p = sub.add_parser("knowledge", help="knowledge base (知识库)")
    ksub = p.add_subparsers(dest="knowledge_command", metavar="ACTION", required=True)
    ls = ksub.add_parser("list", parents=[common], help="list items")
    ls.add_argument("--search", metavar="TEXT")
    ls.add_argument("--status", help="草稿 / 已审核 / 已停用")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_knowledge_list)
    sg = ksub.add_parser("suggest", parents=[common], help="approved answers for a question")
    sg.add_argument("question")
    sg.add_argument("--limit", type=int, default=5)
    sg.add_argument("--json", action="store_true")
    sg.set_defaults(func=cmd_knowledge_suggest)


def cmd_knowledge_list(args) -> int:
    with signed_in(args) as (db, actor):
        rows = knowledge.list_items(db, actor, query=args.search, status=args.status)
    print_rows(rows, as_json=args.json, line=lambda r: f"[{knowledge.KNOWLEDGE_STATUS[r.status]}] {r.question[:50]}")
    return 0


def cmd_knowledge_suggest(args) -> int:
    with signed_in(args) as (db, actor):
        found = knowledge.suggest(db, actor, args.question, limit=args.limit)
    print_rows(found, as_json=args.json, line=lambda x: f"{x.score:.2f}  {x.question[:50]}",
               to_json=lambda x: {"id": str(x.id), "question": x.question, "answer": x.answer, "score": x.score})
    return 0


# ------------------------------------------------------------------ expert
def _register_expert(sub, common) -> None:
    p = sub.add_parser("expert", help="expert pool (专家库)")
    esub = p.add_subparsers(dest="expert_command", metavar="ACTION", required=True)
    fd = esub.add_parser("find", parents=[common], help="experts for a technical field, minus conflicted ones")
    fd.add_argument("--field", required=True, help="IPC symbol (H04, H04W, G06F 3/01) or free words")
    fd.add_argument("--case", metavar="CASE_NO", help="leave out experts conflicted with this case's parties")
    fd.add_argument("--include-inactive", action="store_true")
    fd.add_argument("--json", action="store_true")
    fd.set_defaults(func=cmd_expert_find)
    ls = esub.add_parser("list", parents=[common], help="list experts")
    ls.add_argument("--search", metavar="TEXT", help="name, organisation, keywords; pinyin works")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_expert_list)


def cmd_expert_find(args) -> int:
    with signed_in(args) as (db, actor):
        found = experts.find_experts(db, actor, args.field, case_no=args.case, include_inactive=args.include_inactive)
    if args.json:
        print_json({
            "field": found.field, "case_no": found.case_no or None,
            "experts": [r.as_json() for r in found.matches],
            "excluded": [{"name": x.expert.name, "party": x.party_name, "reason": x.reason} for x in found.excluded],
        })
        return 0
    for r in found.matches:
        say(f"{r.name}  {r.title}  {r.organisation}  {'；'.join(r.ipc_fields)}")
    for x in found.excluded:
        say(f"（回避）{x.expert.name}：与 {x.party_name} 有利害关系{('，' + x.reason) if x.reason else ''}")
    say(f"找到 {len(found.matches)} 位专家" + (f"，{len(found.excluded)} 位需回避" if found.excluded else "") + "。")
    return 0


def cmd_expert_list(args) -> int:
    with signed_in(args) as (db, actor):
        rows = experts.list_experts(db, actor, query=args.search)
    print_rows(rows, as_json=args.json,
               line=lambda r: f"{r.name}  {r.title}  {r.organisation}  {'；'.join(r.ipc_fields)}  {r.keywords}")
    return 0


# ------------------------------------------------------------------ institution
def _register_institution(sub, common) -> None:
    p = sub.add_parser("institution", help="cooperating units (合作单位库)")
    isub = p.add_subparsers(dest="institution_command", metavar="ACTION", required=True)
    ls = isub.add_parser("list", parents=[common], help="list cooperating units")
    ls.add_argument("--search", metavar="TEXT", help="name; pinyin and initials work")
    ls.add_argument("--kind", help=f"one of {'、'.join(INSTITUTION_KIND.values())}")
    ls.add_argument("--region")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_institution_list)


def cmd_institution_list(args) -> int:
    with signed_in(args) as (db, actor):
        rows = institutions.list_institutions(db, actor, query=args.search, kind=args.kind, region=args.region)
    print_rows(rows, as_json=args.json, line=lambda r: f"{label(INSTITUTION_KIND, r.kind)}  {r.name}  {r.region}  {r.contact}")
    return 0


__all__ = ["register"]
