"""Parties (当事人): validation, duplicate detection, find-or-create and merging.

Duplicates are looked for three ways: the same identifier (certain), the same name (likely) and
the same full pinyin (张伟/章伟: worth a look). Only the first two are reused automatically when a
case is registered; a pinyin look-alike is shown to the user by `find_duplicates`.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.context import Actor
from app.database import Database
from app.errors import NotFound, UsageError, ValidationError
from app.labels import PARTY_KIND, SCALE
from app.privacy import mask_value
from app.rules import identifiers as ids
from app.search.tokens import PINYIN_PREFIX, name_pinyin, normalise, pinyin_tokens
from app.service import read_call, service_call
from app.services.owned import live
from app.services.today import centre_today
from db.models import AssistCase, CaseEvent, Consultation, IpRight, Party, SearchToken
from db.base import utcnow

CASE_ROLES = frozenset({"caseworker", "supervisor", "fair_staff"})
MERGE_ROLES = frozenset({"caseworker", "supervisor"})  # screens offer "合并到…" only to these


@dataclass(frozen=True)
class PartyInput:
    """What a form or command gives for a party; `party_id` picks an existing one."""

    name: str = ""
    kind: str = "enterprise"
    identifier: str = ""
    phone: str = ""
    scale: str | None = None
    private_enterprise: bool = False
    going_global: bool = False
    region: str = ""
    contact: str = ""
    address: str = ""
    party_id: uuid.UUID | None = None


@dataclass(frozen=True)
class PartyRow:
    """A party as case screens and look-ups show it. Its ID number and phone are masked (app.privacy):
    the clear value of a field named in `masked_fields` leaves the service layer only through
    `app.privacy.unmask`, which checks the role and leaves an event."""

    id: uuid.UUID
    kind: str
    name: str
    identifier: str  # masked
    phone: str  # masked
    masked_fields: tuple[str, ...] = ()  # the fields whose shown value hides something


@dataclass(frozen=True)
class PartyMatch:
    party: PartyRow
    reason: str  # identifier | name | pinyin

    @property
    def reason_label(self) -> str:
        return {"identifier": "证件号码相同", "name": "名称相同", "pinyin": "名称拼音相同"}[self.reason]


@dataclass(frozen=True)
class CleanParty:
    name: str
    kind: str
    identifier: str | None
    phone: str
    extra: dict = field(default_factory=dict)


def mask_identifier(value: str | None, kind: str | None) -> str:
    """A party's identifier as lists show it: the masking rule of app.privacy (a person's resident
    ID masked; a credit code is not personal data and stays whole)."""
    return mask_value("party", "identifier", value, party_kind=kind)


def validate(data: PartyInput, role: str = "当事人", today: date | None = None) -> CleanParty:
    """Check a party's fields; messages name the field with the party's role (申请人证件号码…)."""
    name = " ".join(data.name.split())
    if not name:
        raise ValidationError(f"{role}名称", "不能为空")
    if len(name) > 120:
        raise ValidationError(f"{role}名称", "不能超过120个字符")
    if data.kind not in PARTY_KIND:
        raise ValidationError(f"{role}类型", f"“{data.kind}”不是有效的类型；可选：{'、'.join(PARTY_KIND.values())}")
    if data.scale is not None and data.scale not in SCALE:
        raise ValidationError(f"{role}企业规模", f"“{data.scale}”不是有效的规模")
    identifier = None
    if data.identifier.strip():
        typed = "".join(data.identifier.split())  # people copy numbers with spaces in groups
        try:
            identifier = (ids.validate_resident_id(typed, today) if data.kind == "person"
                          else ids.validate_credit_code(typed))
        except ids.InvalidValue as exc:
            what = "身份证号码" if data.kind == "person" else "统一社会信用代码"
            raise ValidationError(f"{role}{what}", exc.message) from None
    phone = ""
    if data.phone.strip():
        try:
            phone = ids.validate_phone(data.phone)
        except ids.InvalidValue as exc:
            raise ValidationError(f"{role}联系电话", exc.message) from None
    extra = dict(scale=data.scale, private_enterprise=data.private_enterprise, going_global=data.going_global,
                 region=data.region.strip(), contact=data.contact.strip(), address=data.address.strip())
    return CleanParty(name, data.kind, identifier, phone, extra)


# ---------------------------------------------------------------------------------- look-ups
def matches(session: Session, centre_id: uuid.UUID, name: str, identifier: str | None) -> list[PartyMatch]:
    """Existing parties that may be this one, the surest first."""
    found: dict[uuid.UUID, PartyMatch] = {}
    live = (Party.centre_id == centre_id) & Party.deleted.is_(False)
    if identifier:
        for p in session.scalars(select(Party).where(live, Party.identifier == identifier)):
            found.setdefault(p.id, PartyMatch(row(p), "identifier"))
    for p in session.scalars(select(Party).where(live, Party.name == name)):
        found.setdefault(p.id, PartyMatch(row(p), "name"))
    spellings = [t for t in pinyin_tokens(normalise(name)) if t.startswith(PINYIN_PREFIX)]
    if spellings:
        ids_ = select(SearchToken.record_id).where(SearchToken.table_name == "party", SearchToken.token.in_(spellings))
        for p in session.scalars(select(Party).where(live, Party.id.in_(ids_)).limit(20)):
            found.setdefault(p.id, PartyMatch(row(p), "pinyin"))
    return list(found.values())


def find_duplicates(db: Database, actor: Actor, name: str, identifier: str = "", kind: str = "enterprise") -> list[PartyMatch]:
    """What the register form shows while the user types a party."""
    clean_id = None
    if identifier.strip():
        try:
            clean_id = validate(PartyInput(name=name or "?", kind=kind, identifier=identifier)).identifier
        except ValidationError:
            clean_id = None
    with read_call(db, actor, roles=None) as s:
        return matches(s, actor.centre_id, " ".join(name.split()), clean_id)


def find_or_create(session: Session, centre_id: uuid.UUID, data: PartyInput, role: str,
                   today: date | None = None) -> Party:
    """Inside a service call: the party picked, the one with this identifier or exact name, or a new one.

    A name match whose identifier differs is a different party (two companies of one name in two
    cities); an identifier match wins whatever the name says.
    """
    if data.party_id is not None:
        party = live(session, Party, data.party_id, centre_id)
        if party is None:
            raise NotFound(f"找不到所选的{role}。", english="party not found")
        return party
    clean = validate(data, role, today)
    for m in matches(session, centre_id, clean.name, clean.identifier):
        existing = session.get(Party, m.party.id)
        if m.reason == "identifier":
            return existing
        if m.reason == "name" and existing.kind == clean.kind and (
                not clean.identifier or not existing.identifier):
            if clean.identifier and not existing.identifier:
                existing.identifier = clean.identifier
            if clean.phone and not existing.phone:
                existing.phone = clean.phone
            return existing
    party = Party(centre_id=centre_id, kind=clean.kind, name=clean.name, name_pinyin=name_pinyin(clean.name),
                  identifier=clean.identifier, phone=clean.phone, **clean.extra)
    session.add(party)
    session.flush()
    return party


def shown_personal(p: Party) -> tuple[dict[str, str], tuple[str, ...]]:
    """A party's ID number and phone as screens show them (masked), and which of them the mask shortens:
    a credit code is public and shown whole, so only what the mask hides can be revealed."""
    shown = {"identifier": mask_identifier(p.identifier, p.kind), "phone": mask_value("party", "phone", p.phone)}
    return shown, tuple(f for f, v in shown.items() if v != (getattr(p, f) or ""))


def row(p: Party) -> PartyRow:
    shown, hidden = shown_personal(p)
    return PartyRow(p.id, p.kind, p.name, shown["identifier"], shown["phone"], hidden)


def get_party(db: Database, actor: Actor, party_id: uuid.UUID) -> PartyRow:
    with read_call(db, actor, roles=None) as s:
        p = live(s, Party, party_id, actor.centre_id)
        if p is None:
            raise NotFound("找不到该当事人。", english="party not found")
        return row(p)


# ---------------------------------------------------------------------------------- merging
@dataclass(frozen=True)
class MergeResult:
    kept: PartyRow
    cases_moved: int


def merge_parties(db: Database, actor: Actor, keep_id: uuid.UUID, drop_id: uuid.UUID) -> MergeResult:
    """Two records of one party become one: cases, rights and consultations of `drop` follow `keep`,
    `drop` is marked deleted, and each moved case gets a timeline entry."""
    if keep_id == drop_id:
        raise UsageError("不能把当事人与自己合并。", english="cannot merge a party with itself")
    with service_call(db, actor, roles=MERGE_ROLES, action="party.merge") as s:
        keep, drop = live(s, Party, keep_id, actor.centre_id), live(s, Party, drop_id, actor.centre_id)
        if keep is None or drop is None:
            raise NotFound("找不到要合并的当事人。", english="party not found")
        if keep.identifier and drop.identifier and keep.identifier != drop.identifier:
            raise ValidationError("证件号码", f"两个当事人的证件号码不同，不能合并（{mask_identifier(keep.identifier, keep.kind)} / "
                                           f"{mask_identifier(drop.identifier, drop.kind)}）")
        cases = s.scalars(select(AssistCase).where(
            or_(AssistCase.applicant_id == drop.id, AssistCase.opposing_party_id == drop.id))).all()
        facing = [c.case_no for c in cases if {c.applicant_id, c.opposing_party_id} == {keep.id, drop.id}]
        if facing:
            # One party on both sides of a dispute would be nonsense in the case and in the conflict check.
            raise ValidationError("当事人", f"两个当事人在案件 {facing[0]} 中分属申请人和被申请人两方，不能合并")
        now, today = utcnow(), centre_today(s, actor.centre_id)
        for case in cases:
            if case.applicant_id == drop.id:
                case.applicant_id = keep.id
            if case.opposing_party_id == drop.id:
                case.opposing_party_id = keep.id
            s.add(CaseEvent(centre_id=case.centre_id, case_id=case.id, kind="party_merged", at=now,
                            on=today, actor_id=actor.user_id, actor_name=actor.display_name,
                            text=f"当事人“{drop.name}”已并入“{keep.name}”",
                            data={"kept": str(keep.id), "dropped": str(drop.id)}))
        for right in s.scalars(select(IpRight).where(IpRight.owner_id == drop.id)):
            right.owner_id = keep.id
        for c in s.scalars(select(Consultation).where(Consultation.asker_party_id == drop.id)):
            c.asker_party_id = keep.id
        keep.identifier = keep.identifier or drop.identifier
        keep.phone = keep.phone or drop.phone
        drop.deleted = True
        drop.note = (drop.note + f"\n已并入 {keep.id}").strip()
        s.flush()
        return MergeResult(row(keep), len(cases))


__all__ = ["MERGE_ROLES", "MergeResult", "PartyInput", "PartyRow", "PartyMatch", "find_duplicates",
           "find_or_create", "merge_parties",
           "validate", "mask_identifier", "matches"]
