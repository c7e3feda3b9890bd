"""Opinions: drafting, the suggested conclusion, review permissions, issue and versions — on both backends."""
from __future__ import annotations

import hashlib
import io
import json
from dataclasses import replace
from datetime import date

import pdfplumber
import pytest
from sqlalchemy import select

from app.cli.main import main
from app.errors import NotFound, PermissionDenied, ValidationError
from app.rules.workdays import WorkdayCalendar
from app.services import opinions as ops
from app.services.opinion_types import ClaimData, OpinionContent, RowData
from db.models import AuditEvent, StoredFile

from tests.app.opinion_data import claim_rows, make_case, make_expert, patent_content, second_supervisor
from tests.conftest import PASSWORD


@pytest.fixture
def case(centre):
    case_id, applicant_id, opposing_id = make_case(centre.db, centre.caseworker)
    return case_id, applicant_id, opposing_id


def approved(centre, case_id, content=None):
    db = centre.db
    v = ops.create_opinion(db, centre.caseworker, case_id, content or patent_content())
    ops.submit_opinion(db, centre.caseworker, v.id)
    return ops.approve_opinion(db, centre.supervisor, v.id)


def test_draft_suggests_conclusion_from_rows_and_warns_on_contradiction(centre, case):
    db = centre.db
    content = patent_content(("same", "equivalent", "same"), conclusion="infringing")
    v = ops.create_opinion(db, centre.caseworker, case[0], content)
    assert v.status == "draft" and v.opinion_no is None and v.version_no == 1
    assert v.suggested_conclusion == "likely"
    assert "可能构成侵权" in v.warning and "构成侵权" in v.warning
    # due 15 working days after the request
    assert v.due_on == WorkdayCalendar().add_workdays(date(2026, 3, 2), 15)
    # a feature still to be established → 无法判断
    v = ops.update_opinion(db, centre.caseworker, v.id, patent_content(("same", "unknown", "same")))
    assert v.suggested_conclusion == "undetermined"
    # every feature the same → 构成侵权, and the chosen conclusion agrees: no warning
    v = ops.update_opinion(db, centre.caseworker, v.id, patent_content(("same", "same", "same")))
    assert v.suggested_conclusion == "infringing" and v.warning is None
    # a missing feature in the only claim → 不构成侵权
    v = ops.update_opinion(db, centre.caseworker, v.id, patent_content(("same", "missing", "same"),
                                                                       conclusion="not_infringing"))
    assert v.suggested_conclusion == "not_infringing" and v.warning is None
    # the rows are stored in order with their marks
    assert [r.mark for r in v.content.claims[0].rows] == ["same", "missing", "same"]


def test_design_and_trademark_suggestions(centre, case):
    db = centre.db
    design = OpinionContent(kind="design", body={"product_category": "same", "overall": "similar"},
                            rows=(RowData("A", "整体呈圆柱形", "整体呈圆柱形", "same", "高"),),
                            conclusion="likely")
    v = ops.create_opinion(db, centre.caseworker, case[0], design)
    assert v.suggested_conclusion == "likely" and v.warning is None
    v = ops.update_opinion(db, centre.caseworker, v.id,
                           replace(design, body={"product_category": "different", "overall": "same"}))
    assert v.suggested_conclusion == "not_infringing" and v.warning
    mark = OpinionContent(kind="trademark", body={"mark_similarity": "identical", "goods_similarity": "identical"})
    assert ops.create_opinion(db, centre.caseworker, case[0], mark).suggested_conclusion == "infringing"


def test_caseworker_cannot_approve_nor_supervisor_own_draft(centre, case):
    db = centre.db
    mine = ops.create_opinion(db, centre.supervisor, case[0], patent_content())
    ops.submit_opinion(db, centre.supervisor, mine.id)
    with pytest.raises(PermissionDenied) as err:
        ops.approve_opinion(db, centre.supervisor, mine.id)
    assert "自己起草" in err.value.message
    with pytest.raises(PermissionDenied):
        ops.approve_opinion(db, centre.caseworker, mine.id)
    assert ops.get_opinion(db, centre.caseworker, mine.id).status == "in_review"
    other = second_supervisor(db, centre.admin)
    v = ops.approve_opinion(db, other, mine.id)
    assert v.status == "approved" and v.approved_by == "陈喆"


