"""Run an app/ call off the GUI thread; results, failures and progress come back by signal.

A stop-gap until the shared ui/tasks.py helper is wired in: the job function never touches a
widget, and the widget keeps a reference to the job until it reports."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class JobSignals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(str, int, int)


class Job(QRunnable):
    """`fn(progress)` runs in the pool; `progress(stage, done, total)` may be called from it."""

    def __init__(self, fn: Callable[[Callable[[str, int, int], None]], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = JobSignals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit)
        except Exception as exc:  # noqa: BLE001 - shown to the user by the widget
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def start(owner: QObject, fn, on_done, on_failed, on_progress=None) -> Job:
    job = Job(fn)
    jobs = owner.__dict__.setdefault("_running_jobs", set())
    jobs.add(job)

    def finish(handler):
        def call(value):
            jobs.discard(job)
            handler(value)
        return call

    job.signals.done.connect(finish(on_done))
    job.signals.failed.connect(finish(on_failed))
    if on_progress is not None:
        job.signals.progress.connect(on_progress)
    QThreadPool.globalInstance().start(job)
    return job
