"""Assistance requests (维权援助申请): registration with the conflict check, and reading a case
with its timeline. The steps after registration are in `app.services.case_steps`.

Registration is two-step so the user sees conflicts before anything is saved:

    conflicts = cases.check_conflicts(db, actor, applicant, opposing)   # shown to the user
    head = cases.register(db, actor, data, confirmed=True)               # after they confirm

`register(..., confirmed=False)` with conflicts waiting raises `ConflictsNeedConfirmation`.
"""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, object_session

from app import numbering, settings
from app.calendar_table import calendar_for
from app.context import Actor
from app.database import Database
from app.errors import NotFound, PermissionDenied, Rejections, ValidationError
from app.labels import CASE_STATUS, CHANNEL, DISPUTE_TYPE, SERVICE
from app.rules import deadlines
from app.rules.case_status import allowed_actions
from app.service import log_refusal, read_call, service_call
from app.services import parties, rights
from app.services.owned import live
from app.services.parties import PartyInput, PartyRow
from app.services.rights import RightInput, RightRow
from app.services.today import centre_today
from db.base import utcnow
from db.models import (
    AssistCase, Attachment, CaseEvent, CaseRight, Centre, FollowUp, Institution, IpRight, Mediation, Party,
    Referral, StoredFile, User,
)

# Who works on cases. Fair staff only on cases that came from a fair (see `check_case_role`).
CASE_ROLES = frozenset({"caseworker", "supervisor", "fair_staff"})
CENTRE_ROLES = frozenset({"caseworker", "supervisor"})


@dataclass(frozen=True)
class CaseInput:
    applicant: PartyInput
    rights: tuple[RightInput, ...] = ()
    opposing: PartyInput | None = None
    dispute_type: str = "infringement"
    channel: str = "visit"
    services: tuple[str, ...] = ()
    overseas: bool = False
    summary: str = ""
    registered_on: date | None = None
    attachments: tuple[tuple[str, bytes], ...] = ()
    note: str = ""
    # The IP kind when no right number is known yet (a case made from a consultation).
    ip_kind: str | None = None


@dataclass(frozen=True)
class CaseHead:
    """What a step returns: enough to carry on (the new version is needed for the next save)."""

    id: uuid.UUID
    case_no: str
    status: str
    version: int

    @property
    def status_label(self) -> str:
        return CASE_STATUS[self.status]


@dataclass(frozen=True)
class Conflict:
    """An earlier case in which a party of the new case stood on the other side."""

    case_id: uuid.UUID
    case_no: str
    registered_on: date
    status: str
    party_name: str
    role_then: str   # 申请人 | 被申请人 (in the earlier case)
    role_now: str    # 申请人 | 被申请人 (in the new one)

    @property
    def text(self) -> str:
        return (f"{self.party_name}（本案{self.role_now}）在 {self.case_no}"
                f"（{self.registered_on.isoformat()}，{CASE_STATUS[self.status]}）中是{self.role_then}")


class ConflictsNeedConfirmation(Rejections):
    """Registration stopped: conflicts wait for the user's confirmation (exit 3)."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        lines = "；".join(c.text for c in conflicts)
        super().__init__(f"发现利益冲突，需要确认后才能登记：{lines}。",
                         english=f"{len(conflicts)} conflict(s) need confirmation")
        self.conflicts = conflicts


class CaseRoleRefused(PermissionDenied):
    """The actor has a case role, but not for this case (e.g. fair staff on a centre case)."""


# ------------------------------------------------------------------------------ helpers
def check_case_role(db: Database, actor: Actor, case: AssistCase, action: str) -> None:
    """Fair staff work on fair cases only; everyone only on their own centre's cases."""
    if case.centre_id != actor.centre_id:
        raise NotFound("找不到该案件。", english="case not found")
    if actor.has_any(CENTRE_ROLES):
        return
    if actor.has_any({"fair_staff"}) and case.channel == "fair":
        return
    raise CaseRoleRefused(
        f"{actor.display_name} 不能处理此案件：驻场人员只能处理展会渠道登记的案件。",
        english=f"user {actor.username} may not {action} a centre case",
    )


def refuse_and_log(db: Database, actor: Actor, action: str, exc: PermissionDenied) -> None:
    log_refusal(db, actor.display_name, "refused:" + action, exc.english, actor.user_id)


def add_event(s: Session, case: AssistCase, actor: Actor, kind: str, on: date, text: str,
              data: dict | None = None, at: datetime | None = None) -> CaseEvent:
    ev = CaseEvent(centre_id=case.centre_id, case_id=case.id, kind=kind, at=at or utcnow(), on=on,
                   actor_id=actor.user_id, actor_name=actor.display_name, text=text, data=data or {})
    s.add(ev)
    return ev


