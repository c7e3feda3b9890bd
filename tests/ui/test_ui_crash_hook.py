"""ui.crash: uncaught exceptions are logged and shown on the GUI thread instead of ending the program."""
from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from app.errors import PermissionDenied
from ui import crash


@pytest.fixture
def dialogs(monkeypatch):
    """QMessageBox.critical/warning replaced by a recorder of (kind, text, thread)."""
    shown = []
    for kind in ("critical", "warning"):
        monkeypatch.setattr(
            QMessageBox, kind,
            lambda parent, title, text, *_a, _kind=kind: shown.append((_kind, text, threading.get_ident())),
        )
    crash.install_crash_hook()
    return shown


def _raise(exc: BaseException) -> None:
    raise exc


def test_unexpected_error_is_logged_and_shown(dialogs, tmp_path):
    try:
        _raise(RuntimeError("boom in a handler"))
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    log = crash.log_file()
    assert log.parent == tmp_path / "logs"
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: boom in a handler" in text and "_raise" in text
    assert len(dialogs) == 1
    kind, message, _thread = dialogs[0]
    assert kind == "critical"
    assert message.startswith("程序遇到意外错误")
    assert f"日志已保存到 {log}" in message


def test_exception_in_a_slot_reaches_the_hook(qtbot, dialogs):
    QTimer.singleShot(0, lambda: _raise(ValueError("raised inside a Qt slot")))
    qtbot.waitUntil(lambda: len(dialogs) == 1)
    assert "ValueError: raised inside a Qt slot" in crash.log_file().read_text(encoding="utf-8")


def test_worker_thread_error_is_shown_on_the_gui_thread(qtbot, dialogs):
    gui_thread = threading.get_ident()
    worker = threading.Thread(target=_raise, args=(KeyError("from a worker"),))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(dialogs) == 1)
    assert dialogs[0][2] == gui_thread
    assert "KeyError: 'from a worker'" in crash.log_file().read_text(encoding="utf-8")


def test_ipaid_error_shows_only_its_message(dialogs):
    try:
        _raise(PermissionDenied("只有负责人可以审核侵权判定意见。"))
    except PermissionDenied:
        sys.excepthook(*sys.exc_info())
    assert [(kind, text) for kind, text, _t in dialogs] == [("warning", "只有负责人可以审核侵权判定意见。")]
    assert "Traceback" not in crash.log_file().read_text(encoding="utf-8")
