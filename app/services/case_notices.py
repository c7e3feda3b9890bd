"""Printing a case's notices (受理 / 不予受理 / 补正通知书) from what the case holds."""
from __future__ import annotations

import uuid

from sqlalchemy import select

from app.context import Actor
from app.database import Database
from app.errors import UsageError
from app.labels import IP_KIND
from app.pdf.notices import TITLES, NoticeData, notice_pdf
from app.service import read_call
from app.services import cases
from db.models import CaseEvent, Centre

KINDS = tuple(TITLES)  # acceptance | refusal | supplement


def notice_data(db: Database, actor: Actor, case_id: uuid.UUID, kind: str) -> NoticeData:
    d = cases.get_case(db, actor, case_id)
    if kind not in TITLES:
        raise UsageError(f"没有“{kind}”这种通知书；可选：{'、'.join(TITLES.values())}。", english=f"unknown notice {kind}")
    accepted = d.decided_on is not None and d.status in ("accepted", "closed", "followed_up", "archived")
    if kind == "acceptance" and not accepted:
        raise UsageError(f"案件 {d.case_no} 尚未受理，不能打印受理通知书。", english="case not accepted")
    if kind == "refusal" and d.status not in ("refused",) and not (d.status == "archived" and d.refusal_reason):
        raise UsageError(f"案件 {d.case_no} 没有不予受理决定，不能打印不予受理通知书。", english="case not refused")
    if kind == "supplement" and d.supplement_requested_on is None:
        raise UsageError(f"案件 {d.case_no} 没有要求补正，不能打印补正通知书。", english="no supplement requested")
    with read_call(db, actor, roles=None) as s:
        centre = s.get(Centre, actor.centre_id)
        materials = ""
        if kind == "supplement":
            ev = s.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.kind == "supplement_requested")
                           .order_by(CaseEvent.on.desc(), CaseEvent.at.desc()).limit(1)).first()
            materials = (ev.data or {}).get("materials", "") if ev else ""
        address, phone = centre.address, centre.phone
    rights = "、".join(f"{IP_KIND[r.kind]}{(' ' + r.number) if r.number else ''}" for r in d.rights)
    issued = {"acceptance": d.decided_on, "refusal": d.decided_on, "supplement": d.supplement_requested_on}[kind]
    return NoticeData(kind=kind, centre_name=d.centre_name, case_no=d.case_no, applicant=d.applicant.name,
                      registered_on=d.registered_on, issued_on=issued, rights=rights, assignee=d.assignee_name,
                      close_due_on=d.close_due_on, reason=d.refusal_reason, materials=materials,
                      supplement_due_on=d.supplement_due_on, centre_address=address, centre_phone=phone)


def print_notice(db: Database, actor: Actor, case_id: uuid.UUID, kind: str) -> bytes:
    return notice_pdf(notice_data(db, actor, case_id, kind))
