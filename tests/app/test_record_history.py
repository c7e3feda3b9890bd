"""A record's history in Chinese: who, when, what changed."""
from __future__ import annotations

from datetime import date, datetime, timezone

from app.service import service_call
from app.services.history import HIDDEN_VALUE, record_history
from db.models import AssistCase, Party


def make_party(db, actor, **values) -> Party:
    with service_call(db, actor, roles=None, action="party.create") as s:
        party = Party(centre_id=actor.centre_id, **values)
        s.add(party)
        s.flush()
        return party.id


def edit(db, actor, model, record_id, action, **values):
    with service_call(db, actor, roles=None, action=action) as s:
        row = s.get(model, record_id)
        for key, value in values.items():
            setattr(row, key, value)


def test_case_history_names_who_when_and_what_in_chinese(centre):
    db = centre.db
    applicant = make_party(db, centre.caseworker, kind="enterprise", name="沈阳某机械有限公司")
    with service_call(db, centre.caseworker, roles=None, action="case.register",
                      now=datetime(2026, 3, 2, 1, 30, tzinfo=timezone.utc)) as s:
        case = AssistCase(centre_id=centre.caseworker.centre_id, case_no="〔2026〕测维援字第0001号",
                          registered_on=date(2026, 3, 2), channel="visit", applicant_id=applicant,
                          ip_kind="invention", dispute_type="infringement", services=["mediation"],
                          assignee_id=centre.caseworker.user_id)
        s.add(case)
        s.flush()
        case_id = case.id
    edit(db, centre.supervisor, AssistCase, case_id, "case.accept", status="accepted",
         decided_on=date(2026, 3, 4), services=["mediation", "opinion"])

    history = record_history(db, centre.caseworker, "assist_case", case_id)
    assert [h.action for h in history] == ["新建", "修改"]
    created, accepted = history
    assert created.actor_name == "李明"
    assert created.at.hour == 9 and created.at.utcoffset().total_seconds() == 8 * 3600  # centre time
    shown = {c.label: c.after for c in created.changes}
    assert shown["申请人"] == "沈阳某机械有限公司" and shown["来源渠道"] == "来访"
    assert shown["知识产权类型"] == "发明专利" and shown["承办人"] == "李明" and shown["状态"] == "待受理"
    assert "id" not in {c.field for c in created.changes}

    assert accepted.actor_name == "王主任"
    changes = {c.label: (c.before, c.after) for c in accepted.changes}
    assert changes == {"状态": ("待受理", "已受理"), "决定日期": ("（空）", "2026-03-04"),
                       "请求服务": ("纠纷调解", "纠纷调解、侵权判定参考意见")}


def test_personal_fields_say_changed_but_not_what(centre):
    db = centre.db
    pid = make_party(db, centre.caseworker, kind="person", name="张三", phone="13812345678")
    edit(db, centre.caseworker, Party, pid, "party.update", phone="13900001111", region="沈阳")
    created, changed = record_history(db, centre.caseworker, "party", pid)
    assert {c.label: c.after for c in created.changes}["名称/姓名"] == HIDDEN_VALUE
    diff = {c.label: (c.before, c.after) for c in changed.changes}
    assert diff == {"联系电话": (HIDDEN_VALUE, HIDDEN_VALUE), "地区": ("（空）", "沈阳")}
    for entry in (created, changed):
        assert all("1381234" not in c.before + c.after and "张三" not in c.after for c in entry.changes)


def test_enterprise_names_stay_readable(centre):
    pid = make_party(centre.db, centre.caseworker, kind="enterprise", name="某某科技有限公司")
    edit(centre.db, centre.caseworker, Party, pid, "party.update", name="某某科技股份有限公司")
    _, renamed = record_history(centre.db, centre.caseworker, "party", pid)
    assert [(c.label, c.before, c.after) for c in renamed.changes] == [
        ("名称/姓名", "某某科技有限公司", "某某科技股份有限公司")]


def test_a_new_record_has_no_before_column(centre):
    pid = make_party(centre.db, centre.caseworker, kind="enterprise", name="某公司", region="沈阳")
    (created,) = record_history(centre.db, centre.caseworker, "party", pid)
    assert {(c.label, c.before, c.after) for c in created.changes} == {
        ("当事人类型", "", "企业"), ("名称/姓名", "", "某公司"), ("地区", "", "沈阳")}
