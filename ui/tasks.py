"""The one way the GUI runs app/ calls off the GUI thread (style.md point 2).

    run_task(lambda: services.cases.list_page(db, ...), on_success=self.show_rows, parent=self)

The job function runs on a worker thread and must never touch a widget (anki#4536: GUI touched from a
worker thread crashes on some platforms). Its return value, or the exception it raised, comes back to
the GUI thread through a queued Qt signal, where `on_success(result)` or `on_failure(exc)` is called —
but only while `parent` still exists, so a closed dialog is never called back.

Changes are serialised on a single worker (Anki fixed a race by serialising ops, anki#2628); only calls
marked `read_only=True` may run in parallel on the read pool. Progress reports from a job are throttled
so a tight loop cannot flood the event loop (Picard PICARD-3281).

Tests either wait with `qtbot.waitSignal(task.finished)` or call `task_runner().set_synchronous(True)`
(the fixture `sync_tasks` in tests/ui/conftest.py), which runs jobs inline like Picard's fake pool.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.crash import show_failure

log = logging.getLogger(__name__)

READ_THREADS = 4
PROGRESS_INTERVAL_S = 0.1  # at most ten progress updates a second reach the GUI
WAIT_DIALOG_DELAY_MS = 600  # a labelled task shows a wait dialog only if it takes longer than this


class Progress:
    """Handed to a job started with `progress=True`; the job calls it from the worker thread.

    `report(done, total, text)` forwards at most one update per PROGRESS_INTERVAL_S; the rest are
    dropped, which is harmless because each update carries the whole state.
    """

    def __init__(self, emit: Callable[[tuple[int, int | None, str]], None]) -> None:
        self._emit = emit
        self._last = 0.0

    def __call__(self, done: int, total: int | None = None, text: str = "") -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL_S:
            self._last = now
            self._emit((done, total, text))


class Task(QObject):
    """One submitted job. Lives in the GUI thread; its public signals fire there.

    `succeeded(result)` / `failed(exc)` fire after the callbacks ran; `finished` fires last, either way.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)  # (done, total | None, text)
    finished = Signal()

    # Emitted from the worker thread; AutoConnection queues them to this object's (GUI) thread.
    _result_ready = Signal(object)
    _error_raised = Signal(object)
    _progress_made = Signal(object)

    def __init__(
        self,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        parent: QObject | None,
        label: str | None,
    ) -> None:
        super().__init__()  # no Qt parent: the runner owns it until it finishes
        self._on_success = on_success
        self._on_failure = on_failure
        self._parent = parent
        self.label = label
        self.done = False
        self._wait_dialog: QProgressDialog | None = None
        self._result_ready.connect(self._deliver_result)
        self._error_raised.connect(self._deliver_error)
        self._progress_made.connect(self._deliver_progress)

    def _parent_alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _window(self) -> QWidget | None:
        """The parent as the owner of a dialog (a model or other non-widget parent owns none)."""
        return self._parent if isinstance(self._parent, QWidget) else None

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        try:
            self._close_wait_dialog()
            if self._on_success is not None and self._parent_alive():
                self._on_success(result)
        finally:  # even if the callback raised (that goes on to the crash hook), waiters are released
            self._finish()
            self.succeeded.emit(result)
            self.finished.emit()

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        try:
            self._close_wait_dialog()
            if self._parent_alive():
                if self._on_failure is not None:
                    self._on_failure(exc)
                else:
                    show_failure(exc, self._window())
        finally:
            self._finish()
            self.failed.emit(exc)
            self.finished.emit()

    @Slot(object)
    def _deliver_progress(self, value: tuple[int, int | None, str]) -> None:
        done, total, text = value
        if self._wait_dialog is not None:
            self._wait_dialog.setMaximum(total or 0)
            self._wait_dialog.setValue(done if total else 0)
            if text:
                self._wait_dialog.setLabelText(text)
        self.progressed.emit(value)

    def _finish(self) -> None:
        self.done = True
        task_runner()._forget(self)

    def _show_wait_dialog(self) -> None:
        if self.done or not self.label or not self._parent_alive():
            return
        dialog = QProgressDialog(self.label, "", 0, 0, self._window())
        dialog.setCancelButton(None)  # app/ calls are single transactions; there is nothing to cancel
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.show()
        self._wait_dialog = dialog

    def _close_wait_dialog(self) -> None:
        if self._wait_dialog is not None and shiboken6.isValid(self._wait_dialog):
            self._wait_dialog.close()
            self._wait_dialog.deleteLater()
        self._wait_dialog = None


