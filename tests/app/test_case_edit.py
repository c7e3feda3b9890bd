"""Correcting a registered case's details, and handing one case to another caseworker
(SQLite and PostgreSQL through the `centre` fixture)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from app.errors import ConcurrentChange, PermissionDenied, UsageError, ValidationError
from app.services import case_edit, cases
from app.services import case_steps as steps
from app.services.cases import ConflictsNeedConfirmation
from app.services.rights import RightInput
from db.models import AuditEvent, CaseRight, Party

from tests.app.case_data import PATENT_2, PERSON_ID, case_input, company, person


def _form_input(reg: case_edit.Registration, **changes) -> cases.CaseInput:
    """What the edit form sends back when the user changes nothing but `changes`."""
    def party(p):
        return None if p is None else cases.PartyInput(name=p.name, kind=p.kind, identifier=p.identifier,
                                                       phone=p.phone, contact=p.contact)
    data = cases.CaseInput(
        applicant=party(reg.applicant), opposing=party(reg.opposing),
        rights=tuple(RightInput(r.kind, r.number, r.title, r.nice_classes) for r in reg.rights),
        dispute_type=reg.dispute_type, channel=reg.channel, services=reg.services, overseas=reg.overseas,
        summary=reg.summary)
    return replace(data, **changes)


def _audit_actions(db, table: str) -> list[str]:
    with db.read_session() as s:
        return list(s.scalars(select(AuditEvent.action).where(AuditEvent.table_name == table)
                              .order_by(AuditEvent.seq)))


def test_edit_corrects_details_and_leaves_one_timeline_entry(centre):
    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input(applicant=person("张伟", PERSON_ID)))
    reg = case_edit.registration(db, cw, h.id)
    assert reg.applicant.identifier == "110105********002X" and reg.applicant.phone == "138****5678"
    before = len(_audit_actions(db, "party"))
    data = _form_input(reg, summary="被申请人在网店销售侵权产品", dispute_type="unfair_competition",
                       services=("mediation",), overseas=True,
                       applicant=replace(_form_input(reg).applicant, phone="13912345678", contact="张先生"))
    h2 = case_edit.edit_registration(db, cw, h.id, reg.version, data)
    assert h2.version > h.version
    d = cases.get_case(db, cw, h.id)
    assert d.summary == "被申请人在网店销售侵权产品" and d.dispute_type == "unfair_competition" and d.overseas
    assert d.services == ("mediation",)
    # The case shows the numbers masked; the masked ID the form sent back kept the stored one.
    assert (d.applicant.phone, d.applicant.identifier) == ("139****5678", "110105********002X")
    with db.read_session() as s:
        stored = s.get(Party, d.applicant.id)
        assert (stored.phone, stored.identifier) == ("13912345678", PERSON_ID)
    last = d.timeline[-1]
    assert last.kind == "edited" and last.actor_name == "李明"
    assert "申请人联系电话" in last.text and "案情摘要" in last.text and "纠纷类型" in last.text
    assert "申请人证件号码" not in last.text
    # One audit event per changed record: the party once, the case once for this edit.
    assert _audit_actions(db, "party")[before:] == ["case.edit:update"]
    assert _audit_actions(db, "assist_case").count("case.edit:update") == 1


def test_edit_validates_like_registration_and_changes_nothing_on_refusal(centre):
    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input())
    reg = case_edit.registration(db, cw, h.id)
    bad_patent = _form_input(reg, rights=(RightInput("invention", "201710601862.4"),), summary="改了")
    with pytest.raises(ValidationError, match="第1项知识产权权利号"):
        case_edit.edit_registration(db, cw, h.id, reg.version, bad_patent)
    bad_phone = _form_input(reg, applicant=replace(_form_input(reg).applicant, phone="12345"))
    with pytest.raises(ValidationError, match="申请人联系电话"):
        case_edit.edit_registration(db, cw, h.id, reg.version, bad_phone)
    with pytest.raises(UsageError, match="没有需要保存的修改"):
        case_edit.edit_registration(db, cw, h.id, reg.version, _form_input(reg))
    d = cases.get_case(db, cw, h.id)
    assert d.version == reg.version and d.summary == case_input().summary and len(d.timeline) == 1


def test_changing_the_opposing_party_reruns_the_conflict_check(centre):
    db, cw = centre.db, centre.caseworker
    earlier = cases.register(db, cw, case_input(applicant=company("沈阳某某机械有限公司", ""), opposing=person("王五", "")))
    h = cases.register(db, cw, case_input(applicant=company("大连甲公司", ""), opposing=person("李强", "")))
    reg = case_edit.registration(db, cw, h.id)
    swap = _form_input(reg, opposing=cases.PartyInput(name="沈阳某某机械有限公司", kind="enterprise"))
    with pytest.raises(ConflictsNeedConfirmation) as caught:
        case_edit.edit_registration(db, cw, h.id, reg.version, swap)
    assert caught.value.conflicts[0].case_no == earlier.case_no
    assert cases.get_case(db, cw, h.id).opposing.name == "李强"  # nothing saved before confirming
    case_edit.edit_registration(db, cw, h.id, reg.version, swap, confirmed=True)
    d = cases.get_case(db, cw, h.id)
    assert d.opposing.name == "沈阳某某机械有限公司"
    assert "被申请人由 李强 改为 沈阳某某机械有限公司" in d.timeline[-1].text
    # The applicant unchanged and only the summary edited: no conflict question, and this case
    # itself never counts as an "earlier case".
    reg = case_edit.registration(db, cw, h.id)
    case_edit.edit_registration(db, cw, h.id, reg.version, _form_input(reg, summary="补充说明"))


def test_a_masked_number_does_not_travel_to_another_party(centre):
    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input(applicant=person("张伟", PERSON_ID)))
    reg = case_edit.registration(db, cw, h.id)
    other = replace(_form_input(reg).applicant, name="张伟明")
    with pytest.raises(ValidationError, match="申请人证件号码.*已遮蔽"):
        case_edit.edit_registration(db, cw, h.id, reg.version, _form_input(reg, applicant=other))
    clean = replace(other, identifier="", phone="")
    case_edit.edit_registration(db, cw, h.id, reg.version, _form_input(reg, applicant=clean), confirmed=True)
    d = cases.get_case(db, cw, h.id)
    assert d.applicant.name == "张伟明" and d.applicant.identifier == ""
    with db.read_session() as s:  # the old party is still there, untouched (other cases may name it)
        assert s.scalar(select(Party.identifier).where(Party.name == "张伟")) == PERSON_ID


def test_rights_replaced_and_the_removed_link_marked_deleted(centre):
    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input())
    reg = case_edit.registration(db, cw, h.id)
    data = _form_input(reg, rights=(RightInput("trademark", "12345678", "华为", "9，35"),))
    case_edit.edit_registration(db, cw, h.id, reg.version, data)
    d = cases.get_case(db, cw, h.id)
    assert [(r.kind, r.number, r.nice_classes) for r in d.rights] == [("trademark", "12345678", "9,35")]
    assert d.ip_kind == "trademark"
    reg = case_edit.registration(db, cw, h.id)
    both = _form_input(reg, rights=(RightInput("invention", "ZL 2023 1 0123456.6"), reg_right(reg)))
    case_edit.edit_registration(db, cw, h.id, reg.version, both)
    d = cases.get_case(db, cw, h.id)
    assert sorted(r.number for r in d.rights) == ["12345678", PATENT_2] and d.ip_kind == "invention"
    with db.read_session() as s:
        links = s.scalars(select(CaseRight).where(CaseRight.case_id == h.id)).all()
    assert len(links) == 2 and not any(link.deleted for link in links)  # the first link was re-pointed


def reg_right(reg: case_edit.Registration) -> RightInput:
    r = reg.rights[0]
    return RightInput(r.kind, r.number, r.title, r.nice_classes)


def test_edit_refused_when_closed_stale_or_for_the_wrong_role(centre):
    db, cw, fair = centre.db, centre.caseworker, centre.fairstaff
    h = cases.register(db, cw, case_input())
    reg = case_edit.registration(db, cw, h.id)
    data = _form_input(reg, summary="新的摘要")
    moved = steps.accept(db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8))
    with pytest.raises(ConcurrentChange, match="重新打开"):
        case_edit.edit_registration(db, cw, h.id, reg.version, data)
    with pytest.raises(PermissionDenied, match="驻场人员"):
        case_edit.edit_registration(db, fair, h.id, moved.version, data)
    closed = steps.close(db, cw, h.id, moved.version, outcome="other", on=date(2026, 10, 9))
    with pytest.raises(UsageError, match="已办结.*不能修改登记信息"):
        case_edit.edit_registration(db, cw, h.id, closed.version, data)
    assert cases.get_case(db, cw, h.id).summary == case_input().summary
    assert any(a == "refused:case.edit" for a in _audit_actions_all(db))


def _audit_actions_all(db) -> list[str]:
    with db.read_session() as s:
        return list(s.scalars(select(AuditEvent.action)))


def test_fair_staff_may_edit_a_fair_case_but_not_move_it_out_of_the_fair(centre):
    db, fair = centre.db, centre.fairstaff
    h = cases.register(db, fair, case_input(channel="fair"))
    reg = case_edit.registration(db, fair, h.id)
    h2 = case_edit.edit_registration(db, fair, h.id, reg.version, _form_input(reg, summary="展会现场补充"))
    with pytest.raises(PermissionDenied, match="展会渠道"):
        case_edit.edit_registration(db, fair, h.id, h2.version, _form_input(reg, channel="visit"))
    assert cases.get_case(db, fair, h.id).channel == "fair"


def test_reassign_one_case(centre):
    db, cw, sup = centre.db, centre.caseworker, centre.supervisor
    h = cases.register(db, cw, case_input())
    with pytest.raises(UsageError, match="尚未受理"):
        steps.reassign(db, sup, h.id, h.version, assignee_id=sup.user_id)
    h = steps.accept(db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8))
    with pytest.raises(PermissionDenied, match="负责人"):
        steps.reassign(db, cw, h.id, h.version, assignee_id=sup.user_id)
    with pytest.raises(ValidationError, match="已是本案承办人"):
        steps.reassign(db, sup, h.id, h.version, assignee_id=cw.user_id)
    with pytest.raises(ValidationError, match="承办人.*不是办案人员或负责人"):
        steps.reassign(db, sup, h.id, h.version, assignee_id=centre.fairstaff.user_id)
    h2 = steps.reassign(db, sup, h.id, h.version, assignee_id=sup.user_id, note="李明休假")
    d = cases.get_case(db, cw, h.id)
    assert d.assignee_name == "王主任" and h2.version > h.version
    assert d.timeline[-1].kind == "reassigned" and d.timeline[-1].text == "承办人由 李明 改为 王主任；李明休假"
    with pytest.raises(ConcurrentChange):
        steps.reassign(db, sup, h.id, h.version, assignee_id=cw.user_id)
