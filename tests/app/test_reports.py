"""Supervisor reports: the figures of ledger-format.md through `ipaid report … --json`, on both
backends, checked against the shared sample's expected.json key by key."""
from __future__ import annotations

import json
import uuid
from datetime import date, datetime

import pytest
from sqlalchemy import update

from app.cli.main import main
from app.context import Actor
from app.errors import PermissionDenied
from app.ledger.importer import import_ledger
from app.reports import service
from app.service import service_call
from db.models import AssistCase, Centre, User

from tests.app.ledger_files import EXPECTED, SAMPLE_CSV, SAMPLE_XLSX, row, write_csv
from tests.conftest import PASSWORD

sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def pwfile(tmp_path):
    path = tmp_path / "pw"
    path.write_text(PASSWORD, encoding="utf-8")
    return str(path)


def report_json(db_url, pwfile, capsys, *args, user="supervisor"):
    code = main(["report", *args, "--json", "--db", db_url, "--user", user, "--password-file", pwfile])
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


@pytest.mark.parametrize("sample", [SAMPLE_CSV, SAMPLE_XLSX], ids=["csv", "xlsx"])
def test_monthly_json_matches_the_sample_key_by_key(db_url, centre, pwfile, capsys, sample):
    import_ledger(centre.db, centre.supervisor, sample)
    for month, expected in EXPECTED["months"].items():
        got = report_json(db_url, pwfile, capsys, "monthly", "--month", month)
        for key, value in expected.items():
            assert got[key] == value, (month, key)
            assert type(got[key]) is type(value), (month, key)  # 20.0 stays a float, counts ints


def test_quarter_and_year_use_period_and_add_up(db_url, centre, pwfile, capsys):
    import_ledger(centre.db, centre.supervisor, SAMPLE_CSV)
    quarter = report_json(db_url, pwfile, capsys, "quarterly", "--quarter", "2026Q3")
    months = [report_json(db_url, pwfile, capsys, "monthly", "--month", f"2026-{m:02d}") for m in (7, 8, 9)]
    year = report_json(db_url, pwfile, capsys, "annual", "--year", "2026")
    assert quarter["period"] == "2026Q3" and "month" not in quarter
    assert year["period"] == "2026"
    assert set(EXPECTED["months"]["2026-09"]) - {"month"} <= set(quarter)
    for key in ("registered", "accepted", "rejected", "closed", "sme", "overseas"):
        assert quarter[key] == sum(m[key] for m in months), key
    for kind in quarter["by_ip_type"]:
        assert quarter["by_ip_type"][kind] == sum(m["by_ip_type"][kind] for m in months)
    # States at the end of a quarter are those at the end of its last month.
    for key in ("open_at_end", "overdue_at_end", "ytd_registered"):
        assert quarter[key] == months[-1][key]
    assert year["ytd_registered"] == year["registered"]


@sqlite_only
def test_status_is_judged_as_of_the_last_day(db_url, centre, tmp_path):
    path = write_csv(tmp_path / "l.csv", [
        row(案件编号="1", 登记日期="2026-03-30", 受理决定="不予受理", 决定日期="2026-04-02",
            不予受理理由="不属于援助范围", 办结日期="", 办理结果="", 回访日期="", 满意度=""),
        row(案件编号="2", 申请人="乙公司", 证件号码="", 登记日期="2026-03-10", 决定日期="2026-03-11",
            办结日期="2026-04-10", 回访日期="", 满意度=""),
    ])
    import_ledger(centre.db, centre.supervisor, path)
    march = service.monthly(centre.db, centre.supervisor, "2026-03").values
    april = service.monthly(centre.db, centre.supervisor, "2026-04").values
    assert (march["registered"], march["rejected"], march["closed"], march["open_at_end"]) == (2, 0, 0, 2)
    assert (april["registered"], april["rejected"], april["closed"], april["open_at_end"]) == (0, 1, 1, 0)
    assert march["mediation_success_rate"] is None and april["mediation_success_rate"] == 1.0
    # 2026-03-11 → 2026-04-10: 21 working days (Qingming 4–6 April is a holiday).
    assert april["avg_handling_workdays"] == 21.0


