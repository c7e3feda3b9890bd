"""Consultations (咨询): recording a call or visit, listing, period counts for reports, export,
and turning a consultation into a case in one step.

`consultation_to_case` registers through the case register (`cases.register_in`), so a case made
from a call gets the same party matching, conflict check, numbering and deadlines as any other.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.context import Actor
from app.database import Database
from app.errors import NotFound, UsageError, ValidationError
from app.labels import CHANNEL, IP_KIND, PARTY_KIND, TOPIC, DISPUTE_TYPE, label
from app.search.lookup import candidate_ids, confirms, plan_for
from app.service import created_in, read_call, service_call
from app.services import cases, fields, sheets
from app.services import today as centre_time  # `today` is a parameter name below
from app.services.owned import live
from app.services.parties import PartyInput
from db.base import utcnow
from db.models import AssistCase, Consultation, Fair, Party, User

RECORD_ROLES = {"caseworker", "supervisor", "fair_staff"}
CASE_ROLES = {"caseworker", "supervisor"}
UNSPECIFIED = "unspecified"  # consultations with no IP kind, in counts


@dataclass(frozen=True)
class ConsultationInput:
    """What a person enters for one consultation. Codes or Chinese labels are both accepted."""

    started_at: datetime
    channel: str
    topic: str
    question: str
    ended_at: datetime | None = None
    ip_kind: str | None = None
    asker_name: str = ""
    asker_phone: str = ""
    asker_party_id: uuid.UUID | None = None
    answer: str = ""
    fair_id: uuid.UUID | None = None
    handled_by: uuid.UUID | None = None  # default: the person recording it


@dataclass(frozen=True)
class ConsultationRow:
    id: uuid.UUID
    started_at: datetime
    ended_at: datetime | None
    minutes: int | None
    channel: str
    topic: str
    ip_kind: str | None
    asker_name: str
    asker_phone: str
    asker_party_id: uuid.UUID | None
    question: str
    answer: str
    handled_by: uuid.UUID | None
    handled_by_name: str
    fair_id: uuid.UUID | None
    case_id: uuid.UUID | None
    case_no: str
    version: int

    def as_json(self, *, reveal: bool = False) -> dict:
        """design.md §7 JSON: labels for domain values, ISO instants, phone masked unless revealed."""
        return {
            "id": str(self.id), "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat() if self.ended_at else None, "minutes": self.minutes,
            "channel": label(CHANNEL, self.channel), "topic": label(TOPIC, self.topic),
            "ip_kind": label(IP_KIND, self.ip_kind) or None, "asker_name": self.asker_name,
            "asker_phone": sheets.masked_phone(self.asker_phone, reveal),
            "asker_party_id": str(self.asker_party_id) if self.asker_party_id else None,
            "question": self.question, "answer": self.answer, "handled_by": self.handled_by_name,
            "fair_id": str(self.fair_id) if self.fair_id else None,
            "case_id": str(self.case_id) if self.case_id else None, "case_no": self.case_no or None,
        }


@dataclass(frozen=True)
class CaseFromConsultation:
    case_id: uuid.UUID
    case_no: str
    party_id: uuid.UUID
    party_created: bool
    decision_due_on: date


# ------------------------------------------------------------------ recording
def _apply(s: Session, actor: Actor, row: Consultation, data: ConsultationInput) -> None:
    """Validate `data` field by field (first problem wins) and copy it onto `row`."""
    started = fields.instant("开始时间", data.started_at)
    ended = fields.instant("结束时间", data.ended_at, required=False)
    if ended is not None and ended < started:
        raise ValidationError("结束时间", "不能早于开始时间", english="time ended is before time started")
    channel = fields.code(CHANNEL, "咨询渠道", data.channel)
    asker_name = fields.text("咨询人", data.asker_name, max_len=120)
    asker_phone = fields.phone("联系电话", data.asker_phone)
    topic = fields.code(TOPIC, "咨询主题", data.topic)
    ip_kind = fields.code(IP_KIND, "知识产权类型", data.ip_kind, required=False)
    question = fields.text("咨询问题", data.question, required=True)
    answer = fields.text("答复", data.answer)
    if data.asker_party_id is not None:
        party = live(s, Party, data.asker_party_id, actor.centre_id)
        if party is None:
            raise ValidationError("咨询人", "关联的当事人不存在")
        asker_name = asker_name or party.name
    if data.fair_id is not None:
        fair = live(s, Fair, data.fair_id, actor.centre_id)
        if fair is None:
            raise ValidationError("展会", "关联的展会不存在")
    handled_by = data.handled_by or actor.user_id
    user = s.get(User, handled_by)
    if user is None or user.centre_id != actor.centre_id:
        raise ValidationError("接待人", "不是本中心的用户")
    row.started_at, row.ended_at, row.channel, row.topic, row.ip_kind = started, ended, channel, topic, ip_kind
    row.asker_name, row.asker_phone, row.asker_party_id = asker_name, asker_phone, data.asker_party_id
    row.question, row.answer, row.fair_id, row.handled_by = question, answer, data.fair_id, handled_by
    row.minutes = None if ended is None else max(0, round((ended - started).total_seconds() / 60))


def record_consultation(db: Database, actor: Actor, data: ConsultationInput) -> ConsultationRow:
    """Save a new consultation; `ended_at` defaults to now (the call ends when it is saved)."""
    started = data.started_at
    if data.ended_at is None and started is not None and started.tzinfo is not None:
        data = replace(data, ended_at=max(utcnow(), started))
    with service_call(db, actor, roles=RECORD_ROLES, action="consultation.record") as s:
        row = Consultation(id=uuid.uuid4(), centre_id=actor.centre_id)
        _apply(s, actor, row, data)
        s.add(row)
        s.flush()
        return _fetch(s, actor, row.id)


def update_consultation(db: Database, actor: Actor, consultation_id: uuid.UUID,
                        data: ConsultationInput) -> ConsultationRow:
    with service_call(db, actor, roles=RECORD_ROLES, action="consultation.update") as s:
        row = _get(s, actor, consultation_id)
        _apply(s, actor, row, data)
        s.flush()
        return _fetch(s, actor, row.id)


def get_consultation(db: Database, actor: Actor, consultation_id: uuid.UUID) -> ConsultationRow:
    with read_call(db, actor, roles=None) as s:
        _get(s, actor, consultation_id)
        return _fetch(s, actor, consultation_id)


def centre_zone(db: Database, actor: Actor):
    """The centre's time zone, for showing instants as the centre's local time."""
    with db.read_session() as s:
        return centre_time.centre_zone(s, actor.centre_id)


def _get(s: Session, actor: Actor, consultation_id: uuid.UUID) -> Consultation:
    row = live(s, Consultation, consultation_id, actor.centre_id)
    if row is None:
        raise NotFound("没有找到这条咨询记录。", english=f"no consultation {consultation_id}")
    return row


# ------------------------------------------------------------------ listing
def _select():
    handler = aliased(User)
    return (
        select(Consultation, handler.display_name, AssistCase.case_no)
        .outerjoin(handler, handler.id == Consultation.handled_by)
        .outerjoin(AssistCase, AssistCase.id == Consultation.case_id)
    )


def _to_row(c: Consultation, handler_name: str | None, case_no: str | None) -> ConsultationRow:
    return ConsultationRow(
        c.id, c.started_at, c.ended_at, c.minutes, c.channel, c.topic, c.ip_kind, c.asker_name,
        c.asker_phone, c.asker_party_id, c.question, c.answer, c.handled_by, handler_name or "",
        c.fair_id, c.case_id, case_no or "", c.version,
    )


def _fetch(s: Session, actor: Actor, consultation_id: uuid.UUID) -> ConsultationRow:
    c, name, case_no = s.execute(_select().where(Consultation.id == consultation_id)).one()
    return _to_row(c, name, case_no)


def list_consultations(
    db: Database, actor: Actor, *, start: date | None = None, end: date | None = None,
    query: str | None = None, topic: str | None = None, channel: str | None = None,
    ip_kind: str | None = None, limit: int = 500, offset: int = 0, fair_id: uuid.UUID | None = None,
) -> list[ConsultationRow]:
    """Newest first. `start`/`end` are business dates (inclusive) in the centre's time zone;
    `query` searches asker, question and answer (pinyin of the asker's name included);
    `fair_id` keeps the consultations taken at that fair."""
    with read_call(db, actor, roles=None) as s:
        stmt = _select().where(Consultation.centre_id == actor.centre_id, Consultation.deleted.is_(False))
        if fair_id is not None:
            stmt = stmt.where(Consultation.fair_id == fair_id)
        lo, hi = fields.day_bounds(centre_time.centre_zone(s, actor.centre_id), start, end)
        if lo is not None:
            stmt = stmt.where(Consultation.started_at >= lo)
        if hi is not None:
            stmt = stmt.where(Consultation.started_at < hi)
        for column, values, field, value in (
            (Consultation.topic, TOPIC, "咨询主题", topic), (Consultation.channel, CHANNEL, "咨询渠道", channel),
            (Consultation.ip_kind, IP_KIND, "知识产权类型", ip_kind),
        ):
            if value:
                stmt = stmt.where(column == fields.code(values, field, value))
        plan = plan_for(query)
        if plan is not None:
            stmt = stmt.where(Consultation.id.in_(candidate_ids("consultation", plan)))
        stmt = stmt.order_by(Consultation.started_at.desc(), Consultation.id)
        if plan is None:
            return [_to_row(*r) for r in s.execute(stmt.limit(limit).offset(offset))]
        rows = [_to_row(*r) for r in s.execute(stmt)]
    found = [r for r in rows if confirms(plan, r.asker_name, r.question, r.answer)]
    return found[offset:offset + limit]


# ------------------------------------------------------------------ counts for reports
def consultation_counts(source: Session | Database, centre_id: uuid.UUID | None,
                        start: date, end: date) -> dict:
    """Consultations started between the business dates `start` and `end` (inclusive), by topic,
    channel and IP kind. Keys are glossary codes (every code present, zeros included; no IP kind
    counts as "unspecified"). `centre_id=None` counts every centre. No permission check: the
    caller (the reports service, the CLI) has already done its own."""
    if isinstance(source, Database):
        with source.read_session() as s:
            return _counts(s, centre_id, start, end)
    return _counts(source, centre_id, start, end)


def counts_for(db: Database, actor: Actor, start: date, end: date) -> dict:
    """`consultation_counts` for the signed-in user's centre (the CLI and screens)."""
    with read_call(db, actor, roles=None) as s:
        return _counts(s, actor.centre_id, start, end)


def _counts(s: Session, centre_id: uuid.UUID | None, start: date, end: date) -> dict:
    if end < start:
        raise ValidationError("统计期间", "结束日期不能早于开始日期")
    lo, hi = fields.day_bounds(centre_time.centre_zone(s, centre_id), start, end)
    where = [Consultation.deleted.is_(False), Consultation.started_at >= lo, Consultation.started_at < hi]
    if centre_id is not None:
        where.append(Consultation.centre_id == centre_id)
    result: dict = {"start": start, "end": end, "total": 0}
    for key, column, values in (
        ("by_topic", Consultation.topic, TOPIC), ("by_channel", Consultation.channel, CHANNEL),
        ("by_ip_kind", Consultation.ip_kind, IP_KIND),
    ):
        counts = {c: 0 for c in values}
        if key == "by_ip_kind":
            counts[UNSPECIFIED] = 0
        for value, n in s.execute(select(column, func.count()).where(*where).group_by(column)):
            counts[value or UNSPECIFIED] = counts.get(value or UNSPECIFIED, 0) + n
        result[key] = counts
    result["total"] = sum(result["by_topic"].values())
    return result


def counts_as_labels(counts: dict) -> dict:
    """The same counts with Chinese labels as keys (JSON output, documents)."""
    names = {"by_topic": TOPIC, "by_channel": CHANNEL, "by_ip_kind": {**IP_KIND, UNSPECIFIED: "未注明"}}
    out = {"start": counts["start"], "end": counts["end"], "total": counts["total"]}
    for key, values in names.items():
        out[key] = {values.get(c, c): n for c, n in counts[key].items()}
    return out


# ------------------------------------------------------------------ turning into a case
def consultation_to_case(
    db: Database, actor: Actor, consultation_id: uuid.UUID, *, applicant_name: str | None = None,
    applicant_kind: str = "person", dispute_type: str = "other", today: date | None = None,
    confirmed: bool = False,
) -> CaseFromConsultation:
    """Register a case from a consultation in one step, through the case register (same party
    matching, conflict check, numbering and deadlines), and link the two both ways.

    The applicant is the linked party, else the asker found or created by the party rules. The case
    starts as 待受理 with the consultation's channel, IP kind and question. Earlier cases where the
    asker was the opposing party raise `ConflictsNeedConfirmation` unless `confirmed`.
    """
    kind = fields.code(PARTY_KIND, "申请人类型", applicant_kind)
    dispute = fields.code(DISPUTE_TYPE, "纠纷类型", dispute_type)
    with service_call(db, actor, roles=CASE_ROLES, action="consultation.to_case") as s:
        c = _get(s, actor, consultation_id)
        if c.case_id is not None:
            existing = s.get(AssistCase, c.case_id)
            raise UsageError(f"这条咨询已转为案件 {existing.case_no if existing else ''}。",
                             english="this consultation is already a case")
        data = cases.CaseInput(
            applicant=_applicant(s, c, applicant_name, kind), dispute_type=dispute, channel=c.channel,
            summary=c.question, registered_on=today, ip_kind=c.ip_kind or "other",
        )
        case = cases.register_in(s, actor, data, confirmed=confirmed, source="consultation",
                                 event_text="由咨询转为案件", consultation_id=c.id, fair_id=c.fair_id)
        c.case_id = case.id
        applicant = s.get(Party, case.applicant_id)
        return CaseFromConsultation(case.id, case.case_no, applicant.id, created_in(s, applicant),
                                    case.decision_due_on)


def _applicant(s: Session, c: Consultation, name: str | None, kind: str) -> PartyInput:
    if c.asker_party_id is not None and not name:
        party = s.get(Party, c.asker_party_id)
        if party is not None and not party.deleted:
            return PartyInput(party_id=party.id)
    wanted = fields.text("申请人", name or c.asker_name, max_len=120)
    if not wanted:
        raise ValidationError("咨询人", "转为案件需要咨询人的姓名或名称",
                              english="the asker's name is needed for a case")
    return PartyInput(name=wanted, kind=kind, phone=c.asker_phone)


# ------------------------------------------------------------------ export
EXPORT_HEADERS = ("开始时间", "结束时间", "时长（分钟）", "咨询渠道", "咨询人", "联系电话", "咨询主题",
                  "知识产权类型", "咨询问题", "答复", "接待人", "案件编号")


def export_consultations(db: Database, actor: Actor, path: str | Path, *, reveal: bool = False,
                         **filters) -> int:
    """Write the filtered list to an .xlsx; phones masked unless `reveal` (supervisor/admin only)."""
    clear = sheets.may_reveal(actor, reveal)
    rows = list_consultations(db, actor, limit=1_000_000, **filters)
    with db.read_session() as s:
        zone = centre_time.centre_zone(s, actor.centre_id)

    def local(t: datetime | None) -> str:
        return t.astimezone(zone).strftime("%Y-%m-%d %H:%M") if t else ""

    return sheets.write_sheet(path, "咨询记录", EXPORT_HEADERS, (
        (local(r.started_at), local(r.ended_at), r.minutes, label(CHANNEL, r.channel), r.asker_name,
         sheets.masked_phone(r.asker_phone, clear), label(TOPIC, r.topic), label(IP_KIND, r.ip_kind),
         r.question, r.answer, r.handled_by_name, r.case_no)
        for r in rows
    ))
