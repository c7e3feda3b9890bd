"""Cooperating units (合作单位库): law firms, patent agencies, appraisal bodies, mediation
organisations, courts, administrative departments, customs, universities, associations — the
referral and mediation targets of cases."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.context import Actor
from app.database import Database
from app.errors import NotFound, ValidationError
from app.labels import INSTITUTION_KIND, label
from app.search.lookup import candidate_ids, confirms, plan_for
from app.search.tokens import name_pinyin
from app.service import read_call, service_call
from app.services import fields, sheets
from app.services.owned import live
from db.models import Institution, Mediation, Referral

EDIT_ROLES = {"caseworker", "supervisor", "admin"}


@dataclass(frozen=True)
class InstitutionInput:
    kind: str
    name: str
    contact: str = ""
    phone: str = ""
    address: str = ""
    region: str = ""
    note: str = ""


@dataclass(frozen=True)
class InstitutionRow:
    id: uuid.UUID
    kind: str
    name: str
    contact: str
    phone: str
    address: str
    region: str
    note: str
    version: int

    def as_json(self, *, reveal: bool = False) -> dict:
        return {"id": str(self.id), "kind": label(INSTITUTION_KIND, self.kind), "name": self.name,
                "contact": self.contact, "phone": sheets.masked_phone(self.phone, reveal),
                "address": self.address, "region": self.region, "note": self.note}


def _apply(s: Session, actor: Actor, row: Institution, data: InstitutionInput) -> None:
    row.kind = fields.code(INSTITUTION_KIND, "单位类型", data.kind)
    row.name = fields.text("单位名称", data.name, required=True, max_len=120)
    duplicate = s.scalar(select(func.count()).select_from(Institution).where(
        Institution.centre_id == actor.centre_id, Institution.name == row.name,
        Institution.deleted.is_(False), Institution.id != row.id))
    if duplicate:
        raise ValidationError("单位名称", f"“{row.name}”已在合作单位库中")
    row.name_pinyin = name_pinyin(row.name)
    row.contact = fields.text("联系人", data.contact, max_len=60)
    row.phone = fields.loose_phone("联系电话", data.phone)
    row.address = fields.text("地址", data.address, max_len=200)
    row.region = fields.text("地区", data.region, max_len=60)
    row.note = fields.text("备注", data.note)


def find_or_create(s: Session, actor: Actor, name: str, kind: str) -> Institution:
    """Inside a service call: the unit of this name (a referral or mediation names one), else a new
    one made by the same rules as the library's own form."""
    name = fields.text("接收单位", name, required=True, max_len=120)
    found = s.scalars(select(Institution).where(Institution.centre_id == actor.centre_id,
                                                Institution.name == name, Institution.deleted.is_(False))).first()
    if found is not None:
        return found
    row = Institution(centre_id=actor.centre_id)
    _apply(s, actor, row, InstitutionInput(kind=kind, name=name))
    s.add(row)
    s.flush()
    return row


def create_institution(db: Database, actor: Actor, data: InstitutionInput) -> InstitutionRow:
    with service_call(db, actor, roles=EDIT_ROLES, action="institution.create") as s:
        row = Institution(id=uuid.uuid4(), centre_id=actor.centre_id)
        _apply(s, actor, row, data)
        s.add(row)
        s.flush()
        return _to_row(row)


def update_institution(db: Database, actor: Actor, institution_id: uuid.UUID,
                       data: InstitutionInput) -> InstitutionRow:
    with service_call(db, actor, roles=EDIT_ROLES, action="institution.update") as s:
        row = _get(s, actor, institution_id)
        _apply(s, actor, row, data)
        s.flush()
        return _to_row(row)


def remove_institution(db: Database, actor: Actor, institution_id: uuid.UUID) -> None:
    """Soft delete; refused while a referral or mediation still names the unit."""
    with service_call(db, actor, roles=EDIT_ROLES, action="institution.remove") as s:
        row = _get(s, actor, institution_id)
        used = sum(s.scalar(select(func.count()).select_from(m).where(
            m.institution_id == row.id, m.deleted.is_(False))) or 0 for m in (Referral, Mediation))
        if used:
            raise ValidationError("合作单位", f"已有 {used} 个案件移交或调解记录引用“{row.name}”，不能删除")
        row.deleted = True


def get_institution(db: Database, actor: Actor, institution_id: uuid.UUID) -> InstitutionRow:
    with read_call(db, actor, roles=None) as s:
        return _to_row(_get(s, actor, institution_id))


def list_institutions(db: Database, actor: Actor, *, query: str | None = None, kind: str | None = None,
                      region: str | None = None, limit: int = 500) -> list[InstitutionRow]:
    """Search by name (characters, full pinyin or initials), filter by kind and region; by pinyin."""
    with read_call(db, actor, roles=None) as s:
        stmt = select(Institution).where(Institution.centre_id == actor.centre_id, Institution.deleted.is_(False))
        if kind:
            stmt = stmt.where(Institution.kind == fields.code(INSTITUTION_KIND, "单位类型", kind))
        if region and region.strip():
            stmt = stmt.where(Institution.region == region.strip())
        plan = plan_for(query)
        if plan is not None:
            stmt = stmt.where(or_(Institution.id.in_(candidate_ids("institution", plan)),
                                  fields.pinyin_inside(Institution.name_pinyin, plan)))
        rows = [_to_row(r) for r in s.scalars(stmt.order_by(Institution.kind, Institution.name_pinyin, Institution.id))
                if confirms(plan, r.name)]
    return rows[:limit]


def _get(s: Session, actor: Actor, institution_id: uuid.UUID) -> Institution:
    row = live(s, Institution, institution_id, actor.centre_id)
    if row is None:
        raise NotFound("没有找到这个合作单位。", english=f"no institution {institution_id}")
    return row


def _to_row(r: Institution) -> InstitutionRow:
    return InstitutionRow(r.id, r.kind, r.name, r.contact, r.phone, r.address, r.region, r.note, r.version)


EXPORT_HEADERS = ("单位类型", "单位名称", "联系人", "联系电话", "地址", "地区", "备注")


def export_institutions(db: Database, actor: Actor, path: str | Path, *, reveal: bool = False,
                        **filters) -> int:
    clear = sheets.may_reveal(actor, reveal)
    rows = list_institutions(db, actor, limit=1_000_000, **filters)
    return sheets.write_sheet(path, "合作单位库", EXPORT_HEADERS, (
        (label(INSTITUTION_KIND, r.kind), r.name, r.contact, sheets.masked_phone(r.phone, clear), r.address,
         r.region, r.note)
        for r in rows
    ))
