"""The comparison-table editor: claim charts, design-feature rows and comparison points.

Rows are labelled by position (A, B, C…), as a claim is split into features in order; adding, removing or
moving a row relabels the rest. Keyboard: Ctrl+Ins adds a row below, Ctrl+Del removes the current row,
Alt+Up / Alt+Down move it (shortcuts live on this widget, so each table has its own).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.opinion_types import RowData
from ui.opinions import labels
from ui.opinions.combos import code_combo, combo_code, not_judged, set_combo_code
from ui.widgets import button_row

ADD_KEY = "Ctrl+Ins"
REMOVE_KEY = "Ctrl+Del"
UP_KEY = "Alt+Up"
DOWN_KEY = "Alt+Down"


@dataclass(frozen=True)
class Layout:
    """Which columns a table has. `texts` are RowData attribute names edited as text, in column order after
    the label; then the mark combo, then (designs) the weight combo, then the note."""
    headers: tuple[str, ...]      # English sources, translated in the "RowTable" context
    marks: dict[str, str]         # code → English source of the mark combo
    weight: bool = False


def row_label(index: int) -> str:
    """A, B, … Z, then A1, B1, … (the 27th row is A1)."""
    return chr(ord("A") + index % 26) + ("" if index < 26 else str(index // 26))


class RowTable(QWidget):
    """Edits a tuple of RowData. `changed` fires on every edit, mark choice, add, remove or move."""

    changed = Signal()

    def __init__(self, layout: Layout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = layout
        self._read_only = False
        self._loading = False
        self.table = QTableWidget(0, len(layout.headers), self)
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("RowTable", h) for h in layout.headers])
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(self._edit_triggers())
        header = self.table.horizontalHeader()
        for column in range(len(layout.headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._item_changed)

        self.add_button = QPushButton(self.tr("Add row"))
        self.remove_button = QPushButton(self.tr("Remove row"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self._shortcuts: list[QShortcut] = []
        for button, key, slot in ((self.add_button, ADD_KEY, self.add_row), (self.remove_button, REMOVE_KEY,
                                  self.remove_current), (self.up_button, UP_KEY, self.move_up),
                                  (self.down_button, DOWN_KEY, self.move_down)):
            button.clicked.connect(slot)
            sequence = QKeySequence(key)
            button.setToolTip(sequence.toString(QKeySequence.SequenceFormat.NativeText))
            shortcut = QShortcut(sequence, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)
        buttons = button_row((self.add_button, self.remove_button, self.up_button, self.down_button))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table)
        box.addLayout(buttons)

    # ----- columns ---------------------------------------------------------------------------------------------
    @property
    def mark_column(self) -> int:
        return 3

    @property
    def weight_column(self) -> int | None:
        return 4 if self._layout.weight else None

    @property
    def note_column(self) -> int:
        return 5 if self._layout.weight else 4

    def _edit_triggers(self) -> QAbstractItemView.EditTrigger:
        if self._read_only:
            return QAbstractItemView.EditTrigger.NoEditTriggers
        t = QAbstractItemView.EditTrigger
        return t.DoubleClicked | t.EditKeyPressed | t.AnyKeyPressed | t.SelectedClicked

    # ----- data ------------------------------------------------------------------------------------------------
    def rows(self) -> tuple[RowData, ...]:
        out = []
        for r in range(self.table.rowCount()):
            weight = None
            if self.weight_column is not None:
                weight = combo_code(self._combo(r, self.weight_column)) or ""
            out.append(RowData(label=row_label(r), right_text=self._text(r, 1), accused_text=self._text(r, 2),
                               mark=combo_code(self._combo(r, self.mark_column)), weight=weight or "",
                               note=self._text(r, self.note_column)))
        return tuple(out)

    def set_rows(self, rows: tuple[RowData, ...] | list[RowData]) -> None:
        self._loading = True
        try:
            self.table.setRowCount(0)
            for row in rows:
                self._insert(self.table.rowCount(), row)
            self._relabel()
        finally:
            self._loading = False
        self.table.resizeRowsToContents()

    def marks(self) -> list[str | None]:
        return [combo_code(self._combo(r, self.mark_column)) for r in range(self.table.rowCount())]

    def set_mark(self, row: int, code: str | None) -> None:
        """Choose row `row`'s comparison result (as a user picking it in the combo would)."""
        set_combo_code(self._combo(row, self.mark_column), code)

    def mark_combo(self, row: int) -> QComboBox:
        return self._combo(row, self.mark_column)

    def row_count(self) -> int:
        return self.table.rowCount()

    # ----- editing ---------------------------------------------------------------------------------------------
    def add_row(self) -> None:
        if self._read_only:
            return
        at = self.table.currentRow() + 1 if self.table.currentRow() >= 0 else self.table.rowCount()
        self._loading = True
        try:
            self._insert(at, RowData(label=""))
            self._relabel()
        finally:
            self._loading = False
        self.table.setCurrentCell(at, 1)
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if self._read_only or row < 0:
            return
        self.table.removeRow(row)
        self._relabel()
        if self.table.rowCount():
            self.table.setCurrentCell(min(row, self.table.rowCount() - 1), 1)
        self.changed.emit()

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if self._read_only or row < 0 or not 0 <= target < self.table.rowCount():
            return
        column = max(self.table.currentColumn(), 1)
        data = self.rows()
        moved = list(data)
        moved[row], moved[target] = moved[target], moved[row]
        self.set_rows(moved)
        self.table.setCurrentCell(target, column)
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.table.setEditTriggers(self._edit_triggers())
        for r in range(self.table.rowCount()):
            for column in (self.mark_column, self.weight_column):
                if column is not None:
                    self._combo(r, column).setEnabled(not read_only)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(not read_only)
        for shortcut in self._shortcuts:
            shortcut.setEnabled(not read_only)

    # ----- internals -------------------------------------------------------------------------------------------
    def _insert(self, at: int, row: RowData) -> None:
        self.table.insertRow(at)
        label_item = QTableWidgetItem(row.label)
        label_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        label_item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.setItem(at, 0, label_item)
        self.table.setItem(at, 1, QTableWidgetItem(row.right_text))
        self.table.setItem(at, 2, QTableWidgetItem(row.accused_text))
        self.table.setItem(at, self.note_column, QTableWidgetItem(row.note))
        marks = code_combo(self._layout.marks, empty=not_judged())
        set_combo_code(marks, row.mark)
        marks.currentIndexChanged.connect(self._combo_changed)
        marks.setEnabled(not self._read_only)
        self.table.setCellWidget(at, self.mark_column, marks)
        if self.weight_column is not None:
            weight = code_combo(labels.DESIGN_WEIGHT, empty="—")
            set_combo_code(weight, row.weight or None)
            weight.currentIndexChanged.connect(self._combo_changed)
            weight.setEnabled(not self._read_only)
            self.table.setCellWidget(at, self.weight_column, weight)

    def _relabel(self) -> None:
        loading, self._loading = self._loading, True
        try:
            for r in range(self.table.rowCount()):
                self.table.item(r, 0).setText(row_label(r))
        finally:
            self._loading = loading

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _combo(self, row: int, column: int) -> QComboBox:
        widget = self.table.cellWidget(row, column)
        assert isinstance(widget, QComboBox)
        return widget

    def _item_changed(self, _item: QTableWidgetItem) -> None:
        if not self._loading:
            self.table.resizeRowToContents(_item.row())
            self.changed.emit()

    def _combo_changed(self, _index: int) -> None:
        if not self._loading:
            self.changed.emit()


