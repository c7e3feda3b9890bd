"""ui.tasks: jobs run off the GUI thread, results and failures come back by signal on the GUI thread."""
from __future__ import annotations

import threading

from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import NotFound
from ui.tasks import task_runner, run_task


def test_result_arrives_by_signal_and_job_runs_off_the_gui_thread(qtbot):
    gui_thread = threading.get_ident()
    seen = {}

    def job():
        seen["job"] = threading.get_ident()
        return 42

    def on_success(result):
        seen["callback"] = threading.get_ident()
        seen["result"] = result

    widget = QWidget()
    qtbot.addWidget(widget)
    task = run_task(job, on_success=on_success, parent=widget)
    with qtbot.waitSignal(task.succeeded, timeout=5000) as signal:
        pass
    assert signal.args == [42]
    assert seen["result"] == 42
    assert seen["job"] != gui_thread
    assert seen["callback"] == gui_thread
    assert task.done


def test_failure_arrives_by_signal_on_the_gui_thread(qtbot):
    gui_thread = threading.get_ident()
    failures = []

    def job():
        raise ValueError("broken")

    widget = QWidget()
    qtbot.addWidget(widget)
    task = run_task(
        job,
        on_success=lambda _r: failures.append("should not be called"),
        on_failure=lambda exc: failures.append((exc, threading.get_ident())),
        parent=widget,
        read_only=True,
    )
    with qtbot.waitSignal(task.failed, timeout=5000) as signal:
        pass
    assert isinstance(signal.args[0], ValueError)
    assert len(failures) == 1
    exc, thread = failures[0]
    assert str(exc) == "broken" and thread == gui_thread


def test_ipaid_error_without_on_failure_shows_its_message(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))

    def job():
        raise NotFound("找不到编号为〔2026〕维援字第0001号的案件。")

    widget = QWidget()
    qtbot.addWidget(widget)
    task = run_task(job, on_success=None, parent=widget)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert shown == ["找不到编号为〔2026〕维援字第0001号的案件。"]


def test_writes_are_serialised_and_reads_are_not(qtbot):
    """The first job waits up to 0.5 s for the second to run; only parallel jobs can make it."""

    def first_job_saw_second(read_only):
        gate = threading.Event()
        results = []
        first = run_task(lambda: gate.wait(timeout=0.5), on_success=results.append, parent=None, read_only=read_only)
        second = run_task(gate.set, on_success=None, parent=None, read_only=read_only)
        with qtbot.waitSignals([first.finished, second.finished], timeout=5000):
            pass
        return results[0]

    assert first_job_saw_second(read_only=False) is False  # the second write waited for the first
    assert first_job_saw_second(read_only=True) is True


def test_progress_is_throttled(qtbot):
    updates = []

    def job(progress):
        for i in range(200_000):
            progress(i, 200_000, "导入中")
        return "done"

    task = run_task(job, on_success=None, parent=None, progress=True)
    task.progressed.connect(updates.append)
    with qtbot.waitSignal(task.succeeded, timeout=10_000):
        pass
    assert 1 <= len(updates) < 200  # ten a second at most; the loop ran 200,000 times
    assert updates[0][2] == "导入中"


def test_no_callback_after_the_parent_is_gone(qtbot):
    called = []
    gate = threading.Event()
    widget = QWidget()
    task = run_task(lambda: gate.wait(5), on_success=called.append, parent=widget)
    widget.deleteLater()
    qtbot.waitUntil(lambda: not _alive(widget))
    gate.set()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert called == []


def test_synchronous_mode_runs_inline(qtbot, sync_tasks):
    seen = []
    task = run_task(lambda: threading.get_ident(), on_success=seen.append, parent=None)
    assert task.done
    assert seen == [threading.get_ident()]
    assert task_runner().active_count() == 0


def _alive(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_a_slow_labelled_task_shows_a_wait_dialog_until_it_ends(qtbot):
    gate = threading.Event()
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    task = run_task(lambda: gate.wait(10), on_success=None, parent=widget, label="正在创建管理员账号…")
    qtbot.waitUntil(lambda: task._wait_dialog is not None and task._wait_dialog.isVisible())
    assert task._wait_dialog.labelText() == "正在创建管理员账号…"
    gate.set()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert task._wait_dialog is None


def test_waiters_are_released_when_the_callback_raises(qtbot, monkeypatch):
    import sys

    hooked = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc_info: hooked.append(exc_info[1]))

    def on_success(_result):
        raise RuntimeError("bug in a callback")

    task = run_task(lambda: 1, on_success=on_success, parent=None)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    qtbot.waitUntil(lambda: len(hooked) == 1)
    assert str(hooked[0]) == "bug in a callback"
    assert task_runner().active_count() == 0
