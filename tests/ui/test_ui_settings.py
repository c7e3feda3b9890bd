"""The 设置 page against a real SQLite database, offscreen: who sees which tab, adding a user, changing
one's password, and the centre settings form (saving, and refusing a bad value with its name)."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtWidgets import QLineEdit  # noqa: E402

from app import settings  # noqa: E402
from app.errors import NotAuthenticated  # noqa: E402
from app.services import users  # noqa: E402
from tests.conftest import PASSWORD, Centre  # noqa: E402
from ui.pages.settings import SettingsPage  # noqa: E402


@pytest.fixture
def desk(app_db, password_hash) -> Centre:
    from app.services.setup import NewAccount, initialise

    accounts = [
        NewAccount("admin", "管理员", PASSWORD, ("admin",)),
        NewAccount("caseworker", "李明", PASSWORD, ("caseworker",)),
    ]
    actors = initialise(app_db, centre_name="测试知识产权保护中心", centre_short="测", accounts=accounts,
                        password_hashes={PASSWORD: password_hash})
    return Centre(app_db, {a.username: a for a in actors})


def open_page(qtbot, desk, actor) -> SettingsPage:
    page = SettingsPage(desk.db, actor)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page


def stored_settings(desk) -> dict:
    with desk.db.read_session() as s:
        return settings.get_all(s, desk.admin.centre_id)


def test_a_caseworker_sees_no_user_management(qtbot, desk, sync_tasks):
    page = open_page(qtbot, desk, desk.caseworker)
    assert page.users_tab is None
    assert page.tab_titles() == ["我的账户", "中心设置", "节假日", "界面"]
    page.show_tab(page.centre_tab)
    edit = page.centre_tab.edits["limit_decision_workdays"]
    assert edit.text() == "5" and edit.isReadOnly()
    assert not page.centre_tab.save_button.isVisible()


def test_an_admin_adds_a_user_with_two_roles_who_can_then_sign_in(qtbot, desk, sync_tasks):
    page = open_page(qtbot, desk, desk.admin)
    assert page.tab_titles() == ["我的账户", "用户管理", "中心设置", "节假日", "界面"]
    page.show_tab(page.users_tab)
    tab = page.users_tab
    assert [r.username for r in tab.rows] == ["admin", "caseworker"]
    tab.add_button.click()
    dialog = tab.dialog
    dialog.username.setText("wangfang")
    dialog.display_name.setText("王芳")
    dialog.roles.boxes["caseworker"].setChecked(True)
    dialog.roles.boxes["supervisor"].setChecked(True)
    dialog.password.setText("new-user-pass-1")
    dialog.password_again.setText("new-user-pass-2")
    dialog.submit()
    assert dialog.isVisible() and "重复密码" in dialog.message.shown_text()
    assert dialog.username.text() == "wangfang"  # what was typed is kept
    dialog.password_again.setText("new-user-pass-1")
    dialog.submit()
    assert not dialog.isVisible()

    signed_in = users.authenticate(desk.db, "wangfang", "new-user-pass-1")
    assert signed_in.roles == frozenset({"caseworker", "supervisor"})
    row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 0).text() == "wangfang")
    assert tab.table.item(row, 2).text() == "办案人员、负责人"
    assert tab.table.item(row, 3).text() == "在用"


def test_an_admin_deactivates_and_reactivates_a_user(qtbot, desk, sync_tasks):
    page = open_page(qtbot, desk, desk.admin)
    page.show_tab(page.users_tab)
    tab = page.users_tab
    tab.select_user("caseworker")
    assert tab.active_button.text() == "停用"
    tab.active_button.click()
    with pytest.raises(NotAuthenticated):
        users.authenticate(desk.db, "caseworker", PASSWORD)
    assert tab.selected().username == "caseworker" and tab.active_button.text() == "启用"
    tab.active_button.click()
    assert users.authenticate(desk.db, "caseworker", PASSWORD).username == "caseworker"


def test_a_wrong_old_password_is_refused_and_shown(qtbot, desk, sync_tasks):
    page = open_page(qtbot, desk, desk.caseworker)
    account = page.account_tab
    account.old_password.setText("not my password")
    account.new_password.setText("brand-new-pass-1")
    account.repeat_password.setText("brand-new-pass-1")
    account.change_button.click()
    assert account.message.shown_text() == "原密码不正确，密码没有修改。"
    assert account.new_password.text() == "brand-new-pass-1"  # the form keeps what was typed
    assert account.old_password.styleSheet()  # the field in question is marked
    assert users.authenticate(desk.db, "caseworker", PASSWORD).username == "caseworker"

    account.old_password.setText(PASSWORD)
    account.change_button.click()
    assert "已修改" in account.message.shown_text()
    assert account.old_password.text() == ""
    assert users.authenticate(desk.db, "caseworker", "brand-new-pass-1").username == "caseworker"


def test_an_admin_changes_the_decision_time_limit(qtbot, desk, sync_tasks):
    page = open_page(qtbot, desk, desk.admin)
    page.show_tab(page.centre_tab)
    tab = page.centre_tab
    tab.edits["limit_decision_workdays"].setText("7")
    tab.save_button.click()
    assert "已保存" in tab.message.shown_text()
    values = stored_settings(desk)
    assert values["limit_decision_workdays"] == 7
    assert values["limit_close_workdays"] == 30


def test_a_negative_limit_is_refused_naming_the_setting(qtbot, desk, sync_tasks):
    page = open_page(qtbot, desk, desk.admin)
    page.show_tab(page.centre_tab)
    tab = page.centre_tab
    tab.edits["limit_close_workdays"].setText("-3")
    tab.edits["annual_target"].setText("500")
    tab.save_button.click()
    assert tab.message.shown_text() == "办结时限（工作日）：不能为负数"
    assert tab.edits["limit_close_workdays"].text() == "-3"
    assert tab.edits["limit_close_workdays"].styleSheet() and not tab.edits["annual_target"].styleSheet()
    assert stored_settings(desk)["annual_target"] == 400  # nothing of the refused form was stored


def test_settings_load_only_when_their_tab_is_opened(qtbot, desk, sync_tasks):
    page = open_page(qtbot, desk, desk.admin)
    assert not page.centre_tab.loaded and not page.users_tab.loaded
    assert page.findChildren(QLineEdit, "setting_annual_target") == []


def test_an_admin_enters_a_holiday_for_an_unknown_year_and_a_caseworker_only_sees_it(qtbot, desk, sync_tasks):
    from datetime import date

    from PySide6.QtCore import QDate

    from app.services import calendar_days

    year = calendar_days.calendar_years()[1] + 1
    page = open_page(qtbot, desk, desk.admin)
    page.show_tab(page.holidays_tab)
    tab = page.holidays_tab
    tab.day.setDate(QDate(year - 1, 10, 1))       # a year the library knows: refused, typing kept
    tab.name.setText("国庆")
    tab.add_button.click()
    assert "chinesecalendar" in tab.message.shown_text() and tab.name.text() == "国庆"
    tab.day.setDate(QDate(year, 1, 1))
    tab.name.setText("元旦")
    tab.add_button.click()
    assert tab.message.shown_text() == "已保存；0 件在办案件的期限已重新计算。"
    assert [tab.table.item(0, c).text() for c in range(3)] == [f"{year}-01-01", "放假", "元旦"]
    assert [d.day for d in calendar_days.list_days(desk.db, desk.admin)] == [date(year, 1, 1)]

    other = open_page(qtbot, desk, desk.caseworker)
    other.show_tab(other.holidays_tab)
    assert other.holidays_tab.table.rowCount() == 1 and not other.holidays_tab.add_button.isVisible()

    tab.table.selectRow(0)
    tab.remove_button.click()
    assert tab.table.rowCount() == 0 and calendar_days.list_days(desk.db, desk.admin) == []