# Column headers, marked for the extractor (context "RowTable"); translated when a table is built.
PATENT = Layout(
    headers=(
        QT_TRANSLATE_NOOP("RowTable", "Feature"),
        QT_TRANSLATE_NOOP("RowTable", "Claim feature"),
        QT_TRANSLATE_NOOP("RowTable", "Accused product's feature"),
        QT_TRANSLATE_NOOP("RowTable", "Result"),
        QT_TRANSLATE_NOOP("RowTable", "Note"),
    ),
    marks=labels.FEATURE_MARK,
)
DESIGN = Layout(
    headers=(
        QT_TRANSLATE_NOOP("RowTable", "No."),
        QT_TRANSLATE_NOOP("RowTable", "Protected design"),
        QT_TRANSLATE_NOOP("RowTable", "Accused product"),
        QT_TRANSLATE_NOOP("RowTable", "Result"),
        QT_TRANSLATE_NOOP("RowTable", "Weight"),
        QT_TRANSLATE_NOOP("RowTable", "Note"),
    ),
    marks=labels.DESIGN_ROW_MARK,
    weight=True,
)
POINTS = Layout(
    headers=(
        QT_TRANSLATE_NOOP("RowTable", "No."),
        QT_TRANSLATE_NOOP("RowTable", "Right holder's side"),
        QT_TRANSLATE_NOOP("RowTable", "Accused side"),
        QT_TRANSLATE_NOOP("RowTable", "Result"),
        QT_TRANSLATE_NOOP("RowTable", "Note"),
    ),
    marks=labels.FEATURE_MARK,
)
