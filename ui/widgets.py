"""Small widgets that pages across the UI share."""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def bold_label(text: str = "", scale: float = 1.0, name: str = "") -> QLabel:
    """A bold label `scale` times the normal font size; `name` is its object name (for tests and styles)."""
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def page_title(text: str, scale: float = 1.5) -> QLabel:
    """The heading at the top of a page."""
    return bold_label(text, scale, "pageTitle")


def list_table(headers: list[str], stretch: int) -> QTableWidget:
    """A read-only table of records, one selectable row at a time; column `stretch` takes the spare width."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return table


def fill_table(table: QTableWidget, rows: list[tuple]) -> None:
    table.setRowCount(len(rows))
    for i, values in enumerate(rows):
        for j, value in enumerate(values):
            table.setItem(i, j, QTableWidgetItem(str(value)))


def button_row(buttons: Iterable[QPushButton]) -> QHBoxLayout:
    """Buttons side by side from the left."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def table_beside_editor(table: QWidget, parts: Iterable[QWidget | QLayout], *, stretch: bool = True) -> QSplitter:
    """The list on the left (3/5 of the width), an editor stacked from `parts` on the right; with `stretch`
    the editor keeps to the top instead of spreading out."""
    editor = QWidget()
    layout = QVBoxLayout(editor)
    layout.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    if stretch:
        layout.addStretch(1)
    split = QSplitter(Qt.Orientation.Horizontal)
    split.addWidget(table)
    split.addWidget(editor)
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 2)
    return split
