"""Experts (conflicts, finder, usage) and cooperating units (kinds, pinyin search, export)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook

from app.errors import NotFound, ValidationError
from app.services import consultations as cs
from app.services import experts as ex
from app.services import institutions as ins


@pytest.mark.parametrize("written, stored", [
    ("h04w", "H04W"), ("H04", "H04"), ("G06F3/01", "G06F 3/01"), ("G06F  3/01", "G06F 3/01"), ("A", "A"),
])
def test_ipc_symbols_are_kept_in_one_form(written, stored):
    assert ex.normalise_ipc(written) == stored


@pytest.mark.parametrize("bad", ["X04W", "H4W", "H04WW", "G06F 3", "通信"])
def test_malformed_ipc_symbols_are_refused_naming_the_field(centre, bad):
    with pytest.raises(ValidationError) as err:
        ex.create_expert(centre.db, centre.caseworker, ex.ExpertInput("王工", (bad,)))
    assert err.value.field == "技术领域（IPC）"


def _case_for(centre, asker: str):
    row = cs.record_consultation(centre.db, centre.caseworker, cs.ConsultationInput(
        started_at=datetime.now(timezone.utc) - timedelta(minutes=9), channel="来访", topic="纠纷处理方式",
        asker_name=asker, question="对方的基站设备侵犯我们的通信专利，怎么办？", ip_kind="发明专利"))
    return cs.consultation_to_case(centre.db, centre.caseworker, row.id)


def test_finder_excludes_experts_conflicted_with_the_case_parties(centre):
    db, who = centre.db, centre.caseworker
    case = _case_for(centre, "深圳某通信科技有限公司")
    by_id = ex.create_expert(db, who, ex.ExpertInput("单志强", ("H04W",), "无线通信", "教授", "某大学"))
    by_name = ex.create_expert(db, who, ex.ExpertInput("曾晓红", ("H04",), "", "高级工程师"))
    free = ex.create_expert(db, who, ex.ExpertInput("解放", ("H04W 4/00",)))
    ex.create_expert(db, who, ex.ExpertInput("李化工", ("C07D",)))
    ex.add_conflict(db, who, by_id.id, party_id=case.party_id, reason="曾任该公司顾问")
    ex.add_conflict(db, who, by_name.id, party_name="深圳某通信科技有限公司", reason="亲属任职")

    without_case = ex.find_experts(db, who, "H04W")
    assert {r.name for r in without_case.matches} == {"单志强", "曾晓红", "解放"}

    found = ex.find_experts(db, who, "h04w", case_no=case.case_no)
    assert [r.id for r in found.matches] == [free.id]
    assert {x.expert.name: x.reason for x in found.excluded} == {"单志强": "曾任该公司顾问", "曾晓红": "亲属任职"}

    # Free words search the keywords; an inactive expert is left out unless asked for.
    assert [r.name for r in ex.find_experts(db, who, "无线").matches] == ["单志强"]
    ex.update_expert(db, who, free.id, ex.ExpertInput("解放", ("H04W 4/00",), active=False))
    assert ex.find_experts(db, who, "H04W", case_no=case.case_no).matches == ()
    with pytest.raises(NotFound):
        ex.find_experts(db, who, "H04W", case_no="〔2026〕没有这个号")


def test_experts_are_found_by_pinyin_of_every_reading(centre):
    db, who = centre.db, centre.caseworker
    ex.create_expert(db, who, ex.ExpertInput("单志强", ("H04W",), organisation="东北大学"))
    ex.create_expert(db, who, ex.ExpertInput("王芳", ("G06F",)))
    for query in ("shan", "dan", "szq", "单志", "东北大学"):
        assert [r.name for r in ex.list_experts(db, who, query=query)] == ["单志强"], query


def test_usage_lists_the_opinions_an_expert_took_part_in(centre):
    from db.models import Opinion, OpinionExpert

    db, who = centre.db, centre.caseworker
    case = _case_for(centre, "某公司")
    expert = ex.create_expert(db, who, ex.ExpertInput("单志强", ("H04W",)))
    assert ex.expert_usage(db, who, expert.id) == []
    from app.service import service_call
    with service_call(db, who, roles=None, action="test.opinion") as s:
        opinion = Opinion(centre_id=who.centre_id, case_id=case.case_id, kind="invention", title="基站专利侵权判定")
        s.add(opinion)
        s.flush()
        s.add(OpinionExpert(centre_id=who.centre_id, opinion_id=opinion.id, expert_id=expert.id))
    used = ex.expert_usage(db, who, expert.id)
    assert [(u.case_no, u.opinion_title) for u in used] == [(case.case_no, "基站专利侵权判定")]
    assert used[0].as_json()["status"] == "草稿"


def test_institutions_take_kinds_from_the_glossary_and_are_found_by_pinyin(centre):
    db, who = centre.db, centre.caseworker
    ins.create_institution(db, who, ins.InstitutionInput("律师事务所", "北京金杜律师事务所", "王律师",
                                                         "010-58785588", region="北京"))
    ins.create_institution(db, who, ins.InstitutionInput("mediation_org", "沈阳市知识产权纠纷人民调解委员会",
                                                         phone="12348", region="沈阳"))
    with pytest.raises(ValidationError) as err:
        ins.create_institution(db, who, ins.InstitutionInput("酒店", "某某酒店"))
    assert err.value.field == "单位类型"
    with pytest.raises(ValidationError) as err:
        ins.create_institution(db, who, ins.InstitutionInput("律师事务所", "北京金杜律师事务所"))
    assert err.value.field == "单位名称"
    for query in ("jindu", "bjjd", "beijing", "金杜", "金杜律师"):
        assert [r.name for r in ins.list_institutions(db, who, query=query)] == ["北京金杜律师事务所"], query
    assert [r.region for r in ins.list_institutions(db, who, kind="调解组织")] == ["沈阳"]
    assert [r.kind for r in ins.list_institutions(db, who, query="tiaojie")] == ["mediation_org"]


def test_expert_and_institution_exports_mask_phones(centre, tmp_path):
    db, who = centre.db, centre.caseworker
    ex.create_expert(db, who, ex.ExpertInput("单志强", ("H04W",), phone="13912345678", email="shan@example.cn"))
    ins.create_institution(db, who, ins.InstitutionInput("专利代理机构", "某某专利代理事务所", phone="024-23456789"))
    ex.export_experts(db, who, tmp_path / "e.xlsx")
    ins.export_institutions(db, who, tmp_path / "i.xlsx")
    experts_cells = {c.value for row in load_workbook(tmp_path / "e.xlsx").active.iter_rows() for c in row}
    assert "139****5678" in experts_cells and "s***@example.cn" in experts_cells
    assert "13912345678" not in experts_cells
    inst_cells = {c.value for row in load_workbook(tmp_path / "i.xlsx").active.iter_rows() for c in row}
    assert "024-****6789" in inst_cells and "024-23456789" not in inst_cells
