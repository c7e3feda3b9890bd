"""A record's history as a tree: one row per event (when, who, what), its field changes below.

The events are read off the GUI thread through ui.tasks.run_task.
"""
from __future__ import annotations

import logging
import uuid
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QTreeView, QVBoxLayout, QWidget

from app.context import Actor
from app.database import Database
from app.errors import IpaidError
from app.services.history import HistoryEntry, record_history
from ui.crash import show_failure
from ui.tasks import Task, run_task

log = logging.getLogger(__name__)


class HistoryView(QWidget):
    """Shows the history of one case, party or opinion: `show_record("assist_case", id)`."""

    loaded = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self._token = 0
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Before"), self.tr("After")]
        )
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.status = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.tree)

    def show_record(self, table: str, record_id: uuid.UUID) -> Task:
        self._token += 1  # an older, slower answer must not overwrite a newer one
        token, db, actor = self._token, self.db, self.actor
        self.status.setText(self.tr("Loading history…"))
        return run_task(lambda: record_history(db, actor, table, record_id),
                        on_success=partial(self._show, token), on_failure=partial(self._fail, token),
                        parent=self, read_only=True)

    def _show(self, token: int, entries: list[HistoryEntry]) -> None:
        if token != self._token:
            return
        self.model.removeRows(0, self.model.rowCount())
        for entry in entries:
            self.model.appendRow(self._event_row(entry))
        self.tree.expandAll()
        for col in range(3):
            self.tree.resizeColumnToContents(col)
        self.status.setText(self.tr("%n change(s)", "", len(entries)))
        self.loaded.emit()

    def _fail(self, token: int, exc: BaseException) -> None:
        if token != self._token:
            if not isinstance(exc, IpaidError):  # superseded, but a bug all the same: keep it in the log
                log.error("history load failed (superseded request)", exc_info=(type(exc), exc, exc.__traceback__))
            return
        self.model.removeRows(0, self.model.rowCount())
        if isinstance(exc, IpaidError):
            self.status.setText(exc.message)
        else:
            self.status.setText(self.tr("The history could not be loaded because of an unexpected error."))
            show_failure(exc, self)
        self.loaded.emit()

    def _event_row(self, entry: HistoryEntry) -> list[QStandardItem]:
        row = [QStandardItem(entry.at.strftime("%Y-%m-%d %H:%M")), QStandardItem(entry.actor_name),
               QStandardItem(entry.action), QStandardItem(""), QStandardItem("")]
        row[2].setToolTip(entry.raw_action)
        for change in entry.changes:
            row[0].appendRow([QStandardItem(""), QStandardItem(""), QStandardItem(change.label),
                              QStandardItem(change.before), QStandardItem(change.after)])
        return row
