"""Consultations: recording with checks that name the field, turning into a case, period counts,
search and export — on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.errors import PermissionDenied, UsageError, ValidationError
from app.services import cases
from app.services import consultations as cs
from db.models import AssistCase, CaseEvent, Consultation, Party

SH = ZoneInfo("Asia/Shanghai")


def at(day: str, hhmm: str = "09:30") -> datetime:
    return datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=SH)


def call(**overrides) -> cs.ConsultationInput:
    values = dict(started_at=at("2026-03-02"), ended_at=at("2026-03-02", "09:42"), channel="电话",
                  topic="取证方法", ip_kind="外观设计", asker_name="张三", asker_phone="13812345678",
                  question="展会上发现有人仿冒我们的外观设计专利，应该怎么取证？",
                  answer="可以公证购买侵权产品并保留票据。")
    values.update(overrides)
    return cs.ConsultationInput(**values)


@pytest.mark.parametrize("overrides, field", [
    (dict(ended_at=at("2026-03-02", "09:00")), "结束时间"),
    (dict(channel="微信"), "咨询渠道"),
    (dict(topic=""), "咨询主题"),
    (dict(ip_kind="专利"), "知识产权类型"),
    (dict(question="   "), "咨询问题"),
    (dict(asker_phone="12345"), "联系电话"),
])
def test_bad_input_is_refused_naming_the_field(centre, overrides, field):
    with pytest.raises(ValidationError) as err:
        cs.record_consultation(centre.db, centre.caseworker, call(**overrides))
    assert err.value.field == field and err.value.message.startswith(field + "：")
    assert cs.list_consultations(centre.db, centre.caseworker) == []


def test_recorded_consultation_keeps_codes_minutes_and_handler(centre):
    row = cs.record_consultation(centre.db, centre.caseworker, call())
    assert (row.channel, row.topic, row.ip_kind) == ("phone", "evidence", "design")
    assert row.minutes == 12 and row.handled_by_name == "李明"
    shown = row.as_json()
    assert shown["channel"] == "电话" and shown["topic"] == "取证方法" and shown["asker_phone"] == "138****5678"


def test_end_time_defaults_to_the_moment_of_saving(centre):
    started = datetime.now(timezone.utc) - timedelta(minutes=5)
    row = cs.record_consultation(centre.db, centre.caseworker, call(started_at=started, ended_at=None))
    assert row.minutes == 5


def test_an_administrator_without_a_desk_role_cannot_record(centre):
    with pytest.raises(PermissionDenied):
        cs.record_consultation(centre.db, centre.admin, call())


def test_turning_into_a_case_links_both_ways_and_counts_the_decision_deadline(centre):
    db = centre.db
    row = cs.record_consultation(db, centre.caseworker, call())
    made = cs.consultation_to_case(db, centre.caseworker, row.id, today=date(2026, 3, 2))
    assert made.case_no == "〔2026〕测维援字第0001号" and made.party_created
    # Monday 2 March 2026 + 5 working days = Monday 9 March.
    assert made.decision_due_on == date(2026, 3, 9)
    with db.read_session() as s:
        case = s.get(AssistCase, made.case_id)
        consultation = s.get(Consultation, row.id)
        assert consultation.case_id == case.id and case.consultation_id == consultation.id
        assert (case.status, case.channel, case.ip_kind) == ("registered", "phone", "design")
        assert case.source == "consultation"
        assert case.summary == row.question and case.registered_on == date(2026, 3, 2)
        party = s.get(Party, case.applicant_id)
        assert party.name == "张三" and party.phone == "13812345678"
        kinds = s.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case.id)).all()
        assert kinds == ["registered"]
    assert cs.get_consultation(db, centre.caseworker, row.id).case_no == made.case_no
    with pytest.raises(UsageError, match="已转为案件"):
        cs.consultation_to_case(db, centre.caseworker, row.id)


def test_turning_into_a_case_reuses_a_party_of_the_same_name(centre):
    db = centre.db
    first = cs.record_consultation(db, centre.caseworker, call())
    second = cs.record_consultation(db, centre.caseworker, call(question="商标被抢注怎么办？"))
    a = cs.consultation_to_case(db, centre.caseworker, first.id, today=date(2026, 3, 2))
    b = cs.consultation_to_case(db, centre.caseworker, second.id, today=date(2026, 3, 2))
    assert a.party_id == b.party_id and not b.party_created
    assert b.case_no == "〔2026〕测维援字第0002号"


def test_an_anonymous_call_cannot_become_a_case_without_a_name(centre):
    row = cs.record_consultation(centre.db, centre.caseworker, call(asker_name=""))
    with pytest.raises(ValidationError) as err:
        cs.consultation_to_case(centre.db, centre.caseworker, row.id)
    assert err.value.field == "咨询人"
    made = cs.consultation_to_case(centre.db, centre.caseworker, row.id, applicant_name="某某科技有限公司",
                                   applicant_kind="企业")
    assert made.party_created


def test_counts_by_topic_channel_and_kind_for_a_period_in_centre_time(centre):
    db, who = centre.db, centre.caseworker
    cs.record_consultation(db, who, call())
    cs.record_consultation(db, who, call(channel="来访", topic="法律法规", ip_kind="商标"))
    cs.record_consultation(db, who, call(started_at=at("2026-03-31", "23:30"), ended_at=at("2026-03-31", "23:50"),
                                         ip_kind=None))
    # 1 April 00:10 in Shanghai is still 31 March in UTC: it belongs to April.
    cs.record_consultation(db, who, call(started_at=at("2026-04-01", "00:10"), ended_at=at("2026-04-01", "00:20")))
    counts = cs.consultation_counts(db, who.centre_id, date(2026, 3, 1), date(2026, 3, 31))
    assert counts["total"] == 3
    assert counts["by_topic"]["evidence"] == 2 and counts["by_topic"]["law"] == 1
    assert counts["by_channel"] == {"visit": 1, "phone": 2, "online": 0, "letter": 0, "fair": 0, "referred": 0}
    assert counts["by_ip_kind"]["design"] == 1 and counts["by_ip_kind"]["trademark"] == 1
    assert counts["by_ip_kind"]["unspecified"] == 1
    with db.read_session() as s:  # the reports service passes its own session
        assert cs.consultation_counts(s, who.centre_id, date(2026, 4, 1), date(2026, 4, 1))["total"] == 1
    labelled = cs.counts_as_labels(counts)
    assert labelled["by_topic"]["取证方法"] == 2 and labelled["by_ip_kind"]["未注明"] == 1


def test_list_filters_by_period_and_searches_words_and_pinyin(centre):
    db, who = centre.db, centre.caseworker
    cs.record_consultation(db, who, call())
    cs.record_consultation(db, who, call(asker_name="李四", question="商标被抢注怎么办？", answer="",
                                         started_at=at("2026-03-05"), ended_at=at("2026-03-05", "09:40")))
    assert [r.asker_name for r in cs.list_consultations(db, who)] == ["李四", "张三"]
    assert [r.asker_name for r in cs.list_consultations(db, who, start=date(2026, 3, 3))] == ["李四"]
    assert [r.asker_name for r in cs.list_consultations(db, who, query="抢注")] == ["李四"]
    assert [r.asker_name for r in cs.list_consultations(db, who, query="外观设计专利")] == ["张三"]
    assert [r.asker_name for r in cs.list_consultations(db, who, query="zhangsan")] == ["张三"]
    assert [r.asker_name for r in cs.list_consultations(db, who, query="ls")] == ["李四"]
    # Bigrams present but not in this order: the LIKE confirmation drops it.
    assert cs.list_consultations(db, who, query="证取") == []


def test_export_masks_phones_unless_a_supervisor_asks_for_clear_values(centre, tmp_path):
    db = centre.db
    cs.record_consultation(db, centre.caseworker, call())
    out = tmp_path / "c.xlsx"
    assert cs.export_consultations(db, centre.caseworker, out) == 1
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    phone = sheet.cell(row=2, column=header.index("联系电话") + 1).value
    assert phone == "138****5678"
    assert "13812345678" not in {str(c.value) for row in sheet.iter_rows() for c in row}
    with pytest.raises(PermissionDenied):
        cs.export_consultations(db, centre.caseworker, out, reveal=True)
    cs.export_consultations(db, centre.supervisor, out, reveal=True)
    sheet = load_workbook(out).active
    assert sheet.cell(row=2, column=header.index("联系电话") + 1).value == "13812345678"


def test_turning_into_a_case_runs_the_conflict_check_of_registration(centre):
    """A call from someone who was the opposing party of an earlier case is not registered silently."""
    from tests.app.case_data import case_input, company, person

    db, cw = centre.db, centre.caseworker
    earlier = cases.register(db, cw, case_input(applicant=company("沈阳甲机械有限公司", ""),
                                                opposing=person("张三", "")), confirmed=True)
    row = cs.record_consultation(db, cw, call())
    with pytest.raises(cases.ConflictsNeedConfirmation) as err:
        cs.consultation_to_case(db, cw, row.id, today=date(2026, 3, 2))
    assert earlier.case_no in err.value.message and err.value.exit_code == 3
    assert cs.get_consultation(db, cw, row.id).case_no in ("", None)
    made = cs.consultation_to_case(db, cw, row.id, today=date(2026, 3, 2), confirmed=True)
    assert made.case_no != earlier.case_no
