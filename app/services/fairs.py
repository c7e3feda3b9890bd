"""Trade-fair on-site service (展会知识产权保护办法 2006; domain.md §3): fairs, exhibitors, fair
complaints with their materials checklist and 24-hour clock, patrol notes.

On a laptop that opened a fair kit the same functions work offline; complaint numbers then carry
the device part the kit handed out, so two laptops never mint the same number (design.md §7).
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from app import numbering, settings
from app.context import Actor
from app.database import Database
from app.errors import NotFound, UsageError, ValidationError
from app.labels import COMPLAINT_OUTCOME, IP_KIND, PARTY_KIND, code_for, label
from app.privacy import mask_value
from app.rules.identifiers import InvalidValue, validate_credit_code, validate_right_number
from app.service import read_call, service_call
from app.search.tokens import name_pinyin
from app.services import parties, rights
from app.services.parties import PartyInput
from app.services.rights import RightInput
from app.services.fair_checks import Checker
from app.services.today import local_date
from db.base import utcnow
from db.models import Centre, Device, Exhibitor, Fair, FairComplaint, IpRight, Party, PatrolNote, User

FAIR_ROLES = {"fair_staff", "caseworker", "supervisor", "admin"}
MANAGE_ROLES = {"supervisor", "admin", "fair_staff"}

# Materials a complaint must bring (Art. 8), as stored keys → Chinese labels.
MATERIALS = {
    "right_proof": "权利证明",
    "identity": "身份证明",
    "legal_status": "专利法律状态证明",
    "respondent_info": "被投诉人基本信息",
    "reasons_evidence": "投诉理由和证据",
    "power_of_attorney": "授权委托书",
}
PATENT_KINDS = {"invention", "utility", "design"}


def required_materials(ip_kind: str, has_agent: bool) -> list[str]:
    keys = ["right_proof", "identity", "respondent_info", "reasons_evidence"]
    if ip_kind in PATENT_KINDS:
        keys.insert(2, "legal_status")
    if has_agent:
        keys.append("power_of_attorney")
    return keys


def missing_materials(ip_kind: str, has_agent: bool, materials: dict) -> list[str]:
    return [MATERIALS[k] for k in required_materials(ip_kind, has_agent) if not materials.get(k)]


# ------------------------------------------------------------------ rows handed out
@dataclass(frozen=True)
class FairRow:
    id: uuid.UUID
    name: str
    venue: str
    starts_on: date
    ends_on: date
    organiser: str
    office_location: str
    short_code: str
    staff: tuple[str, ...]
    complaints: int = 0
    accepted: int = 0
    handled: int = 0


@dataclass(frozen=True)
class ExhibitorRow:
    id: uuid.UUID
    fair_id: uuid.UUID
    name: str
    hall: str
    booth: str
    products: str
    credit_code: str | None


@dataclass(frozen=True)
class ComplaintRow:
    id: uuid.UUID
    fair_id: uuid.UUID
    complaint_no: str
    complainant: str
    agent_name: str
    respondent_name: str
    booth: str
    ip_kind: str
    right_number: str
    materials: dict
    missing: tuple[str, ...]
    accepted: bool | None
    not_accepted_reason: str
    supplement_requested: bool
    received_at: datetime
    due_at: datetime
    respondent_notified_at: datetime | None
    answer_received_at: datetime | None
    outcome: str | None
    handled_at: datetime | None
    note: str
    repeat_respondent: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()

    @property
    def result(self) -> str:
        """What came of it: the outcome, or 不予受理 for a complaint refused ('' while open)."""
        return label(COMPLAINT_OUTCOME, self.outcome) or ("不予受理" if self.accepted is False else "")

    @property
    def status(self) -> str:
        if self.handled_at:
            return "已处理"
        if self.accepted is False:
            return "不予受理"
        if self.supplement_requested and self.accepted is None:
            return "待补充材料"
        if self.accepted:
            return "已受理"
        return "待审查"

    def hours_left(self, now: datetime | None = None) -> float:
        """Hours until the limit (negative: overdue); counted to handled_at once handled."""
        end = self.handled_at or now or utcnow()
        return (self.due_at - end).total_seconds() / 3600

    @property
    def within_limit(self) -> bool | None:
        return None if self.handled_at is None else self.handled_at <= self.due_at


@dataclass(frozen=True)
class PatrolRow:
    id: uuid.UUID
    at: datetime
    hall: str
    booth: str
    text: str
    by: str


@dataclass(frozen=True)
class ImportReport:
    added: int
    updated: int
    rejected: tuple[tuple[int, str], ...] = field(default_factory=tuple)  # (row number, reason)


# ------------------------------------------------------------------ fairs
def _fair_row(s: Session, f: Fair, counts: tuple[int, int, int] = (0, 0, 0),
              usernames: list[tuple[uuid.UUID, str]] | None = None) -> FairRow:
    """`usernames` are (id, username) in username order, loaded once for a list of fairs."""
    if usernames is None:
        usernames = _usernames(s, [f])
    on_staff = {uuid.UUID(x) for x in f.staff_ids or ()}
    staff = tuple(name for uid, name in usernames if uid in on_staff)
    return FairRow(f.id, f.name, f.venue, f.starts_on, f.ends_on, f.organiser, f.office_location,
                   f.short_code, staff, *counts)


def _staff_ids(s: Session, usernames: Iterable[str]) -> list[str]:
    ids = []
    for name in usernames:
        uid = s.scalar(select(User.id).where(User.username == name, User.deleted.is_(False)))
        if uid is None:
            raise ValidationError("驻场人员", f"没有用户 {name}")
        ids.append(str(uid))
    return ids


def _check_fair_fields(name: str, starts_on: date, ends_on: date, short_code: str) -> None:
    if not name.strip():
        raise ValidationError("展会名称", "不能为空")
    if ends_on < starts_on:
        raise ValidationError("结束日期", "不能早于开始日期")
    if len(short_code) > 12 or not all(ch.isalnum() for ch in short_code):
        raise ValidationError("展会简称", "只能用字母或数字，最多 12 个字符（用于投诉编号）")


def _refuse_duplicate_name(s: Session, centre_id: uuid.UUID, name: str, own_id: uuid.UUID | None = None) -> None:
    same = select(func.count()).select_from(Fair).where(Fair.centre_id == centre_id, Fair.name == name,
                                                        Fair.deleted.is_(False))
    if own_id is not None:
        same = same.where(Fair.id != own_id)
    if s.scalar(same):
        raise ValidationError("展会名称", f"已有名为 {name} 的展会")


def create_fair(db: Database, actor: Actor, *, name: str, starts_on: date, ends_on: date, venue: str = "",
                organiser: str = "", office_location: str = "", short_code: str = "",
                staff: Iterable[str] = (), note: str = "") -> FairRow:
    _check_fair_fields(name, starts_on, ends_on, short_code)
    with service_call(db, actor, roles=MANAGE_ROLES, action="fair.create") as s:
        _refuse_duplicate_name(s, actor.centre_id, name.strip())
        fair = Fair(centre_id=actor.centre_id, name=name.strip(), venue=venue, starts_on=starts_on, ends_on=ends_on,
                    organiser=organiser, office_location=office_location, short_code=short_code.upper(),
                    staff_ids=_staff_ids(s, staff), note=note)
        s.add(fair)
        s.flush()
        return _fair_row(s, fair)


def update_fair(db: Database, actor: Actor, fair_id: uuid.UUID, *, staff: Iterable[str] | None = None,
                **changes) -> FairRow:
    allowed = {"name", "venue", "starts_on", "ends_on", "organiser", "office_location", "short_code", "note"}
    bad = set(changes) - allowed
    if bad:
        raise ValidationError("展会", f"不能修改 {sorted(bad)[0]}")
    with service_call(db, actor, roles=MANAGE_ROLES, action="fair.update") as s:
        fair = _get(s, Fair, fair_id, "展会")
        if "name" in changes:
            changes["name"] = changes["name"].strip()
            _refuse_duplicate_name(s, actor.centre_id, changes["name"], fair.id)
        if "short_code" in changes:
            changes["short_code"] = changes["short_code"].strip().upper()
        for key, value in changes.items():
            if getattr(fair, key) != value:
                setattr(fair, key, value)
        _check_fair_fields(fair.name, fair.starts_on, fair.ends_on, fair.short_code)
        if staff is not None:
            fair.staff_ids = _staff_ids(s, staff)
        return _fair_row(s, fair)


def find_fair(db: Database, actor: Actor, ref: str) -> FairRow:
    """A fair by id or by its exact name (what the CLI's FAIR argument accepts)."""
    with read_call(db, actor, roles=FAIR_ROLES) as s:
        return _fair_row(s, _fair_by_ref(s, actor.centre_id, ref))


def _fair_by_ref(s: Session, centre_id: uuid.UUID, ref: str) -> Fair:
    fair = None
    try:
        fair = s.get(Fair, uuid.UUID(ref.strip()))
    except ValueError:
        pass
    if fair is None:
        matches = s.scalars(select(Fair).where(Fair.centre_id == centre_id, Fair.name == ref.strip(),
                                               Fair.deleted.is_(False))).all()
        if len(matches) > 1:
            raise ValidationError("展会", f"有 {len(matches)} 个名为 {ref} 的展会，请用编号（id）指定")
        fair = matches[0] if matches else None
    if fair is None or fair.deleted or fair.centre_id != centre_id:
        raise NotFound(f"没有展会 {ref}。", english=f"no fair {ref}")
    return fair


def list_fairs(db: Database, actor: Actor) -> list[FairRow]:
    with read_call(db, actor, roles=FAIR_ROLES) as s:
        live = FairComplaint.deleted.is_(False)
        counts = {
            fid: (n, acc or 0, handled or 0)
            for fid, n, acc, handled in s.execute(
                select(FairComplaint.fair_id, func.count(),
                       func.sum(case((FairComplaint.accepted.is_(True), 1), else_=0)),
                       func.count(FairComplaint.handled_at))
                .where(live).group_by(FairComplaint.fair_id)
            )
        }
        fairs = s.scalars(select(Fair).where(Fair.centre_id == actor.centre_id, Fair.deleted.is_(False))
                          .order_by(Fair.starts_on.desc(), Fair.name)).all()
        usernames = _usernames(s, fairs)
        return [_fair_row(s, f, counts.get(f.id, (0, 0, 0)), usernames) for f in fairs]


def _usernames(s: Session, fairs) -> list[tuple[uuid.UUID, str]]:
    """(id, username) of the fairs' staff, sorted by username in SQL."""
    ids = {uuid.UUID(x) for f in fairs for x in (f.staff_ids or ())}
    if not ids:
        return []
    return list(s.execute(select(User.id, User.username).where(User.id.in_(ids)).order_by(User.username)))


# ------------------------------------------------------------------ exhibitors
def _clean_credit(value: str | None) -> str | None:
    if value is None or not str(value).strip():
        return None
    try:
        return validate_credit_code(str(value))
    except InvalidValue as exc:
        raise ValidationError("统一社会信用代码", exc.message) from None


def add_exhibitor(db: Database, actor: Actor, fair_id: uuid.UUID, *, name: str, hall: str = "", booth: str = "",
                  products: str = "", credit_code: str | None = None) -> ExhibitorRow:
    if not name.strip():
        raise ValidationError("参展商名称", "不能为空")
    credit = _clean_credit(credit_code)
    with service_call(db, actor, roles=MANAGE_ROLES, action="exhibitor.add") as s:
        fair = _get(s, Fair, fair_id, "展会")
        ex = Exhibitor(centre_id=fair.centre_id, fair_id=fair.id, name=name.strip(), name_pinyin=name_pinyin(name),
                       hall=hall.strip(), booth=booth.strip().upper(), products=products.strip(), credit_code=credit)
        s.add(ex)
        s.flush()
        return _ex_row(ex)


def update_exhibitor(db: Database, actor: Actor, exhibitor_id: uuid.UUID, **changes) -> ExhibitorRow:
    allowed = {"name", "hall", "booth", "products", "credit_code"}
    if set(changes) - allowed:
        raise ValidationError("参展商", f"不能修改 {sorted(set(changes) - allowed)[0]}")
    if "credit_code" in changes:
        changes["credit_code"] = _clean_credit(changes["credit_code"])
    with service_call(db, actor, roles=MANAGE_ROLES, action="exhibitor.update") as s:
        ex = _get(s, Exhibitor, exhibitor_id, "参展商")
        for key, value in changes.items():
            setattr(ex, key, value)
        if "name" in changes:
            ex.name_pinyin = name_pinyin(ex.name)
        return _ex_row(ex)


def remove_exhibitor(db: Database, actor: Actor, exhibitor_id: uuid.UUID) -> None:
    """An exhibitor that did not come: kept as deleted, so complaints that name it still read."""
    with service_call(db, actor, roles=MANAGE_ROLES, action="exhibitor.remove") as s:
        _get(s, Exhibitor, exhibitor_id, "参展商").deleted = True


def _ex_row(e: Exhibitor) -> ExhibitorRow:
    return ExhibitorRow(e.id, e.fair_id, e.name, e.hall, e.booth, e.products, e.credit_code)


def list_exhibitors(db: Database, actor: Actor, fair_id: uuid.UUID, query: str = "") -> list[ExhibitorRow]:
    """All exhibitors of a fair, or those whose booth, name or pinyin (full or initials) match."""
    with read_call(db, actor, roles=FAIR_ROLES) as s:
        stmt = select(Exhibitor).where(Exhibitor.fair_id == fair_id, Exhibitor.deleted.is_(False))
        q = query.strip()
        if q:
            like = f"%{q.lower()}%"
            stmt = stmt.where(or_(func.upper(Exhibitor.booth) == q.upper(), Exhibitor.name.contains(q),
                                  Exhibitor.name_pinyin.like(like)))
        rows = s.scalars(stmt.order_by(Exhibitor.hall, Exhibitor.booth, Exhibitor.name)).all()
        # An exact booth match first: at the fair people usually read it off the stand.
        rows = sorted(rows, key=lambda e: e.booth.upper() != q.upper())
        return [_ex_row(e) for e in rows]


# ------------------------------------------------------------------ complaints
@dataclass(frozen=True)
class Complainant:
    name: str
    kind: str = "enterprise"  # person | enterprise | institution | social_org | other
    identifier: str = ""
    phone: str = ""
    contact: str = ""


def _party_for(s: Session, centre_id: uuid.UUID, who: Complainant) -> Party:
    """The complainant by the party rules of the case register (identifier, else exact name and
    kind), so a returning complainant without an ID is the same party, not a new one each time."""
    kind = code_for(PARTY_KIND, who.kind)
    if kind is None:
        raise ValidationError("投诉人类型", f"无效：{who.kind}；可选 {'、'.join(PARTY_KIND.values())}")
    data = PartyInput(name=who.name, kind=kind, identifier=who.identifier, phone=who.phone, contact=who.contact)
    return parties.find_or_create(s, centre_id, data, "投诉人")


def complaint_pattern(pattern: str, device_prefix: str) -> str:
    """The centre's pattern, with the device part a laptop must add (design.md §7 Numbers):
    before 第 when the pattern has no {device} of its own."""
    if not device_prefix or "{device}" in pattern:
        return pattern
    if "第" in pattern:
        return pattern.replace("第", "{device}第", 1)
    return pattern + "-{device}"


def _mint_number(db: Database, s: Session, centre: Centre, fair: Fair, received_at: datetime) -> str:
    device = s.get(Device, db.device_id) if db.device_id else None
    prefix = device.number_prefix if device is not None and device.kind == "laptop" else ""
    pattern = complaint_pattern(settings.get(s, centre.id, "complaint_number_pattern"), prefix)
    year = local_date(received_at, centre.timezone).year

    def taken(number: str) -> bool:
        return bool(s.scalar(select(func.count()).select_from(FairComplaint).where(
            FairComplaint.centre_id == centre.id, FairComplaint.complaint_no == number)))

    return numbering.next_number(s, centre.id, pattern, year, taken, short=centre.short_name,
                                 device=prefix, fair=fair.short_code)


def register_complaint(
    db: Database, actor: Actor, fair_id: uuid.UUID, *, complainant: Complainant, ip_kind: str,
    right_number: str = "", right_title: str = "", respondent_exhibitor_id: uuid.UUID | None = None,
    respondent_name: str = "", booth: str = "", agent_name: str = "", materials: dict | None = None,
    received_at: datetime | None = None, note: str = "",
) -> ComplaintRow:
    """Take a complaint at the fair's complaint office; the 24-hour clock starts at `received_at`."""
    kind = code_for(IP_KIND, ip_kind)
    if kind is None:
        raise ValidationError("知识产权类型", f"无效：{ip_kind}")
    number = ""
    if right_number.strip():
        try:
            # Spaces as copied from a certificate ("ZL 2023 1 0123456.6") are fine, as at registration.
            number = validate_right_number(IP_KIND[kind], "".join(right_number.split())
                                           if kind in ("invention", "utility", "design") else right_number)
        except InvalidValue as exc:
            raise ValidationError("权利号", exc.message) from None
    unknown = set(materials or {}) - set(MATERIALS)
    if unknown:
        raise ValidationError("材料清单", f"未知的材料 {sorted(unknown)[0]}")
    received = received_at or utcnow()
    with service_call(db, actor, roles=FAIR_ROLES, action="fair_complaint.register") as s:
        fair = _get(s, Fair, fair_id, "展会")
        centre = s.get(Centre, fair.centre_id)
        party = _party_for(s, fair.centre_id, complainant)
        if respondent_exhibitor_id is not None:
            ex = _get(s, Exhibitor, respondent_exhibitor_id, "被投诉参展商")
            respondent_name = respondent_name or ex.name
            booth = booth or ex.booth
        if not respondent_name.strip():
            raise ValidationError("被投诉人", "请选择参展商或填写被投诉人名称")
        right = None
        if number:  # the same right as in the register, found by its number
            right = rights.find_or_create(s, fair.centre_id, RightInput(kind, number, right_title), party.id)
        elif right_title:
            right = IpRight(centre_id=fair.centre_id, kind=kind, number="", title=right_title, owner_id=party.id)
            s.add(right)
            s.flush()
        complaint = FairComplaint(
            centre_id=fair.centre_id, fair_id=fair.id, complaint_no=_mint_number(db, s, centre, fair, received),
            complainant_id=party.id, agent_name=agent_name.strip(), respondent_exhibitor_id=respondent_exhibitor_id,
            respondent_name=respondent_name.strip(), booth=booth.strip().upper(), right_id=right.id if right else None,
            ip_kind=kind, materials={k: bool(v) for k, v in (materials or {}).items()}, received_at=received, note=note,
        )
        s.add(complaint)
        s.flush()
        return _complaint_row(s, complaint, checks=True)


def decide_complaint(db: Database, actor: Actor, complaint_id: uuid.UUID, *, accept: bool | None,
                     reason: str = "", supplement: bool = False, materials: dict | None = None) -> ComplaintRow:
    """Accept (all required materials present), refuse (with a reason) or ask to supplement."""
    with service_call(db, actor, roles=FAIR_ROLES, action="fair_complaint.decide") as s:
        c = _get(s, FairComplaint, complaint_id, "展会投诉")
        if materials:
            c.materials = {**c.materials, **{k: bool(v) for k, v in materials.items() if k in MATERIALS}}
        missing = missing_materials(c.ip_kind, bool(c.agent_name), c.materials)
        if supplement:
            if not missing and not reason:
                raise ValidationError("补充材料", "材料齐全，无需要求补充")
            c.supplement_requested, c.accepted = True, None
            c.not_accepted_reason = reason or "请补充：" + "、".join(missing)
        elif accept:
            if missing:
                raise ValidationError("材料清单", f"缺少{'、'.join(missing)}，请要求补充或不予受理")
            c.accepted, c.not_accepted_reason = True, ""
        else:
            if not reason.strip():
                raise ValidationError("不予受理理由", "不能为空")
            c.accepted, c.not_accepted_reason = False, reason.strip()
        return _complaint_row(s, c)


def record_progress(db: Database, actor: Actor, complaint_id: uuid.UUID, *, notified_at: datetime | None = None,
                    answer_at: datetime | None = None, outcome: str | None = None,
                    handled_at: datetime | None = None, note: str | None = None) -> ComplaintRow:
    """Respondent notified, answer received, outcome (撤展/遮盖/和解/驳回/移交/其他) and handled-at."""
    code = None
    if outcome is not None:
        code = code_for(COMPLAINT_OUTCOME, outcome)
        if code is None:
            raise ValidationError("处理结果", f"无效：{outcome}；可选 {'、'.join(COMPLAINT_OUTCOME.values())}")
    with service_call(db, actor, roles=FAIR_ROLES, action="fair_complaint.progress") as s:
        c = _get(s, FairComplaint, complaint_id, "展会投诉")
        for name, value in (("notified_at", notified_at), ("answer_at", answer_at), ("handled_at", handled_at)):
            if value is not None and value < c.received_at:
                raise ValidationError({"notified_at": "通知时间", "answer_at": "答辩时间", "handled_at": "处理时间"}[name],
                                      "早于投诉受理时间")
        if notified_at is not None:
            c.respondent_notified_at = notified_at
        if answer_at is not None:
            c.answer_received_at = answer_at
        if code is not None:
            if c.accepted is not True and code not in ("dismissed", "other"):
                raise ValidationError("处理结果", "投诉尚未受理")
            c.outcome = code
            c.handled_at = handled_at or c.handled_at or utcnow()
        elif handled_at is not None:
            c.handled_at = handled_at
        if note is not None:
            c.note = note
        return _complaint_row(s, c)


def update_complaint(db: Database, actor: Actor, complaint_id: uuid.UUID, **changes) -> ComplaintRow:
    """Plain edits of a complaint's free fields."""
    allowed = {"note", "agent_name", "respondent_name", "booth"}
    if set(changes) - allowed:
        raise ValidationError("展会投诉", f"不能直接修改 {sorted(set(changes) - allowed)[0]}")
    with service_call(db, actor, roles=FAIR_ROLES, action="fair_complaint.update") as s:
        c = _get(s, FairComplaint, complaint_id, "展会投诉")
        for key, value in changes.items():
            setattr(c, key, value)
        return _complaint_row(s, c)


def list_complaints(db: Database, actor: Actor, fair_id: uuid.UUID, *, checks: bool = False) -> list[ComplaintRow]:
    with read_call(db, actor, roles=FAIR_ROLES) as s:
        rows = s.scalars(select(FairComplaint).where(FairComplaint.fair_id == fair_id,
                                                     FairComplaint.centre_id == actor.centre_id,
                                                     FairComplaint.deleted.is_(False))
                         .order_by(FairComplaint.received_at)).all()
        # The complainants, rights, credit codes and time limit in one query each, not one per row.
        parties = _by_id(s, Party, {c.complainant_id for c in rows})
        rights = _by_id(s, IpRight, {c.right_id for c in rows if c.right_id})
        hours = settings.get(s, actor.centre_id, "limit_fair_hours")
        checker = Checker(s, actor.centre_id, _names(rows, parties.values())) if checks else None
        credits = _credit_codes(s, rows) if checks else {}
        result = []
        for c in rows:
            party = parties.get(c.complainant_id)
            flags = (checker.flags(c, party=party, credit=credits.get(c.respondent_exhibitor_id))
                     if checker else ([], []))
            result.append(_assemble(c, party, rights.get(c.right_id), hours, flags))
        return result


def _by_id(s: Session, model, ids: set[uuid.UUID]) -> dict:
    return {o.id: o for o in s.scalars(select(model).where(model.id.in_(ids)))} if ids else {}


def _credit_codes(s: Session, rows) -> dict[uuid.UUID, str | None]:
    ids = {c.respondent_exhibitor_id for c in rows if c.respondent_exhibitor_id}
    if not ids:
        return {}
    return dict(s.execute(select(Exhibitor.id, Exhibitor.credit_code).where(Exhibitor.id.in_(ids))).all())


def get_complaint(db: Database, actor: Actor, complaint_id: uuid.UUID) -> ComplaintRow:
    with read_call(db, actor, roles=FAIR_ROLES) as s:
        return _complaint_row(s, _get(s, FairComplaint, complaint_id, "展会投诉"), checks=True)


def _complaint_row(s: Session, c: FairComplaint, *, checks: bool = False) -> ComplaintRow:
    party = s.get(Party, c.complainant_id)
    flags = Checker(s, c.centre_id, _names([c], [party] if party else [])).flags(c, party=party) if checks else ([], [])
    return _assemble(c, party, s.get(IpRight, c.right_id) if c.right_id else None,
                     settings.get(s, c.centre_id, "limit_fair_hours"), flags)


def _names(complaints, complainants) -> list[str]:
    """The names the checks of these complaints look up: respondents' and complainants'."""
    return [c.respondent_name for c in complaints] + [p.name for p in complainants]


def _assemble(c: FairComplaint, party: Party | None, right: IpRight | None, hours: int,
              flags: tuple[list[str], list[str]]) -> ComplaintRow:
    repeat, conflicts = flags
    return ComplaintRow(
        c.id, c.fair_id, c.complaint_no, party.name if party else "", c.agent_name, c.respondent_name, c.booth,
        c.ip_kind, right.number if right else "", dict(c.materials),
        tuple(missing_materials(c.ip_kind, bool(c.agent_name), c.materials)), c.accepted, c.not_accepted_reason,
        c.supplement_requested, c.received_at, c.received_at + timedelta(hours=hours), c.respondent_notified_at,
        c.answer_received_at, c.outcome, c.handled_at, c.note, tuple(repeat), tuple(conflicts),
    )


# ------------------------------------------------------------------ patrol notes
def add_patrol_note(db: Database, actor: Actor, fair_id: uuid.UUID, *, text: str, hall: str = "", booth: str = "",
                    at: datetime | None = None) -> PatrolRow:
    if not text.strip():
        raise ValidationError("巡查记录", "内容不能为空")
    with service_call(db, actor, roles=FAIR_ROLES, action="patrol_note.add") as s:
        fair = _get(s, Fair, fair_id, "展会")
        note = PatrolNote(centre_id=fair.centre_id, fair_id=fair.id, at=at or utcnow(), hall=hall.strip(),
                          booth=booth.strip().upper(), text=text.strip(), by_user=actor.user_id)
        s.add(note)
        s.flush()
        return PatrolRow(note.id, note.at, note.hall, note.booth, note.text, actor.display_name)


def list_patrol_notes(db: Database, actor: Actor, fair_id: uuid.UUID) -> list[PatrolRow]:
    with read_call(db, actor, roles=FAIR_ROLES) as s:
        rows = s.execute(select(PatrolNote, User.display_name).outerjoin(User, User.id == PatrolNote.by_user)
                         .where(PatrolNote.fair_id == fair_id, PatrolNote.deleted.is_(False))
                         .order_by(PatrolNote.at)).all()
        return [PatrolRow(n.id, n.at, n.hall, n.booth, n.text, who or "") for n, who in rows]


def _get(s: Session, model, record_id: uuid.UUID, what: str):
    obj = s.get(model, record_id)
    if obj is None or obj.deleted:
        raise NotFound(f"没有该{what}（{record_id}）。", english=f"no {model.__tablename__} {record_id}")
    return obj


__all__ = [
    "Complainant", "ComplaintRow", "ExhibitorRow", "FairRow", "ImportReport", "MATERIALS", "PatrolRow",
    "add_exhibitor", "add_patrol_note", "complaint_pattern", "create_fair", "decide_complaint", "find_fair",
    "get_complaint", "import_exhibitors", "list_complaints", "write_rejections", "list_exhibitors", "list_fairs", "list_patrol_notes", "missing_materials",
    "record_progress", "register_complaint", "remove_exhibitor", "update_complaint", "update_exhibitor", "update_fair", "label",
]


# ------------------------------------------------------------------ exhibitor lists from Excel / CSV
# Accepted column titles (the organiser's lists vary); first match wins.
EXHIBITOR_COLUMNS = {
    "name": ("参展商", "参展商名称", "企业名称", "单位名称", "名称", "name"),
    "hall": ("展馆", "馆号", "馆", "hall"),
    "booth": ("展位", "展位号", "booth"),
    "products": ("展品", "主要展品", "产品", "products"),
    "credit_code": ("统一社会信用代码", "信用代码", "credit_code", "credit code"),
}


def read_table_file(path) -> list[list[str]]:
    """Rows of a .xlsx or .csv file as text (CSV in UTF-8, with or without BOM, or GB18030)."""
    from pathlib import Path

    path = Path(path)
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            wb = load_workbook(path, read_only=True, data_only=True)
            rows = [["" if v is None else str(v).strip() for v in row] for row in wb.active.iter_rows(values_only=True)]
            wb.close()
            return rows
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"无法读取文件 {path}：{exc.strerror}。", english=f"cannot read {path}") from exc
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a damaged workbook
        raise UsageError(f"文件 {path} 不是有效的 Excel 工作簿。", english=f"{path} is not a valid workbook") from exc
    import csv
    import io

    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise UsageError(f"文件 {path} 的编码无法识别。", english="unknown encoding")
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]


