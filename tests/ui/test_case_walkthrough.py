"""The other paths of a case through the case view, as a user clicks them: supplement → refuse →
archive; referral and mediation results arriving later, up to archiving; the deadline line
(剩余N个工作日 / overdue / the Mon–Fri fallback notice); the list's overdue marker."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402

from PySide6.QtCore import QCoreApplication, QDate  # noqa: E402

from app.services import case_steps, cases  # noqa: E402

from tests.app.case_data import case_input  # noqa: E402
from tests.ui.case_waits import form_done, list_loaded, opened_case, step_done  # noqa: E402

TODAY = date(2026, 10, 28)



def _view(qtbot, db, actor, case_id, today=TODAY):
    return opened_case(qtbot, db, actor, case_id, today)


def _click(qtbot, view, key, **values):
    """Press the case view's button `key`, fill its form and press OK."""
    view.buttons[key].click()
    dialog = form_done(qtbot, view.dialog)
    for name, value in values.items():
        w = dialog.widgets[name]
        if isinstance(value, date):
            w.setDate(QDate(value.year, value.month, value.day))
        elif isinstance(value, bool):
            w.setChecked(value)
        elif hasattr(w, "findData") and w.findData(value) >= 0:
            w.setCurrentIndex(w.findData(value))
        elif hasattr(w, "setPlainText"):
            w.setPlainText(value)
        else:
            w.setText(value)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    step_done(qtbot, view, dialog)


def test_supplement_then_refuse_then_archive(qtbot, gui_centre):
    db, cw = gui_centre.db, gui_centre.caseworker
    h = cases.register(db, cw, case_input(registered_on=date(2026, 10, 26)))
    view = _view(qtbot, db, cw, h.id)
    assert "剩余" in view.deadline.text()
    _click(qtbot, view, "request_supplement", materials="专利登记簿副本", on=date(2026, 10, 27))
    assert view.detail.status == "supplementing" and "notice_supplement" in view.buttons
    _click(qtbot, view, "receive_supplement", on=date(2026, 10, 27))
    _click(qtbot, view, "refuse", reason="不属于本中心受理范围", on=date(2026, 10, 28))
    assert view.detail.status == "refused" and "notice_refusal" in view.buttons
    assert "edit" not in view.buttons and view.deadline.text() == ""
    _click(qtbot, view, "archive", on=date(2026, 10, 28))
    assert view.detail.status == "archived" and not {"archive", "edit", "reassign"} & set(view.buttons)
    texts = view.timeline_texts()
    assert [t[:4] for t in texts] == ["登记申请", "要求补正", "收到补正", "不予受理", "归档"]


def test_results_arrive_later_then_close_follow_up_archive(qtbot, gui_centre):
    db, cw = gui_centre.db, gui_centre.caseworker
    h = cases.register(db, cw, case_input(registered_on=date(2026, 10, 9)))
    view = _view(qtbot, db, cw, h.id)
    assert "展会上销售" in view.summary.text()
    _click(qtbot, view, "accept", on=date(2026, 10, 12))
    _click(qtbot, view, "refer", target="enforcement", institution_name="沈阳市市场监督管理局", on=date(2026, 10, 13))
    assert "referral_result" in view.buttons
    _click(qtbot, view, "referral_result", result="已立案查处", on=date(2026, 10, 20))
    assert "referral_result" not in view.buttons and view.detail.referrals[0].result == "已立案查处"
    _click(qtbot, view, "mediate", started_on=date(2026, 10, 21), mediator="王调解")
    assert "mediation_result" in view.buttons
    _click(qtbot, view, "mediation_result", result="success", ended_on=date(2026, 10, 22), judicial_confirmation=True)
    m = view.detail.mediations[0]
    assert m.result == "success" and m.judicial_confirmation
    _click(qtbot, view, "close", outcome="mediated", on=date(2026, 10, 23))
    assert "剩余" in view.deadline.text()        # now the follow-up's deadline
    _click(qtbot, view, "follow_up", satisfaction="满意", on=date(2026, 10, 26))
    _click(qtbot, view, "archive", on=date(2026, 10, 27))
    kinds = [e.kind for e in cases.get_case(db, cw, h.id).timeline]
    assert kinds == ["registered", "accepted", "referred", "referral_result", "mediation", "mediation_result",
                     "closed", "followed_up", "archived"]
    assert len(view.timeline_texts()) == 9


def test_overdue_and_the_fallback_notice_are_shown(qtbot, gui_centre):
    from ui.cases.list_model import CaseListModel

    db, cw = gui_centre.db, gui_centre.caseworker
    late = cases.register(db, cw, case_input(registered_on=date(2026, 10, 8)))
    view = _view(qtbot, db, cw, late.id)
    assert "已逾期" in view.deadline.text() and view.deadline.property("overdue")
    model = CaseListModel(db, cw, today=TODAY)
    model.reload()
    list_loaded(qtbot, model)
    marker = QCoreApplication.translate("CaseListModel", "overdue")  # whichever language a test left loaded
    assert model.data(model.index(0, model.columnCount() - 1)) == "2026-10-14 " + marker
    # A decision due in 2027, a year the holiday calendar does not know yet: counted Mon–Fri, and said so.
    december = cases.register(db, cw, case_input(registered_on=date(2026, 12, 28)), confirmed=True)
    view = _view(qtbot, db, cw, december.id, today=date(2026, 12, 29))
    assert view.detail.decision_due_on == date(2027, 1, 4)
    assert "剩余" in view.deadline.text() and "2027年的法定节假日尚未收录" in view.deadline.text()
    assert not view.deadline.property("overdue")


def test_a_case_step_refused_for_the_wrong_role_keeps_the_form(qtbot, app_db, password_hash):
    """Fair staff opening a centre case: the close form is refused by the service, in Chinese."""
    from app.services.setup import NewAccount, initialise

    from tests.conftest import PASSWORD
    actors = {a.username: a for a in initialise(
        app_db, centre_name="测试中心", centre_short="测", password_hashes={PASSWORD: password_hash},
        accounts=[NewAccount("caseworker", "李明", PASSWORD, ("caseworker",)),
                  NewAccount("fairstaff", "赵敏", PASSWORD, ("fair_staff",))])}
    cw, fair = actors["caseworker"], actors["fairstaff"]
    h = cases.register(app_db, cw, case_input())
    case_steps.accept(app_db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8))
    view = _view(qtbot, app_db, fair, h.id)
    view.buttons["close"].click()
    dialog = view.dialog
    dialog.widgets["note"].setText("现场已和解")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    form_done(qtbot, dialog)
    assert dialog.isVisible() and "驻场人员只能处理展会渠道" in dialog.error.text()
    assert dialog.values()["note"] == "现场已和解" and cases.get_case(app_db, cw, h.id).status == "accepted"