def test_issue_numbers_freezes_and_stores_the_pdf(centre, case):
    db = centre.db
    v = approved(centre, case[0])
    with pytest.raises(ValidationError):
        ops.update_opinion(db, centre.caseworker, v.id, patent_content())  # approved: no longer a draft
    issued = ops.issue_opinion(db, centre.caseworker, v.id, on=date(2026, 3, 20))
    assert issued.status == "issued" and issued.opinion_no == "〔2026〕测意见字第0001号"
    assert issued.issued_on == date(2026, 3, 20)
    pdf = ops.opinion_pdf(db, centre.caseworker, v.id)
    assert hashlib.sha256(pdf).hexdigest() == issued.issued_sha256
    with db.read_session() as s:
        assert s.get(StoredFile, issued.issued_sha256).size == len(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "".join(c["text"] for p in doc.pages for c in p.chars)
    assert "〔2026〕测意见字第0001号" in text and "2026年3月20日" in text and "未经审核" not in text
    # frozen: neither a content change nor a second issue goes through the service
    changed = replace(patent_content(), analysis="改过的分析")
    with pytest.raises(ValidationError) as err:
        ops.update_opinion(db, centre.caseworker, v.id, changed)
    assert "已出具" in err.value.message
    with pytest.raises(ValidationError):
        ops.issue_opinion(db, centre.caseworker, v.id)
    assert ops.get_opinion(db, centre.caseworker, v.id).content.analysis == patent_content().analysis
    assert ops.opinion_pdf(db, centre.caseworker, v.id) == pdf
    # the next one issued gets the next number
    w = approved(centre, case[0])
    assert ops.issue_opinion(db, centre.caseworker, w.id, on=date(2026, 4, 1)).opinion_no.endswith("第0002号")


def test_new_version_shows_what_changed(centre, case):
    db = centre.db
    v = approved(centre, case[0], patent_content(("same", "equivalent", "same"), conclusion="likely"))
    first = ops.issue_opinion(db, centre.caseworker, v.id, on=date(2026, 3, 20))
    second = ops.new_version(db, centre.caseworker, first.id)
    assert (second.version_no, second.previous_id, second.status) == (2, first.id, "draft")
    assert ops.diff_versions(db, centre.caseworker, first.id, second.id).empty
    rows = claim_rows(("same", "same", "same", "same"))
    ops.update_opinion(db, centre.caseworker, second.id, replace(
        patent_content(conclusion="infringing"), analysis="补充勘验后，弹性件与弹簧相同。",
        claims=(ClaimData(1, "一种快速连接件，包括底座、卡扣、弹性件和锁定销。", rows),)))
    diff = ops.diff_with_previous(db, centre.caseworker, second.id)
    fields = {f.field: (f.old, f.new) for f in diff.fields}
    assert fields["结论"] == ("可能构成侵权", "构成侵权")
    assert fields["分析意见"][1] == "补充勘验后，弹性件与弹簧相同。"
    changes = {(r.row, r.change): {f.field: (f.old, f.new) for f in r.fields} for r in diff.rows}
    assert changes[("权利要求1 特征B", "修改")] == {"比对": ("等同", "相同")}
    assert ("权利要求1 特征D", "新增") in changes
    # the first version is untouched and still prints as issued
    assert ops.get_opinion(db, centre.caseworker, first.id).content.conclusion == "likely"
    with pytest.raises(ValidationError):
        ops.new_version(db, centre.caseworker, first.id)  # only one successor per version
    found = ops.find_opinion(db, centre.caseworker, first.opinion_no, rev=2)
    assert found.id == second.id and found.previous_no == first.opinion_no


def test_conflicted_expert_is_refused(centre, case):
    db = centre.db
    case_id, _applicant, opposing = case
    by_party = make_expert(db, centre.caseworker, "周镕", conflict_party_id=opposing, reason="担任其技术顾问")
    by_name = make_expert(db, centre.caseworker, "吴旸", conflict_name="张瑄堃", reason="近亲属")
    clean = make_expert(db, centre.caseworker, "刘堃")
    for expert, who in ((by_party, "周镕"), (by_name, "吴旸")):
        with pytest.raises(ValidationError) as err:
            ops.create_opinion(db, centre.caseworker, case_id, patent_content(experts=[expert]))
        assert who in err.value.message and "回避" in err.value.message
    assert ops.expert_conflicts(db, centre.caseworker, case_id, by_party)
    v = ops.create_opinion(db, centre.caseworker, case_id, patent_content(experts=[clean]))
    assert [e.name for e in v.experts] == ["刘堃"]


def test_void_needs_a_reason_and_keeps_the_record(centre, case):
    db = centre.db
    v = ops.create_opinion(db, centre.caseworker, case[0], patent_content())
    with pytest.raises(ValidationError):
        ops.void_opinion(db, centre.supervisor, v.id, "  ")
    with pytest.raises(PermissionDenied):
        ops.void_opinion(db, centre.caseworker, v.id, "请求人撤回申请")
    gone = ops.void_opinion(db, centre.supervisor, v.id, "请求人撤回申请")
    assert gone.status == "void" and gone.void_reason == "请求人撤回申请"
    assert [o.status for o in ops.list_opinions(db, centre.caseworker)] == ["void"]
    with db.read_session() as s:
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.record_id == v.id)).all()
    assert "opinion.create:create" in actions and "opinion.void:update" in actions