def head(case: AssistCase) -> CaseHead:
    """Flushes first: the version returned must be the one the database now holds."""
    session = object_session(case)
    if session is not None:
        session.flush()
    return CaseHead(case.id, case.case_no, case.status, case.version)


def _check_codes(data: CaseInput, *, need_rights: bool = True) -> None:
    if data.channel not in CHANNEL:
        raise ValidationError("受理渠道", f"“{data.channel}”无效；可选：{'、'.join(CHANNEL.values())}")
    if data.dispute_type not in DISPUTE_TYPE:
        raise ValidationError("纠纷类型", f"“{data.dispute_type}”无效；可选：{'、'.join(DISPUTE_TYPE.values())}")
    bad = [x for x in data.services if x not in SERVICE]
    if bad:
        raise ValidationError("申请服务", f"“{'、'.join(bad)}”无效；可选：{'、'.join(SERVICE.values())}")
    if not data.rights and (need_rights or data.ip_kind is None):
        raise ValidationError("知识产权", "至少填写一项涉及的知识产权")
    if len(data.summary) > 4000:
        raise ValidationError("案情摘要", "不能超过4000个字符")


# ------------------------------------------------------------------------------ conflicts
def _known_party_ids(s: Session, centre_id: uuid.UUID, data: PartyInput | None) -> set[uuid.UUID]:
    """Existing parties that are certainly or very likely this one (picked, same identifier, same name)."""
    if data is None:
        return set()
    if data.party_id is not None:
        return {data.party_id}
    name = " ".join(data.name.split())
    if not name:
        return set()
    identifier = None
    if data.identifier.strip():
        try:
            identifier = parties.validate(data).identifier
        except ValidationError:
            identifier = None
    return {m.party.id for m in parties.matches(s, centre_id, name, identifier) if m.reason != "pinyin"}


def _conflicts(s: Session, centre_id: uuid.UUID, applicant: PartyInput, opposing: PartyInput | None) -> list[Conflict]:
    found: list[Conflict] = []
    pairs = ((_known_party_ids(s, centre_id, applicant), AssistCase.opposing_party_id, "被申请人", "申请人"),
             (_known_party_ids(s, centre_id, opposing), AssistCase.applicant_id, "申请人", "被申请人"))
    for party_ids, column, role_then, role_now in pairs:
        if not party_ids:
            continue
        rows = s.execute(
            select(AssistCase.id, AssistCase.case_no, AssistCase.registered_on, AssistCase.status, Party.name)
            .join(Party, Party.id == column)
            .where(AssistCase.centre_id == centre_id, AssistCase.deleted.is_(False), column.in_(party_ids))
            .order_by(AssistCase.registered_on.desc(), AssistCase.case_no.desc())
        )
        found += [Conflict(r.id, r.case_no, r.registered_on, r.status, r.name, role_then, role_now) for r in rows]
    return found


def check_conflicts(db: Database, actor: Actor, applicant: PartyInput, opposing: PartyInput | None) -> list[Conflict]:
    """Earlier cases where this applicant was the opposing party or this opposing party an applicant."""
    with read_call(db, actor, roles=CASE_ROLES) as s:
        return _conflicts(s, actor.centre_id, applicant, opposing)


# ------------------------------------------------------------------------------ register
def register(db: Database, actor: Actor, data: CaseInput, *, confirmed: bool = False) -> CaseHead:
    """Register a request: parties found or created, rights validated, a case number minted, due date set."""
    _check_codes(data)
    if not actor.has_any(CENTRE_ROLES) and data.channel != "fair" and actor.has_any({"fair_staff"}):
        exc = PermissionDenied(f"{actor.display_name} 只能登记展会渠道的案件。",
                               english=f"user {actor.username} may register fair cases only")
        refuse_and_log(db, actor, "case.register", exc)
        raise exc
    with service_call(db, actor, roles=CASE_ROLES, action="case.register") as s:
        return head(register_in(s, actor, data, confirmed=confirmed))


