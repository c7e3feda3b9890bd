"""工作台: who is signed in, to which database and centre, and how many records it holds.

The counts come from `app.info.database_info`, read off the GUI thread (a count over a large
PostgreSQL database must not freeze the window).
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import info
from app.errors import IpaidError
from ui.labels import count_name, ordered_counts, role_names
from ui.tasks import Task, run_task
from ui.widgets import page_title

if TYPE_CHECKING:
    from app.context import Actor
    from app.database import Database
    from app.info import DatabaseInfo

log = logging.getLogger(__name__)

COUNT_COLUMNS = 3


class DashboardPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.load_task: Task | None = None  # the last count query, for tests to wait on

        title = page_title(self.tr("Dashboard"))

        about = QGroupBox(self.tr("Signed in"))
        form = QFormLayout(about)
        self.database_label = QLabel(db.label)
        self.revision_label = QLabel(db.revision or "—")
        form.addRow(self.tr("Database:"), self.database_label)
        form.addRow(self.tr("Schema revision:"), self.revision_label)
        form.addRow(self.tr("Centre:"), QLabel(actor.centre_name or "—"))
        form.addRow(
            self.tr("User:"),
            QLabel(self.tr("{name} ({username})").format(name=actor.display_name, username=actor.username)),
        )
        form.addRow(self.tr("Roles:"), QLabel(role_names(actor.roles) or "—"))

        self.counts_box = QGroupBox(self.tr("Records"))
        box_layout = QVBoxLayout(self.counts_box)
        self.status_label = QLabel()
        self.status_label.setObjectName("dashboardStatus")
        self.status_label.setWordWrap(True)
        box_layout.addWidget(self.status_label)
        self._counts_grid: QGridLayout | None = None
        self._counts_holder = QVBoxLayout()
        box_layout.addLayout(self._counts_holder)

        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self._case_figures(db, actor))
        layout.addWidget(about)
        layout.addWidget(self.counts_box)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._load_counts()  # the case figures started theirs when built

    def _case_figures(self, db: Database, actor: Actor) -> QWidget:
        """My open cases, due soon, overdue, this month (ui/cases). They load off the GUI thread;
        if they cannot be read, the widget shows the reason in place of the figures."""
        from ui.cases.dashboard import DashboardWidget

        self.case_figures = DashboardWidget(db, actor, self)  # starts its own first load
        return self.case_figures

    def refresh(self) -> None:
        """Read the case figures and the record counts again."""
        self.case_figures.refresh()
        self._load_counts()

    def _load_counts(self) -> None:
        self.refresh_button.setEnabled(False)
        self.status_label.setText(self.tr("Counting records…"))
        db = self._db  # the job gets the database only, never a widget
        self.load_task = run_task(
            lambda: info.database_info(db),
            on_success=self._show_info,
            on_failure=self._show_error,
            parent=self,
            read_only=True,
        )

    def _show_info(self, data: DatabaseInfo) -> None:
        self.refresh_button.setEnabled(True)
        self.database_label.setText(data.label)
        self.revision_label.setText(data.revision or "—")
        self.status_label.setText("" if data.counts else self.tr("The database holds no records yet."))
        self.status_label.setVisible(not data.counts)
        self._show_counts(data.counts)

    def _show_counts(self, counts: dict[str, int]) -> None:
        """A grid of COUNT_COLUMNS (name, number) pairs, rebuilt on every refresh."""
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(24)
        for index, (key, value) in enumerate(ordered_counts(counts)):
            row, column = divmod(index, COUNT_COLUMNS)
            name = QLabel(self.tr("{name}:").format(name=count_name(key)))
            number = QLabel(f"{value:,}")
            number.setObjectName(f"count_{key}")
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(name, row, 2 * column)
            grid.addWidget(number, row, 2 * column + 1)
        while self._counts_holder.count():
            old = self._counts_holder.takeAt(0).widget()
            if old is not None:
                old.setParent(None)  # out of findChild's reach now, not at the next event loop turn
                old.deleteLater()
        self._counts_holder.addWidget(holder)

    def count_text(self, key: str) -> str:
        """The number shown for `key`, as displayed ("" if not shown)."""
        label = self.findChild(QLabel, f"count_{key}")
        return label.text() if label is not None else ""

    def _show_error(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.status_label.setVisible(True)
        if isinstance(exc, IpaidError):
            self.status_label.setText(exc.message)
            return
        # A bug, not a state of the database: keep the traceback, show a short line in place.
        log.error("reading the record counts failed", exc_info=exc)
        self.status_label.setText(self.tr("The record counts could not be read: {error}").format(error=exc))