def _header_map(header: list[str]) -> dict[str, int]:
    found = {}
    lowered = [h.strip().lower() for h in header]
    for key, titles in EXHIBITOR_COLUMNS.items():
        for title in titles:
            if title.lower() in lowered:
                found[key] = lowered.index(title.lower())
                break
    if "name" not in found:
        raise ValidationError("参展商名单", "第一行找不到“参展商名称”（或“企业名称”“名称”）列")
    return found


def import_exhibitors(db: Database, actor: Actor, fair_id: uuid.UUID, path) -> ImportReport:
    """Add (or update, matched by name) the exhibitors of a list; bad rows are reported, not
    guessed at. One transaction: the good rows all go in together."""
    rows = read_table_file(path)
    if not rows:
        raise ValidationError("参展商名单", "文件是空的")
    cols = _header_map(rows[0])
    good: list[tuple[int, dict]] = []
    rejected: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        value = {k: (row[i] if i < len(row) else "") for k, i in cols.items()}
        if not any(value.values()):
            continue
        if not value["name"]:
            rejected.append((number, "参展商名称为空"))
            continue
        if value["name"] in seen:
            rejected.append((number, f"与第 {seen[value['name']]} 行重复"))
            continue
        if value.get("credit_code"):
            try:
                value["credit_code"] = validate_credit_code(value["credit_code"])
            except InvalidValue as exc:
                rejected.append((number, f"统一社会信用代码：{exc.message}"))
                continue
        seen[value["name"]] = number
        good.append((number, value))
    added = updated = 0
    with service_call(db, actor, roles=MANAGE_ROLES, action="exhibitor.import") as s:
        fair = _get(s, Fair, fair_id, "展会")
        existing = {e.name: e for e in s.scalars(select(Exhibitor).where(Exhibitor.fair_id == fair.id,
                                                                       Exhibitor.deleted.is_(False)))}
        for _n, v in good:
            fields = {"hall": v.get("hall", ""), "booth": v.get("booth", "").upper(), "products": v.get("products", ""),
                      "credit_code": v.get("credit_code") or None}
            ex = existing.get(v["name"])
            if ex is None:
                s.add(Exhibitor(centre_id=fair.centre_id, fair_id=fair.id, name=v["name"],
                                name_pinyin=name_pinyin(v["name"]), **fields))
                added += 1
            else:
                for key, val in fields.items():
                    if val and getattr(ex, key) != val:
                        setattr(ex, key, val)
                updated += 1
    return ImportReport(added, updated, tuple(rejected))


