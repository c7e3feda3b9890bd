"""One cold start of the desktop program, for the benchmark runner (run in a fresh process).

    python -m benchmarks.start_probe DB USER PASSWORD

Does what `ui.main.run_gui` does up to the shown main window, with the sign-in dialog filled in by
code instead of by hand (typing excluded, the password check included: the dialog's own OK runs
`users.authenticate` through `run_task`, as it does for a person). Prints one JSON line: wall-clock
instants (time.time(), comparable with the parent's) when the window was shown — its first paint
processed — and when the first page's background reads had arrived, plus this process's peak RSS.
The caller points QSettings and the data folder at a temporary place.
"""
from __future__ import annotations

import json
import resource
import sys
import time


def peak_rss_kb() -> int:
    """This program's own peak resident size. Linux keeps getrusage's ru_maxrss across exec, so a
    probe started by a runner that had grown to 1.7 GB building a demo reported 1.7 GB; VmHWM
    belongs to this process image alone."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(argv: list[str]) -> int:
    target, username, password = argv
    from PySide6.QtCore import QEventLoop, QTimer

    from app.database import open_database
    from ui.crash import install_crash_hook
    from ui.login import LoginDialog
    from ui.main_window import MainWindow, preload_first_page
    from ui.qt_app import create_application
    from ui.tasks import task_runner

    app = create_application([sys.argv[0]])
    install_crash_hook()
    db = open_database(target)
    dialog = LoginDialog(db, while_checking=preload_first_page)  # as ui.main._sign_in
    dialog.show()
    dialog.username.setText(username)
    dialog.password.setText(password)
    waiting = QEventLoop()
    dialog.finished.connect(waiting.quit)
    QTimer.singleShot(0, dialog.buttons.accepted.emit)  # the OK button, as a click would
    QTimer.singleShot(30_000, waiting.quit)
    waiting.exec()
    if dialog.actor is None:
        print(json.dumps({"error": dialog.error_text() or "sign-in did not finish"}), flush=True)
        return 4
    window = MainWindow(db, dialog.actor)
    window.show()
    app.processEvents()  # the first paint of the window
    shown = time.time()
    task_runner().wait_for_done()  # the first page's background reads delivered
    app.processEvents()
    ready = time.time()
    print(json.dumps({"shown": shown, "ready": ready, "peak_rss_mb": peak_rss_kb() / 1024}), flush=True)
    window.close()
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
