"""The case list model: rows come a page at a time (canFetchMore/fetchMore), sorted and filtered in
SQL by app.services.case_search; the model never loads every case (style.md point 4).

Every page is read off the GUI thread (ui.tasks.run_task): `reload()` and `fetchMore()` only start
a read and return; the rows arrive later (a reset for the first page, an insert for the next ones).
One read runs at a time. A filter or sort change while a read runs makes that read's answer stale:
it is dropped, and the first page of the new query is read right after it, so old rows never mix
with new ones and fast typing cannot pile up queries."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt, Signal

from app.context import Actor
from app.database import Database
from app.errors import IpaidError
from app.services import case_search
from app.services.case_search import CaseFilter, CaseListRow
from ui.crash import show_failure
from ui.tasks import run_task

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
    loadingChanged = Signal(bool)  # True while a page is being read

    def __init__(self, db: Database, actor: Actor, parent: QObject | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._today = db, actor, today
        self._rows: list[CaseListRow] = []
        self._filter = CaseFilter()
        self._sort_column, self._descending = DEFAULT_SORT, True
        self._exhausted = False
        self._query = 0             # bumped by every reload: answers for an older query are dropped
        self._busy = False          # a read is running (or its rows are being inserted)

    # ------------------------------------------------------------------ what the list shows
    @property
    def filter(self) -> CaseFilter:
        return self._filter

    @property
    def loading(self) -> bool:
        return self._busy

    def set_filter(self, flt: CaseFilter) -> None:
        self._filter = flt
        self.reload()

    def set_query(self, query: str) -> None:
        self.set_filter(replace(self._filter, query=query))

    def reload(self) -> None:
        """Read the first page of the current filter and sort; the rows shown stay until it arrives."""
        self._query += 1
        if not self._busy:  # else the running read ends by starting this one (_read_done)
            self._read(0)

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
        """Start reading the next page; a read already running (the view asks often) is enough."""
        if parent.isValid() or self._exhausted or self._busy:
            return
        self._read(len(self._rows))

    def _read(self, offset: int) -> None:
        self._busy = True
        self.loadingChanged.emit(True)
        db, actor, flt, today = self._db, self._actor, self._filter, self._today
        sort, descending = self.sort_key()
        query = self._query
        run_task(
            lambda: case_search.list_cases(db, actor, flt, sort=sort, descending=descending, offset=offset,
                                           limit=PAGE, today=today),
            on_success=partial(self._arrived, query, offset), on_failure=partial(self._read_failed, query, offset),
            parent=self, read_only=True)  # not called back once the list is closed

    def _arrived(self, query: int, offset: int, page: list[CaseListRow]) -> None:
        if query == self._query:
            # _busy stays set while the signals go out: a view asking for more from inside them
            # would otherwise start the next read in the middle of this change.
            if offset == 0:
                self.beginResetModel()
                self._rows, self._exhausted = page, len(page) < PAGE
                self.endResetModel()
            elif offset == len(self._rows):
                self._exhausted = len(page) < PAGE
                if page:
                    self.beginInsertRows(QModelIndex(), offset, offset + len(page) - 1)
                    self._rows.extend(page)
                    self.endInsertRows()
        self._read_done(query)

    def _read_failed(self, query: int, offset: int, exc: BaseException) -> None:
        if query == self._query:
            if offset == 0:  # the rows shown belong to the previous query: not to be taken for these
                self.beginResetModel()
                self._rows = []
                self.endResetModel()
            self._exhausted = True  # no endless retries from the view; a reload tries again
            if isinstance(exc, IpaidError):
                self.failed.emit(exc.message)
            else:
                show_failure(exc, None)
        self._read_done(query)

    def _read_done(self, query: int) -> None:
        self._busy = False
        if query != self._query:  # reloaded while this read ran: read the new query's first page
            self._read(0)
        else:
            self.loadingChanged.emit(False)

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
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._sort_column, self._descending):
            return  # the view repeats its indicator (e.g. when sorting is switched on): nothing to read
        self._sort_column, self._descending = column, descending
        self.reload()
