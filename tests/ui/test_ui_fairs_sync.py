"""The fair page and the sync page: exhibitors and complaints with their 24-hour clock; kit,
return bundle and import from the GUI; the 冲突处理 view settles a conflict."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
from datetime import date, datetime, timedelta, timezone  # noqa: E402

import pytest  # noqa: E402

from app.services import fairs  # noqa: E402
from app.services.users import authenticate  # noqa: E402
from app.sync import export, kit, merge  # noqa: E402
from tests.conftest import PASSWORD  # noqa: E402
from ui.fairs import FairPage  # noqa: E402
from ui.fairs.fair_page import clock_text  # noqa: E402
from ui.sync import ConflictView, SyncPage  # noqa: E402

SQLITE = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def fair(centre):
    f = fairs.create_fair(centre.db, centre.admin, name="春交会", starts_on=date(2026, 4, 15), ends_on=date(2026, 4, 19),
                          short_code="CJ", staff=["fairstaff"])
    fairs.add_exhibitor(centre.db, centre.admin, f.id, name="华为技术有限公司", hall="1", booth="1A01", products="手机")
    fairs.add_exhibitor(centre.db, centre.admin, f.id, name="长虹电器股份有限公司", hall="2", booth="2B01")
    return f


def cells(table, col):
    return [table.item(r, col).text() for r in range(table.rowCount())]


@SQLITE
def test_fair_page_lists_exhibitors_and_complaint_clocks(qtbot, sync_tasks, centre, fair):
    now = datetime.now(timezone.utc)
    fairs.register_complaint(centre.db, centre.fairstaff, fair.id, complainant=fairs.Complainant("甲公司"),
                             ip_kind="商标", respondent_name="某展商", booth="3C01", received_at=now - timedelta(hours=21))
    page = FairPage(centre.db, centre.fairstaff)
    qtbot.addWidget(page)
    assert page.fair_box.currentText().startswith("春交会")
    assert cells(page.exhibitors, 2) == ["华为技术有限公司", "长虹电器股份有限公司"]
    page.search.setText("hwjs")
    assert cells(page.exhibitors, 2) == ["华为技术有限公司"]
    assert cells(page.complaints, 5)[0].startswith("剩余 3.")
    assert page.complaints.item(0, 5).foreground().color().red() > 150  # under 4 hours: highlighted

    page.take_complaint(complainant=fairs.Complainant("乙公司"), ip_kind="design", respondent_name="华为技术有限公司",
                        booth="1A01", materials={})
    assert cells(page.complaints, 1) == ["甲公司", "乙公司"]
    assert cells(page.complaints, 5)[1].startswith("剩余 2")  # a fresh 24-hour clock: 23.9… hours


def test_clock_text_reads_like_a_person_would():
    received = datetime(2026, 4, 16, 1, tzinfo=timezone.utc)
    row = fairs.ComplaintRow(id=None, fair_id=None, complaint_no="1", complainant="甲", agent_name="",
                             respondent_name="乙", booth="", ip_kind="trademark", right_number="", materials={},
                             missing=(), accepted=True, not_accepted_reason="", supplement_requested=False,
                             received_at=received, due_at=received + timedelta(hours=24), respondent_notified_at=None,
                             answer_received_at=None, outcome=None, handled_at=None, note="")
    assert clock_text(row, received + timedelta(hours=26))[0] == "已超时 2.0 小时"
    assert clock_text(row, received + timedelta(hours=1))[0] == "剩余 23.0 小时"


@SQLITE
def test_exhibitor_import_from_the_page(qtbot, sync_tasks, centre, fair, tmp_path):
    page = FairPage(centre.db, centre.admin)
    page.quiet = True
    qtbot.addWidget(page)
    path = tmp_path / "list.csv"
    path.write_text("参展商名称,展位\n格力电器股份有限公司,3C01\n,3C02\n", encoding="utf-8-sig")
    page.import_exhibitors(str(path))
    assert "新增 1" in page.import_message or "Added 1" in page.import_message
    assert "格力电器股份有限公司" in cells(page.exhibitors, 2)


@SQLITE
def test_sync_page_round_trip_and_conflict_view(qtbot, sync_tasks, centre, fair, tmp_path, sqlite_template):
    db, admin = centre.db, centre.admin
    page = SyncPage(db, admin)
    qtbot.addWidget(page)
    kit_path = tmp_path / "kit.ipaidkit"
    page.export_kit("春交会", str(kit_path), "口令")
    assert "CJ-1" in page.last_message and kit_path.exists()

    laptop_file = tmp_path / "laptop.sqlite"
    shutil.copy(sqlite_template, laptop_file)
    from app.database import open_database
    lap = open_database(str(laptop_file))
    kit.open_kit(lap, kit_path, "口令")
    who = authenticate(lap, "fairstaff", PASSWORD)
    [ex] = [e for e in fairs.list_exhibitors(lap, who, fair.id) if e.booth == "1A01"]
    fairs.update_exhibitor(lap, who, ex.id, products="平板")
    fairs.update_exhibitor(db, admin, ex.id, products="电脑")
    laptop_page = SyncPage(lap, who)
    qtbot.addWidget(laptop_page)
    back = tmp_path / "back.ipaidsync"
    laptop_page.export_return(str(back), "口令")
    assert back.exists() and "1" in laptop_page.last_message

    page.import_bundle(str(back), "口令")
    assert page.conflicts.table.rowCount() == 1
    assert cells(page.conflicts.table, 2) == ["电脑"] and cells(page.conflicts.table, 3) == ["平板"]
    page.conflicts.table.selectRow(0)
    page.conflicts.resolve_selected("laptop")
    assert page.conflicts.table.rowCount() == 0
    assert merge.list_conflicts(db, admin) == []
    [after] = [e for e in fairs.list_exhibitors(db, admin, fair.id) if e.booth == "1A01"]
    assert after.products == "平板"
    lap.close()


@SQLITE
def test_conflict_view_is_empty_without_conflicts(qtbot, sync_tasks, centre):
    view = ConflictView(centre.db, centre.admin)
    qtbot.addWidget(view)
    assert view.table.rowCount() == 0 and not view.keep_centre.isEnabled()
