"""First-run and login dialogs: validation in Chinese naming the field, errors inline, user name remembered."""
from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from app.errors import NotAuthenticated
from app.services import users
from ui import config
from ui.login import FirstRunDialog, LoginDialog


def click_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def fill_first_run(dialog, *, password="long-enough-1", again="long-enough-1", username="admin") -> None:
    dialog.centre_name.setText("测试市知识产权维权援助中心")
    dialog.centre_short.setText("测")
    dialog.username.setText(username)
    dialog.display_name.setText("管理员")
    dialog.password.setText(password)
    dialog.password_again.setText(again)


def refuse_service(monkeypatch):
    def must_not_run(*_a, **_k):
        raise AssertionError("the service must not be called with an invalid form")

    monkeypatch.setattr(users, "setup_first_admin", must_not_run)


def test_first_run_refuses_mismatched_passwords(qtbot, fake_db, monkeypatch):
    refuse_service(monkeypatch)
    dialog = FirstRunDialog(fake_db)
    qtbot.addWidget(dialog)
    fill_first_run(dialog, again="long-enough-2")
    click_ok(qtbot, dialog)
    assert dialog.error_text() == "两次输入的密码不一致。"
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.task is None


def test_first_run_names_the_empty_field(qtbot, fake_db, monkeypatch):
    refuse_service(monkeypatch)
    dialog = FirstRunDialog(fake_db)
    qtbot.addWidget(dialog)
    fill_first_run(dialog, username="  ")
    click_ok(qtbot, dialog)
    assert dialog.error_text() == "用户名不能为空。"


def test_first_run_requires_eight_characters(qtbot, fake_db, monkeypatch):
    refuse_service(monkeypatch)
    dialog = FirstRunDialog(fake_db)
    qtbot.addWidget(dialog)
    fill_first_run(dialog, password="short", again="short")
    click_ok(qtbot, dialog)
    assert dialog.error_text() == "密码至少需要 8 个字符。"


def test_first_run_creates_the_admin_on_a_real_database(qtbot, app_db):
    dialog = FirstRunDialog(app_db)
    qtbot.addWidget(dialog)
    fill_first_run(dialog)
    click_ok(qtbot, dialog)
    with qtbot.waitSignal(dialog.task.finished, timeout=10_000):
        pass
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.username == "admin"
    assert dialog.actor.roles == frozenset({"admin"})
    assert dialog.actor.centre_name == "测试市知识产权维权援助中心"
    assert users.has_users(app_db)
    assert config.LAST_USER.read() == "admin"


def test_login_shows_refusal_inline_and_clears_the_password(qtbot, fake_db, monkeypatch):
    def authenticate(db, username, password):
        raise NotAuthenticated("用户名或密码不正确。")

    monkeypatch.setattr(users, "authenticate", authenticate)
    dialog = LoginDialog(fake_db)
    qtbot.addWidget(dialog)
    dialog.username.setText("zhangsan")
    dialog.password.setText("wrong-password")
    click_ok(qtbot, dialog)
    with qtbot.waitSignal(dialog.task.finished, timeout=5000):
        pass
    assert dialog.error_text() == "用户名或密码不正确。"
    assert dialog.password.text() == ""
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.buttons.isEnabled()


def test_login_remembers_the_user_name_never_the_password(qtbot, app_db, tmp_path):
    users.setup_first_admin(
        app_db, centre_name="测试中心", centre_short="", username="lisi", display_name="李四",
        password="secret-password-9",
    )
    dialog = LoginDialog(app_db)
    qtbot.addWidget(dialog)
    dialog.username.setText("lisi")
    dialog.password.setText("secret-password-9")
    click_ok(qtbot, dialog)
    with qtbot.waitSignal(dialog.task.finished, timeout=10_000):
        pass
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.display_name == "李四"

    QSettings().sync()
    stored = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "settings").rglob("*.ini"))
    assert "lisi" in stored
    assert "secret-password-9" not in stored

    again = LoginDialog(app_db)
    qtbot.addWidget(again)
    assert again.username.text() == "lisi"


def test_the_first_page_loads_while_the_password_is_checked(qtbot, fake_db, monkeypatch):
    """The page's code is loaded while argon2 works in the background, not after it: the hook runs
    once the check has started and before its answer is handled."""
    import threading

    release = threading.Event()
    seen: list[str] = []

    def authenticate(db, username, password):
        release.wait(5)
        raise NotAuthenticated("用户名或密码不正确。")

    monkeypatch.setattr(users, "authenticate", authenticate)
    dialog = LoginDialog(fake_db, while_checking=lambda: seen.append("running" if not release.is_set() else "late"))
    qtbot.addWidget(dialog)
    dialog.username.setText("zhangsan")
    dialog.password.setText("whatever-1")
    click_ok(qtbot, dialog)
    assert seen == ["running"]
    release.set()
    with qtbot.waitSignal(dialog.task.finished, timeout=5000):
        pass
    assert dialog.error_text() == "用户名或密码不正确。"


def test_preloading_imports_the_page_the_window_opens_on(monkeypatch):
    import sys

    from ui import main_window

    main_window.config.WINDOW_PAGE.write(main_window.PAGE_INDEX["knowledge"])  # settings: a test folder
    monkeypatch.delitem(sys.modules, "ui.pages.knowledge", raising=False)
    main_window.preload_first_page()
    assert "ui.pages.knowledge" in sys.modules