def register_in(s: Session, actor: Actor, data: CaseInput, *, confirmed: bool, source: str | None = None,
                event_text: str | None = None, **links) -> AssistCase:
    """The registration itself, inside the caller's service call (also used when a consultation
    becomes a case). `links` sets link columns such as `consultation_id` and `fair_id`."""
    _check_codes(data, need_rights=False)
    today = centre_today(s, actor.centre_id)
    registered_on = data.registered_on or today
    conflicts = _conflicts(s, actor.centre_id, data.applicant, data.opposing)
    if conflicts and not confirmed:
        raise ConflictsNeedConfirmation(conflicts)
    applicant = parties.find_or_create(s, actor.centre_id, data.applicant, "申请人", today)
    opposing = None
    if data.opposing is not None and (data.opposing.party_id or data.opposing.name.strip()):
        opposing = parties.find_or_create(s, actor.centre_id, data.opposing, "被申请人", today)
        if opposing.id == applicant.id:
            raise ValidationError("被申请人", "不能与申请人是同一当事人")
    found_rights = [rights.find_or_create(s, actor.centre_id, r, applicant.id, i)
                    for i, r in enumerate(data.rights, start=1)]
    values = settings.get_all(s, actor.centre_id)
    centre = s.get(Centre, actor.centre_id)
    case_no = numbering.next_number(
        s, actor.centre_id, values["case_number_pattern"], registered_on.year,
        taken=lambda n: bool(s.scalar(select(exists().where(
            AssistCase.centre_id == actor.centre_id, AssistCase.case_no == n)))),
        short=centre.short_name if centre else "",
    )
    limits = deadlines.Limits.from_settings(values)
    cal = calendar_for(s)
    case = AssistCase(
        centre_id=actor.centre_id, case_no=case_no, registered_on=registered_on, channel=data.channel,
        applicant_id=applicant.id, opposing_party_id=opposing.id if opposing else None,
        ip_kind=found_rights[0].kind if found_rights else data.ip_kind, dispute_type=data.dispute_type,
        overseas=data.overseas,
        services=list(dict.fromkeys(data.services)), summary=data.summary.strip(), status="registered",
        decision_due_on=deadlines.decision_due(cal, registered_on, 0, limits), note=data.note.strip(),
        source=source or ("fair" if data.channel == "fair" else "register"), **links,
    )
    s.add(case)
    s.flush()
    for right in {r.id: r for r in found_rights}.values():
        s.add(CaseRight(centre_id=actor.centre_id, case_id=case.id, right_id=right.id))
    _attach(s, case, data.attachments, values["max_file_mb"])
    add_event(s, case, actor, "registered", registered_on, event_text or f"登记申请，申请人：{applicant.name}",
              {"conflicts_confirmed": [c.case_no for c in conflicts]})
    s.flush()
    return case


def _attach(s: Session, case: AssistCase, files: tuple[tuple[str, bytes], ...], max_mb: int) -> None:
    for name, content in files:
        if len(content) > max_mb * 1024 * 1024:
            raise ValidationError("附件", f"{name} 超过单个附件大小上限 {max_mb} MB")
        digest = hashlib.sha256(content).hexdigest()
        if s.get(StoredFile, digest) is None:
            s.add(StoredFile(sha256=digest, size=len(content), data=content))
            s.flush()
        s.add(Attachment(centre_id=case.centre_id, owner_table="assist_case", owner_id=case.id,
                         file_sha256=digest, filename=name))


# ------------------------------------------------------------------------------ reading one case
@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    on: date
    at: datetime
    actor_name: str
    text: str


@dataclass(frozen=True)
class ReferralRow:
    id: uuid.UUID
    target: str
    institution: str
    referred_on: date
    result: str
    result_on: date | None


@dataclass(frozen=True)
class MediationRow:
    id: uuid.UUID
    mediator: str
    started_on: date
    ended_on: date | None
    result: str | None
    judicial_confirmation: bool
    confirmed_on: date | None


@dataclass(frozen=True)
class FollowUpRow:
    visited_on: date
    method: str
    satisfaction_label: str | None
    satisfaction_score: int | None


@dataclass(frozen=True)
class CaseDetail:
    id: uuid.UUID
    version: int
    case_no: str
    status: str
    registered_on: date
    channel: str
    applicant: PartyRow
    opposing: PartyRow | None
    rights: tuple[RightRow, ...]
    ip_kind: str
    dispute_type: str
    overseas: bool
    services: tuple[str, ...]
    summary: str
    assignee_id: uuid.UUID | None
    assignee_name: str
    decided_on: date | None
    refusal_reason: str
    supplement_requested_on: date | None
    supplement_due_on: date | None
    paused_workdays: int
    decision_due_on: date | None
    close_due_on: date | None
    followup_due_on: date | None
    closed_on: date | None
    outcome: str | None
    followed_up_on: date | None
    satisfaction: int | None
    archived_on: date | None
    countdown: deadlines.Countdown | None
    timeline: tuple[TimelineEntry, ...]
    referrals: tuple[ReferralRow, ...]
    mediations: tuple[MediationRow, ...]
    follow_ups: tuple[FollowUpRow, ...]
    actions: tuple[str, ...] = field(default=())
    centre_name: str = ""

    @property
    def status_label(self) -> str:
        return CASE_STATUS[self.status]


