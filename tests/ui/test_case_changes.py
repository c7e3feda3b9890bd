"""Editing a registration and reassigning a case from the case view, driven like a user:
buttons, Ctrl+S / Esc, refusals that keep the typing, and the wrong role."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from app.services import case_edit, case_steps, cases  # noqa: E402
from db.models import Party  # noqa: E402

from tests.app.case_data import PERSON_ID, case_input, company, person  # noqa: E402
from tests.ui.case_waits import form_done, opened_case, view_loaded  # noqa: E402

TODAY = date(2026, 10, 28)



def _view(qtbot, db, actor, case_id):
    return opened_case(qtbot, db, actor, case_id, TODAY, show=True)


def _open_edit(qtbot, view):
    before = view.dialog
    view.buttons["edit"].click()  # the registration is read first, then the form opens
    qtbot.waitUntil(lambda: view.dialog is not before and view.dialog.isVisible(), timeout=5000)
    return view.dialog


def _save(qtbot, dialog):
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    return form_done(qtbot, dialog)


def _save_with_ctrl_s(qtbot, dialog):
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow(), timeout=5000)
    qtbot.keyClick(dialog.widgets["summary"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_edit_registration_from_the_case_view(qtbot, gui_centre):
    db, cw = gui_centre.db, gui_centre.caseworker
    h = cases.register(db, cw, case_input(applicant=person("张伟", PERSON_ID)))
    view = _view(qtbot, db, cw, h.id)
    dialog = _open_edit(qtbot, view)
    # The register dialog's widgets, filled from the case; personal numbers masked.
    assert dialog.value("applicant_name") == "张伟" and dialog.value("applicant_identifier") == "110105********002X"
    assert dialog.value("applicant_phone") == "138****5678" and dialog.value("right_number") == "201710601862.3"
    assert dialog.services["opinion"].isChecked() and not dialog.widgets["registered_on"].isEnabled()
    dialog.set_text("summary", "被申请人在网店销售落入专利保护范围的机械臂")
    dialog.set_text("applicant_phone", "13912345678")
    dialog.services["mediation"].setChecked(False)
    _save_with_ctrl_s(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    view_loaded(qtbot, view)
    d = view.detail
    assert d.summary == "被申请人在网店销售落入专利保护范围的机械臂" and d.services == ("opinion",)
    assert (d.applicant.phone, d.applicant.identifier) == ("139****5678", "110105********002X")
    with db.read_session() as s:
        stored = s.get(Party, d.applicant.id)
        assert (stored.phone, stored.identifier) == ("13912345678", PERSON_ID)
    last = view.timeline_texts()[-1]
    assert last.startswith("修改登记信息") and "申请人联系电话" in last and "申请服务" in last


def test_a_refused_edit_keeps_what_was_typed(qtbot, gui_centre):
    db, cw, sup = gui_centre.db, gui_centre.caseworker, gui_centre.supervisor
    h = cases.register(db, cw, case_input())
    view = _view(qtbot, db, cw, h.id)
    dialog = _open_edit(qtbot, view)
    dialog.set_text("right_number", "ZL 2017 1 0601862.4")   # wrong check digit
    dialog.set_text("summary", "新写的摘要")
    _save(qtbot, dialog)
    assert dialog.isVisible() and "第1项知识产权权利号" in dialog.error.text()
    assert dialog.value("right_number") == "ZL 2017 1 0601862.4" and dialog.value("summary") == "新写的摘要"
    # Someone else saves meanwhile: refused with a message, the typing still there.
    case_steps.accept(db, sup, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8))
    dialog.set_text("right_number", "ZL 2017 1 0601862.3")
    _save(qtbot, dialog)
    assert dialog.isVisible() and "王主任" in dialog.error.text() and "重新打开" in dialog.error.text()
    assert dialog.value("summary") == "新写的摘要"
    assert cases.get_case(db, cw, h.id).summary == case_input().summary


def test_a_new_opposing_party_asks_about_conflicts_and_esc_cancels(qtbot, gui_centre, monkeypatch):
    db, cw = gui_centre.db, gui_centre.caseworker
    earlier = cases.register(db, cw, case_input(applicant=company("沈阳某某机械有限公司", ""), opposing=person("王五", "")))
    h = cases.register(db, cw, case_input(applicant=company("大连甲公司", ""), opposing=person("李强", "")))
    view = _view(qtbot, db, cw, h.id)
    dialog = _open_edit(qtbot, view)
    dialog.widgets["opposing_kind"].setCurrentIndex(dialog.widgets["opposing_kind"].findData("enterprise"))
    dialog.set_text("opposing_name", "沈阳某某机械有限公司")
    _save(qtbot, dialog)
    # The old party's masked phone must not pass to the new one.
    assert "被申请人联系电话" in dialog.error.text() and "已遮蔽" in dialog.error.text()
    dialog.set_text("opposing_phone", "")
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    _save(qtbot, dialog)
    assert asked and earlier.case_no in asked[0]
    assert dialog.isVisible() and dialog.value("opposing_name") == "沈阳某某机械有限公司"
    assert cases.get_case(db, cw, h.id).opposing.name == "李强"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert cases.get_case(db, cw, h.id).opposing.name == "李强" and len(view.timeline_texts()) == 1
    # Again, and this time the user confirms.
    dialog = _open_edit(qtbot, view)
    dialog.set_text("opposing_name", "沈阳某某机械有限公司")
    dialog.set_text("opposing_phone", "")
    dialog.widgets["opposing_kind"].setCurrentIndex(dialog.widgets["opposing_kind"].findData("enterprise"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    _save(qtbot, dialog)
    assert not dialog.isVisible() and view_loaded(qtbot, view).detail.opposing.name == "沈阳某某机械有限公司"


def test_fair_staff_edit_of_a_centre_case_is_refused_in_chinese(qtbot, gui_centre):
    db, cw, fair = gui_centre.db, gui_centre.caseworker, gui_centre.fairstaff
    h = cases.register(db, cw, case_input())
    view = _view(qtbot, db, fair, h.id)
    dialog = _open_edit(qtbot, view)
    dialog.set_text("summary", "驻场补充")
    _save(qtbot, dialog)
    assert dialog.isVisible() and "驻场人员只能处理展会渠道" in dialog.error.text()
    assert dialog.value("summary") == "驻场补充"


def test_no_edit_once_closed(qtbot, gui_centre):
    db, cw = gui_centre.db, gui_centre.caseworker
    h = cases.register(db, cw, case_input())
    h = case_steps.accept(db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8))
    h = case_steps.close(db, cw, h.id, h.version, outcome="other", on=date(2026, 10, 9))
    view = _view(qtbot, db, cw, h.id)
    assert "edit" not in view.buttons and "reassign" in view.buttons   # the follow-up is still to do
    assert case_edit.editable_refusal(view.detail.status).startswith("案件当前为“已办结”")


def test_supervisor_reassigns_and_the_timeline_says_so(qtbot, gui_centre):
    db, cw, sup = gui_centre.db, gui_centre.caseworker, gui_centre.supervisor
    h = cases.register(db, cw, case_input())
    view = _view(qtbot, db, sup, h.id)
    assert "reassign" not in view.buttons            # not accepted yet: the assignee is chosen on accepting
    h = case_steps.accept(db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8))
    view.reload()
    view_loaded(qtbot, view)
    assert view.buttons["reassign"].isEnabled()
    view.buttons["reassign"].click()
    dialog = form_done(qtbot, view.dialog)  # the caseworkers read
    assert "李明" in dialog.current.text()
    combo = dialog.widgets["assignee_id"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["王主任"]   # not the current one, not fair staff
    dialog.widgets["note"].setText("李明休假")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    form_done(qtbot, dialog)
    assert not dialog.isVisible()
    view_loaded(qtbot, view)
    assert view.detail.assignee_name == "王主任"
    assert view.timeline_texts()[-1] == "承办人由 李明 改为 王主任；李明休假"
    assert "王主任" in view.facts.text()


def test_a_caseworker_cannot_reassign(qtbot, gui_centre):
    db, cw = gui_centre.db, gui_centre.caseworker
    h = cases.register(db, cw, case_input())
    case_steps.accept(db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8))
    view = _view(qtbot, db, cw, h.id)
    button = view.buttons["reassign"]
    assert not button.isEnabled() and button.toolTip()
    # Were the form opened anyway, the service refuses with a Chinese message naming the role.
    from ui.cases.case_changes import start_reassign

    dialog = form_done(qtbot, start_reassign(view))
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    form_done(qtbot, dialog)
    assert dialog.isVisible() and "负责人" in dialog.error.text()
    assert cases.get_case(db, cw, h.id).assignee_name == "李明"
