"""The 当事人 window and the party line of a case: masked by default, 显示完整信息 for permitted roles
only (evented; refused for others by the service too), and 合并到… through the party search."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.services import cases, party_view  # noqa: E402
from db.models import AuditEvent  # noqa: E402

from tests.app.case_data import PERSON_ID, case_input, company, person  # noqa: E402

TODAY = date(2026, 10, 28)
MASKED_ID, PHONE, MASKED_PHONE = "110105********002X", "13812345678", "138****5678"



@pytest.fixture
def zhang(gui_centre):
    """A case whose applicant is a natural person with ID number and phone; returns (case, party id)."""
    db, cw = gui_centre.db, gui_centre.caseworker
    h = cases.register(db, cw, case_input(applicant=person("张伟"), opposing=company("沈阳乙机械有限公司", "")))
    return h, cases.get_case(db, cw, h.id).applicant.id


def _view(qtbot, db, actor, party_id):
    from ui.parties.party_view import PartyView

    view = PartyView(db, actor, party_id)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=5000)
    return view


def _events(db, action):
    with db.read_session() as s:
        return s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)).all()


def test_party_window_masks_by_default_and_lists_its_cases(qtbot, gui_centre, zhang):
    h, pid = zhang
    view = _view(qtbot, gui_centre.db, gui_centre.caseworker, pid)
    assert view.shown_value("identifier") == MASKED_ID and view.shown_value("phone") == MASKED_PHONE
    assert "张伟" in view.title.text() and "自然人" in view.title.text()
    row = view.cases.topLevelItem(0)
    assert view.cases.topLevelItemCount() == 1
    assert [row.text(i) for i in range(5)] == [h.case_no, "申请人", "待受理", "2026-09-30", "沈阳乙机械有限公司"]
    assert view.tabs.tabText(0) == "案件（1）"
    assert not view.reveal.isEnabled() and "负责人" in view.reveal.toolTip()   # a caseworker may not
    with qtbot.waitSignal(view.history.loaded, timeout=5000):
        view.tabs.setCurrentWidget(view.history)
    assert view.history.model.item(0, 2).text() == "新建"


@pytest.mark.parametrize("who", ["supervisor", "admin"])
def test_a_permitted_role_sees_the_full_id_until_the_window_closes_and_it_is_evented(qtbot, gui_centre, zhang,
                                                                                     sync_tasks, who):
    db, actor = gui_centre.db, getattr(gui_centre, who)
    _h, pid = zhang
    view = _view(qtbot, db, actor, pid)
    assert view.reveal.isEnabled() and view.reveal.text() == "显示完整信息"
    view.reveal.click()
    assert view.shown_value("identifier") == PERSON_ID and view.shown_value("phone") == PHONE
    assert not view.reveal.isEnabled()
    shown = _events(db, "privacy.unmask")
    assert [(e.record_id, e.data["field"], e.actor_name) for e in shown] == [
        (pid, "identifier", actor.display_name), (pid, "phone", actor.display_name)]
    view.load()                                               # a reload keeps them shown
    assert view.shown_value("identifier") == PERSON_ID
    view.close()
    again = _view(qtbot, db, actor, pid)                      # a new window starts masked
    assert again.shown_value("identifier") == MASKED_ID
    with qtbot.waitSignal(again.history.loaded, timeout=5000):
        again.tabs.setCurrentWidget(again.history)
    actions = [again.history.model.item(r, 2).text() for r in range(again.history.model.rowCount())]
    # the party's history shows each showing and of which field
    assert actions == ["新建", "查看未遮蔽的个人信息（证件号码）", "查看未遮蔽的个人信息（联系电话）"]


@pytest.mark.parametrize("who", ["caseworker", "fairstaff"])
def test_other_roles_cannot_show_in_full_even_if_the_button_is_forced(qtbot, gui_centre, zhang, sync_tasks, who):
    db, actor = gui_centre.db, getattr(gui_centre, who)
    _h, pid = zhang
    view = _view(qtbot, db, actor, pid)
    assert not view.reveal.isEnabled() and view.reveal.isVisibleTo(view)
    view.reveal.reveal()                                      # as if the button had been enabled
    assert view.shown_value("identifier") == MASKED_ID
    assert "权限" in view.message.shown_text() or "无权" in view.message.shown_text()
    assert _events(db, "privacy.unmask") == []
    assert len(_events(db, "refused:privacy.unmask")) >= 1


def test_case_window_party_line_masks_shows_in_full_and_opens_the_party(qtbot, gui_centre, zhang, sync_tasks):
    from ui.cases.case_view import CaseView
    from ui.parties import windows

    db, sup = gui_centre.db, gui_centre.supervisor
    h, pid = zhang
    view = CaseView(db, sup, h.id, today=TODAY)
    qtbot.addWidget(view)
    line = view.parties.shown_text()
    assert f"张伟   证件号码 {MASKED_ID}   电话 {MASKED_PHONE}" in line and "沈阳乙机械有限公司" in line and PERSON_ID not in line
    view.parties.reveal.click()
    assert f"张伟   证件号码 {PERSON_ID}   电话 {PHONE}" in view.parties.shown_text()
    view.reload()                                             # after a step the line stays in full
    assert PERSON_ID in view.parties.shown_text()
    assert "024-23456789" in view.parties.shown_text()       # the opposing company's phone too
    assert [e.data["field"] for e in _events(db, "privacy.unmask")] == ["identifier", "phone", "phone"]
    view.parties.label.linkActivated.emit(str(pid))           # a click on the name
    party = windows.open_views()[-1]
    qtbot.addWidget(party)
    qtbot.waitUntil(lambda: party.detail is not None, timeout=5000)
    assert party.party_id == pid and party.isWindow() and party.shown_value("identifier") == MASKED_ID


def test_case_window_of_a_caseworker_offers_no_unmasking(qtbot, gui_centre, zhang):
    from ui.cases.case_view import CaseView

    h, _pid = zhang
    view = CaseView(gui_centre.db, gui_centre.caseworker, h.id, today=TODAY)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)  # the case is read in the background
    assert MASKED_ID in view.parties.shown_text() and not view.parties.reveal.isEnabled()


def test_party_search_from_the_case_list_opens_the_party_and_its_cases(qtbot, gui_centre, zhang, sync_tasks):
    from ui.cases.list_page import CaseListPage

    h, pid = zhang
    page = CaseListPage(gui_centre.db, gui_centre.caseworker, today=TODAY)
    qtbot.addWidget(page)
    finder = page.find_party()
    finder.search.setText("zw")                               # pinyin initials
    finder.run_search()
    assert [x.name for x in finder.hits] == ["张伟"] and finder.table.item(0, 2).text() == MASKED_ID
    finder.ok.click()
    from ui.parties import windows
    party = windows.open_views()[-1]
    qtbot.addWidget(party)
    assert party.party_id == pid
    party.cases.itemActivated.emit(party.cases.topLevelItem(0), 0)  # Enter / double-click on the case
    assert [v.detail.case_no for v in page.views] == [h.case_no]   # opened the list's way
    for v in page.views:
        qtbot.addWidget(v)


def _two_companies(gui_centre):
    db, cw = gui_centre.db, gui_centre.caseworker
    a = cases.register(db, cw, case_input(applicant=company("沈阳甲公司", ""), opposing=person("王五", "")))
    b = cases.register(db, cw, case_input(applicant=company("沈阳甲有限公司", ""), opposing=person("赵六", "")))
    return a, b, cases.get_case(db, cw, a.id).applicant.id, cases.get_case(db, cw, b.id).applicant.id


def test_merge_into_the_party_to_keep_moves_the_cases_and_the_duplicate_disappears(qtbot, gui_centre, sync_tasks,
                                                                                   monkeypatch):
    db, cw = gui_centre.db, gui_centre.caseworker
    a, b, keep, drop = _two_companies(gui_centre)
    view = _view(qtbot, db, cw, drop)
    finder = view.start_merge()
    finder.search.setText("沈阳甲")
    finder.run_search()
    assert [x.name for x in finder.hits] == ["沈阳甲公司"]      # never itself
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kw: asked.append(args[2]) or QMessageBox.StandardButton.Yes)
    finder.ok.click()
    assert asked and "沈阳甲有限公司" in asked[0] and "沈阳甲公司" in asked[0] and "1 件案件" in asked[0]
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == keep, timeout=5000)
    assert view.party_id == keep and view.cases.topLevelItemCount() == 2
    assert "已合并" in view.message.shown_text()
    assert cases.get_case(db, cw, b.id).applicant.name == "沈阳甲公司"
    assert [x.name for x in party_view.search_parties(db, cw, "沈阳甲")] == ["沈阳甲公司"]
    assert [e.record_id for e in _events(db, "party.merge:delete")] == [drop]  # evented
    assert cases.get_case(db, cw, b.id).timeline[-1].kind == "party_merged"
    assert a


def test_declining_the_confirmation_merges_nothing(qtbot, gui_centre, sync_tasks, monkeypatch):
    db, cw = gui_centre.db, gui_centre.caseworker
    _a, b, keep, drop = _two_companies(gui_centre)
    view = _view(qtbot, db, cw, drop)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    view._merge_chosen(keep)
    assert view.party_id == drop and cases.get_case(db, cw, b.id).applicant.id == drop


def test_a_refused_merge_shows_the_services_message(qtbot, gui_centre, sync_tasks, monkeypatch):
    db, cw = gui_centre.db, gui_centre.caseworker
    h1 = cases.register(db, cw, case_input(applicant=person("张伟"), opposing=company("甲公司", "")))
    h2 = cases.register(db, cw, case_input(applicant=person("章伟", "110101199003074477"),
                                           opposing=company("乙公司", "")), confirmed=True)
    one, two = (cases.get_case(db, cw, h.id).applicant.id for h in (h1, h2))
    view = _view(qtbot, db, cw, two)
    warned = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kw: warned.append(args[2]))
    view._merge_chosen(one)
    assert warned and "证件号码不同" in warned[0] and warned[0] == view.message.shown_text()
    assert view.party_id == two and len(party_view.search_parties(db, cw, "伟")) == 2


def test_fair_staff_cannot_merge(qtbot, gui_centre, zhang):
    _h, pid = zhang
    view = _view(qtbot, gui_centre.db, gui_centre.fairstaff, pid)
    assert not view.merge_button.isEnabled() and "合并" in view.merge_button.toolTip()


def test_a_merge_from_the_case_list_updates_the_list(qtbot, gui_centre, sync_tasks, monkeypatch):
    from ui.cases.list_page import CaseListPage
    from ui.parties import windows

    db, cw = gui_centre.db, gui_centre.caseworker
    _a, _b, keep, drop = _two_companies(gui_centre)
    page = CaseListPage(db, cw, today=TODAY)
    qtbot.addWidget(page)
    assert sorted(page.model.row_data(r).applicant for r in range(2)) == ["沈阳甲公司", "沈阳甲有限公司"]
    finder = page.find_party()
    finder.search.setText("沈阳甲有限")
    finder.run_search()
    finder.ok.click()
    party = windows.open_views()[-1]
    qtbot.addWidget(party)
    assert party.party_id == drop
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    party._merge_chosen(keep)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2
                    and {page.model.row_data(r).applicant for r in range(2)} == {"沈阳甲公司"}, timeout=5000)
    assert windows.open_views().count(party) == 1 and party.party_id == keep


def test_the_register_dialogs_duplicate_hint_opens_the_party(qtbot, gui_centre, zhang, sync_tasks):
    from ui.cases.register_dialog import RegisterDialog
    from ui.parties import windows

    _h, pid = zhang
    dialog = RegisterDialog(gui_centre.db, gui_centre.caseworker, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.set_text("applicant_name", "张伟")
    dialog._show_duplicates()
    assert f'href="{pid}"' in dialog.duplicates.text() and "名称相同" in dialog.duplicates.text()
    dialog.duplicates.linkActivated.emit(str(pid))
    party = windows.open_views()[-1]
    qtbot.addWidget(party)
    assert party.party_id == pid and party.parentWidget() is dialog  # closes with the dialog
