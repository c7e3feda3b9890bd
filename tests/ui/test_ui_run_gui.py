"""ui.main.run_gui: start-up paths, with the database and the dialogs replaced."""
from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.errors import DatabaseUnavailable
from app.services import users
from ui import main


@pytest.fixture
def no_env(monkeypatch):
    for name in ("IPAID_SCREENSHOT", "IPAID_AUTOLOGIN_USER", "IPAID_AUTOLOGIN_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


def test_unusable_database_is_explained_and_exits_2(monkeypatch, no_env):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))

    def open_database(db):
        raise DatabaseUnavailable("无法连接数据库 postgresql://ipaid@10.0.0.5/ipaid：连接超时。")

    monkeypatch.setattr(main, "open_database", open_database)
    assert main.run_gui("postgresql://ipaid@10.0.0.5/ipaid") == 2
    assert shown == ["无法连接数据库 postgresql://ipaid@10.0.0.5/ipaid：连接超时。"]


def test_cancelled_login_exits_0_and_closes_the_database(monkeypatch, fake_db, no_env):
    monkeypatch.setattr(main, "open_database", lambda db: fake_db)
    monkeypatch.setattr(users, "has_users", lambda db: True)
    monkeypatch.setattr(main.LoginDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert main.run_gui(None) == 0
    assert fake_db.closed


def test_first_run_dialog_when_there_are_no_users(monkeypatch, fake_db, no_env):
    opened = []
    monkeypatch.setattr(main, "open_database", lambda db: fake_db)
    monkeypatch.setattr(users, "has_users", lambda db: False)
    monkeypatch.setattr(main.FirstRunDialog, "exec", lambda self: opened.append(self) or QDialog.DialogCode.Rejected)
    assert main.run_gui(None) == 0
    assert len(opened) == 1


def test_autologin_is_ignored_without_screenshot(monkeypatch, fake_db, no_env):
    monkeypatch.setenv("IPAID_AUTOLOGIN_USER", "admin")
    monkeypatch.setenv("IPAID_AUTOLOGIN_PASSWORD", "demo")
    monkeypatch.setattr(main, "open_database", lambda db: fake_db)
    monkeypatch.setattr(users, "has_users", lambda db: True)
    monkeypatch.setattr(users, "authenticate", lambda *a: pytest.fail("authenticated without a dialog"))
    dialogs = []
    monkeypatch.setattr(main.LoginDialog, "exec", lambda self: dialogs.append(self) or QDialog.DialogCode.Rejected)
    assert main.run_gui(None) == 0
    assert len(dialogs) == 1


def test_screenshot_mode_signs_in_saves_the_window_and_quits(monkeypatch, fake_db, actor, fake_info, tmp_path, no_env):
    target = tmp_path / "shots" / "main-window.png"
    monkeypatch.setenv("IPAID_SCREENSHOT", str(target))
    monkeypatch.setenv("IPAID_AUTOLOGIN_USER", "zhangsan")
    monkeypatch.setenv("IPAID_AUTOLOGIN_PASSWORD", "pw")
    monkeypatch.setattr(main, "open_database", lambda db: fake_db)
    monkeypatch.setattr(users, "authenticate", lambda db, u, p: actor if (u, p) == ("zhangsan", "pw") else None)
    guard = QObject()  # a safety net against a hang, cancelled with the guard when the test ends
    QTimer.singleShot(20_000, guard, QApplication.quit)
    try:
        assert main.run_gui(None) == 0
    finally:
        shiboken6.delete(guard)
    image = QImage(str(target))
    assert not image.isNull() and image.width() > 600
    assert fake_db.closed


def test_backup_on_close_runs_after_pending_tasks_and_before_the_database_closes(
        monkeypatch, fake_db, actor, fake_info, tmp_path, no_env):
    from app import backup
    from ui.tasks import TaskRunner

    events = []
    fake_db.is_sqlite = True
    original_wait = TaskRunner.wait_for_done
    monkeypatch.setattr(TaskRunner, "wait_for_done",
                        lambda self, msecs=-1: events.append("wait") or original_wait(self, msecs))

    def auto_backup(db, **kwargs):
        events.append(("backup", db.closed))
        raise OSError("disk full")  # a failing backup must not keep the program from closing

    monkeypatch.setattr(backup, "auto_backup", auto_backup)
    monkeypatch.setenv("IPAID_SCREENSHOT", str(tmp_path / "shot.png"))
    monkeypatch.setenv("IPAID_AUTOLOGIN_USER", "zhangsan")
    monkeypatch.setenv("IPAID_AUTOLOGIN_PASSWORD", "pw")
    monkeypatch.setattr(main, "open_database", lambda db: fake_db)
    monkeypatch.setattr(users, "authenticate", lambda db, u, p: actor)
    guard = QObject()
    QTimer.singleShot(20_000, guard, QApplication.quit)
    try:
        assert main.run_gui(None) == 0
    finally:
        shiboken6.delete(guard)
    # once, at the very end: after the last wait for pending writes, before db.close()
    assert events.count(("backup", False)) == 1
    assert events[-2:] == ["wait", ("backup", False)]
    assert fake_db.closed