@sqlite_only
def test_overdue_counts_working_days_and_pauses_while_supplementing(db_url, centre, tmp_path):
    path = write_csv(tmp_path / "o.csv", [
        row(案件编号="late", 登记日期="2026-03-02", 受理决定="", 决定日期="", 承办人="", 办结日期="",
            办理结果="", 回访日期="", 满意度=""),
        row(案件编号="fresh", 申请人="乙公司", 证件号码="", 登记日期="2026-03-25", 受理决定="",
            决定日期="", 办结日期="", 办理结果="", 回访日期="", 满意度=""),
    ])
    import_ledger(centre.db, centre.supervisor, path)
    # By 31 March 'late' has waited 21 working days, 'fresh' 4 (5 allowed).
    assert service.monthly(centre.db, centre.supervisor, "2026-03").values["overdue_at_end"] == 1
    with centre.db.write_session() as s:
        s.execute(update(AssistCase).where(AssistCase.case_no == "late")
                  .values(supplement_requested_on=date(2026, 3, 3), status="supplementing"))
        s.commit()
    assert service.monthly(centre.db, centre.supervisor, "2026-03").values["overdue_at_end"] == 0


def test_only_supervisor_or_admin_see_reports(db_url, centre, pwfile, capsys):
    assert main(["report", "monthly", "--month", "2026-02", "--json", "--db", db_url,
                 "--user", "caseworker", "--password-file", pwfile]) == 4
    with pytest.raises(PermissionDenied):
        service.monthly(centre.db, centre.fairstaff, "2026-02")
    assert service.monthly(centre.db, centre.admin, "2026-02").values["registered"] == 0


@sqlite_only
def test_bad_period_exits_2(db_url, centre, pwfile, capsys):
    for args in (["monthly", "--month", "2026-13"], ["quarterly", "--quarter", "2026Q5"], ["annual", "--year", "26"]):
        assert main(["report", *args, "--db", db_url, "--user", "supervisor", "--password-file", pwfile]) == 2


@sqlite_only
def test_extra_figures_are_present_with_zeros(db_url, centre):
    values = service.monthly(centre.db, centre.supervisor, "2026-02").as_json()
    assert values["consultations_by_topic"]["取证方法"] == 0
    assert set(values["referrals_by_target"]) >= {"行政执法", "人民法院", "人民调解"}
    assert values["fair_complaints"]["received"] == 0
    assert values["opinions_issued_by_kind"]["外观设计"] == 0


def _second_centre(db) -> Actor:
    with service_call(db, None, roles=None, action="test.centre") as s:
        other = Centre(id=uuid.uuid4(), name="大连知识产权保护中心", short_name="连")
        s.add(other)
        s.flush()
        boss = User(id=uuid.uuid4(), centre_id=other.id, username="dl-boss", display_name="周主任",
                    password_hash="x", roles=["supervisor"], active=True)
        s.add(boss)
    return Actor(boss.id, boss.username, boss.display_name, frozenset({"supervisor"}), other.id, other.name)


