"""援助案件 page: search box, filters, the lazily filled table, export, register; double-click opens."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from app.context import Actor
from app.database import Database
from app.errors import IpaidError
from app.labels import CASE_STATUS, IP_KIND
from app.services import case_export
from app.services.case_search import CaseFilter
from ui.cases.case_view import CaseView
from ui.cases.list_model import CaseListModel
from ui.cases.register_dialog import RegisterDialog
from ui.crash import show_failure
from ui.parties.finder import PartyFinder
from ui.parties.windows import open_party
from ui.tasks import Task, run_task


class CaseListPage(QWidget):
    caseOpened = Signal(object)  # uuid.UUID

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._today = db, actor, today
        self.case_windows: dict[uuid.UUID, CaseView] = {}  # one open window per case
        self.model = CaseListModel(db, actor, self, today=today)
        self.model.failed.connect(self._show_error)
        self.model.loadingChanged.connect(self._show_loading)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Case no., party, pinyin, ID, right number, summary"))
        self.status = QComboBox(self)
        self.status.addItem(self.tr("All statuses"), None)
        for code, label in CASE_STATUS.items():
            self.status.addItem(label, code)
        self.ip_kind = QComboBox(self)
        self.ip_kind.addItem(self.tr("All IP types"), None)
        for code, label in IP_KIND.items():
            self.ip_kind.addItem(label, code)
        self.overdue = QCheckBox(self.tr("Overdue only"), self)
        self.mine = QCheckBox(self.tr("Mine"), self)
        self.register_button = QPushButton(self.tr("Register…"), self)
        self.parties_button = QPushButton(self.tr("Parties…"), self)
        self.parties_button.setObjectName("parties")
        self.parties_button.setShortcut(QKeySequence("Ctrl+Shift+P", QKeySequence.SequenceFormat.PortableText))
        self.parties_button.setToolTip(self.tr("Find a party by name, pinyin or ID number (Ctrl+Shift+P)"))
        self.export_button = QPushButton(self.tr("Export to Excel…"), self)
        self.message = QLabel(self)
        # Pages are read in the background; this says so while one is on its way.
        self.loading_label = QLabel(self.tr("Loading…"), self)
        self.loading_label.setObjectName("loading")
        self.loading_label.hide()
        self.table = QTableView(self)
        self.table.setObjectName("cases")
        self.table.setModel(self.model)
        # The model's own order first, then sorting on: the view's first sort() changes nothing and
        # reads nothing; the one read of the first page is the reload() below.
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(self._open_index)
        _size_columns(self.table)
        bar = QHBoxLayout()
        for w in (self.search, self.status, self.ip_kind, self.overdue, self.mine, self.register_button,
                  self.parties_button, self.export_button):
            bar.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        status = QHBoxLayout()
        status.addWidget(self.message, 1)
        status.addWidget(self.loading_label)
        layout.addLayout(status)
        # Typing pauses briefly before the search runs, so each key press does not query.
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.apply_filters)
        for combo in (self.status, self.ip_kind):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.overdue.toggled.connect(self.apply_filters)
        self.mine.toggled.connect(self.apply_filters)
        self.register_button.clicked.connect(self.open_register)
        self.parties_button.clicked.connect(self.find_party)
        self.export_button.clicked.connect(lambda: self.export())
        self.model.reload()

    def current_filter(self) -> CaseFilter:
        status, kind = self.status.currentData(), self.ip_kind.currentData()
        return CaseFilter(query=self.search.text(), statuses=(status,) if status else (),
                          ip_kinds=(kind,) if kind else (), overdue=self.overdue.isChecked(),
                          assignee_id=self._actor.user_id if self.mine.isChecked() else None)

    def apply_filters(self) -> None:
        self._debounce.stop()
        self.message.setText("")
        self.model.set_filter(self.current_filter())

    def show_filter(self, flt: CaseFilter) -> None:
        """Show exactly these cases (e.g. a 工作台 figure); the search box keeps its text."""
        self.message.setText("")
        self.model.set_filter(replace(flt, query=self.search.text()))

    def _show_error(self, message: str) -> None:
        self.message.setText(message)

    def _show_loading(self, on: bool) -> None:
        self.loading_label.setVisible(on)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_case(self.model.case_id(index.row()))

    @property
    def views(self) -> list[CaseView]:
        """The case windows still open, oldest first."""
        return list(self.case_windows.values())

    def open_case(self, case_id: uuid.UUID) -> CaseView:
        """The case in its own window (brought to the front if already open). The window is a child
        of this page, so it closes with the program and is deleted when closed."""
        self.caseOpened.emit(case_id)
        view = self.case_windows.get(case_id)
        if view is None:
            view = CaseView(self._db, self._actor, case_id, self, today=self._today)
            view.setWindowFlag(Qt.WindowType.Window)
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            view.changed.connect(lambda _h: self.model.reload())
            view.destroyed.connect(lambda _obj=None, cid=case_id: self.case_windows.pop(cid, None))
            view.resize(900, 600)
            self.case_windows[case_id] = view
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def find_party(self) -> PartyFinder:
        """当事人: search, then the party's window (its cases open here, one window per case)."""
        finder = PartyFinder(self._db, self._actor, self)
        finder.chosen.connect(self._open_party)
        finder.open()
        self.party_finder = finder
        return finder

    def _open_party(self, party_id: uuid.UUID) -> None:
        view = open_party(self, self._db, self._actor, party_id, open_case=self.open_case)
        view.merged.connect(lambda _dropped, _kept: self.model.reload())  # names in the list change

    def open_register(self) -> RegisterDialog:
        dialog = RegisterDialog(self._db, self._actor, self, today=self._today)
        dialog.registered.connect(lambda head: (self.model.reload(), self.open_case(head.id)))
        dialog.open()
        self.register_dialog = dialog
        return dialog

    def export(self, path: str | None = None) -> Task | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export cases"), "援助案件.xlsx", "Excel (*.xlsx)")
            if not path:
                return None
        sort, descending = self.model.sort_key()
        db, actor, flt, today = self._db, self._actor, self.model.filter, self._today
        self.export_button.setEnabled(False)
        return run_task(
            lambda: case_export.export_xlsx(db, actor, flt, path, sort=sort, descending=descending, today=today),
            on_success=self._exported, on_failure=self._export_failed, parent=self,
            label=self.tr("Exporting cases…"), read_only=True,
        )

    def _exported(self, n: int) -> None:
        self.export_button.setEnabled(True)
        self.message.setText(self.tr("Exported %n case(s).", "", n))

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        if isinstance(exc, IpaidError):
            QMessageBox.warning(self, self.tr("Export"), exc.message)
        else:
            show_failure(exc, self)


# Column → the widest text it usually holds. Widths come from the font, not from the rows: measuring
# the rows would run again with every page loaded while scrolling.
_COLUMN_SAMPLES = {0: "〔2026〕沈维援字第00001号", 1: "2026-10-26", 4: "集成电路布图设计", 5: "补正中",
                   6: "欧阳明明", 7: "2026-11-11 已逾期"}


def _size_columns(table: QTableView) -> None:
    """Case numbers and dates shown whole; the two names share the rest of the width."""
    metrics = table.fontMetrics()
    for column, sample in _COLUMN_SAMPLES.items():
        table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
    header = table.horizontalHeader()
    for column in (2, 3):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