class _Job(QRunnable):
    def __init__(self, task: Task, fn: Callable[..., Any], progress: bool) -> None:
        super().__init__()
        self._task = task
        self._fn = fn
        self._progress = progress

    def run(self) -> None:
        try:
            if self._progress:
                result = self._fn(Progress(self._task._progress_made.emit))
            else:
                result = self._fn()
        except Exception as exc:  # every failure goes back to the GUI thread, none is lost in a worker
            self._task._error_raised.emit(exc)
        else:
            self._task._result_ready.emit(result)


class TaskRunner(QObject):
    """Owns the worker pools and the tasks still running. Use the module's `task_runner()`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(READ_THREADS)
        self._active: set[Task] = set()
        self._synchronous = False

    def set_synchronous(self, on: bool) -> None:
        """Run jobs inline on the calling thread (tests only); callbacks still arrive by signal."""
        self._synchronous = on

    def submit(
        self,
        fn: Callable[..., Any],
        *,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        parent: QObject | None,
        label: str | None,
        progress: bool,
        read_only: bool,
    ) -> Task:
        task = Task(on_success, on_failure, parent, label)
        self._active.add(task)
        job = _Job(task, fn, progress)
        if self._synchronous:
            job.run()
            return task
        if label:
            QTimer.singleShot(WAIT_DIALOG_DELAY_MS, task, task._show_wait_dialog)
        (self._reads if read_only else self._writes).start(job)
        return task

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every queued job ran, then deliver their results. For shutdown and tests."""
        done = self._writes.waitForDone(msecs) and self._reads.waitForDone(msecs)
        QCoreApplication.processEvents()
        return done

    def active_count(self) -> int:
        return len(self._active)

    def _forget(self, task: Task) -> None:
        self._active.discard(task)


_runner: TaskRunner | None = None


def task_runner() -> TaskRunner:
    """The application's runner, created on first use (never at import time)."""
    global _runner
    if _runner is None or not shiboken6.isValid(_runner):
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("run_task needs a QApplication; create it with ui.qt_app.create_application")
        _runner = TaskRunner(app)
        app.aboutToQuit.connect(_runner.wait_for_done)
    return _runner


def run_task(
    fn: Callable[..., Any],
    *,
    on_success: Callable[[Any], None] | None,
    on_failure: Callable[[BaseException], None] | None = None,
    parent: QObject | None,
    label: str | None = None,
    progress: bool = False,
    read_only: bool = False,
) -> Task:
    """Run `fn()` off the GUI thread; call `on_success(result)` or `on_failure(exc)` on the GUI thread.

    - `fn` must not touch widgets or Qt GUI objects; give it plain values (db, ids) and return plain data.
    - With `progress=True` it is called as `fn(progress)`; `progress(done, total, text)` may be called
      as often as convenient, updates are throttled.
    - Without `on_failure`, an IpaidError is shown as its message and anything else goes to the crash
      handler (logged, "程序遇到意外错误" dialog).
    - `parent`: the callbacks are dropped once it is deleted (a closed dialog, a discarded model).
    - `label`: text of a wait dialog shown over `parent` (a widget) if the job takes longer than 0.6 s.
    - `read_only=True` lets the job run in parallel with others; everything else is serialised.
    """
    return task_runner().submit(
        fn,
        on_success=on_success,
        on_failure=on_failure,
        parent=parent,
        label=label,
        progress=progress,
        read_only=read_only,
    )
