"""The case screens driven like a user: register → accept → refer → mediate → close → follow up,
the timeline after each step; the lazy list model under qtmodeltester; refusals keep the form."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402

from PySide6.QtCore import QDate, Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from app.services import case_steps, cases  # noqa: E402

from tests.app.case_data import case_input, company, person  # noqa: E402
from tests.ui.case_waits import form_done, list_loaded, step_done, view_loaded  # noqa: E402

TODAY = date(2026, 10, 28)



def _set_date(widget, d: date) -> None:
    widget.setDate(QDate(d.year, d.month, d.day))


def _do(qtbot, view, action, **values):
    dialog = form_done(qtbot, view.start_action(action))  # its choice lists read
    for key, value in values.items():
        w = dialog.widgets[key]
        if isinstance(value, date):
            _set_date(w, value)
        elif hasattr(w, "findData") and not isinstance(value, str) or key in ("target", "outcome", "result"):
            w.setCurrentIndex(w.findData(value))
        elif hasattr(w, "setChecked") and isinstance(value, bool):
            w.setChecked(value)
        elif hasattr(w, "setPlainText"):
            w.setPlainText(value)
        elif hasattr(w, "setEditText"):
            w.setEditText(value)
        else:
            w.setText(value)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    step_done(qtbot, view, dialog)
    return dialog


def test_whole_lifecycle_through_the_gui(qtbot, gui_centre, monkeypatch):
    from ui.cases.list_page import CaseListPage

    db, cw = gui_centre.db, gui_centre.caseworker
    earlier = cases.register(db, cw, case_input(applicant=company("沈阳某某机械有限公司", ""),
                                                opposing=person("张伟", ""), registered_on=date(2026, 10, 8)))
    page = CaseListPage(db, cw, today=TODAY)
    qtbot.addWidget(page)
    list_loaded(qtbot, page.model)
    dialog = page.open_register()
    dialog.set_text("applicant_name", "张伟")
    dialog.widgets["applicant_kind"].setCurrentIndex(dialog.widgets["applicant_kind"].findData("person"))
    dialog.set_text("applicant_identifier", "11010519491231002Y")  # a typo first
    dialog.set_text("opposing_name", "沈阳某某机械有限公司")
    dialog.set_text("right_number", "ZL 2017 1 0601862.3")
    _set_date(dialog.widgets["registered_on"], date(2026, 10, 9))
    dialog.set_text("summary", "被申请人销售的机械臂落入其专利保护范围")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    form_done(qtbot, dialog)
    assert dialog.isVisible() and "申请人身份证号码" in dialog.error.text()
    assert dialog.value("applicant_name") == "张伟" and dialog.value("summary").startswith("被申请人")
    dialog.set_text("applicant_identifier", "11010519491231002X")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    form_done(qtbot, dialog)
    assert asked and earlier.case_no in asked[0]          # the conflict was shown before saving
    assert not dialog.isVisible()
    view = page.views[-1]
    qtbot.addWidget(view)
    view_loaded(qtbot, view)
    list_loaded(qtbot, page.model)
    assert view.detail.case_no == "〔2026〕测维援字第0002号" and view.detail.status == "registered"
    assert page.model.rowCount() == 2 and page.model.row_data(0).case_no == view.detail.case_no

    _do(qtbot, view, "accept", on=date(2026, 10, 12))
    assert "剩余" in view.deadline.text()
    _do(qtbot, view, "refer", target="court", institution_name="沈阳市中级人民法院", on=date(2026, 10, 13))
    _do(qtbot, view, "mediate", started_on=date(2026, 10, 20), result="success", judicial_confirmation=True,
        mediator="王调解")
    _do(qtbot, view, "close", outcome="mediated", on=date(2026, 10, 22))
    _do(qtbot, view, "follow_up", satisfaction="90", on=date(2026, 10, 26))
    d = view.detail
    assert d.status == "followed_up" and d.satisfaction == 90
    texts = view.timeline_texts()
    assert len(texts) == 6 and texts[0].startswith("登记申请") and texts[1].startswith("受理")
    assert "沈阳市中级人民法院" in texts[2] and "成功" in texts[3] and texts[4].startswith("办结")
    assert texts[5].startswith("回访") and "90" in texts[5]
    assert "archive" in view.buttons and "close" not in view.buttons
    list_loaded(qtbot, page.model)
    assert page.model.row_data(0).status == "followed_up"  # the list followed


def test_stale_form_is_refused_and_keeps_the_typing(qtbot, gui_centre):
    from ui.cases.case_view import CaseView

    db, cw, sup = gui_centre.db, gui_centre.caseworker, gui_centre.supervisor
    h = cases.register(db, cw, case_input())
    view = view_loaded(qtbot, CaseView(db, cw, h.id, today=TODAY))
    qtbot.addWidget(view)
    dialog = view.start_action("refuse")
    dialog.widgets["reason"].setPlainText("材料不全")
    case_steps.accept(db, sup, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8))  # someone else
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    form_done(qtbot, dialog)
    assert dialog.isVisible() and "王主任" in dialog.error.text() and "重新打开" in dialog.error.text()
    assert dialog.values()["reason"] == "材料不全"
    assert cases.get_case(db, cw, h.id).status == "accepted"


def test_list_model_is_lazy_sorted_in_sql_and_passes_the_model_tester(qtbot, qtmodeltester, gui_centre, monkeypatch):
    import ui.cases.list_model as lm

    db, cw = gui_centre.db, gui_centre.caseworker
    monkeypatch.setattr(lm, "PAGE", 3)
    for i in range(7):
        cases.register(db, cw, case_input(applicant=company(f"公司{i}", ""), opposing=None,
                                          registered_on=date(2026, 10, 1 + i)), confirmed=True)
    model = lm.CaseListModel(db, cw, today=TODAY)
    model.reload()
    list_loaded(qtbot, model)
    assert model.rowCount() == 3 and model.canFetchMore()   # one page, not every case
    model.fetchMore()
    list_loaded(qtbot, model)
    assert model.rowCount() == 6
    model.fetchMore()
    list_loaded(qtbot, model)
    assert model.rowCount() == 7 and not model.canFetchMore()
    assert [model.row_data(i).applicant for i in range(3)] == ["公司6", "公司5", "公司4"]
    model.sort(0, Qt.SortOrder.AscendingOrder)
    list_loaded(qtbot, model)
    assert model.rowCount() == 3 and model.row_data(0).case_no.endswith("0001号")
    qtmodeltester.check(model)  # stays attached: resets, fetches and sorts below are checked too
    list_loaded(qtbot, model)   # the tester itself asks for more
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.set_query("公司3")
    list_loaded(qtbot, model)
    assert model.rowCount() == 1 and model.data(model.index(0, 2)) == "公司3"
    model.set_query("")
    list_loaded(qtbot, model)
    while model.canFetchMore():
        model.fetchMore()
        list_loaded(qtbot, model)
    assert model.rowCount() == 7


def test_dashboard_figure_click_filters_the_list(qtbot, gui_centre):
    from ui.cases.dashboard import DashboardWidget
    from ui.cases.list_page import CaseListPage

    db, cw = gui_centre.db, gui_centre.caseworker
    late = cases.register(db, cw, case_input(registered_on=date(2026, 10, 8)))
    cases.register(db, cw, case_input(applicant=company("乙公司", ""), registered_on=date(2026, 10, 27)),
                   confirmed=True)
    board = DashboardWidget(db, cw, today=TODAY)
    page = CaseListPage(db, cw, today=TODAY)
    qtbot.addWidget(board)
    qtbot.addWidget(page)
    board.figureChosen.connect(page.show_filter)
    if not board.load_task.done:
        with qtbot.waitSignal(board.load_task.finished, timeout=10000):
            pass
    assert board.buttons["overdue"].text().startswith("1\n")
    board.buttons["overdue"].click()
    list_loaded(qtbot, page.model)
    assert page.model.rowCount() == 1 and page.model.row_data(0).case_no == late.case_no
    page.table.doubleClicked.emit(page.model.index(0, 0))
    qtbot.addWidget(page.views[-1])
    view_loaded(qtbot, page.views[-1])
    assert page.views[-1].detail.case_no == late.case_no and page.views[-1].deadline.property("overdue")


def test_export_runs_off_the_gui_thread(qtbot, gui_centre, tmp_path):
    from ui.cases.list_page import CaseListPage

    db, cw = gui_centre.db, gui_centre.caseworker
    cases.register(db, cw, case_input())
    page = CaseListPage(db, cw, today=TODAY)
    qtbot.addWidget(page)
    path = tmp_path / "out.xlsx"
    task = page.export(str(path))
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    assert path.exists() and page.export_button.isEnabled()


def test_a_case_opens_in_one_window_owned_by_the_page(qtbot, gui_centre):
    from ui.cases.list_page import CaseListPage

    db, cw = gui_centre.db, gui_centre.caseworker
    head = cases.register(db, cw, case_input())
    page = CaseListPage(db, cw, today=TODAY)
    qtbot.addWidget(page)
    view = page.open_case(head.id)
    assert view.parent() is page and view.isWindow()
    assert view.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    assert page.open_case(head.id) is view and page.views == [view]
    view.close()
    qtbot.waitUntil(lambda: page.views == [], timeout=5000)  # deleted on close, and forgotten


def test_the_list_shows_case_numbers_and_due_dates_whole(qtbot, gui_centre):
    """Case numbers were cut to 〔2026〕沈维… by default column widths."""
    from ui.cases.list_page import CaseListPage

    db, cw = gui_centre.db, gui_centre.caseworker
    cases.register(db, cw, case_input(registered_on=date(2026, 9, 1)))  # its decision is overdue by TODAY
    page = CaseListPage(db, cw, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    list_loaded(qtbot, page.model)
    metrics = page.table.fontMetrics()
    for column in (0, 7):  # as the list shows them: the case number, the due date with its state
        shown = page.model.data(page.model.index(0, column))
        assert shown and page.table.columnWidth(column) > metrics.horizontalAdvance(shown), shown
