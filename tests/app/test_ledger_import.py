"""Importing case ledgers (ledger-format.md): the shared sample's rejections exactly, idempotency,
the edge cases of the format, and the command's exit codes."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.cli.main import main
from app.errors import PermissionDenied, UsageError
from app.integrity import check_database
from app.ledger import importer
from app.ledger.importer import import_ledger
from db.models import AssistCase, AuditEvent, CaseEvent, CaseRight, FollowUp, IpRight, Party, User

from tests.app.ledger_files import EXPECTED, SAMPLE_CSV, SAMPLE_XLSX, row, write_csv, write_xlsx
from tests.conftest import PASSWORD


# Rules of single cells do not depend on the backend: run them on SQLite only.
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def count(db, model, *where):
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def cases(db) -> list[AssistCase]:
    with db.read_session() as s:
        return list(s.scalars(select(AssistCase).order_by(AssistCase.registered_on, AssistCase.case_no)))


@pytest.fixture
def pwfile(tmp_path):
    path = tmp_path / "pw"
    path.write_text(PASSWORD + "\n", encoding="utf-8")
    return str(path)


def cli(db_url, pwfile, *args, user="supervisor"):
    return main([*args, "--db", db_url, "--user", user, "--password-file", pwfile])


# ---------------------------------------------------------------- the shared sample

@pytest.mark.parametrize("sample", [SAMPLE_CSV, SAMPLE_XLSX], ids=["csv", "xlsx"])
def test_sample_rejects_exactly_the_expected_rows_and_imports_the_rest(centre, sample):
    result = import_ledger(centre.db, centre.supervisor, sample)
    expected = {(r["row"], r["column"]) for r in EXPECTED["rejected"]}
    assert {(p.row, p.column) for p in result.problems} == expected
    assert result.rows == EXPECTED["rows"]
    assert result.imported == EXPECTED["imported"] == 106
    assert result.rejected == len(expected)
    assert count(centre.db, AssistCase) == 106

    again = import_ledger(centre.db, centre.supervisor, sample)
    assert again.imported == 0
    assert again.rejected == EXPECTED["rows"]  # every row is now a duplicate or was rejected before
    assert count(centre.db, AssistCase) == 106


def test_imported_records_are_each_on_a_chain_that_verifies(centre):
    """`ipaid audit verify` and `ipaid check` after an import: the chain holds, and every record
    the import wrote has an event recording exactly what the database holds."""
    import_ledger(centre.db, centre.supervisor, SAMPLE_CSV)
    result = check_database(centre.db, centre.admin)
    assert result.audit.intact
    assert result.changed_rows == () and not any(result.never_evented.values())
    assert result.ok
    # One creation event per record written: the centre held no cases, parties or rights before.
    written = sum(count(centre.db, m) for m in (AssistCase, CaseEvent, CaseRight, FollowUp, IpRight, Party))
    written += count(centre.db, User, User.username.like(importer.LEDGER_USER_PREFIX + "%"))
    assert count(centre.db, AuditEvent, AuditEvent.action == "ledger.import:create") == written > 106


@sqlite_only
def test_csv_and_xlsx_of_the_sample_are_the_same_ledger(db_url, tmp_path, centre):
    """Importing the Excel file after the CSV finds every accepted row already there."""
    import_ledger(centre.db, centre.supervisor, SAMPLE_CSV)
    again = import_ledger(centre.db, centre.supervisor, SAMPLE_XLSX)
    assert again.imported == 0


def test_cli_import_prints_counts_writes_the_report_and_exits_3(db_url, centre, pwfile, tmp_path, capsys):
    report = tmp_path / "rejected.csv"
    assert cli(db_url, pwfile, "import", "ledger", str(SAMPLE_CSV), "--report", str(report)) == 3
    out = capsys.readouterr().out
    assert "已导入 106 行" in out and "拒绝 14 行" in out
    assert "第58行 案件编号" in out
    data = report.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "行号,列,值,原因"
    assert [tuple(line.split(",")[:2]) for line in lines[1:]] == [
        (str(r["row"]), r["column"]) for r in EXPECTED["rejected"]
    ]
    # The second run imports nothing and still says why.
    assert cli(db_url, pwfile, "import", "ledger", str(SAMPLE_CSV)) == 3
    assert "已导入 0 行" in capsys.readouterr().out


def test_imported_rows_are_ordinary_cases(centre):
    import_ledger(centre.db, centre.supervisor, SAMPLE_XLSX)
    with centre.db.read_session() as s:
        first = s.scalars(select(AssistCase).where(AssistCase.case_no == "WQ202500043")).one()
        assert (first.status, first.decision, first.outcome, first.satisfaction) == (
            "followed_up", "accepted", "opinion_issued", 80)
        assert first.registered_on == date(2025, 6, 16) and first.closed_on == date(2025, 7, 30)
        assert first.decision_due_on is not None and first.close_due_on is not None
        applicant = s.get(Party, first.applicant_id)
        assert (applicant.name, applicant.kind, applicant.scale) == ("大连远创食品有限公司", "enterprise", "small")
        steps = s.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == first.id).order_by(CaseEvent.on)).all()
        assert steps == ["registered", "accepted", "closed", "followed_up"]
        right = s.scalars(select(IpRight).join(CaseRight, CaseRight.right_id == IpRight.id)
                          .where(CaseRight.case_id == first.id)).one()
        assert (right.kind, right.number) == ("trademark", "13134061")
        pending = s.scalars(select(AssistCase).where(AssistCase.case_no == "WQ202500011")).one()
        assert pending.status == "registered" and pending.decided_on is None
        refused = s.scalars(select(AssistCase).where(AssistCase.decision == "refused")).first()
        assert refused.status == "refused" and refused.refusal_reason
        # 李明 is the fixture's caseworker; the others became inactive accounts that cannot sign in.
        li = s.scalars(select(User).where(User.display_name == "李明")).all()
        assert len(li) == 1 and li[0].username == "caseworker"
        wang = s.scalars(select(User).where(User.display_name == "王芳")).one()
        assert (wang.active, wang.password_hash, wang.roles) == (False, "", ["caseworker"])
        assert first.assignee_id == wang.id
        assert s.scalar(select(func.count()).select_from(FollowUp)) == count(
            centre.db, AssistCase, AssistCase.followed_up_on.is_not(None))


# ---------------------------------------------------------------- rules, one at a time

def _one(centre, tmp_path, **cells):
    """Import one row; return its problems as (column, reason)."""
    path = write_csv(tmp_path / "one.csv", [row(**cells)])
    result = import_ledger(centre.db, centre.supervisor, path)
    return [(p.column, p.reason) for p in result.problems]


@sqlite_only
@pytest.mark.parametrize("written", ["2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日", "2026-3-05",
                                     "　2026/03/05 "])
def test_dates_in_every_accepted_form(db_url, centre, tmp_path, written):
    assert _one(centre, tmp_path, 登记日期=written, 决定日期="2026-03-05") == []
    assert cases(centre.db)[0].registered_on == date(2026, 3, 5)


@sqlite_only
@pytest.mark.parametrize(("written", "reason"), [
    ("2026-02-30", "日期不存在"), ("2025-2-29", "日期不存在"), ("46000", "格式"), ("2026-03/05", "格式"),
    ("5 March 2026", "格式"),
])
def test_dates_that_are_refused(db_url, centre, tmp_path, written, reason):
    problems = _one(centre, tmp_path, 登记日期=written)
    assert problems[0][0] == "登记日期" and reason in problems[0][1]
    assert count(centre.db, AssistCase) == 0


@sqlite_only
@pytest.mark.parametrize(("cells", "column"), [
    ({"受理决定": "待定", "办结日期": "", "办理结果": "", "回访日期": "", "满意度": ""}, "决定日期"),
    ({"不予受理理由": "材料不全"}, "不予受理理由"),
    ({"办理结果": "", "办结日期": "", "满意度": ""}, "回访日期"),
    ({"回访日期": ""}, "满意度"),
    ({"办结日期": "", "回访日期": "", "满意度": ""}, "办理结果"),
    ({"申请人类型": "事业单位", "证件号码": "", "企业规模": "小型"}, "企业规模"),
    ({"受理决定": "不予受理", "不予受理理由": "不属于援助范围", "回访日期": "", "满意度": ""}, "办结日期"),
])
def test_a_value_where_it_does_not_belong_is_refused(db_url, centre, tmp_path, cells, column):
    problems = _one(centre, tmp_path, **cells)
    assert column in [c for c, _ in problems]
    assert count(centre.db, AssistCase) == 0


@sqlite_only
@pytest.mark.parametrize(("cells", "column"), [
    ({"证件号码": "91350100M000100Y44"}, "证件号码"),
    ({"申请人类型": "自然人", "企业规模": "", "证件号码": "11010519491231002X"}, None),
    ({"申请人类型": "自然人", "企业规模": "", "证件号码": "11010519491231002x"}, None),
    ({"申请人类型": "自然人", "企业规模": "", "证件号码": "110105209912310020"}, "证件号码"),  # born in the future
    ({"权利号": "2023 1 0123456.6"}, None),
    ({"权利号": "zl202310123456.6"}, None),
    ({"知识产权类型": "外观设计", "权利号": "ZL202310123456.6"}, "权利号"),  # type digit 1 is an invention
    ({"知识产权类型": "商标", "权利号": "第123号"}, "权利号"),
    ({"知识产权类型": "著作权", "权利号": "国作登字-2024-F-00012345"}, None),
    ({"联系电话": "024-23456789"}, None),
    ({"联系电话": "1391234567"}, "联系电话"),
    ({"满意度": "82"}, None),
    ({"满意度": "101"}, "满意度"),
    ({"满意度": "82.5"}, "满意度"),
    ({"申请渠道": "微信"}, "申请渠道"),
    ({"申请渠道": "\u3000来访\t"}, None),  # trimmed of full-width space and tab
    ({"纠纷类型": ""}, "纠纷类型"),
])
def test_cell_rules(db_url, centre, tmp_path, cells, column):
    problems = _one(centre, tmp_path, **cells)
    assert [c for c, _ in problems][:1] == ([column] if column else [])


@sqlite_only
def test_excel_number_cell_82_0_is_a_satisfaction_of_82(db_url, centre, tmp_path):
    path = write_xlsx(tmp_path / "n.xlsx", [row(满意度=82.0, 登记日期=datetime(2026, 3, 2, 14, 30),
                                                决定日期="2026-03-04")])
    result = import_ledger(centre.db, centre.supervisor, path)
    assert result.problems == () and cases(centre.db)[0].satisfaction == 82
    assert cases(centre.db)[0].registered_on == date(2026, 3, 2)  # the time part is ignored


@sqlite_only
def test_excel_serial_number_in_a_date_column_is_refused(db_url, centre, tmp_path):
    path = write_xlsx(tmp_path / "n.xlsx", [row(登记日期=46083)])
    assert [p.column for p in import_ledger(centre.db, centre.supervisor, path).problems] == ["登记日期"]


@sqlite_only
def test_gb18030_csv_is_read(db_url, centre, tmp_path):
    path = write_csv(tmp_path / "gb.csv", [row(申请人="龑旸科技（沈阳）有限公司")], encoding="gb18030")
    result = import_ledger(centre.db, centre.supervisor, path)
    assert result.problems == () and result.imported == 1
    with centre.db.read_session() as s:
        assert s.scalar(select(Party.name).where(Party.identifier == "91350100M000100Y43")) == "龑旸科技（沈阳）有限公司"


@sqlite_only
def test_unknown_columns_are_ignored_and_listed_and_order_is_free(db_url, centre, tmp_path):
    headers = ("备注", "Extra", " 申请人 ", *[h for h in row() if h not in ("备注", "申请人")])
    path = write_csv(tmp_path / "x.csv", [row() | {"Extra": "x", " 申请人 ": "沈阳华信科技有限公司"}], headers=headers)
    result = import_ledger(centre.db, centre.supervisor, path)
    assert result.problems == () and result.unknown_columns == ("Extra",)


def test_missing_required_header_exits_2_and_imports_nothing(db_url, centre, pwfile, tmp_path, capsys):
    headers = [h for h in row() if h != "纠纷类型"]
    path = write_csv(tmp_path / "bad.csv", [row(), row(申请人="另一家公司")], headers=headers)
    assert cli(db_url, pwfile, "import", "ledger", str(path)) == 2
    assert "纠纷类型" in capsys.readouterr().err
    assert count(centre.db, AssistCase) == 0


@sqlite_only
def test_unreadable_file_exits_2(db_url, centre, pwfile, tmp_path, capsys):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip")
    assert cli(db_url, pwfile, "import", "ledger", str(path)) == 2
    assert cli(db_url, pwfile, "import", "ledger", str(tmp_path / "absent.csv")) == 2


@sqlite_only
def test_clean_file_exits_0_and_all_rejected_exits_3(db_url, centre, pwfile, tmp_path, capsys):
    good = write_csv(tmp_path / "good.csv", [row(), row(申请人="另一家公司", 证件号码="")])
    assert cli(db_url, pwfile, "import", "ledger", str(good)) == 0
    bad = write_csv(tmp_path / "bad.csv", [row(申请渠道="微信")])
    assert cli(db_url, pwfile, "import", "ledger", str(bad)) == 3
    assert count(centre.db, AssistCase) == 2


@sqlite_only
def test_only_admin_or_supervisor_may_import(db_url, centre, pwfile, tmp_path, capsys):
    path = write_csv(tmp_path / "good.csv", [row()])
    assert cli(db_url, pwfile, "import", "ledger", str(path), user="caseworker") == 4
    with pytest.raises(PermissionDenied):
        import_ledger(centre.db, centre.caseworker, path)
    assert import_ledger(centre.db, centre.admin, path).imported == 1


# ---------------------------------------------------------------- numbers, duplicates, matching

@sqlite_only
def test_numbers_are_generated_and_never_take_one_the_file_holds(db_url, centre, tmp_path):
    path = write_csv(tmp_path / "n.csv", [
        row(申请人="甲公司", 证件号码=""),
        row(申请人="乙公司", 证件号码="", 案件编号="〔2026〕测维援字第0001号"),
    ])
    assert import_ledger(centre.db, centre.supervisor, path).imported == 2
    assert sorted(c.case_no for c in cases(centre.db)) == ["〔2026〕测维援字第0001号", "〔2026〕测维援字第0002号"]


@sqlite_only
def test_duplicate_judged_only_against_imported_rows(db_url, centre, tmp_path):
    path = write_csv(tmp_path / "d.csv", [
        row(案件编号="A-1", 申请渠道="微信"),     # rejected: does not count as 'earlier'
        row(案件编号="A-1"),                      # imported
        row(案件编号="A-1", 申请人="别的公司"),   # duplicate of row 3
    ])
    result = import_ledger(centre.db, centre.supervisor, path)
    assert [(p.row, p.column) for p in result.problems] == [(2, "申请渠道"), (4, "案件编号")]
    assert "第3行" in result.problems[1].reason


@sqlite_only
def test_row_without_number_is_a_duplicate_of_the_same_case(db_url, centre, tmp_path):
    path = write_csv(tmp_path / "d.csv", [row(), row(备注="再次登记")])
    result = import_ledger(centre.db, centre.supervisor, path)
    assert result.imported == 1 and [p.row for p in result.problems] == [3]
    # Another right number makes it another case.
    other = write_csv(tmp_path / "e.csv", [row(权利号="201710601862.3")])
    assert import_ledger(centre.db, centre.supervisor, other).imported == 1


def test_a_file_imported_twice_imports_nothing_even_when_a_later_row_completed_an_applicant(db_url, centre, tmp_path):
    """Row 2 has no 证件号码; row 3 gives the same applicant one. The case of row 2 then carries that
    number, and the second import must still know row 2 as the same case (a blank number is 'not
    given', not 'another applicant')."""
    path = write_csv(tmp_path / "twice.csv", [
        row(证件号码=""),
        row(登记日期="2026-03-01", 权利号="201710601862.3"),
    ])
    first = import_ledger(centre.db, centre.supervisor, path)
    assert first.imported == 2 and first.problems == ()
    again = import_ledger(centre.db, centre.supervisor, path)
    assert again.imported == 0 and [p.row for p in again.problems] == [2, 3]
    assert count(centre.db, AssistCase) == 2


def test_a_given_number_that_differs_is_another_applicants_case(db_url, centre, tmp_path):
    first = write_csv(tmp_path / "a.csv", [row()])
    assert import_ledger(centre.db, centre.supervisor, first).imported == 1
    # Same day, name, kind and right, but another credit code: another company of that name.
    other = write_csv(tmp_path / "b.csv", [row(证件号码="91210100MA0Y9X8K7Q")])
    result = import_ledger(centre.db, centre.supervisor, other)
    assert result.imported == 1, result.problems


@sqlite_only
def test_parties_are_matched_by_identifier_then_name_and_kind(db_url, centre, tmp_path):
    path = write_csv(tmp_path / "p.csv", [
        row(案件编号="1"),
        row(案件编号="2", 申请人="沈阳华信科技有限公司（新名）"),         # same credit code → same party
        row(案件编号="3", 申请人="无证公司", 证件号码=""),
        row(案件编号="4", 申请人="无证公司", 证件号码=""),                   # same name and kind
        row(案件编号="5", 申请人="无证公司", 证件号码="", 申请人类型="社会组织", 企业规模=""),  # other kind
    ])
    assert import_ledger(centre.db, centre.supervisor, path).imported == 5
    applicants = {c.case_no: c.applicant_id for c in cases(centre.db)}
    assert applicants["1"] == applicants["2"]
    assert applicants["3"] == applicants["4"] != applicants["5"]
    assert count(centre.db, User, User.active.is_(False)) == 0  # 李明 exists


def test_a_later_ledger_matches_and_completes_what_the_database_holds(db_url, centre, tmp_path):
    """A second ledger finds the parties and rights the first one left (no copies), fills in the
    identifier and phone the first lacked — as a dated, evented update — and never overwrites."""
    first = write_csv(tmp_path / "1.csv", [
        row(案件编号="A1", 申请人="无证公司", 证件号码="", 联系电话="", 企业规模=""),
        row(案件编号="A2", 申请人="有证公司", 证件号码="91350100M000100Y43", 联系电话="13900000000"),
    ])
    assert import_ledger(centre.db, centre.supervisor, first).imported == 2
    parties, rights = count(centre.db, Party), count(centre.db, IpRight)
    second = write_csv(tmp_path / "2.csv", [
        row(案件编号="B1", 申请人="无证公司", 证件号码="91110000600037341L", 联系电话="13811112222", 企业规模="中型"),
        row(案件编号="B2", 申请人="有证公司（更名）", 证件号码="91350100M000100Y43", 联系电话="13700000000"),
    ])
    assert import_ledger(centre.db, centre.supervisor, second).imported == 2
    assert (count(centre.db, Party), count(centre.db, IpRight)) == (parties, rights)
    with centre.db.read_session() as s:
        by_case = dict(s.execute(select(AssistCase.case_no, AssistCase.applicant_id)).all())
        assert by_case["A1"] == by_case["B1"] and by_case["A2"] == by_case["B2"]
        filled = s.get(Party, by_case["A1"])
        assert (filled.identifier, filled.phone, filled.scale) == ("91110000600037341L", "13811112222", "medium")
        kept = s.get(Party, by_case["A2"])
        assert (kept.name, kept.phone) == ("有证公司", "13900000000")  # known values never overwritten
        updates = s.scalars(select(AuditEvent.record_id).where(AuditEvent.action == "ledger.import:update")).all()
    assert updates == [by_case["A1"]]
    assert check_database(centre.db, centre.admin).ok


@sqlite_only
def test_a_failure_while_writing_leaves_nothing_behind(db_url, centre, tmp_path, monkeypatch):
    original = importer.Plan.write

    def write_then_fail(self, s, actor, rows):
        original(self, s, actor, rows)
        raise UsageError("模拟失败")

    monkeypatch.setattr(importer.Plan, "write", write_then_fail)
    with pytest.raises(UsageError):
        import_ledger(centre.db, centre.supervisor, SAMPLE_CSV)
    assert count(centre.db, AssistCase) == 0 and count(centre.db, Party) == 0
    assert count(centre.db, User, User.active.is_(False)) == 0


@sqlite_only
def test_dry_run_writes_nothing(db_url, centre, tmp_path):
    result = import_ledger(centre.db, centre.supervisor, SAMPLE_CSV, dry_run=True)
    assert result.imported == 106 and result.rejected == 14
    assert count(centre.db, AssistCase) == 0


@sqlite_only
def test_imported_records_are_searchable_and_renaming_replaces_their_tokens(db_url, centre, tmp_path):
    from app.service import service_call
    from db.models import SearchToken

    import_ledger(centre.db, centre.supervisor, write_csv(tmp_path / "s.csv", [row()]))

    def holders(token):
        with centre.db.read_session() as s:
            return set(s.scalars(select(SearchToken.record_id).where(SearchToken.token == token)))

    with centre.db.read_session() as s:
        party = s.scalars(select(Party).where(Party.name == "沈阳华信科技有限公司")).one()
    assert party.id in holders("华信")
    with service_call(centre.db, centre.supervisor, roles=None, action="test.rename") as s:
        s.get(Party, party.id).name = "大连远创食品有限公司"
    assert party.id not in holders("华信") and party.id in holders("远创")