def test_consultations_are_counted_per_centre_and_period(db_url, centre):
    """Counted by the centre's date (Asia/Shanghai) and only for the centre asked about."""
    from zoneinfo import ZoneInfo

    from app.services import consultations as cs

    sh = ZoneInfo("Asia/Shanghai")
    other = _second_centre(centre.db)

    def call(actor, started: datetime, topic: str = "取证方法") -> None:
        cs.record_consultation(centre.db, actor, cs.ConsultationInput(
            started_at=started.replace(tzinfo=sh), ended_at=started.replace(tzinfo=sh), channel="电话",
            topic=topic, question="怎么取证？"))

    call(centre.caseworker, datetime(2026, 3, 1, 0, 10))  # just inside March in Shanghai (still February in UTC)
    call(centre.caseworker, datetime(2026, 3, 31, 23, 50), topic="纠纷处理方式")
    call(centre.caseworker, datetime(2026, 4, 1, 0, 5))
    call(other, datetime(2026, 3, 15, 10, 0))
    ours = service.monthly(centre.db, centre.supervisor, "2026-03").values["consultations_by_topic"]
    assert ours["取证方法"] == 1 and ours["纠纷处理方式"] == 1 and sum(ours.values()) == 2
    both = service.monthly(centre.db, centre.supervisor, "2026-03", centre="all").values["consultations_by_topic"]
    assert sum(both.values()) == 3


def test_figures_per_centre_or_for_all_centres(db_url, centre, tmp_path, pwfile, capsys):
    other = _second_centre(centre.db)
    import_ledger(centre.db, centre.supervisor, SAMPLE_CSV)
    import_ledger(centre.db, other, write_csv(tmp_path / "d.csv", [row(登记日期="2026-02-03", 决定日期="2026-02-04",
                                                                     办结日期="", 办理结果="", 回访日期="", 满意度="")]))
    ours = report_json(db_url, pwfile, capsys, "monthly", "--month", "2026-02")
    both = report_json(db_url, pwfile, capsys, "monthly", "--month", "2026-02", "--all-centres")
    theirs = service.monthly(centre.db, other, "2026-02").values
    assert ours["registered"] == EXPECTED["months"]["2026-02"]["registered"]
    assert theirs["registered"] == 1
    assert both["registered"] == ours["registered"] + 1
    assert both["annual_target"] == 800


# ---------------------------------------------------------------- PDF and Excel

@sqlite_only
def test_pdf_and_excel_summaries(db_url, centre, pwfile, tmp_path, capsys):
    import openpyxl
    import pdfplumber
    from sqlalchemy import select

    from db.models import AuditHead

    import_ledger(centre.db, centre.supervisor, SAMPLE_XLSX)
    pdf, xlsx = tmp_path / "m.pdf", tmp_path / "m.xlsx"
    assert main(["report", "monthly", "--month", "2026-09", "--out", str(pdf), "--xlsx", str(xlsx),
                 "--db", db_url, "--user", "supervisor", "--password-file", pwfile]) == 0
    expected = EXPECTED["months"]["2026-09"]
    with centre.db.read_session() as s:
        head = s.scalars(select(AuditHead)).one()

    with pdfplumber.open(pdf) as doc:
        pages = [p.extract_text() or "" for p in doc.pages]
    text = "\n".join(pages)
    assert "测试知识产权保护中心" in pages[0] and "2026年9月" in pages[0]
    assert all(head.hash in p for p in pages)  # the chain head on every page
    assert "本期" in text and "上期" in text and "去年同期" in text
    assert "负责人（签字）" in text
    assert f"共 {expected['overdue_at_end']} 件" in text
    # Overdue list: a person's ID masked, never in clear.
    assert "330782********4811" in text and "330782200" not in text

    book = openpyxl.load_workbook(xlsx)
    figures = {row[0].value: row for row in book["指标"].iter_rows(min_row=5)}
    assert figures["登记案件"][1].value == expected["registered"]
    assert figures["调解成功率"][1].value == expected["mediation_success_rate"]
    assert figures["调解成功率"][1].number_format == "0.0%"
    assert figures["满意度（分）"][1].value == expected["satisfaction_avg"]
    # The case list behind every figure has exactly as many cases as the figure counts.
    for sheet, key in (("登记", "registered"), ("受理", "accepted"), ("不予受理", "rejected"), ("办结", "closed"),
                       ("期末在办", "open_at_end"), ("期末超期", "overdue_at_end"), ("中小微企业", "sme"),
                       ("年初至今登记", "ytd_registered")):
        assert book[sheet].max_row - 1 == expected[key], sheet
    first = book["登记"]["B2"]
    assert isinstance(first.value, datetime) and first.number_format == "yyyy-mm-dd"


