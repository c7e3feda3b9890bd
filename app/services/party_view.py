"""One party as the 当事人 window shows it: details (personal fields masked), the cases and
consultations it appears in, a search over parties, and what a merge would move.

Everything personal leaves this module masked (app.privacy.mask_value): the clear value of a field
is only ever read through `app.privacy.unmask`, which checks the role and leaves an event.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.context import Actor
from app.database import Database
from app.errors import NotFound
from app.labels import CASE_STATUS, PARTY_KIND, SCALE, TOPIC
from app.privacy import mask_value
from app.search.lookup import candidate_ids, confirms, plan_for
from app.service import read_call
from app.services.owned import live
from app.services.parties import shown_personal
from db.models import AssistCase, Consultation, IpRight, Party

SEARCH_LIMIT = 50
QUESTION_PREVIEW = 60


@dataclass(frozen=True)
class PartyCase:
    """A case the party appears in, from the party's side."""

    id: uuid.UUID
    case_no: str
    role: str  # applicant | opposing
    registered_on: date
    status: str
    other_party: str

    @property
    def role_label(self) -> str:
        return {"applicant": "申请人", "opposing": "对方当事人"}[self.role]

    @property
    def status_label(self) -> str:
        return CASE_STATUS.get(self.status, self.status)


@dataclass(frozen=True)
class PartyConsultation:
    id: uuid.UUID
    started_at: datetime
    topic: str
    question: str  # the first words
    case_id: uuid.UUID | None

    @property
    def topic_label(self) -> str:
        return TOPIC.get(self.topic, self.topic)


@dataclass(frozen=True)
class PartyDetail:
    id: uuid.UUID
    version: int
    kind: str
    name: str
    identifier: str  # masked as lists show it
    phone: str  # masked
    masked_fields: tuple[str, ...]  # fields shown masked that a permitted role may see in full
    scale: str | None
    private_enterprise: bool
    going_global: bool
    region: str
    contact: str
    address: str
    cases: tuple[PartyCase, ...]
    consultations: tuple[PartyConsultation, ...]
    rights: int

    @property
    def kind_label(self) -> str:
        return PARTY_KIND.get(self.kind, self.kind)

    @property
    def scale_label(self) -> str:
        return SCALE.get(self.scale, "") if self.scale else ""


@dataclass(frozen=True)
class PartyHit:
    """One party in a search result."""

    id: uuid.UUID
    kind: str
    name: str
    identifier: str  # masked
    cases: int
    consultations: int

    @property
    def kind_label(self) -> str:
        return PARTY_KIND.get(self.kind, self.kind)


@dataclass(frozen=True)
class MergePreview:
    """What `parties.merge_parties(keep, drop)` would move from `drop` to `keep`."""

    keep: PartyHit
    drop: PartyHit
    cases: int
    consultations: int
    rights: int


# ------------------------------------------------------------------------------ reading
def _live_party(s: Session, actor: Actor, party_id: uuid.UUID) -> Party:
    p = live(s, Party, party_id, actor.centre_id)
    if p is None:
        raise NotFound("找不到该当事人（可能已被合并或删除）。", english="party not found")
    return p


def get_party_detail(db: Database, actor: Actor, party_id: uuid.UUID) -> PartyDetail:
    """The party, its cases (newest first) and the consultations it asked."""
    with read_call(db, actor, roles=None) as s:
        p = _live_party(s, actor, party_id)
        shown, hidden = shown_personal(p)
        return PartyDetail(
            id=p.id, version=p.version, kind=p.kind, name=p.name, identifier=shown["identifier"],
            phone=shown["phone"], masked_fields=hidden, scale=p.scale, private_enterprise=p.private_enterprise,
            going_global=p.going_global, region=p.region, contact=p.contact, address=p.address,
            cases=tuple(_cases(s, p.id)), consultations=tuple(_consultations(s, p.id)),
            rights=_count(s, IpRight, IpRight.owner_id == p.id),
        )


def _cases(s: Session, party_id: uuid.UUID) -> list[PartyCase]:
    stmt = (select(AssistCase).where(
        or_(AssistCase.applicant_id == party_id, AssistCase.opposing_party_id == party_id),
        AssistCase.deleted.is_(False)).order_by(AssistCase.registered_on.desc(), AssistCase.case_no.desc()))
    found = s.scalars(stmt).all()
    others = {o for c in found for o in (c.applicant_id, c.opposing_party_id) if o and o != party_id}
    names = dict(s.execute(select(Party.id, Party.name).where(Party.id.in_(others))).all()) if others else {}
    out = []
    for c in found:
        role = "applicant" if c.applicant_id == party_id else "opposing"
        other = c.opposing_party_id if role == "applicant" else c.applicant_id
        out.append(PartyCase(c.id, c.case_no, role, c.registered_on, c.status, names.get(other, "")))
    return out


def _consultations(s: Session, party_id: uuid.UUID) -> list[PartyConsultation]:
    stmt = (select(Consultation).where(Consultation.asker_party_id == party_id, Consultation.deleted.is_(False))
            .order_by(Consultation.started_at.desc()))
    return [PartyConsultation(c.id, c.started_at, c.topic, " ".join(c.question.split())[:QUESTION_PREVIEW],
                              c.case_id) for c in s.scalars(stmt)]


def _count(s: Session, model, *conds) -> int:
    return s.scalar(select(func.count()).select_from(model).where(*conds, model.deleted.is_(False))) or 0


def _hit(s: Session, p: Party) -> PartyHit:
    cases = _count(s, AssistCase, or_(AssistCase.applicant_id == p.id, AssistCase.opposing_party_id == p.id))
    asked = _count(s, Consultation, Consultation.asker_party_id == p.id)
    return PartyHit(p.id, p.kind, p.name, mask_value("party", "identifier", p.identifier, party_kind=p.kind),
                    cases, asked)


# ------------------------------------------------------------------------------ searching
def search_parties(db: Database, actor: Actor, query: str, *, limit: int = SEARCH_LIMIT,
                   exclude: uuid.UUID | None = None) -> list[PartyHit]:
    """Parties whose name (Chinese substring, full pinyin, pinyin initials) or identifier matches,
    through the search token index like every other list; merged (deleted) parties never show."""
    plan = plan_for(query)
    if plan is None:
        return []
    with read_call(db, actor, roles=None) as s:
        stmt = (select(Party).where(Party.id.in_(candidate_ids("party", plan)), Party.centre_id == actor.centre_id,
                                    Party.deleted.is_(False))
                .order_by(Party.name, Party.id))
        out: list[PartyHit] = []
        for p in s.scalars(stmt):
            if p.id == exclude or not confirms(plan, p.name, p.identifier):
                continue
            out.append(_hit(s, p))
            if len(out) >= limit:
                break
        return out


def merge_preview(db: Database, actor: Actor, keep_id: uuid.UUID, drop_id: uuid.UUID) -> MergePreview:
    """The counts a user confirms before `merge_parties(keep_id, drop_id)`."""
    with read_call(db, actor, roles=None) as s:
        keep, drop = _live_party(s, actor, keep_id), _live_party(s, actor, drop_id)
        moved = _hit(s, drop)
        rights = _count(s, IpRight, IpRight.owner_id == drop.id)
        return MergePreview(_hit(s, keep), moved, moved.cases, moved.consultations, rights)


__all__ = ["PartyCase", "PartyConsultation", "PartyDetail", "PartyHit", "MergePreview", "get_party_detail",
           "search_parties", "merge_preview"]
