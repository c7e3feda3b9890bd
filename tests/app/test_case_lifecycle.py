"""The case register through the services: lifecycle with timeline, conflicts, locking, roles."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import ConcurrentChange, PermissionDenied, UsageError, ValidationError
from app.services import case_steps as steps
from app.services import cases, parties
from db.models import AssistCase, AuditEvent, CaseEvent, Party

from tests.app.case_data import PATENT_2, case_input, company, person


def _count(db, model):
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_lifecycle_register_to_follow_up_with_timeline(centre):
    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input())
    assert h.status == "registered" and h.case_no == "〔2026〕测维援字第0001号"
    h = steps.accept(db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8))
    h = steps.refer(db, cw, h.id, h.version, target="enforcement", institution_name="沈阳市市场监督管理局",
                    on=date(2026, 10, 9))
    detail = cases.get_case(db, cw, h.id)
    h = steps.record_referral_result(db, cw, h.id, h.version, detail.referrals[0].id, result="已立案查处",
                                     on=date(2026, 10, 20))
    h = steps.mediate(db, cw, h.id, h.version, started_on=date(2026, 10, 21), result="success",
                      judicial_confirmation=True, confirmed_on=date(2026, 10, 23), mediator="王调解")
    h = steps.close(db, cw, h.id, h.version, outcome="mediated", on=date(2026, 10, 26))
    h = steps.follow_up(db, cw, h.id, h.version, satisfaction="满意", on=date(2026, 10, 28))
    assert h.status == "followed_up"

    d = cases.get_case(db, cw, h.id, today=date(2026, 10, 28))
    assert [e.kind for e in d.timeline] == [
        "registered", "accepted", "referred", "referral_result", "mediation", "closed", "followed_up"]
    assert all(e.actor_name == "李明" for e in d.timeline)
    assert "沈阳市市场监督管理局" in d.timeline[2].text and "司法确认" in d.timeline[4].text
    assert d.referrals[0].result == "已立案查处" and d.mediations[0].judicial_confirmation
    assert d.satisfaction == 80 and d.outcome == "mediated" and d.assignee_name == "李明"
    # Decision due: 5 working days after 2026-09-30 across the National Day holiday (10-10 is a make-up day).
    assert d.decision_due_on == date(2026, 10, 13)
    with db.read_session() as s:
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.table_name == "assist_case")).all()
    assert {"case.register:create", "case.accept:update", "case.close:update", "case.follow_up:update"} <= set(actions)


def test_supplement_pauses_the_clock_and_the_sweep_withdraws(centre):
    db, cw = centre.db, centre.caseworker
    a = cases.register(db, cw, case_input(registered_on=date(2026, 9, 30)))
    a = steps.request_supplement(db, cw, a.id, a.version, materials="专利登记簿副本", on=date(2026, 10, 8))
    a = steps.receive_supplement(db, cw, a.id, a.version, on=date(2026, 10, 12))
    d = cases.get_case(db, cw, a.id)
    # 10-09, 10-10 (make-up Saturday) and 10-12 were paused: 3 working days added to 10-13 → 10-16.
    assert d.paused_workdays == 3 and d.decision_due_on == date(2026, 10, 16) and d.status == "registered"

    b = cases.register(db, cw, case_input(applicant=company("大连某某公司", ""), registered_on=date(2026, 9, 30)))
    b = steps.request_supplement(db, cw, b.id, b.version, materials="身份证明", on=date(2026, 9, 30))
    due = cases.get_case(db, cw, b.id).supplement_due_on
    assert due == date(2026, 10, 20)  # 10 working days: 10-08, 09, 10 (make-up), 12…16, 19, 20
    with pytest.raises(ValidationError) as err:
        steps.treat_as_withdrawn(db, cw, b.id, b.version, on=date(2026, 10, 20))
    assert err.value.field == "视为撤回日期"
    assert steps.withdraw_overdue_supplements(db, cw, today=date(2026, 10, 20)) == []
    assert steps.withdraw_overdue_supplements(db, cw, today=date(2026, 10, 22)) == [b.case_no]
    d = cases.get_case(db, cw, b.id)
    assert d.status == "withdrawn" and d.decided_on == date(2026, 10, 21)
    assert d.timeline[-1].kind == "withdrawn"


def test_conflict_check_comes_before_saving(centre):
    db, cw = centre.db, centre.caseworker
    first = cases.register(db, cw, case_input(applicant=company(), opposing=person("李强", "")))
    # Now 李强 asks for help against the company: he was the opposing party before.
    new = case_input(applicant=person("李强", ""), opposing=company())
    found = cases.check_conflicts(db, cw, new.applicant, new.opposing)
    assert {(c.case_no, c.role_then) for c in found} == {(first.case_no, "被申请人"), (first.case_no, "申请人")}
    n = _count(db, AssistCase)
    with pytest.raises(cases.ConflictsNeedConfirmation) as err:
        cases.register(db, cw, new)
    assert err.value.exit_code == 3 and first.case_no in err.value.message
    assert _count(db, AssistCase) == n
    h = cases.register(db, cw, new, confirmed=True)
    assert h.case_no.endswith("0002号")


def test_party_found_by_identifier_and_name_and_pinyin_is_reported(centre):
    db, cw = centre.db, centre.caseworker
    cases.register(db, cw, case_input(applicant=person("张伟"), opposing=company()))
    n = _count(db, Party)
    # Same identifier, name typed differently: the same person.
    cases.register(db, cw, case_input(applicant=person("张 伟"), opposing=company()), confirmed=True)
    assert _count(db, Party) == n
    found = parties.find_duplicates(db, cw, "章伟", kind="person")
    assert [(m.party.name, m.reason) for m in found] == [("张伟", "pinyin")]
    assert [m.reason for m in parties.find_duplicates(db, cw, "张伟")] == ["name"]


def test_stale_version_is_refused_and_nothing_changes(db_url, centre):
    db, cw, sup = centre.db, centre.caseworker, centre.supervisor
    h = cases.register(db, cw, case_input())
    opened = h.version
    steps.accept(db, sup, h.id, opened, assignee_id=cw.user_id, on=date(2026, 10, 8))
    events = _count(db, CaseEvent)
    with pytest.raises(ConcurrentChange) as err:
        steps.refuse(db, cw, h.id, opened, reason="材料不全", on=date(2026, 10, 8))
    assert "王主任" in err.value.message and err.value.exit_code == 2
    d = cases.get_case(db, cw, h.id)
    assert d.status == "accepted" and d.refusal_reason == "" and _count(db, CaseEvent) == events


def test_fair_staff_cannot_close_a_centre_case(db_url, centre):
    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input())
    h = steps.accept(db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8))
    before = cases.get_case(db, cw, h.id)
    with pytest.raises(PermissionDenied):
        steps.close(db, centre.fairstaff, h.id, h.version, outcome="other", on=date(2026, 10, 9))
    after = cases.get_case(db, cw, h.id)
    assert (after.status, after.version, len(after.timeline)) == (before.status, before.version, len(before.timeline))
    with db.read_session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).one()
    assert last.action == "refused:case.close" and last.actor_name == "赵敏"
    # A fair case is theirs to handle.
    fair = cases.register(db, centre.fairstaff, case_input(applicant=company("展商甲公司", ""), channel="fair"),
                          confirmed=True)
    assert fair.status == "registered"


def test_date_order_and_status_machine(centre):
    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input(registered_on=date(2026, 9, 30)))
    with pytest.raises(ValidationError) as err:
        steps.accept(db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 9, 29))
    assert err.value.field == "受理日期" and "2026-09-30" in err.value.message
    with pytest.raises(UsageError) as err:
        steps.close(db, cw, h.id, h.version, outcome="other", on=date(2026, 10, 9))
    assert "待受理" in err.value.message
    h = steps.accept(db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8))
    with pytest.raises(ValidationError) as err:
        steps.close(db, cw, h.id, h.version, outcome="other", on=date(2026, 10, 7))
    assert err.value.field == "办结日期"
    h = steps.close(db, cw, h.id, h.version, outcome="other", on=date(2026, 10, 9))
    with pytest.raises(ValidationError) as err:
        steps.follow_up(db, cw, h.id, h.version, satisfaction=101, on=date(2026, 10, 9))
    assert err.value.field == "满意度"
    with pytest.raises(ValidationError) as err:
        steps.follow_up(db, cw, h.id, h.version, satisfaction=90, on=date(2026, 10, 8))
    assert err.value.field == "回访日期"


def test_reassign_all_open_cases_of_a_leaving_caseworker(centre):
    db, cw, sup = centre.db, centre.caseworker, centre.supervisor
    heads = []
    for i in range(3):
        h = cases.register(db, cw, case_input(applicant=company(f"公司{i}", ""), number=PATENT_2), confirmed=True)
        heads.append(steps.accept(db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8)))
    steps.refuse  # noqa: B018 - the third stays open too
    moved = steps.reassign_open_cases(db, sup, cw.user_id, sup.user_id)
    assert sorted(moved) == sorted(h.case_no for h in heads)
    d = cases.get_case(db, cw, heads[0].id)
    assert d.assignee_name == "王主任" and d.timeline[-1].kind == "reassigned"
    with pytest.raises(PermissionDenied):
        steps.reassign_open_cases(db, cw, sup.user_id, cw.user_id)


def test_merge_parties_moves_cases_and_is_evented(centre):
    db, cw = centre.db, centre.caseworker
    a = cases.register(db, cw, case_input(applicant=company("沈阳甲公司", ""), opposing=person("王五", "")))
    b = cases.register(db, cw, case_input(applicant=company("沈阳甲有限公司", ""), opposing=person("赵六", "")))
    keep = cases.get_case(db, cw, a.id).applicant.id
    drop = cases.get_case(db, cw, b.id).applicant.id
    result = parties.merge_parties(db, cw, keep, drop)
    assert result.cases_moved == 1
    d = cases.get_case(db, cw, b.id)
    assert d.applicant.name == "沈阳甲公司" and d.timeline[-1].kind == "party_merged"


def test_parties_facing_each_other_in_a_case_are_not_merged(centre):
    from app.errors import ValidationError

    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input(applicant=company("沈阳乙公司", ""), opposing=company("沈阳乙有限公司", "")),
                       confirmed=True)
    d = cases.get_case(db, cw, h.id)
    with pytest.raises(ValidationError) as err:
        parties.merge_parties(db, cw, d.applicant.id, d.opposing.id)
    assert err.value.field == "当事人" and h.case_no in str(err.value)
    after = cases.get_case(db, cw, h.id)
    assert (after.applicant.id, after.opposing.id) == (d.applicant.id, d.opposing.id)


def test_a_unit_named_in_a_referral_joins_the_library_by_its_rules(centre):
    """The institution a referral names is findable in 合作单位库 (pinyin included), and a mediation
    cannot point at a unit that is not this centre's."""
    import uuid

    from app.errors import ValidationError
    from app.services import institutions

    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input())
    h = steps.accept(db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8))
    h = steps.refer(db, cw, h.id, h.version, target="enforcement", institution_name="沈阳市市场监督管理局",
                    on=date(2026, 10, 9))
    found = institutions.list_institutions(db, centre.admin, query="syssc")
    assert [i.name for i in found] == ["沈阳市市场监督管理局"]
    assert found[0].kind == "admin_dept"
    with pytest.raises(ValidationError) as err:
        steps.mediate(db, cw, h.id, h.version, started_on=date(2026, 10, 21), institution_id=uuid.uuid4())
    assert err.value.field == "接收单位"
