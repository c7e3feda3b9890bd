"""A record's history in Chinese: who, when, what changed (design.md §7 Audit chains).

Built from the audit events of the record: the first event lists what was entered, each later
one is compared with the one before it. Personal fields are hashed in events (never in clear),
so for them the history says that they changed, not what to.
"""
from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import labels as L
from app.audit import PERSON_FIELDS, PERSONAL_FIELDS
from app.context import Actor
from app.database import Database
from app.service import read_call
from app.services.today import centre_zone
from db.models import AssistCase, AuditEvent, IpRight, Party, User

FIELD_LABELS: dict[str, dict[str, str]] = {
    "assist_case": {
        "case_no": "案件编号", "registered_on": "登记日期", "channel": "来源渠道", "applicant_id": "申请人",
        "opposing_party_id": "对方当事人", "ip_kind": "知识产权类型", "dispute_type": "纠纷类型",
        "overseas": "涉外", "services": "请求服务", "summary": "案情摘要", "assignee_id": "承办人",
        "status": "状态", "supplement_requested_on": "补正通知日期", "supplement_due_on": "补正期限",
        "supplement_received_on": "补正材料收到日期", "paused_workdays": "暂停工作日数",
        "decision": "受理决定", "decided_on": "决定日期", "refusal_reason": "不予受理理由",
        "closed_on": "办结日期", "outcome": "办理结果", "followed_up_on": "回访日期",
        "satisfaction": "满意度", "archived_on": "归档日期", "decision_due_on": "受理决定期限",
        "close_due_on": "办结期限", "followup_due_on": "回访期限", "source": "来源",
        "consultation_id": "关联咨询", "fair_id": "关联展会", "note": "备注", "deleted": "已删除",
    },
    "party": {
        "kind": "当事人类型", "name": "名称/姓名", "identifier": "证件号码", "scale": "企业规模",
        "private_enterprise": "民营企业", "going_global": "出海企业", "region": "地区", "contact": "联系人",
        "phone": "联系电话", "address": "地址", "note": "备注", "deleted": "已删除",
    },
    "opinion": {
        "case_id": "所属案件", "opinion_no": "意见书编号", "kind": "意见类型", "version_no": "版本",
        "previous_id": "上一版本", "status": "状态", "on_site": "现场参考意见", "title": "标题",
        "right_id": "涉及权利", "right_status_text": "权利状态", "status_checked_on": "法律状态核查日期",
        "accused_object": "被控对象", "analysis": "分析意见", "body": "比对内容",
        "suggested_conclusion": "建议结论", "conclusion": "结论", "requested_on": "申请日期",
        "due_on": "期限", "drafted_by": "起草人", "submitted_at": "提交审核时间", "approved_by": "批准人",
        "approved_at": "批准时间", "issued_on": "出具日期", "issued_sha256": "出具文件",
        "void_reason": "作废理由", "deleted": "已删除",
    },
}
# Codes shown as their glossary labels.
CODE_LISTS: dict[tuple[str, str], Mapping[str, str]] = {
    ("assist_case", "channel"): L.CHANNEL, ("assist_case", "ip_kind"): L.IP_KIND,
    ("assist_case", "dispute_type"): L.DISPUTE_TYPE, ("assist_case", "services"): L.SERVICE,
    ("assist_case", "status"): L.CASE_STATUS, ("assist_case", "decision"): L.CASE_STATUS,
    ("assist_case", "outcome"): L.OUTCOME, ("party", "kind"): L.PARTY_KIND, ("party", "scale"): L.SCALE,
    ("opinion", "kind"): L.OPINION_KIND, ("opinion", "status"): L.OPINION_STATUS,
    ("opinion", "suggested_conclusion"): L.CONCLUSION, ("opinion", "conclusion"): L.CONCLUSION,
    ("assist_case", "source"): {"register": "登记", "ledger": "台账导入", "consultation": "咨询转入",
                                "fair": "展会", "demo": "演示数据"},
}
# Ids shown as the name of what they point to.
REFERENCES = {
    "applicant_id": "party", "opposing_party_id": "party", "assignee_id": "user", "drafted_by": "user",
    "approved_by": "user", "case_id": "case", "right_id": "right",
}
# Bookkeeping nobody asks about in a history.
HIDDEN = {"id", "centre_id", "created_at", "created_by", "origin_device", "name_pinyin", "version",
          "updated_at", "updated_by"}
