"""Trade-fair service as the on-site staff use it: exhibitor lists, lookups, complaints with the
materials checklist and the 24-hour clock, outcomes, repeat respondents, the organiser's PDF."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pdfplumber
import pytest
from openpyxl import Workbook

from app.errors import NotFound, PermissionDenied, ValidationError
from app.pdf.fair_summary_pdf import fair_summary_pdf
from app.services import cases, fairs
from tests.app.case_data import case_input, company

ALL_MATERIALS = {"right_proof": True, "identity": True, "legal_status": True, "respondent_info": True,
                 "reasons_evidence": True}
T0 = datetime(2026, 4, 16, 1, 0, tzinfo=timezone.utc)


@pytest.fixture
def fair(centre):
    return fairs.create_fair(centre.db, centre.admin, name="2026 春季交易会", starts_on=date(2026, 4, 15),
                             ends_on=date(2026, 4, 19), venue="会展中心", organiser="贸促会",
                             office_location="1号馆服务台", short_code="cj26", staff=["fairstaff"])


def test_fair_fields_are_checked(centre, fair):
    assert fair.short_code == "CJ26" and fair.staff == ("fairstaff",)
    with pytest.raises(ValidationError, match="结束日期：不能早于开始日期"):
        fairs.create_fair(centre.db, centre.admin, name="倒置", starts_on=date(2026, 4, 19), ends_on=date(2026, 4, 15))
    with pytest.raises(ValidationError, match="已有名为"):
        fairs.create_fair(centre.db, centre.admin, name="2026 春季交易会", starts_on=date(2026, 4, 15),
                          ends_on=date(2026, 4, 19))
    with pytest.raises(PermissionDenied):
        fairs.create_fair(centre.db, centre.caseworker, name="无权", starts_on=date(2026, 4, 15), ends_on=date(2026, 4, 19))
    assert fairs.find_fair(centre.db, centre.fairstaff, "2026 春季交易会").id == fair.id
    assert fairs.find_fair(centre.db, centre.fairstaff, str(fair.id)).name == fair.name
    with pytest.raises(NotFound):
        fairs.find_fair(centre.db, centre.fairstaff, "2026 春季")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_exhibitor_list_import_with_rejection_report(centre, fair, tmp_path, kind):
    rows = [["参展商名称", "展馆", "展位", "主要展品", "统一社会信用代码"],
            ["华为技术有限公司", "1", "1a01", "手机", "91350100M000100Y43"],
            ["长虹电器股份有限公司", "2", "2B01", "电视", ""],
            ["", "3", "3C01", "无名", ""],
            ["错码公司", "3", "3C02", "", "91350100M000100Y44"],
            ["华为技术有限公司", "1", "1A09", "", ""]]
    path = tmp_path / f"list.{kind}"
    if kind == "csv":
        path.write_text("\n".join(",".join(r) for r in rows), encoding="utf-8-sig")
    else:
        wb = Workbook()
        for r in rows:
            wb.active.append(r)
        wb.save(path)
    report = fairs.import_exhibitors(centre.db, centre.fairstaff, fair.id, path)
    assert (report.added, report.updated) == (2, 0)
    assert report.rejected == ((4, "参展商名称为空"), (5, "统一社会信用代码：统一社会信用代码校验位不正确"),
                               (6, "与第 2 行重复"))
    out = tmp_path / "rejected.csv"
    fairs.write_rejections(report, out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") and "校验位不正确" in out.read_text("utf-8-sig")
    # Importing a corrected list again updates instead of doubling.
    again = fairs.import_exhibitors(centre.db, centre.fairstaff, fair.id, path)
    assert (again.added, again.updated) == (0, 2)

    db, who = centre.db, centre.fairstaff
    assert [e.name for e in fairs.list_exhibitors(db, who, fair.id, "1A01")] == ["华为技术有限公司"]
    assert [e.name for e in fairs.list_exhibitors(db, who, fair.id, "长虹")] == ["长虹电器股份有限公司"]
    assert [e.name for e in fairs.list_exhibitors(db, who, fair.id, "hwjs")] == ["华为技术有限公司"]
    assert [e.name for e in fairs.list_exhibitors(db, who, fair.id, "changhong")] == ["长虹电器股份有限公司"]
    assert len(fairs.list_exhibitors(db, who, fair.id)) == 2


def test_complaint_checklist_clock_and_outcome(centre, fair):
    db, who = centre.db, centre.fairstaff
    ex = fairs.add_exhibitor(db, who, fair.id, name="某电器公司", hall="2", booth="2B01")
    with pytest.raises(ValidationError, match="专利号校验位不正确"):
        fairs.register_complaint(db, who, fair.id, complainant=fairs.Complainant("甲公司"), ip_kind="发明专利",
                                 right_number="201710601862.4", respondent_exhibitor_id=ex.id)
    c = fairs.register_complaint(db, who, fair.id, complainant=fairs.Complainant("甲公司"), ip_kind="发明专利",
                                 right_number="ZL2017 1 0601862.3", respondent_exhibitor_id=ex.id,
                                 agent_name="乙律师", received_at=T0,
                                 materials={"right_proof": True, "identity": True, "respondent_info": True,
                                            "reasons_evidence": True})
    assert c.complaint_no == "〔2026〕测展投字第0001号"  # at the centre: no device part
    assert (c.respondent_name, c.booth, c.right_number) == ("某电器公司", "2B01", "201710601862.3")
    # Patents need legal-status proof; an agent needs a power of attorney.
    assert c.missing == ("专利法律状态证明", "授权委托书")
    assert c.due_at == T0 + timedelta(hours=24) and c.status == "待审查"
    with pytest.raises(ValidationError, match="缺少专利法律状态证明、授权委托书"):
        fairs.decide_complaint(db, who, c.id, accept=True)
    c = fairs.decide_complaint(db, who, c.id, accept=None, supplement=True)
    assert c.status == "待补充材料" and "授权委托书" in c.not_accepted_reason
    c = fairs.decide_complaint(db, who, c.id, accept=True, materials={"legal_status": True, "power_of_attorney": True})
    assert c.status == "已受理" and c.missing == ()
    assert c.hours_left(T0 + timedelta(hours=20)) == pytest.approx(4)
    assert c.hours_left(T0 + timedelta(hours=30)) == pytest.approx(-6)
    with pytest.raises(ValidationError, match="早于投诉受理时间"):
        fairs.record_progress(db, who, c.id, notified_at=T0 - timedelta(hours=1))
    fairs.record_progress(db, who, c.id, notified_at=T0 + timedelta(hours=1), answer_at=T0 + timedelta(hours=5))
    c = fairs.record_progress(db, who, c.id, outcome="撤展", handled_at=T0 + timedelta(hours=6))
    assert c.outcome == "withdrawn" and c.within_limit is True and c.status == "已处理"
    with pytest.raises(ValidationError, match="可选 撤展、遮盖"):
        fairs.record_progress(db, who, c.id, outcome="没收")

    late = fairs.register_complaint(db, who, fair.id, complainant=fairs.Complainant("丙公司"), ip_kind="商标",
                                    right_number="12345678", respondent_name="某摊主", booth="5E01", received_at=T0,
                                    materials=ALL_MATERIALS)
    assert late.complaint_no == "〔2026〕测展投字第0002号"
    fairs.decide_complaint(db, who, late.id, accept=True)
    late = fairs.record_progress(db, who, late.id, outcome="和解", handled_at=T0 + timedelta(hours=30))
    assert late.within_limit is False
    refused = fairs.register_complaint(db, who, fair.id, complainant=fairs.Complainant("丁", kind="自然人",
                                       identifier="11010519491231002X"), ip_kind="著作权", respondent_name="某展商",
                                       received_at=T0)
    with pytest.raises(ValidationError, match="不予受理理由"):
        fairs.decide_complaint(db, who, refused.id, accept=False)
    fairs.decide_complaint(db, who, refused.id, accept=False, reason="权利证明不足")

    [listed] = [f for f in fairs.list_fairs(db, who) if f.id == fair.id]
    assert (listed.complaints, listed.accepted, listed.handled) == (3, 2, 2)


def test_repeat_respondent_is_flagged_across_fairs(centre, fair):
    db, who = centre.db, centre.fairstaff
    old = fairs.create_fair(db, centre.admin, name="2025 秋季交易会", starts_on=date(2025, 10, 15),
                            ends_on=date(2025, 10, 19))
    fairs.register_complaint(db, who, old.id, complainant=fairs.Complainant("甲公司"), ip_kind="外观设计",
                             respondent_name="某电器 公司", received_at=T0 - timedelta(days=180))
    c = fairs.register_complaint(db, who, fair.id, complainant=fairs.Complainant("乙公司"), ip_kind="外观设计",
                                 respondent_name="某电器公司", received_at=T0)
    assert c.repeat_respondent == ("2025年 2025 秋季交易会（未处理完）",)
    other = fairs.register_complaint(db, who, fair.id, complainant=fairs.Complainant("丙公司"), ip_kind="商标",
                                     respondent_name="别的公司", received_at=T0)
    assert other.repeat_respondent == ()


def test_complaint_names_parties_the_centre_met_on_the_other_side(centre, fair):
    """A complainant who was the opposing party of an assistance case, or a respondent the centre assisted,
    is pointed out before the centre takes sides — matched by name with spaces left out."""
    db = centre.db
    cases.register(db, centre.caseworker, case_input(applicant=company("沈阳青松机械有限公司", ""),
                                                     opposing=company("大连 白鹭电器有限公司", "")))
    c = fairs.register_complaint(db, centre.fairstaff, fair.id, complainant=fairs.Complainant("大连白鹭电器有限公司"),
                                 ip_kind="外观设计", respondent_name="沈阳青松机械有限公司", received_at=T0)
    shown = fairs.get_complaint(db, centre.fairstaff, c.id).conflicts
    assert shown == ("投诉人 大连白鹭电器有限公司 曾是对方当事人", "被投诉人 沈阳青松机械有限公司 曾是本中心的援助申请人")
    other = fairs.register_complaint(db, centre.fairstaff, fair.id, complainant=fairs.Complainant("丙公司"),
                                     ip_kind="商标", respondent_name="别的公司", received_at=T0)
    listed = {row.id: row.conflicts for row in fairs.list_complaints(db, centre.fairstaff, fair.id, checks=True)}
    assert listed == {c.id: shown, other.id: ()}


def test_patrol_notes(centre, fair):
    fairs.add_patrol_note(centre.db, centre.fairstaff, fair.id, text="3号馆巡查", hall="3", booth="3c01", at=T0)
    [note] = fairs.list_patrol_notes(centre.db, centre.fairstaff, fair.id)
    assert (note.booth, note.by, note.text) == ("3C01", "赵敏", "3号馆巡查")
    with pytest.raises(ValidationError, match="内容不能为空"):
        fairs.add_patrol_note(centre.db, centre.fairstaff, fair.id, text=" ")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_summary_pdf_for_the_organiser(centre, fair, tmp_path):
    db, who = centre.db, centre.fairstaff
    for i, (kind, outcome, hours) in enumerate([("发明专利", "撤展", 5), ("外观设计", "遮盖", 30), ("商标", None, None)]):
        c = fairs.register_complaint(db, who, fair.id, complainant=fairs.Complainant(
            f"投诉人{i}", kind="自然人", identifier="11010519491231002X"), ip_kind=kind, respondent_name=f"展商{i}",
            booth=f"1A0{i}", received_at=T0, materials={**ALL_MATERIALS})
        fairs.decide_complaint(db, who, c.id, accept=True)
        if outcome:
            fairs.record_progress(db, who, c.id, outcome=outcome, handled_at=T0 + timedelta(hours=hours))
    refused = fairs.register_complaint(db, who, fair.id, complainant=fairs.Complainant("投诉人3"), ip_kind="商标",
                                       respondent_name="展商3", received_at=T0)
    fairs.decide_complaint(db, who, refused.id, accept=False, reason="权利已失效")
    summary = fairs.fair_summary(db, who, fair.id)
    assert summary.handled == 2 and summary.within_limit == 1 and summary.share_within_limit == 0.5
    # A refused complaint is counted as refused, not as one still open.
    counts = dict(summary.by_outcome)
    assert (counts["撤展"], counts["遮盖"], counts["不予受理"], counts["未处理完"]) == (1, 1, 1, 1)
    assert sum(counts.values()) == 4
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(fair_summary_pdf(summary))
    with pdfplumber.open(pdf) as doc:
        text = "".join(p.extract_text() for p in doc.pages)
    flat = text.replace(" ", "").replace("\n", "")
    assert "2026春季交易会展会知识产权保护工作报告" in flat
    assert "共接到知识产权投诉4件" in flat and "24小时内处理完毕1件（50.0%）" in flat
    assert "〔2026〕测展投字第0001号" in flat and "撤展" in flat and "遮盖" in flat and "不予受理" in flat
    assert "110105********002X" in flat and "11010519491231002X" not in flat


def test_a_returning_complainant_and_right_are_the_same_records(centre, fair):
    """Two complaints by one company without an ID, about one patent (once typed with spaces as on
    the certificate), make one party and one right — as registration in the case register does."""
    from db.models import FairComplaint, IpRight, Party
    from sqlalchemy import func, select

    db, who = centre.db, centre.fairstaff
    for number in ("202310123456.6", "ZL 2023 1 0123456.6"):
        fairs.register_complaint(db, who, fair.id, complainant=fairs.Complainant("甲公司"), ip_kind="发明专利",
                                 right_number=number, respondent_name="乙公司", booth="A01")
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(FairComplaint)) == 2
        assert s.scalar(select(func.count()).select_from(Party).where(Party.name == "甲公司")) == 1
        assert s.scalar(select(func.count()).select_from(IpRight)) == 1


def test_another_centres_staff_do_not_see_this_fairs_complaints(centre, fair):
    from tests.app.test_reports import _second_centre

    ex = fairs.add_exhibitor(centre.db, centre.fairstaff, fair.id, name="某电器公司", hall="2", booth="2B01")
    fairs.register_complaint(centre.db, centre.fairstaff, fair.id, complainant=fairs.Complainant("甲公司"),
                             ip_kind="商标", right_number="12345678", respondent_exhibitor_id=ex.id, received_at=T0)
    assert len(fairs.list_complaints(centre.db, centre.supervisor, fair.id)) == 1
    assert fairs.list_complaints(centre.db, _second_centre(centre.db), fair.id) == []
