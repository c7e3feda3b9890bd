"""What `ipaid info` and the 工作台 page show about a database."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.database import Database
from db import models as m

# Domain tables in the order people think of them; labels for screens and the CLI.
COUNTED = (
    (m.Centre, "centres", "中心"), (m.User, "users", "用户"), (m.Device, "devices", "设备"),
    (m.Party, "parties", "当事人"), (m.IpRight, "ip_rights", "知识产权"),
    (m.AssistCase, "cases", "援助案件"), (m.CaseEvent, "case_events", "案件流程记录"),
    (m.Referral, "referrals", "移交"), (m.Mediation, "mediations", "调解"), (m.FollowUp, "follow_ups", "回访"),
    (m.Consultation, "consultations", "咨询"), (m.KnowledgeItem, "knowledge_items", "知识库条目"),
    (m.Expert, "experts", "专家"), (m.Institution, "institutions", "合作单位"),
    (m.Opinion, "opinions", "侵权判定意见"), (m.OpinionRow, "opinion_rows", "意见比对行"),
    (m.Fair, "fairs", "展会"), (m.Exhibitor, "exhibitors", "参展商"),
    (m.FairComplaint, "fair_complaints", "展会投诉"), (m.PatrolNote, "patrol_notes", "巡查记录"),
    (m.Attachment, "attachments", "附件"), (m.StoredFile, "stored_files", "文件"),
    (m.AuditEvent, "audit_events", "审计事件"), (m.Workday, "calendar_days", "日历天数"),
)
LABELS = {key: label for (_m, key, label) in COUNTED}


@dataclass(frozen=True)
class DatabaseInfo:
    label: str
    backend: str
    revision: str | None
    centre_name: str
    device_id: str | None
    counts: dict[str, int] = field(default_factory=dict)


def database_info(db: Database) -> DatabaseInfo:
    with db.read_session() as s:
        counts = {key: s.scalar(select(func.count()).select_from(model)) or 0 for (model, key, _l) in COUNTED}
        centres = s.scalars(select(m.Centre.name).order_by(m.Centre.created_at)).all()
    return DatabaseInfo(
        label=db.label, backend=db.engine.dialect.name, revision=db.revision,
        centre_name="、".join(centres), device_id=str(db.device_id) if db.device_id else None, counts=counts,
    )