def find_case_id(db: Database, actor: Actor, case_no: str) -> uuid.UUID:
    with read_call(db, actor, roles=None) as s:
        found = s.scalar(select(AssistCase.id).where(
            AssistCase.centre_id == actor.centre_id, AssistCase.case_no == case_no.strip(),
            AssistCase.deleted.is_(False)))
    if found is None:
        raise NotFound(f"没有案件 {case_no}。", english=f"no case {case_no}")
    return found


def get_case(db: Database, actor: Actor, case_id: uuid.UUID, today: date | None = None) -> CaseDetail:
    with read_call(db, actor, roles=None) as s:
        case = live(s, AssistCase, case_id, actor.centre_id)
        if case is None:
            raise NotFound("找不到该案件。", english="case not found")
        return _detail(s, case, today or centre_today(s, case.centre_id))


def _detail(s: Session, case: AssistCase, today: date) -> CaseDetail:
    applicant = s.get(Party, case.applicant_id)
    opposing = s.get(Party, case.opposing_party_id) if case.opposing_party_id else None
    right_rows = s.scalars(select(IpRight).join(CaseRight, CaseRight.right_id == IpRight.id)
                           .where(CaseRight.case_id == case.id, CaseRight.deleted.is_(False))).all()
    assignee = s.get(User, case.assignee_id) if case.assignee_id else None
    events = s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)
                       .order_by(CaseEvent.on, CaseEvent.at)).all()
    referrals = s.execute(select(Referral, Institution.name).outerjoin(Institution, Institution.id == Referral.institution_id)
                          .where(Referral.case_id == case.id, Referral.deleted.is_(False))
                          .order_by(Referral.referred_on, Referral.created_at)).all()
    mediations = s.scalars(select(Mediation).where(Mediation.case_id == case.id, Mediation.deleted.is_(False))
                           .order_by(Mediation.started_on, Mediation.created_at)).all()
    visits = s.scalars(select(FollowUp).where(FollowUp.case_id == case.id, FollowUp.deleted.is_(False))
                       .order_by(FollowUp.visited_on)).all()
    due = deadlines.current_due(case.status, decision_due_on=case.decision_due_on,
                                supplement_due_on=case.supplement_due_on, close_due_on=case.close_due_on,
                                followup_due_on=case.followup_due_on)
    centre = s.get(Centre, case.centre_id)
    return CaseDetail(
        id=case.id, version=case.version, case_no=case.case_no, status=case.status,
        registered_on=case.registered_on, channel=case.channel, applicant=parties.row(applicant),
        opposing=parties.row(opposing) if opposing else None, rights=tuple(rights.row(r) for r in right_rows),
        ip_kind=case.ip_kind, dispute_type=case.dispute_type, overseas=case.overseas,
        services=tuple(case.services or ()), summary=case.summary, assignee_id=case.assignee_id,
        assignee_name=assignee.display_name if assignee else "", decided_on=case.decided_on,
        refusal_reason=case.refusal_reason, supplement_requested_on=case.supplement_requested_on,
        supplement_due_on=case.supplement_due_on, paused_workdays=case.paused_workdays,
        decision_due_on=case.decision_due_on, close_due_on=case.close_due_on,
        followup_due_on=case.followup_due_on, closed_on=case.closed_on, outcome=case.outcome,
        followed_up_on=case.followed_up_on, satisfaction=case.satisfaction, archived_on=case.archived_on,
        countdown=deadlines.countdown(calendar_for(s), due, today) if due else None,
        timeline=tuple(TimelineEntry(e.kind, e.on, e.at, e.actor_name, e.text) for e in events),
        referrals=tuple(ReferralRow(r.id, r.target, name or "", r.referred_on, r.result, r.result_on)
                        for r, name in referrals),
        mediations=tuple(MediationRow(m.id, m.mediator, m.started_on, m.ended_on, m.result,
                                      m.judicial_confirmation, m.confirmed_on) for m in mediations),
        follow_ups=tuple(FollowUpRow(v.visited_on, v.method, v.satisfaction_label, v.satisfaction_score)
                         for v in visits),
        actions=tuple(allowed_actions(case.status)), centre_name=centre.name if centre else "",
    )
