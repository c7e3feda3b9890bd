"""Correcting the registration details of a registered case (登记信息修改).

    form = case_edit.registration(db, actor, case_id)          # what the edit form shows
    head = case_edit.edit_registration(db, actor, case_id, form.version, data)   # CaseInput

`data` is a `cases.CaseInput` holding the whole form, validated like registration. What it means:

* **Parties.** The same name and kind as now → the same party: its identifier, phone and contact
  person are corrected in place (they are the party's own data, so its other cases see them too).
  Another name or kind → another party is meant: found or created exactly as at registration, and
  the **conflict check runs again** for that side (`ConflictsNeedConfirmation` until confirmed).
  Identifiers and phones are shown masked (app.privacy); a masked value sent back unchanged means
  "keep what is stored", so nobody has to see a number in full to correct the summary.
* **Rights.** The case's rights become the ones given (found or created per kind and number); a
  right already on the case whose kind and number are unchanged is kept and its title / Nice
  classes corrected. A removed right's link is marked deleted, not purged, so it travels.
* **Not editable here:** the registration date (the case number's year and every due date count
  from it) and the decision, assignee and later steps (their own steps on the timeline).

One `edited` entry on the timeline lists what changed; the unit of work writes one audit event per
changed record. Nothing changed → `UsageError`, and nothing is written.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import settings
from app.context import Actor
from app.database import Database
from app.errors import NotFound, UsageError, ValidationError
from app.labels import CASE_STATUS, CHANNEL
from app.privacy import mask_value
from app.service import read_call
from app.services import cases, parties, rights
from app.services.case_steps import case_step
from app.services.cases import (CASE_ROLES, CENTRE_ROLES, CaseHead, CaseInput, CaseRoleRefused,
                                ConflictsNeedConfirmation)
from app.services.owned import live
from app.services.parties import PartyInput
from app.services.rights import RightInput
from db.models import AssistCase, Attachment, CaseRight, IpRight, Party

# Registration details may be corrected while the request is still being decided or handled.
# Not once it is closed (已办结/已回访/已归档): the outcome was recorded on these facts and the
# month's statistics have counted it; nor after 不予受理 / 视为撤回: that decision — and the notice
# printed from these details — was made on them. A later correction there is a log entry's job.
EDITABLE_STATUSES = frozenset({"registered", "supplementing", "accepted"})

# The party fields this form corrects in place; scale, region, address… are left as they are.
_PARTY_LABELS = {"identifier": "证件号码", "phone": "联系电话", "contact": "联系人"}


@dataclass(frozen=True)
class PartyForm:
    kind: str
    name: str
    identifier: str     # masked as lists show it (a person's resident ID)
    phone: str          # masked
    contact: str


@dataclass(frozen=True)
class RightForm:
    id: uuid.UUID
    kind: str
    number: str
    title: str
    nice_classes: str


@dataclass(frozen=True)
class Registration:
    """The registration as the edit form shows it (personal numbers masked)."""

    id: uuid.UUID
    version: int
    case_no: str
    status: str
    registered_on: date
    applicant: PartyForm
    opposing: PartyForm | None
    rights: tuple[RightForm, ...]
    dispute_type: str
    channel: str
    services: tuple[str, ...]
    overseas: bool
    summary: str
    attachments: tuple[str, ...]

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


def editable_refusal(status: str) -> str | None:
    """Why a case in `status` cannot be edited (None when it can) — for screens and the service."""
    if status in EDITABLE_STATUSES:
        return None
    states = "、".join(CASE_STATUS[s] for s in ("registered", "supplementing", "accepted"))
    return f"案件当前为“{CASE_STATUS.get(status, status)}”，不能修改登记信息（只有{states}的案件可以修改）。"


def _party_form(p: Party) -> PartyForm:
    return PartyForm(p.kind, p.name, mask_value("party", "identifier", p.identifier, party_kind=p.kind),
                     mask_value("party", "phone", p.phone), p.contact)


def _case_rights(s: Session, case_id: uuid.UUID) -> list[tuple[CaseRight, IpRight]]:
    rows = s.execute(select(CaseRight, IpRight).join(IpRight, IpRight.id == CaseRight.right_id)
                     .where(CaseRight.case_id == case_id).order_by(CaseRight.created_at))
    return [(link, right) for link, right in rows]


def registration(db: Database, actor: Actor, case_id: uuid.UUID) -> Registration:
    with read_call(db, actor, roles=CASE_ROLES) as s:
        case = live(s, AssistCase, case_id, actor.centre_id)
        if case is None:
            raise NotFound("找不到该案件。", english="case not found")
        opposing = s.get(Party, case.opposing_party_id) if case.opposing_party_id else None
        names = s.scalars(select(Attachment.filename).where(
            Attachment.owner_table == "assist_case", Attachment.owner_id == case.id,
            Attachment.deleted.is_(False)).order_by(Attachment.created_at)).all()
        return Registration(
            case.id, case.version, case.case_no, case.status, case.registered_on,
            _party_form(s.get(Party, case.applicant_id)), _party_form(opposing) if opposing else None,
            tuple(RightForm(r.id, r.kind, r.number, r.title, r.nice_classes)
                  for link, r in _case_rights(s, case.id) if not link.deleted),
            case.dispute_type, case.channel, tuple(case.services or ()), case.overseas, case.summary,
            tuple(names))


# ------------------------------------------------------------------------------ parties
def _kept(typed: str, stored: str | None, masked: str) -> str:
    """A masked value sent back untouched means the stored one."""
    text = typed.strip()
    return (stored or "") if masked and text == masked else typed


def _same_party(current: Party, typed: PartyInput) -> bool:
    return typed.party_id == current.id or (
        typed.party_id is None and " ".join(typed.name.split()) == current.name and typed.kind == current.kind)


def _correct_party(s: Session, party: Party, typed: PartyInput, role: str) -> list[str]:
    """Identifier, phone and contact of the same party, validated like registration."""
    masked = _party_form(party)
    data = PartyInput(name=party.name, kind=party.kind, scale=party.scale,
                      identifier=_kept(typed.identifier, party.identifier, masked.identifier),
                      phone=_kept(typed.phone, party.phone, masked.phone), contact=typed.contact)
    clean = parties.validate(data, role)
    if clean.identifier and clean.identifier != party.identifier:
        other = s.scalars(select(Party).where(
            Party.centre_id == party.centre_id, Party.deleted.is_(False), Party.identifier == clean.identifier,
            Party.id != party.id)).first()
        if other is not None:
            raise ValidationError(f"{role}证件号码", f"该号码已登记为当事人“{other.name}”的证件号码；"
                                                 "如是同一当事人，请先合并当事人")
    new = {"identifier": clean.identifier, "phone": clean.phone, "contact": clean.extra["contact"]}
    changed = []
    for key, value in new.items():
        if (getattr(party, key) or None) != (value or None):
            setattr(party, key, value)
            changed.append(role + _PARTY_LABELS[key])
    return changed


def _other_party(s: Session, actor: Actor, current: Party | None, typed: PartyInput, role: str) -> Party:
    """Another party than the current one: a masked number of the old party must not travel to it."""
    if current is not None and typed.party_id is None:
        masked = _party_form(current)
        for key, label in (("identifier", "证件号码"), ("phone", "联系电话")):
            shown = getattr(masked, key)
            if shown and getattr(typed, key).strip() == shown and shown != getattr(current, key):
                raise ValidationError(f"{role}{label}", f"仍是原{role}“{current.name}”的号码（已遮蔽）；"
                                                        f"请填写新{role}的号码，或清空")
    party = parties.find_or_create(s, actor.centre_id, typed, role)
    if current is not None and party.id == current.id:
        raise ValidationError(f"{role}名称", f"证件号码与原{role}“{current.name}”相同而名称不同；"
                                            "如是另一当事人，请填写其证件号码")
    return party


def _blank(data: PartyInput | None) -> bool:
    return data is None or (data.party_id is None and not data.name.strip())


def _side(s: Session, actor: Actor, current: Party | None, typed: PartyInput | None,
          role: str) -> tuple[Party | None, list[str], bool]:
    """(party to link, what changed, whether another party is now meant)."""
    if _blank(typed):
        return None, ([role] if current is not None else []), current is not None
    if current is not None and _same_party(current, typed):
        return current, _correct_party(s, current, typed, role), False
    return _other_party(s, actor, current, typed, role), [role], True


# ------------------------------------------------------------------------------ rights
def _set_rights(s: Session, case: AssistCase, wanted: tuple[RightInput, ...]) -> tuple[list[str], str | None]:
    """Link exactly these rights; returns (what changed, kind of the first right)."""
    links = _case_rights(s, case.id)
    live = [(link, r) for link, r in links if not link.deleted]
    changed: list[str] = []
    chosen: list[IpRight] = []
    for i, data in enumerate(wanted, start=1):
        clean = rights.validate(data, i)
        same = next((r for _l, r in live if r.kind == clean.kind and r.number == clean.number
                     and (clean.number or r.title == clean.title or len(wanted) == 1)), None)
        if same is None:
            right = rights.find_or_create(s, case.centre_id, clean, case.applicant_id, i)
        else:
            right = same
            for key in ("title", "nice_classes"):
                if getattr(clean, key) != getattr(right, key):
                    setattr(right, key, getattr(clean, key))
                    changed.append(f"第{i}项知识产权" + ("名称" if key == "title" else "尼斯分类"))
        if right.id not in {r.id for r in chosen}:
            chosen.append(right)
    wanted_ids = {r.id for r in chosen}
    by_right = {r.id: link for link, r in links}
    spare = [link for link, r in live if r.id not in wanted_ids]
    for right in chosen:
        link = by_right.get(right.id)
        if link is not None:
            if link.deleted:
                link.deleted = False
                changed.append("知识产权")
            continue
        changed.append("知识产权")
        if spare:  # re-point an unwanted link rather than delete one and add another
            spare.pop(0).right_id = right.id
        else:
            s.add(CaseRight(centre_id=case.centre_id, case_id=case.id, right_id=right.id))
    for link in spare:
        link.deleted = True
        changed.append("知识产权")
    return changed, chosen[0].kind if chosen else None


# ------------------------------------------------------------------------------ the edit
def _check_channel(actor: Actor, channel: str) -> None:
    if channel != "fair" and not actor.has_any(CENTRE_ROLES):
        # CaseRoleRefused: case_step records the refusal after the rollback.
        raise CaseRoleRefused(f"{actor.display_name} 只能处理展会渠道的案件，不能把受理渠道改为"
                              f"“{CHANNEL.get(channel, channel)}”。",
                              english=f"user {actor.username} may keep fair cases only")


def _plain_fields(case: AssistCase, data: CaseInput) -> list[str]:
    values = {"dispute_type": (data.dispute_type, "纠纷类型"), "channel": (data.channel, "受理渠道"),
              "services": (list(dict.fromkeys(data.services)), "申请服务"),
              "overseas": (bool(data.overseas), "涉外"), "summary": (data.summary.strip(), "案情摘要")}
    changed = []
    for key, (value, label) in values.items():
        if getattr(case, key) != value:
            setattr(case, key, value)
            changed.append(label)
    return changed


def edit_registration(db: Database, actor: Actor, case_id: uuid.UUID, version: int, data: CaseInput, *,
                      confirmed: bool = False) -> CaseHead:
    """Correct a registered case's details (see the module docstring); refused when stale, in a
    status where editing makes no sense, or for a role that may not handle this case."""
    cases._check_codes(data)
    with case_step(db, actor, case_id, version, "case.edit") as st:
        s, c = st.session, st.case
        refusal = editable_refusal(c.status)
        if refusal:
            raise UsageError(refusal, english=f"a case in status {c.status} cannot be edited")
        _check_channel(actor, data.channel)
        old_applicant = s.get(Party, c.applicant_id)
        old_opposing = s.get(Party, c.opposing_party_id) if c.opposing_party_id else None
        applicant, changed, applicant_new = _side(s, actor, old_applicant, data.applicant, "申请人")
        if applicant is None:
            raise ValidationError("申请人名称", "不能为空")
        opposing, more, opposing_new = _side(s, actor, old_opposing, data.opposing, "被申请人")
        changed += more
        if opposing is not None and opposing.id == applicant.id:
            raise ValidationError("被申请人", "不能与申请人是同一当事人")
        conflicts = [x for x in cases._conflicts(s, actor.centre_id,
                                                  data.applicant if applicant_new else None,
                                                  data.opposing if opposing_new and opposing else None)
                     if x.case_id != c.id]
        if conflicts and not confirmed:
            raise ConflictsNeedConfirmation(conflicts)
        c.applicant_id, c.opposing_party_id = applicant.id, opposing.id if opposing else None
        right_changes, first_kind = _set_rights(s, c, data.rights)
        changed += right_changes
        if first_kind and first_kind != c.ip_kind:
            c.ip_kind = first_kind
        changed += _plain_fields(c, data)
        if data.attachments:
            cases._attach(s, c, data.attachments, settings.get_all(s, c.centre_id)["max_file_mb"])
            changed.append("附件")
        changed = list(dict.fromkeys(changed))
        if not changed:
            raise UsageError("没有需要保存的修改。", english="nothing changed")
        text = "修改登记信息：" + "、".join(changed)
        if applicant_new:
            text += f"；申请人由 {old_applicant.name} 改为 {applicant.name}"
        if opposing_new:
            text += f"；被申请人由 {old_opposing.name if old_opposing else '（无）'} 改为 {opposing.name if opposing else '（无）'}"
        cases.add_event(s, c, actor, "edited", st.today, text,
                        {"fields": changed, "conflicts_confirmed": [x.case_no for x in conflicts]})
        return cases.head(c)


__all__ = ["EDITABLE_STATUSES", "Registration", "PartyForm", "RightForm", "registration", "edit_registration",
           "editable_refusal"]
