"""工作台: my open cases, due within 3 working days, overdue, this month's counts. Each figure is a
button; clicking it shows those cases (`figureChosen` carries the list filter).

The counts are read off the GUI thread (ui.tasks.run_task); if they cannot be read, the reason is
shown in place of the figures."""
from __future__ import annotations

import logging
from datetime import date
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.context import Actor
from app.database import Database
from app.errors import IpaidError
from app.services import case_dashboard
from ui.tasks import Task, run_task

log = logging.getLogger(__name__)


class DashboardWidget(QWidget):
    figureChosen = Signal(object)  # CaseFilter

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._today = db, actor, today
        self._request = 0
        self.load_task: Task | None = None  # the last load, for tests to wait on
        title = self.tr("My cases")  # outside the f-string: lupdate cannot see into one
        self.title = QLabel(f"<b>{title}</b>", self)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("caseFiguresError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.error_label)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> Task:
        self._request += 1  # a slower, older answer must not replace a newer one
        db, actor, today = self._db, self._actor, self._today
        self.load_task = run_task(
            lambda: case_dashboard.dashboard(db, actor, today=today),
            on_success=partial(self._show_board, self._request),
            on_failure=partial(self._show_error, self._request),
            parent=self,
            read_only=True,
        )
        return self.load_task

    def _clear(self) -> None:
        for b in self.buttons.values():
            self.grid.removeWidget(b)
            b.deleteLater()
        self.buttons = {}

    def _show_board(self, request: int, board: case_dashboard.Dashboard) -> None:
        if request != self._request:
            return
        self._clear()
        self.error_label.hide()
        for i, fig in enumerate(board.figures):
            b = QPushButton(f"{fig.count}\n{fig.label}", self)
            b.setObjectName(f"figure_{fig.key}")
            b.setMinimumSize(140, 64)
            if fig.key == "overdue" and fig.count:
                b.setStyleSheet("color: #c0392b; font-weight: bold;")
            b.clicked.connect(lambda _=False, f=fig.filter: self.figureChosen.emit(f))
            self.grid.addWidget(b, i // 3, i % 3)
            self.buttons[fig.key] = b

    def _show_error(self, request: int, exc: BaseException) -> None:
        """The reason in place of the figures; the rest of the window carries on."""
        if request != self._request:
            return
        self._clear()
        if isinstance(exc, IpaidError):
            self.error_label.setText(exc.message)
        else:  # a bug, not a state of the database: keep the traceback in the log
            log.error("reading the case figures failed", exc_info=(type(exc), exc, exc.__traceback__))
            self.error_label.setText(self.tr("The case figures could not be loaded."))
        self.error_label.show()