KIND_LABELS = {"create": "新建", "update": "修改", "delete": "删除", "purge": "彻底删除"}
ACTION_LABELS = {
    "privacy.unmask": "查看未遮蔽的个人信息", "privacy.anonymise": "匿名化个人信息",
}
HIDDEN_VALUE = "（个人信息，审计记录中不保存原文）"
EMPTY = "（空）"


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime  # in the centre's time zone
    actor_name: str
    action: str  # Chinese
    raw_action: str
    changes: tuple[FieldChange, ...]


def record_history(db: Database, actor: Actor, table: str, record_id: uuid.UUID) -> list[HistoryEntry]:
    """The history of one case (`assist_case`), party (`party`) or opinion (`opinion`)."""
    with read_call(db, actor, roles=None) as s:
        zone = centre_zone(s, actor.centre_id)
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.table_name == table, AuditEvent.record_id == record_id)
            .order_by(AuditEvent.at, AuditEvent.id)
        ).all()
        names = _Names(s)
        out: list[HistoryEntry] = []
        previous: dict | None = None
        for e in events:
            base, _, kind = e.action.partition(":")
            if kind in KIND_LABELS:
                changes = diff(table, previous, e.data or {}, names)
                previous = e.data or {}
                action = KIND_LABELS[kind]
            else:  # an event about the record that does not carry its values
                changes, action = (), ACTION_LABELS.get(base, base)
                field = (e.data or {}).get("field") if base == "privacy.unmask" else None
                if field:  # which field was shown in full (never the value: the event has none)
                    action += f"（{FIELD_LABELS.get(table, {}).get(field, field)}）"
            out.append(HistoryEntry(e.at.astimezone(zone), e.actor_name, action, e.action, changes))
        return out


def diff(table: str, before: dict | None, after: dict, names: "_Names") -> tuple[FieldChange, ...]:
    labels = FIELD_LABELS.get(table, {})
    out = []
    for key, new in after.items():
        if key in HIDDEN:
            continue
        old = None if before is None else before.get(key)
        if before is None and new in (None, "", [], {}, False):
            continue  # a new record: list only what was filled in
        if before is not None and old == new:
            continue
        label = labels.get(key, key)
        if (table, key) in PERSONAL_FIELDS or ((table, key) in PERSON_FIELDS and _hashed(old, new)):
            shown = (HIDDEN_VALUE if old else EMPTY, HIDDEN_VALUE if new else EMPTY)
        else:
            shown = (show(table, key, old, names), show(table, key, new, names))
        # A new record has no "before": leave the column blank rather than repeat （空）.
        out.append(FieldChange(key, label, "" if before is None else shown[0], shown[1]))
    return tuple(out)


def _hashed(*values) -> bool:
    return any(isinstance(v, str) and v.startswith("sha256:") for v in values)


def show(table: str, key: str, value, names: "_Names") -> str:
    if value in (None, "", []):
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    codes = CODE_LISTS.get((table, key))
    if codes is not None:
        if isinstance(value, list):
            return "、".join(codes.get(v, str(v)) for v in value)
        return codes.get(value, str(value))
    if key in REFERENCES:
        return names.name(REFERENCES[key], value)
    if isinstance(value, (dict, list)):
        return f"（{len(value)} 项）"
    return str(value)


class _Names:
    """Names for ids, looked up once each."""

    MODELS = {"party": (Party, "name"), "user": (User, "display_name"), "case": (AssistCase, "case_no"),
              "right": (IpRight, "number")}

    def __init__(self, session: Session) -> None:
        self.session = session
        self.cache: dict[tuple[str, str], str] = {}

    def name(self, kind: str, value: str) -> str:
        key = (kind, value)
        if key not in self.cache:
            model, attr = self.MODELS[kind]
            try:
                row = self.session.get(model, uuid.UUID(str(value)))
            except ValueError:
                row = None
            self.cache[key] = str(getattr(row, attr) or value) if row is not None else str(value)[:8]
        return self.cache[key]
