"""侵权判定意见 page: the list of opinions with status/kind filters, and a new opinion for a case.

The list is read off the GUI thread (`opinions.list_rows`, filtered in SQL). Double-clicking a row opens
the drafting form in its own window; "New opinion" asks for the case (by case number) and the kind.
"""
from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import IpaidError
from app.services import opinions as ops
from app.services.opinion_types import OpinionContent
from ui.opinions import labels
from ui.opinions.combos import code_combo, combo_code
from ui.opinions.editor import OpinionEditor
from ui.tasks import Task, run_task
from ui.widgets import page_title

if TYPE_CHECKING:
    from app.context import Actor
    from app.database import Database

DRAFT_ROLES = ops.DRAFT_ROLES

Index = QModelIndex | QPersistentModelIndex


class OpinionListModel(QAbstractTableModel):
    """Rows of `opinions.OpinionListRow`; columns: number, case, kind, status, version, conclusion, due."""

    COLUMNS = 7

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ops.OpinionListRow] = []

    def set_rows(self, rows: list[ops.OpinionListRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ops.OpinionListRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._header(section)
        return None

    def _header(self, section: int) -> str:
        names = (self.tr("Number"), self.tr("Case no."), self.tr("Kind"), self.tr("Status"), self.tr("Version"),
                 self.tr("Conclusion"), self.tr("Due"))
        return names[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.opinion_no or self.tr("Draft"), r.case_no, labels.show(labels.KIND, r.kind),
                    labels.show(labels.STATUS, r.status), str(r.version_no),
                    labels.show(labels.CONCLUSION, r.conclusion),
                    r.due_on.isoformat() if r.due_on else "")[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.title or None
        return None


class OpinionsPage(QWidget):
    """`listed` fires after each load of the list."""

    listed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.task: Task | None = None
        self.editors: dict[uuid.UUID, OpinionEditor] = {}

        title = page_title(self.tr("Opinions"))

        self.status_filter = code_combo(labels.STATUS, empty=self.tr("All statuses"))
        self.kind_filter = code_combo(labels.KIND, empty=self.tr("All kinds"))
        for combo in (self.status_filter, self.kind_filter):
            combo.currentIndexChanged.connect(self.refresh)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.new_button = QPushButton(self.tr("New opinion…"))
        self.new_button.clicked.connect(self.new_opinion)
        self.new_button.setEnabled(bool(actor.roles & DRAFT_ROLES))
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Status:")))
        filters.addWidget(self.status_filter)
        filters.addWidget(QLabel(self.tr("Kind:")))
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.refresh_button)
        filters.addStretch(1)
        filters.addWidget(self.new_button)

        self.model = OpinionListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.status_label)
        layout.addWidget(self.table, 1)
        self.refresh()

    # ----- the list ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        db, actor = self._db, self._actor
        status, kind = combo_code(self.status_filter), combo_code(self.kind_filter)
        self.status_label.setText(self.tr("Loading…"))
        self.task = run_task(lambda: ops.list_rows(db, actor, status=status, kind=kind), on_success=self._show_rows,
                             on_failure=self._show_error, parent=self, read_only=True)

    def _show_rows(self, rows: list[ops.OpinionListRow]) -> None:
        self.model.set_rows(rows)
        self.status_label.setText(self.tr("{count} opinion(s)").format(count=len(rows)) if rows
                                  else self.tr("No opinions match."))
        self.listed.emit()

    def _show_error(self, exc: BaseException) -> None:
        if isinstance(exc, IpaidError):
            self.status_label.setText(exc.message)
        else:
            from ui.crash import show_failure

            show_failure(exc, self)

    # ----- opening -------------------------------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_opinion(self.model.row_at(index.row()).id)

    def open_opinion(self, opinion_id: uuid.UUID) -> OpinionEditor:
        """The drafting form of `opinion_id` in its own window (brought to the front if already open)."""
        editor = self.editors.get(opinion_id)
        if editor is None:
            editor = OpinionEditor(self._db, self._actor, opinion_id, self)
            editor.setWindowFlag(Qt.WindowType.Window)
            editor.resize(1280, 860)
            editor.opinion_changed.connect(lambda new_id, e=editor: self._changed(e, new_id))
            editor.destroyed.connect(lambda _obj=None, e=editor: self._forget(e))
            editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.editors[opinion_id] = editor
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def _changed(self, editor: OpinionEditor, opinion_id: uuid.UUID) -> None:
        """A save or workflow step; after "new version" the window shows another opinion: file it under that."""
        self._forget(editor)
        self.editors[opinion_id] = editor
        self.refresh()

    def _forget(self, editor: OpinionEditor) -> None:
        for key in [k for k, e in self.editors.items() if e is editor]:
            del self.editors[key]

    def new_opinion(self) -> None:
        dialog = NewOpinionDialog(self._db, self._actor, self)
        dialog.created.connect(lambda opinion_id: (self.refresh(), self.open_opinion(opinion_id)))
        dialog.open()


class NewOpinionDialog(QDialog):
    """Find the case by (part of) its number, choose the kind, create the draft; `created(id)` on success."""

    created = Signal(object)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.task: Task | None = None
        self.setWindowTitle(self.tr("New opinion"))
        self.case_edit = QLineEdit()
        self.case_edit.setPlaceholderText(self.tr("Case number, or part of it"))
        self.case_edit.textEdited.connect(lambda _text: self._search_timer.start())
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)  # search once typing pauses, not on every key
        self._search_timer.timeout.connect(self.find_cases)
        self.find_button = QPushButton(self.tr("Find"))
        self.find_button.clicked.connect(self.find_cases)
        self.cases = QListWidget()
        self.cases.currentItemChanged.connect(lambda *_: self._update_ok())
        self.kind_combo = code_combo(labels.KIND)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        find_row = QHBoxLayout()
        find_row.addWidget(self.case_edit, 1)
        find_row.addWidget(self.find_button)
        form = QFormLayout()
        form.addRow(self.tr("Case:"), find_row)
        form.addRow("", self.cases)
        form.addRow(self.tr("Kind:"), self.kind_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._update_ok()

    def find_cases(self) -> None:
        self._search_timer.stop()
        db, actor, text = self._db, self._actor, self.case_edit.text()
        self.task = run_task(lambda: ops.find_cases(db, actor, text), on_success=self._show_cases,
                             on_failure=self._show_error, parent=self, read_only=True)

    def _show_cases(self, cases: list[ops.CaseChoice]) -> None:
        self.cases.clear()
        for case in cases:
            parties = case.applicant + (f" — {case.opposing_party}" if case.opposing_party else "")
            item = QListWidgetItem(f"{case.case_no}　{parties}")
            item.setData(Qt.ItemDataRole.UserRole, case.id)
            self.cases.addItem(item)
        if cases:
            self.cases.setCurrentRow(0)
        self.message.setText("" if cases else self.tr("No case has that number."))
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.cases.currentItem() is not None)

    def create(self) -> None:
        item = self.cases.currentItem()
        if item is None:
            return
        db, actor = self._db, self._actor
        case_id, kind = item.data(Qt.ItemDataRole.UserRole), combo_code(self.kind_combo)
        self.task = run_task(lambda: ops.create_opinion(db, actor, case_id, OpinionContent(kind=kind)),
                             on_success=self._created, on_failure=self._show_error, parent=self)

    def _created(self, view) -> None:
        self.created.emit(view.id)
        self.accept()

    def _show_error(self, exc: BaseException) -> None:
        if isinstance(exc, IpaidError):
            self.message.setText(exc.message)
        else:
            from ui.crash import show_failure

            show_failure(exc, self)
