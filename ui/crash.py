"""Last line of defence: log every uncaught exception and tell the person, instead of dying.

`install_crash_hook()` replaces `sys.excepthook` (PySide6 also routes exceptions raised in slots there)
and `threading.excepthook`. The traceback goes to a rotating log file; the dialog is always shown on the
GUI thread — a hook running on a worker thread only posts a queued signal.

An `IpaidError` is not a bug: it carries a Chinese message a person can act on, so only that message is
shown and no traceback is written.
"""
from __future__ import annotations

import logging
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import paths
from app.errors import IpaidError

log = logging.getLogger(__name__)

LOG_FILE_NAME = "ipaid-desk.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5

_handler: RotatingFileHandler | None = None
_notifier: _Notifier | None = None


def log_file() -> Path:
    """The GUI's log: in `IPAID_LOG_DIR` if set (tests), else platformdirs' user log folder."""
    return paths.log_dir() / LOG_FILE_NAME


def install_crash_hook() -> None:
    """Send uncaught exceptions to the log and a dialog. Call on the GUI thread after the QApplication exists."""
    global _notifier
    _attach_log_file()
    if _notifier is None or not _is_alive(_notifier):
        _notifier = _Notifier(QCoreApplication.instance())
    sys.excepthook = _main_hook
    threading.excepthook = _thread_hook


def uninstall_crash_hook() -> None:
    """Restore Python's own hooks and close the log file (tests)."""
    global _handler
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None


def report_exception(exc: BaseException) -> None:
    """Log `exc` and tell the person; safe to call from any thread."""
    if isinstance(exc, IpaidError):
        log.warning("uncaught IpaidError: %s", exc.message)
        _notify(exc.message, unexpected=False)
        return
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    text = QCoreApplication.translate(
        "CrashDialog",
        "The program ran into an unexpected error; the last action may not have been completed.\n"
        "The log has been saved to {path}.",
    ).format(path=log_file())
    _notify(text, unexpected=True)


def show_failure(exc: BaseException, parent: QWidget | None = None) -> None:
    """Default failure display for tasks (GUI thread): an IpaidError's message, else the crash dialog."""
    if isinstance(exc, IpaidError):
        QMessageBox.warning(parent, _title(), exc.message)
    else:
        report_exception(exc)


def _main_hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    report_exception(exc)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    report_exception(args.exc_value)


def _attach_log_file() -> None:
    """Route warnings and errors of the whole process to the rotating file (once per path)."""
    global _handler
    path = log_file()
    if _handler is not None and Path(_handler.baseFilename) == path.resolve():
        return
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    _handler = RotatingFileHandler(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
    _handler.setLevel(logging.WARNING)  # INFO on the root would include every SQL statement
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    root.addHandler(_handler)


def _notify(text: str, *, unexpected: bool) -> None:
    notifier = _notifier
    if notifier is None or not _is_alive(notifier) or QApplication.instance() is None:
        print(text, file=sys.stderr)  # no GUI (yet): the log already holds the details
        return
    # A queued connection when called from a worker thread; a direct call on the GUI thread.
    notifier.requested.emit(text, unexpected)


def _title() -> str:
    return QCoreApplication.translate("CrashDialog", "IPAid Desk")


def _is_alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


class _Notifier(QObject):
    """Lives on the GUI thread and shows the dialogs, one at a time."""

    requested = Signal(str, bool)

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self._showing = False
        self.requested.connect(self._show)

    @Slot(str, bool)
    def _show(self, text: str, unexpected: bool) -> None:
        if self._showing:  # an error storm: one dialog is enough, the log has the rest
            return
        self._showing = True
        try:
            parent = QApplication.activeWindow()
            if unexpected:
                QMessageBox.critical(parent, _title(), text)
            else:
                QMessageBox.warning(parent, _title(), text)
        finally:
            self._showing = False
