"""A record's history as a tree: one row per event (when, who, what), its field changes below.

The events are read off the GUI thread (QThreadPool); the lead will switch this to ui/tasks.py.
"""
from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QTreeView, QVBoxLayout, QWidget

from app.context import Actor
from app.database import Database
from app.errors import IpaidError
from app.services.history import HistoryEntry, record_history


class _Relay(QObject):
    done = Signal(object, object)  # (request token, list[HistoryEntry] | IpaidError)


class _Load(QRunnable):
    """Runs the service call; never touches a widget."""

    def __init__(self, db: Database, actor: Actor, table: str, record_id: uuid.UUID, token: int, relay: _Relay):
        super().__init__()
        self.args = (db, actor, table, record_id)
        self.token, self.relay = token, relay

    def run(self) -> None:
        try:
            result: object = record_history(*self.args)
        except IpaidError as exc:
            result = exc
        self.relay.done.emit(self.token, result)


class HistoryView(QWidget):
    """Shows the history of one case, party or opinion: `show_record("assist_case", id)`."""

    loaded = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self._token = 0
        self._relay = _Relay(self)
        self._relay.done.connect(self._show, Qt.ConnectionType.QueuedConnection)
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

    def show_record(self, table: str, record_id: uuid.UUID) -> None:
        self._token += 1  # an older, slower answer must not overwrite a newer one
        self.status.setText(self.tr("Loading history…"))
        QThreadPool.globalInstance().start(_Load(self.db, self.actor, table, record_id, self._token, self._relay))

    def _show(self, token: int, result: object) -> None:
        if token != self._token:
            return
        self.model.removeRows(0, self.model.rowCount())
        if isinstance(result, IpaidError):
            self.status.setText(result.message)
        else:
            for entry in result:  # type: ignore[union-attr]
                self.model.appendRow(self._event_row(entry))
            self.tree.expandAll()
            for col in range(3):
                self.tree.resizeColumnToContents(col)
            self.status.setText(self.tr("%n change(s)", "", len(result)))  # type: ignore[arg-type]
        self.loaded.emit()

    def _event_row(self, entry: HistoryEntry) -> list[QStandardItem]:
        row = [QStandardItem(entry.at.strftime("%Y-%m-%d %H:%M")), QStandardItem(entry.actor_name),
               QStandardItem(entry.action), QStandardItem(""), QStandardItem("")]
        row[2].setToolTip(entry.raw_action)
        for change in entry.changes:
            row[0].appendRow([QStandardItem(""), QStandardItem(""), QStandardItem(change.label),
                              QStandardItem(change.before), QStandardItem(change.after)])
        return row