def write_rejections(report: ImportReport, path) -> None:
    """The rejected rows as CSV for people (UTF-8 with BOM so Excel opens it)."""
    import csv
    from pathlib import Path

    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["行号", "原因"])
        out.writerows(report.rejected)


# ------------------------------------------------------------------ the organiser's summary
@dataclass(frozen=True)
class FairSummary:
    centre_name: str
    fair: FairRow
    limit_hours: int
    complaints: tuple[ComplaintRow, ...]
    complainant_ids: tuple[str, ...]  # masked, in the order of `complaints`
    by_outcome: tuple[tuple[str, int], ...]
    by_kind: tuple[tuple[str, int], ...]
    handled: int
    within_limit: int
    patrol_notes: int

    @property
    def share_within_limit(self) -> float | None:
        return None if not self.handled else self.within_limit / self.handled


def fair_summary(db: Database, actor: Actor, fair_id: uuid.UUID) -> FairSummary:
    """Counts by outcome and IP kind, share handled within the time limit, and the complaint list."""
    complaints = list_complaints(db, actor, fair_id)
    with read_call(db, actor, roles=FAIR_ROLES) as s:
        fair = _fair_row(s, _get(s, Fair, fair_id, "展会"))
        centre = s.get(Centre, actor.centre_id)
        centre_name = centre.name if centre else ""
        hours = settings.get(s, actor.centre_id, "limit_fair_hours")
        idents = {}
        ids = [c.id for c in complaints]
        if ids:
            rows = s.execute(select(FairComplaint.id, Party.identifier, Party.kind)
                             .join(Party, Party.id == FairComplaint.complainant_id)
                             .where(FairComplaint.id.in_(ids)))
            # The masking rule of app.privacy: a person's ID masked, a credit code shown.
            idents = {cid: mask_value("party", "identifier", ident, party_kind=kind) for cid, ident, kind in rows}
        notes = s.scalar(select(func.count()).select_from(PatrolNote).where(PatrolNote.fair_id == fair_id,
                                                                          PatrolNote.deleted.is_(False))) or 0
    # Every outcome, then the refused, then those still open: each complaint counted once.
    result_counts = {label(COMPLAINT_OUTCOME, code): 0 for code in COMPLAINT_OUTCOME} | {"不予受理": 0, "未处理完": 0}
    kind_counts: dict[str, int] = {}
    for c in complaints:
        result_counts[c.result or "未处理完"] += 1
        kind_counts[c.ip_kind] = kind_counts.get(c.ip_kind, 0) + 1
    handled = [c for c in complaints if c.handled_at]
    by_outcome = tuple(result_counts.items())
    by_kind = tuple((label(IP_KIND, k), n) for k, n in sorted(kind_counts.items(), key=lambda kv: -kv[1]))
    return FairSummary(centre_name, fair, hours, tuple(complaints),
                       tuple(idents.get(c.id, "") for c in complaints), by_outcome, by_kind,
                       len(handled), sum(1 for c in handled if c.within_limit), notes)