def test_on_site_draft_prints_watermarked_without_number(centre, case):
    db = centre.db
    v = ops.create_opinion(db, centre.fairstaff, case[0], patent_content(on_site=True))
    pdf = ops.opinion_pdf(db, centre.fairstaff, v.id)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "".join(c["text"] for p in doc.pages for c in p.chars)
    assert "现场参考意见（未经审核）" in text and "意见字第" not in text


def test_cli_list_and_print(centre, case, db_url, tmp_path, capsys):
    db = centre.db
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD + "\n", encoding="utf-8")
    login = ["--db", db_url, "--user", "caseworker", "--password-file", str(pw)]
    issued = ops.issue_opinion(db, centre.caseworker, approved(centre, case[0]).id, on=date(2026, 3, 20))
    draft = ops.create_opinion(db, centre.caseworker, case[0], patent_content(on_site=True))

    assert main(["opinion", "list", "--json", *login]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["number"], r["kind"], r["status"], r["version"]) for r in rows] == [
        ("〔2026〕测意见字第0001号", "发明专利", "已出具", 1), (None, "发明专利", "草稿", 1)]
    assert rows[1]["id"] == str(draft.id)

    out = tmp_path / "issued.pdf"
    assert main(["opinion", "print", issued.opinion_no, "--out", str(out), *login]) == 0
    assert hashlib.sha256(out.read_bytes()).hexdigest() == issued.issued_sha256   # byte for byte
    out2 = tmp_path / "draft.pdf"
    assert main(["opinion", "print", str(draft.id), "--out", str(out2), *login]) == 0
    assert out2.read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    assert main(["opinion", "print", issued.opinion_no, "--rev", "3", "--out", str(out2), *login]) == 5
    assert main(["opinion", "print", "〔2026〕测意见字第9999号", "--out", str(out2), *login]) == 5


def test_unknown_opinion_is_not_found(centre):
    import uuid

    with pytest.raises(NotFound):
        ops.get_opinion(centre.db, centre.caseworker, uuid.uuid4())
