"""The fair page's forms: creating and editing a fair, and one complaint from acceptance through
notification to its outcome with the 24-hour clock."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date, datetime, timedelta, timezone  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QDate, QDateTime, Qt  # noqa: E402

from app.services import fairs  # noqa: E402
from ui.fairs import FairPage  # noqa: E402

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def test_a_new_fair_with_a_bad_date_is_refused_keeping_the_form_then_saved(qtbot, sync_tasks, centre):
    page = FairPage(centre.db, centre.fairstaff)
    qtbot.addWidget(page)
    assert page.fair_box.count() == 0 and not page.edit_fair_button.isEnabled()
    form = page.open_fair_form(new=True)
    assert form.isVisible()
    assert "fairstaff" in [form.staff.item(i).data(Qt.ItemDataRole.UserRole) for i in range(form.staff.count())]
    form.name.setText("春季交易会")
    form.short_code.setText("cj")
    form.venue.setText("会展中心")
    form.starts_on.setDate(QDate(2026, 4, 19))
    form.ends_on.setDate(QDate(2026, 4, 15))  # before the start
    form.organiser.setText("市商务局")
    form.office.setText("1号馆 101室")
    form.set_staff(["fairstaff"])
    form.buttons.button(form.buttons.StandardButton.Ok).click()

    assert form.isVisible()
    assert form.message.shown_text() == "结束日期：不能早于开始日期"
    assert form.ends_on.styleSheet()  # the field named is outlined
    assert form.name.text() == "春季交易会" and form.office.text() == "1号馆 101室"
    assert fairs.list_fairs(centre.db, centre.admin) == []

    form.ends_on.setDate(QDate(2026, 4, 22))
    form.buttons.button(form.buttons.StandardButton.Ok).click()
    assert not form.isVisible()
    [saved] = fairs.list_fairs(centre.db, centre.admin)
    assert (saved.name, saved.short_code, saved.starts_on, saved.ends_on) == (
        "春季交易会", "CJ", date(2026, 4, 19), date(2026, 4, 22))
    assert (saved.venue, saved.organiser, saved.office_location, saved.staff) == (
        "会展中心", "市商务局", "1号馆 101室", ("fairstaff",))
    assert page.fair_box.currentText().startswith("春季交易会")
    assert "1号馆 101室" in page.fair_info.text() and "fairstaff" in page.fair_info.text()


def test_editing_a_fair_keeps_its_values_and_refuses_a_name_already_used(qtbot, sync_tasks, centre):
    fairs.create_fair(centre.db, centre.admin, name="秋交会", starts_on=date(2026, 10, 1), ends_on=date(2026, 10, 3))
    spring = fairs.create_fair(centre.db, centre.admin, name="春交会", starts_on=date(2026, 4, 15),
                               ends_on=date(2026, 4, 19), short_code="CJ", venue="A馆", staff=["fairstaff"])
    page = FairPage(centre.db, centre.fairstaff)
    qtbot.addWidget(page)
    page.fair_box.setCurrentIndex(page.fair_box.findData(str(spring.id)))
    form = page.open_fair_form(new=False)
    assert form.name.text() == "春交会" and form.venue.text() == "A馆"
    assert form.ends_on.date() == QDate(2026, 4, 19) and form.chosen_staff() == ["fairstaff"]

    form.name.setText("秋交会")
    form.buttons.button(form.buttons.StandardButton.Ok).click()
    assert form.isVisible() and form.message.shown_text() == "展会名称：已有名为 秋交会 的展会"

    form.name.setText("春交会（第二期）")
    form.office.setText("2号馆服务台")
    form.buttons.button(form.buttons.StandardButton.Ok).click()
    assert not form.isVisible()
    row = fairs.find_fair(centre.db, centre.admin, str(spring.id))
    assert (row.name, row.office_location, row.venue, row.short_code) == ("春交会（第二期）", "2号馆服务台", "A馆", "CJ")
    assert page.fair_box.currentData() == str(spring.id)


def _qdt(value: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()))


def test_a_complaint_is_accepted_notified_and_handled_with_its_clock(qtbot, sync_tasks, centre):
    fair = fairs.create_fair(centre.db, centre.admin, name="春交会", starts_on=date(2026, 4, 15),
                             ends_on=date(2026, 4, 19), short_code="CJ")
    received = datetime.now(timezone.utc).replace(second=0, microsecond=0) - timedelta(hours=5)
    fairs.register_complaint(centre.db, centre.fairstaff, fair.id, complainant=fairs.Complainant("甲公司"),
                             ip_kind="design", respondent_name="某展商", booth="3c01", received_at=received,
                             materials={"right_proof": True, "identity": True})
    page = FairPage(centre.db, centre.fairstaff)
    qtbot.addWidget(page)
    page.complaints.selectRow(0)
    dialog = page.open_selected_complaint()
    assert dialog.isVisible()
    assert dialog.clock.text() == "24小时时限：剩余 19.0 小时"
    assert "专利法律状态证明" in dialog.missing.text()

    dialog.accept_button.click()  # materials still missing: refused, the form stays as it was
    assert "材料清单：缺少专利法律状态证明、被投诉人基本信息、投诉理由和证据" in dialog.message.shown_text()
    assert dialog.row.accepted is None

    dialog.supplement_button.click()
    assert dialog.row.status == "待补充材料"
    assert page.complaints.item(0, 4).text() == "待补充材料"

    for key in ("legal_status", "respondent_info", "reasons_evidence"):
        dialog.materials[key].setChecked(True)
    dialog.accept_button.click()
    assert dialog.row.accepted is True and dialog.state.text() == "状态：已受理"
    assert dialog.missing.text() == "所需材料齐全。"

    dialog.notified.setDateTime(_qdt(received - timedelta(hours=1)))  # before receipt: refused
    dialog.notified_button.click()
    assert dialog.message.shown_text() == "通知时间：早于投诉受理时间"
    assert dialog.row.respondent_notified_at is None

    assert (dialog.notified_state.text(), dialog.outcome_state.text()) == ("未记录", "未记录")
    dialog.notified.setDateTime(_qdt(received + timedelta(hours=1)))
    dialog.notified_button.click()
    assert (dialog.notified_state.text(), dialog.answered_state.text()) == ("已记录", "未记录")
    dialog.answered.setDateTime(_qdt(received + timedelta(hours=3)))
    dialog.answered_button.click()
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("covered"))
    dialog.handled.setDateTime(_qdt(received + timedelta(hours=4)))
    dialog.outcome_button.click()

    row = fairs.get_complaint(centre.db, centre.admin, dialog.row.id)
    assert row.respondent_notified_at == received + timedelta(hours=1)
    assert row.answer_received_at == received + timedelta(hours=3)
    assert (row.outcome, row.handled_at, row.within_limit) == ("covered", received + timedelta(hours=4), True)
    assert dialog.clock.text() == "24小时时限：时限内已处理"
    assert page.complaints.item(0, 5).text() == "时限内已处理"
    assert page.complaints.item(0, 6).text() == "遮盖"


def test_a_refusal_needs_a_reason(qtbot, sync_tasks, centre):
    fair = fairs.create_fair(centre.db, centre.admin, name="春交会", starts_on=date(2026, 4, 15),
                             ends_on=date(2026, 4, 19))
    complaint = fairs.register_complaint(centre.db, centre.fairstaff, fair.id, complainant=fairs.Complainant("甲"),
                                         ip_kind="trademark", respondent_name="乙")
    page = FairPage(centre.db, centre.fairstaff)
    qtbot.addWidget(page)
    dialog = page.open_complaint(complaint)
    dialog.refuse_button.click()
    assert dialog.message.shown_text() == "不予受理理由：不能为空"
    assert dialog.reason.styleSheet()
    dialog.reason.setText("已向法院起诉")
    dialog.refuse_button.click()
    assert dialog.row.accepted is False and dialog.state.text() == "状态：不予受理：已向法院起诉"
    assert dialog.clock.text() == "24小时时限：不予受理"
