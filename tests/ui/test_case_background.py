"""The case screens keep the window responsive: reads and saves run in ui.tasks' workers.

Each test holds a service call at a gate (a worker thread waits there) and looks at the screen while
the call is running: nothing has changed yet, the control is disabled or says 正在加载…, a second click
starts nothing. Were the call made on the GUI thread instead, it would wait at the gate until the
gate gives up and raise — the test fails, it does not hang."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading  # noqa: E402
import uuid  # noqa: E402
from datetime import date  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QDate, Qt  # noqa: E402

from app.services import case_edit, case_search, case_steps, cases, users  # noqa: E402

from tests.app.case_data import case_input, company  # noqa: E402
from tests.ui.case_waits import form_done, list_loaded, opened_case, step_done, view_loaded  # noqa: E402

TODAY = date(2026, 10, 28)


class Gate:
    """Wraps a service function: each call counts, then waits until `release()`."""

    def __init__(self, fn) -> None:
        self.fn = fn
        self.calls = 0
        self._open = threading.Event()
        self._entered = threading.Event()

    def __call__(self, *args, **kwargs):
        self.calls += 1
        self._entered.set()
        if not self._open.wait(10):
            raise RuntimeError("the gate was never opened: the call blocked the test's thread")
        return self.fn(*args, **kwargs)

    def wait_entered(self) -> None:
        """Until a worker is inside the call (it runs on its own thread)."""
        assert self._entered.wait(5), "the service was not called"

    def release(self) -> None:
        self._open.set()


@pytest.fixture
def gate(monkeypatch):
    """gate(module, "name") holds that service function; every gate opens at the end of the test."""
    made: list[Gate] = []

    def hold(module, name: str) -> Gate:
        g = Gate(getattr(module, name))
        monkeypatch.setattr(module, name, g)
        made.append(g)
        return g

    yield hold
    for g in made:
        g.release()


def _loading(context: str) -> str:
    return QCoreApplication.translate(context, "Loading…")  # whichever language a test left loaded


def _register_companies(db, actor, n: int) -> None:
    for i in range(n):
        cases.register(db, actor, case_input(applicant=company(f"公司{i}", ""), opposing=None,
                                             registered_on=date(2026, 10, 1 + i)), confirmed=True)


# ---------------------------------------------------------------------- the case view
def test_the_case_view_shows_its_data_when_the_read_ends(qtbot, gui_centre, gate):
    from ui.cases.case_view import CaseView

    db, cw = gui_centre.db, gui_centre.caseworker
    h = cases.register(db, cw, case_input())
    held = gate(cases, "get_case")
    view = CaseView(db, cw, h.id, today=TODAY)
    qtbot.addWidget(view)
    held.wait_entered()
    assert view.detail is None and view.header.text() == _loading("CaseView") and view.buttons == {}
    held.release()
    view_loaded(qtbot, view)
    assert h.case_no in view.header.text() and view.windowTitle() == h.case_no
    assert len(view.timeline_texts()) == 1 and "accept" in view.buttons


def test_buttons_wait_while_the_case_is_read_again(qtbot, gui_centre, gate):
    db, cw = gui_centre.db, gui_centre.caseworker
    h = cases.register(db, cw, case_input())
    view = opened_case(qtbot, gui_centre.db, gui_centre.caseworker, h.id, TODAY)
    held = gate(cases, "get_case")
    view.reload()
    view.reload()  # asked again while the first read runs: read once more after it, not twice at once
    held.wait_entered()
    assert view.buttons and not any(b.isEnabled() for b in view.buttons.values())
    assert h.case_no in view.header.text()  # the case stays shown meanwhile
    held.release()
    view_loaded(qtbot, view)
    assert held.calls == 2 and view.buttons["accept"].isEnabled()


def test_a_case_that_cannot_be_read_says_why_in_chinese(qtbot, gui_centre):
    from ui.cases.case_view import CaseView

    view = view_loaded(qtbot, CaseView(gui_centre.db, gui_centre.caseworker, uuid.uuid4(), today=TODAY))
    qtbot.addWidget(view)
    assert view.message.shown_text() == "找不到该案件。" and view.buttons == {} and view.detail is None


def test_the_accept_form_reads_the_caseworkers_without_blocking(qtbot, gui_centre, gate):
    db, cw = gui_centre.db, gui_centre.caseworker
    h = cases.register(db, cw, case_input())
    view = opened_case(qtbot, gui_centre.db, gui_centre.caseworker, h.id, TODAY)
    held = gate(users, "list_users")
    dialog = view.start_action("accept")
    held.wait_entered()
    combo, ok = dialog.widgets["assignee_id"], dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert combo.currentText() == _loading("StepDialog") and not combo.isEnabled() and not ok.isEnabled()
    dialog.widgets["note"].setText("材料齐全")  # the form can be filled meanwhile
    held.release()
    form_done(qtbot, dialog)
    assert combo.isEnabled() and ok.isEnabled() and combo.currentText() == "李明"   # the actor by default
    assert sorted(combo.itemText(i) for i in range(combo.count())) == sorted(["李明", "王主任"])
    assert dialog.values()["note"] == "材料齐全"


def test_a_step_is_saved_once_however_often_ok_is_pressed(qtbot, gui_centre, gate):
    db, cw = gui_centre.db, gui_centre.caseworker
    h = cases.register(db, cw, case_input())
    h = case_steps.accept(db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8))
    view = opened_case(qtbot, gui_centre.db, gui_centre.caseworker, h.id, TODAY)
    held = gate(case_steps, "add_log")
    dialog = view.start_action("log")
    dialog.widgets["text"].setPlainText("电话联系申请人")
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    ok.click()
    held.wait_entered()
    assert dialog.isVisible() and not ok.isEnabled()
    ok.click()
    dialog.buttons.accepted.emit()  # as Enter would
    held.release()
    step_done(qtbot, view, dialog)
    assert held.calls == 1 and view.timeline_texts()[-1].endswith("电话联系申请人")
    assert len(view.timeline_texts()) == 3


# ---------------------------------------------------------------------- register and edit
def _fill_register(dialog) -> None:
    dialog.set_text("applicant_name", "张伟")
    dialog.widgets["applicant_kind"].setCurrentIndex(dialog.widgets["applicant_kind"].findData("person"))
    dialog.set_text("applicant_identifier", "11010519491231002X")
    dialog.set_text("right_number", "ZL 2017 1 0601862.3")
    dialog.widgets["registered_on"].setDate(QDate(2026, 10, 9))
    dialog.set_text("summary", "被申请人销售的机械臂落入其专利保护范围")


def test_register_saves_once_and_save_waits_meanwhile(qtbot, gui_centre, gate):
    from ui.cases.register_dialog import RegisterDialog

    db, cw = gui_centre.db, gui_centre.caseworker
    dialog = RegisterDialog(db, cw, today=TODAY)
    qtbot.addWidget(dialog)
    registered = []
    dialog.registered.connect(registered.append)
    dialog.show()
    _fill_register(dialog)
    held = gate(cases, "register")
    dialog.save_button.click()
    held.wait_entered()
    assert dialog.isVisible() and not dialog.save_button.isEnabled()
    assert dialog.save() is None  # Ctrl+S meanwhile starts nothing
    held.release()
    form_done(qtbot, dialog)
    assert held.calls == 1 and len(registered) == 1 and not dialog.isVisible()
    assert [r.case_no for r in case_search.list_cases(db, cw, case_search.CaseFilter())] == [registered[0].case_no]


def test_an_unreadable_attachment_is_refused_and_the_form_kept(qtbot, gui_centre, tmp_path):
    from ui.cases.register_dialog import RegisterDialog

    db, cw = gui_centre.db, gui_centre.caseworker
    dialog = RegisterDialog(db, cw, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill_register(dialog)
    dialog.add_files([str(tmp_path / "不存在.pdf")])
    dialog.save_button.click()
    form_done(qtbot, dialog)
    assert dialog.isVisible() and "不存在.pdf" in dialog.error.text() and dialog.save_button.isEnabled()
    assert dialog.value("applicant_name") == "张伟" and dialog.value("summary").startswith("被申请人")
    assert case_search.list_cases(db, cw, case_search.CaseFilter()) == []


def test_edit_reads_the_registration_once_however_often_clicked(qtbot, gui_centre, gate):
    db, cw = gui_centre.db, gui_centre.caseworker
    h = cases.register(db, cw, case_input())
    view = opened_case(qtbot, gui_centre.db, gui_centre.caseworker, h.id, TODAY)
    view.show()
    held = gate(case_edit, "registration")
    view.buttons["edit"].click()
    held.wait_entered()
    assert view.dialog is None and not view.buttons["edit"].isEnabled()
    view.buttons["edit"].click()
    held.release()
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible(), timeout=10000)
    assert held.calls == 1 and view.buttons["edit"].isEnabled()
    assert view.dialog.value("summary") == case_input().summary


# ---------------------------------------------------------------------- the case list
def test_scrolling_to_the_bottom_reads_the_next_page_in_the_background(qtbot, gui_centre, gate, monkeypatch):
    import ui.cases.list_model as lm
    from ui.cases.list_page import CaseListPage

    db, cw = gui_centre.db, gui_centre.caseworker
    monkeypatch.setattr(lm, "PAGE", 4)
    _register_companies(db, cw, 14)
    page = CaseListPage(db, cw, today=TODAY)
    qtbot.addWidget(page)
    page.resize(900, 220)  # a few rows fit: the rest waits below
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not page.model.loading, timeout=10000)
    qtbot.wait(50)  # the view asks for more on its own while its window is not full
    list_loaded(qtbot, page.model)
    shown = page.model.rowCount()
    assert page.model.canFetchMore() and shown < 14 and page.loading_label.isHidden()
    held = gate(case_search, "list_cases")
    page.table.scrollToBottom()
    held.wait_entered()
    assert page.model.rowCount() == shown and page.model.loading and not page.loading_label.isHidden()
    page.table.scrollToBottom()  # scrolling on while it loads asks nothing more
    held.release()
    qtbot.waitUntil(lambda: page.model.rowCount() > shown and not page.model.loading, timeout=10000)
    assert page.loading_label.isHidden()
    applicants = [page.model.row_data(i).applicant for i in range(page.model.rowCount())]
    assert applicants == [f"公司{i}" for i in range(13, 13 - len(applicants), -1)]  # in order, none twice


def test_a_filter_changed_while_a_page_loads_gets_no_old_rows(qtbot, qtmodeltester, gui_centre, gate, monkeypatch):
    import ui.cases.list_model as lm

    db, cw = gui_centre.db, gui_centre.caseworker
    monkeypatch.setattr(lm, "PAGE", 3)
    _register_companies(db, cw, 7)
    model = lm.CaseListModel(db, cw, today=TODAY)
    model.reload()
    list_loaded(qtbot, model)
    qtmodeltester.check(model)
    list_loaded(qtbot, model)  # the tester asked for a page itself
    held = gate(case_search, "list_cases")
    model.fetchMore()                      # the next page of every case is on its way…
    held.wait_entered()
    before = [model.row_data(i).applicant for i in range(model.rowCount())]
    model.set_query("公司1")               # …when the user types
    model.set_query("公司3")
    assert [model.row_data(i).applicant for i in range(model.rowCount())] == before   # nothing yet
    seen = []  # every state the view is shown, not only the last
    model.rowsInserted.connect(lambda _p, first, last: seen.append(
        ("inserted", [model.row_data(i).applicant for i in range(first, last + 1)])))
    model.modelReset.connect(lambda: seen.append(
        ("reset", [model.row_data(i).applicant for i in range(model.rowCount())])))
    held.release()
    list_loaded(qtbot, model)
    assert [model.row_data(i).applicant for i in range(model.rowCount())] == ["公司3"]
    assert seen == [("reset", ["公司3"])]   # the old query's page was never shown
    assert not model.canFetchMore()
    assert held.calls == 2   # the stale page, then the newest query only: typing does not pile up reads


def test_a_list_read_refused_says_why(qtbot, gui_centre, monkeypatch):
    from app.errors import ValidationError
    from ui.cases.list_page import CaseListPage

    def refuse(*_a, **_k):
        raise ValidationError("检索词", "检索词过长")

    monkeypatch.setattr(case_search, "list_cases", refuse)
    page = CaseListPage(gui_centre.db, gui_centre.caseworker, today=TODAY)
    qtbot.addWidget(page)
    list_loaded(qtbot, page.model)
    assert "检索词过长" in page.message.text() and page.model.rowCount() == 0
    assert not page.model.canFetchMore()  # no endless retries while the view scrolls


def test_sorting_by_a_column_reads_in_the_background(qtbot, gui_centre, gate):
    from ui.cases.list_page import CaseListPage

    db, cw = gui_centre.db, gui_centre.caseworker
    _register_companies(db, cw, 3)
    page = CaseListPage(db, cw, today=TODAY)
    qtbot.addWidget(page)
    list_loaded(qtbot, page.model)
    held = gate(case_search, "list_cases")
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    held.wait_entered()
    assert page.model.row_data(0).applicant == "公司2"   # still the old order
    held.release()
    list_loaded(qtbot, page.model)
    assert [page.model.row_data(i).applicant for i in range(3)] == ["公司0", "公司1", "公司2"]


def test_opening_the_list_reads_its_first_page_once(qtbot, gui_centre, monkeypatch):
    from ui.cases.list_page import CaseListPage

    db, cw = gui_centre.db, gui_centre.caseworker
    _register_companies(db, cw, 2)
    reads = []
    real = case_search.list_cases
    monkeypatch.setattr(case_search, "list_cases", lambda *a, **k: reads.append(k["sort"]) or real(*a, **k))
    page = CaseListPage(db, cw, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    list_loaded(qtbot, page.model)
    assert reads == ["registered_on"] and page.model.rowCount() == 2