@sqlite_only
def test_quarterly_pdf_builds_for_an_empty_period(db_url, centre, pwfile, tmp_path):
    pdf = tmp_path / "q.pdf"
    assert main(["report", "quarterly", "--quarter", "2026Q1", "--out", str(pdf),
                 "--db", db_url, "--user", "supervisor", "--password-file", pwfile]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_summary_is_stamped_with_the_centres_clock_not_the_pcs(centre, monkeypatch):
    """A PC set to UTC still prints the generation time of the centre (Asia/Shanghai, +08:00)."""
    import time
    from datetime import timedelta

    from app.reports.periods import parse_month
    from app.reports.summary import build_summary

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        summary = build_summary(centre.db, centre.supervisor, parse_month("2026-10"))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert summary.generated_at.utcoffset() == timedelta(hours=8)


def test_a_summarys_three_columns_are_the_figures_of_those_periods(db_url, centre):
    """The summary counts its period, the one before and the same one a year earlier in one pass;
    each column must be exactly what `report monthly` gives for that month, and every case list as
    long as its figure."""
    from app.reports.periods import parse_month
    from app.reports.summary import build_summary

    import_ledger(centre.db, centre.supervisor, SAMPLE_XLSX)
    for month in EXPECTED["months"]:
        period = parse_month(month)
        summary = build_summary(centre.db, centre.supervisor, period)
        for got, p in ((summary.figures.values, period), (summary.previous, period.previous()),
                       (summary.year_before, period.year_before())):
            assert service.figures(centre.db, centre.supervisor, p).as_json() == service._thaw(got), p.key
        for key, lines in summary.lists.items():
            if key != "followed_scored":  # counted as the satisfaction mean's n, not a figure of its own
                assert len(lines) == summary.figures.values[key], (month, key)


def test_a_case_registered_while_the_summary_reads_is_in_neither_its_figures_nor_its_lists(db_url, centre,
                                                                                           monkeypatch):
    """The lists are read beside the figures on a second connection; a case registered between the
    two reads must not put one list ahead of its figure."""
    from app.reports import summary as summaries
    from app.reports.periods import parse_month
    from app.services import cases

    from tests.app.case_data import case_input

    db, period = centre.db, parse_month("2026-09")
    cases.register(db, centre.caseworker, case_input(registered_on=date(2026, 9, 10)))
    read_apart = summaries._lists_apart
    late: list = []

    def registered_first(*args):  # the change lands after the figures' snapshot began
        late.append(cases.register(db, centre.caseworker, case_input(registered_on=date(2026, 9, 11))))
        return read_apart(*args)

    monkeypatch.setattr(summaries, "_lists_apart", registered_first)
    summary = summaries.build_summary(db, centre.supervisor, period)
    assert late and summary.figures.values["registered"] == 1
    assert [line.case_no for line in summary.lists["registered"]] != [] and len(summary.lists["registered"]) == 1
    assert late[0].case_no not in {line.case_no for lines in summary.lists.values() for line in lines}
    monkeypatch.setattr(summaries, "_lists_apart", read_apart)
    again = summaries.build_summary(db, centre.supervisor, period)
    assert again.figures.values["registered"] == len(again.lists["registered"]) == 2


def test_a_month_that_does_not_exist_is_named_as_such():
    from app.errors import UsageError
    from app.reports.periods import parse_month

    with pytest.raises(UsageError) as err:
        parse_month("2026-13")
    assert "不存在" in err.value.message and "01 到 12" in err.value.message
    with pytest.raises(UsageError) as err:
        parse_month("2026/03")
    assert "格式不对" in err.value.message
