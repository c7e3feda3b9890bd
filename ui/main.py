"""Starting the desktop program: application, crash hook, database, sign-in, main window.

`run_gui` is what `ipaid` without a command opens (through `ui.entry`). For documentation screenshots only,
`IPAID_SCREENSHOT=file.png` together with `IPAID_AUTOLOGIN_USER` / `IPAID_AUTOLOGIN_PASSWORD` signs in
without a dialog, saves the main window to the file after about 1.5 s and quits. Without
`IPAID_SCREENSHOT` the auto-login variables are ignored, so they can never bypass the login dialog in
ordinary use.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox

from app.context import Actor
from app.database import Database, open_database
from app.errors import IpaidError
from app.services import users
from ui.crash import install_crash_hook
from ui.login import FirstRunDialog, LoginDialog
from ui.main_window import MainWindow, preload_first_page
from ui.qt_app import create_application
from ui.tasks import task_runner

log = logging.getLogger(__name__)

SCREENSHOT_DELAY_MS = 1500
EXIT_USAGE = 2


def run_gui(db_arg: str | None = None) -> int:
    """Run the desktop program until its window closes; return the process exit code (design.md §7)."""
    app = create_application(sys.argv)
    install_crash_hook()
    try:
        db = open_database(db_arg)
    except IpaidError as exc:
        QMessageBox.critical(None, _title(), exc.message)
        return EXIT_USAGE
    window_opened = False
    try:
        screenshot = os.environ.get("IPAID_SCREENSHOT")
        try:
            actor = _auto_login(db) if screenshot else _sign_in(db)
        except IpaidError as exc:  # only the unattended screenshot path gets here
            print(exc.message, file=sys.stderr)
            return exc.exit_code
        if actor is None:
            return 0  # the person cancelled the dialog
        window = MainWindow(db, actor)
        window_opened = True
        window.show()
        if screenshot:
            QTimer.singleShot(SCREENSHOT_DELAY_MS, lambda: _save_screenshot(window, Path(screenshot)))
        return app.exec()
    finally:
        task_runner().wait_for_done()  # every pending write is in the database before it is copied
        if window_opened:
            _backup_on_close(db)
        db.close()


def _backup_on_close(db: Database) -> None:
    """SQLite mode: a copy when the program closes, thinned to daily/weekly/monthly copies
    (app/backup.py). Closing must never fail because of a backup."""
    if not getattr(db, "is_sqlite", False):
        return
    try:
        from app.backup import auto_backup

        auto_backup(db)
    except Exception:  # noqa: BLE001 - logged; the program still closes the database and exits
        log.exception("backup on close failed")


def _sign_in(db: Database) -> Actor | None:
    dialog = LoginDialog(db, while_checking=preload_first_page) if users.has_users(db) else FirstRunDialog(db)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def _auto_login(db: Database) -> Actor:
    username = os.environ.get("IPAID_AUTOLOGIN_USER", "")
    password = os.environ.get("IPAID_AUTOLOGIN_PASSWORD", "")
    return users.authenticate(db, username, password)


def _save_screenshot(window: MainWindow, path: Path) -> None:
    task_runner().wait_for_done()  # let the dashboard's counts arrive before the picture is taken
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path)):
        print(f"could not write {path}", file=sys.stderr)
    window.close()


def _title() -> str:
    return QCoreApplication.translate("CrashDialog", "IPAid Desk")

