"""工作台 figures and the Excel export of the filtered list."""
from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from app.services import case_dashboard, case_export, case_search
from app.services import case_steps as steps
from app.services import cases

from tests.app.case_data import PERSON_ID, case_input, company, person


def test_dashboard_counts_and_click_through(centre):
    db, cw = centre.db, centre.caseworker
    a = cases.register(db, cw, case_input(applicant=company("甲公司", ""), registered_on=date(2026, 10, 8)))
    b = cases.register(db, cw, case_input(applicant=company("乙公司", ""), registered_on=date(2026, 10, 26)))
    c = cases.register(db, cw, case_input(applicant=company("丙公司", ""), registered_on=date(2026, 9, 1)))
    steps.accept(db, cw, c.id, c.version, assignee_id=cw.user_id, on=date(2026, 9, 2))
    # a: decision due 2026-10-15 (overdue on 10-28); b: due 2026-11-02 (within 3 working days);
    # c: accepted 09-02, closing due 30 working days later (2026-10-21: overdue).
    board = case_dashboard.dashboard(db, cw, today=date(2026, 10, 28))
    counts = {f.key: f.count for f in board.figures}
    assert counts == {"mine_open": 1, "due_soon": 1, "overdue": 2, "month_registered": 2,
                      "month_accepted": 0, "month_closed": 0}
    shown = case_search.list_cases(db, cw, board.get("overdue").filter, today=date(2026, 10, 28))
    assert [r.case_no for r in shown] == [a.case_no, c.case_no]
    assert [r.case_no for r in case_search.list_cases(db, cw, board.get("due_soon").filter,
                                                      today=date(2026, 10, 28))] == [b.case_no]


def test_export_holds_the_filtered_rows_with_identifiers_masked(centre, tmp_path):
    db, cw = centre.db, centre.caseworker
    cases.register(db, cw, case_input(applicant=person("张伟", PERSON_ID), opposing=company()))
    cases.register(db, cw, case_input(applicant=company("北京某公司", ""), opposing=person("王五", "")),
                   confirmed=True)
    path = tmp_path / "cases.xlsx"
    n = case_export.export_xlsx(db, cw, case_search.CaseFilter(query="张伟"), path)
    ws = load_workbook(path).active
    rows = list(ws.values)
    assert n == 1 and rows[0][:4] == ("案件编号", "登记日期", "申请人", "申请人证件号码")
    assert rows[1][2] == "张伟" and rows[1][3] == "110105********002X"
    assert PERSON_ID not in repr(rows)


def test_an_all_digit_credit_code_is_not_masked_like_a_resident_id(centre):
    """Masking follows the party's kind (app.privacy), not the shape of the number: a credit code
    of 18 digits is public and stays whole; a person's resident ID is masked."""
    db, cw = centre.db, centre.caseworker
    digits_code = "914403001922038216"
    cases.register(db, cw, case_input(applicant=company("深圳数字科技有限公司", digits_code),
                                      opposing=person("王五", "")), confirmed=True)
    cases.register(db, cw, case_input(applicant=person("张伟", PERSON_ID), opposing=None), confirmed=True)
    rows = {r.applicant: r for r in case_search.list_cases(db, cw)}
    assert rows["深圳数字科技有限公司"].applicant_identifier == digits_code
    assert rows["张伟"].applicant_identifier == "110105********002X"
