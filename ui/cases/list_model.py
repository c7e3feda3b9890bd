"""The case list model: rows come a page at a time (canFetchMore/fetchMore), sorted and filtered in
SQL by app.services.case_search; the model never loads every case (style.md point 4)."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt, Signal

from app.context import Actor
from app.database import Database
from app.errors import IpaidError
from app.services import case_search
from app.services.case_search import CaseFilter, CaseListRow

PAGE = 100

# (header source text, sort key in case_search, value of a row)
COLUMNS = (
    (QT_TRANSLATE_NOOP("CaseListModel", "Case no."), "case_no", lambda r: r.case_no),
    (QT_TRANSLATE_NOOP("CaseListModel", "Registered"), "registered_on", lambda r: r.registered_on.isoformat()),
    (QT_TRANSLATE_NOOP("CaseListModel", "Applicant"), "applicant", lambda r: r.applicant),
    (QT_TRANSLATE_NOOP("CaseListModel", "Opposing party"), None, lambda r: r.opposing),
    (QT_TRANSLATE_NOOP("CaseListModel", "IP type"), "ip_kind", lambda r: r.ip_kind_label),
    (QT_TRANSLATE_NOOP("CaseListModel", "Status"), "status", lambda r: r.status_label),
    (QT_TRANSLATE_NOOP("CaseListModel", "Assignee"), "assignee", lambda r: r.assignee),
    (QT_TRANSLATE_NOOP("CaseListModel", "Due"), "due_on", lambda r: r.due_on.isoformat() if r.due_on else ""),
)
DEFAULT_SORT = 1  # registered_on, newest first


class CaseListModel(QAbstractTableModel):
    failed = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QObject | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._today = db, actor, today
        self._rows: list[CaseListRow] = []
        self._filter = CaseFilter()
        self._sort_column, self._descending = DEFAULT_SORT, True
        self._exhausted = False
        self._busy = False

    # ------------------------------------------------------------------ what the list shows
    @property
    def filter(self) -> CaseFilter:
        return self._filter

    def set_filter(self, flt: CaseFilter) -> None:
        self._filter = flt
        self.reload()

    def set_query(self, query: str) -> None:
        self.set_filter(replace(self._filter, query=query))

    def reload(self) -> None:
        # The first page is read inside the reset: a view (or the model tester) asking for more
        # while the reset is in flight would otherwise insert rows in the middle of it.
        self._busy = True
        try:
            self.beginResetModel()
            self._rows, self._exhausted = [], False
            self._rows = self._page(0)
            self.endResetModel()  # listeners of modelReset may call fetchMore: ignored until we are done
        finally:
            self._busy = False

    def case_id(self, row: int) -> uuid.UUID:
        return self._rows[row].id

    def row_data(self, row: int) -> CaseListRow:
        return self._rows[row]

    def sort_key(self) -> tuple[str, bool]:
        return COLUMNS[self._sort_column][1] or "registered_on", self._descending

    # ------------------------------------------------------------------ lazy fetching
    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:
        if parent.isValid() or self._exhausted or self._busy:
            return
        self._busy = True  # listeners of the insert signals may call fetchMore again
        try:
            page = self._page(len(self._rows))
            if page:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
                self._rows.extend(page)
                self.endInsertRows()
        finally:
            self._busy = False

    def _page(self, offset: int) -> list[CaseListRow]:
        sort, descending = self.sort_key()
        try:
            page = case_search.list_cases(self._db, self._actor, self._filter, sort=sort, descending=descending,
                                          offset=offset, limit=PAGE, today=self._today)
        except IpaidError as exc:
            self._exhausted = True
            self.failed.emit(exc.message)
            return []
        if len(page) < PAGE:
            self._exhausted = True
        return page

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(COLUMNS):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = COLUMNS[index.column()][2](row)
            if index.column() == len(COLUMNS) - 1 and self._overdue(row):
                # Not only red: the word says it to those who cannot tell the colour.
                text += " " + QCoreApplication.translate("CaseListModel", "overdue")
            return text
        if role == Qt.ItemDataRole.UserRole:
            return str(row.id)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == len(COLUMNS) - 1 and self._overdue(row):
            from PySide6.QtGui import QColor
            return QColor("#c0392b")
        return None

    def _overdue(self, row: CaseListRow) -> bool:
        today = self._today or date.today()
        return row.due_on is not None and row.due_on < today and row.status in ("registered", "supplementing",
                                                                                 "accepted", "closed")

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("CaseListModel", COLUMNS[section][0])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column][1] is None:
            return
        self._sort_column, self._descending = column, order == Qt.SortOrder.DescendingOrder
        self.reload()
