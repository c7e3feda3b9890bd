"""Find a party by name, pinyin (full or initials) or ID number: to open it, or to pick the one a
duplicate is merged into. Searches through app.services.party_view off the GUI thread."""
from __future__ import annotations

import uuid
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QLineEdit,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app.context import Actor
from app.database import Database
from app.errors import IpaidError
from app.services.party_view import PartyHit, search_parties
from ui.crash import show_failure
from ui.tasks import Task, run_task


class PartyFinder(QDialog):
    chosen = Signal(object)  # the party's uuid.UUID

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 exclude: uuid.UUID | None = None, title: str = "", choose_text: str = "") -> None:
        super().__init__(parent)
        self._db, self._actor, self._exclude = db, actor, exclude
        self._token = 0
        self.hits: list[PartyHit] = []
        self.setWindowTitle(title or self.tr("Find a party"))
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Name, pinyin, initials or ID number"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("parties")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Kind"), self.tr("ID number"),
                                              self.tr("Cases"), self.tr("Consultations")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.status = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(choose_text or self.tr("Open"))
        self.ok.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        # A short pause after typing before searching, so each key press does not query.
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.run_search)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._enter)
        self.table.itemSelectionChanged.connect(lambda: self.ok.setEnabled(self.current() is not None))
        self.table.doubleClicked.connect(lambda _i: self.choose())
        self.buttons.accepted.connect(self.choose)
        self.buttons.rejected.connect(self.reject)
        self.resize(640, 420)

    def run_search(self) -> Task | None:
        self._debounce.stop()
        self._token += 1
        token, text = self._token, self.search.text()
        if not text.strip():
            self._show(token, [])
            return None
        db, actor, exclude = self._db, self._actor, self._exclude
        self.status.setText(self.tr("Searching…"))
        return run_task(lambda: search_parties(db, actor, text, exclude=exclude),
                        on_success=partial(self._show, token), on_failure=partial(self._fail, token),
                        parent=self, read_only=True)

    def _show(self, token: int, hits: list[PartyHit]) -> None:
        if token != self._token:  # an older, slower answer must not overwrite a newer one
            return
        self.hits = hits
        self.table.setRowCount(len(hits))
        for row, h in enumerate(hits):
            for col, value in enumerate((h.name, h.kind_label, h.identifier, str(h.cases), str(h.consultations))):
                item = QTableWidgetItem(value)
                if col >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        if hits:
            self.table.selectRow(0)
        self.ok.setEnabled(bool(hits))
        self.status.setText(self.tr("%n party(ies) found", "", len(hits)) if self.search.text().strip() else "")

    def _fail(self, token: int, exc: BaseException) -> None:
        if token != self._token:
            return
        if isinstance(exc, IpaidError):
            self.status.setText(exc.message)
        else:
            show_failure(exc, self)

    def current(self) -> PartyHit | None:
        row = self.table.currentRow()
        return self.hits[row] if 0 <= row < len(self.hits) and self.table.selectedItems() else None

    def _enter(self) -> None:
        # Enter searches at once; a second Enter on the same results takes the selected party.
        if self._debounce.isActive() or not self.hits:
            self.run_search()
        else:
            self.choose()

    def choose(self) -> None:
        hit = self.current()
        if hit is None:
            return
        self.chosen.emit(hit.id)
        self.accept()
