"""The main window: pages, shortcuts, status bar, saved geometry, the dashboard's counts."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import DatabaseUnavailable
from ui.main_window import MainWindow

CHINESE_PAGES = [
    "工作台",
    "援助案件",
    "咨询",
    "侵权判定意见",
    "展会服务",
    "专家与合作单位",
    "知识库",
    "统计报表",
    "设置",
]


def make_window(qtbot, db, actor) -> MainWindow:
    window = MainWindow(db, actor)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # shortcuts go to the active window only
        window.show()
        window.activateWindow()
    return window


def test_nine_pages_in_order_with_chinese_labels(qtbot, fake_db, actor, fake_info):
    window = make_window(qtbot, fake_db, actor)
    assert window.page_titles() == CHINESE_PAGES
    assert window.stack.count() == 9
    view_menu = window.menuBar().actions()[1].menu()
    assert [a.text() for a in view_menu.actions()] == CHINESE_PAGES
    assert [a.text() for a in window.menuBar().actions()] == ["文件(&F)", "视图(&V)", "帮助(&H)"]


def test_pages_are_built_when_first_shown(qtbot, fake_db, actor, fake_info):
    """A fast start: only the dashboard exists until the user opens another page."""
    from PySide6.QtWidgets import QWidget

    window = make_window(qtbot, fake_db, actor)
    assert window.stack.currentIndex() == 0 and window.nav.currentRow() == 0  # first start: the dashboard
    assert window.stack.widget(0).findChild(QWidget, "page_dashboard") is not None
    assert window.stack.widget(8).findChild(QWidget, "page_settings") is None
    window.show_page(8)
    assert window.stack.widget(8).findChild(QWidget, "page_settings") is window.current_page()


def test_ctrl_3_switches_to_consultations(qtbot, fake_db, actor, fake_info):
    window = make_window(qtbot, fake_db, actor)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == 2
    assert window.nav.currentItem().text() == "咨询"
    assert window.current_page().objectName() == "page_consultations"


def test_navigation_list_switches_pages(qtbot, fake_db, actor, fake_info):
    window = make_window(qtbot, fake_db, actor)
    window.nav.setCurrentRow(8)
    assert window.current_page().objectName() == "page_settings"
    assert window.findChild(QAction, "show_settings").isChecked()


def test_ctrl_q_closes_the_window(qtbot, fake_db, actor, fake_info):
    window = make_window(qtbot, fake_db, actor)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_f1_shows_about_with_version(qtbot, fake_db, actor, fake_info, monkeypatch):
    from app import __version__

    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append((title, text)))
    window = make_window(qtbot, fake_db, actor)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert len(shown) == 1
    assert __version__ in shown[0][1]
    assert "关于" in shown[0][0]


def test_status_bar_names_database_centre_and_user(qtbot, fake_db, actor, fake_info):
    window = make_window(qtbot, fake_db, actor)
    assert fake_db.label in window.status_database.text()
    assert window.status_centre.text() == "测试市知识产权维权援助中心"
    assert window.status_user.text().startswith("张三")
    assert "办案人员、负责人" in window.status_user.text()


def test_geometry_and_page_persist_across_windows(qtbot, fake_db, actor, fake_info):
    first = make_window(qtbot, fake_db, actor)
    first.resize(700, 520)
    qtbot.waitUntil(lambda: first.size() == QSize(700, 520))
    first.show_page(4)
    first.close()

    second = make_window(qtbot, fake_db, actor)
    assert second.size() == QSize(700, 520)
    assert second.stack.currentIndex() == 4
    assert second.current_page().objectName() == "page_fairs"
    # the dashboard is not built behind the restored page
    assert second.stack.widget(0).findChild(QWidget, "page_dashboard") is None


def test_dashboard_shows_unreadable_case_figures_inline(qtbot, fake_db, actor, fake_info):
    window = MainWindow(fake_db, actor)  # a fake database: the case figures cannot be read
    qtbot.addWidget(window)
    figures = window.page(0).case_figures
    with qtbot.waitSignal(figures.load_task.finished, timeout=5000):
        pass
    assert figures.buttons == {}
    assert not figures.error_label.isHidden() and figures.error_label.text() == "无法读取案件数字。"


def test_dashboard_shows_account_and_counts_loaded_off_the_gui_thread(qtbot, fake_db, actor, monkeypatch):
    import threading

    from app import info

    threads = []

    def database_info(db):
        threads.append(threading.get_ident())
        return info.DatabaseInfo(
            label=db.label, backend="sqlite", revision="0002", centre_name="测试中心", device_id=None,
            counts={"cases": 1234, "consultations": 5, "something_new": 7},
        )

    monkeypatch.setattr(info, "database_info", database_info)
    window = MainWindow(fake_db, actor)
    qtbot.addWidget(window)
    dashboard = window.page(0)
    with qtbot.waitSignal(dashboard.load_task.finished, timeout=5000):
        pass
    assert threads and threads[0] != threading.get_ident()
    assert dashboard.count_text("cases") == "1,234"
    assert dashboard.count_text("something_new") == "7"
    assert dashboard.database_label.text() == fake_db.label
    labels = [w.text() for w in dashboard.findChildren(type(dashboard.status_label))]
    assert "援助案件：" in labels
    assert "办案人员、负责人" in labels


def test_dashboard_shows_an_unusable_database_inline(qtbot, fake_db, actor, monkeypatch):
    from app import info

    def database_info(db):
        raise DatabaseUnavailable("无法连接数据库 X：超时。请检查地址。")

    monkeypatch.setattr(info, "database_info", database_info)
    window = MainWindow(fake_db, actor)
    qtbot.addWidget(window)
    dashboard = window.page(0)
    with qtbot.waitSignal(dashboard.load_task.finished, timeout=5000):
        pass
    assert dashboard.status_label.text() == "无法连接数据库 X：超时。请检查地址。"
    assert dashboard.refresh_button.isEnabled()


def test_dashboard_on_a_real_database(qtbot, app_db, sync_tasks):
    from app.services import users

    admin = users.setup_first_admin(
        app_db, centre_name="测试中心", centre_short="测", username="admin", display_name="管理员",
        password="long-enough-1",
    )
    window = MainWindow(app_db, admin)
    qtbot.addWidget(window)
    dashboard = window.page(0)
    assert dashboard.count_text("users") == "1"
    assert dashboard.count_text("cases") == "0"


def test_dashboard_figure_click_shows_the_cases_page(qtbot, app_db, sync_tasks):
    from app.services import users
    from app.services.case_dashboard import figure_filters

    admin = users.setup_first_admin(
        app_db, centre_name="测试中心", centre_short="测", username="admin", display_name="管理员",
        password="long-enough-1",
    )
    window = make_window(qtbot, app_db, admin)
    figures = window.page(0).case_figures
    assert window.stack.currentIndex() == 0 and "overdue" in figures.buttons
    qtbot.mouseClick(figures.buttons["overdue"], Qt.MouseButton.LeftButton)
    assert window.stack.currentIndex() == 1
    assert window.nav.currentItem().text() == "援助案件"
    cases_page = window.current_page()
    assert cases_page.objectName() == "page_cases"
    overdue = dict((key, flt) for key, _label, flt in figure_filters(admin, date.today()))["overdue"]
    assert cases_page.model.filter == overdue


def test_language_choice_is_stored_for_next_start(qtbot, fake_db, actor, fake_info):
    from ui import config

    window = make_window(qtbot, fake_db, actor)
    settings_page = window.page(8)
    combo = settings_page.language_combo
    assert combo.currentData() == "zh_CN"
    combo.setCurrentIndex(combo.findData("en"))
    assert config.LANGUAGE.read() == "en"
    assert "重新启动" in settings_page.restart_note.text()
