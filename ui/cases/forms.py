"""Small forms for the case steps. A form keeps what was typed when the service refuses it and
shows the service's message (which names the field) above the buttons; nothing is half saved,
because each service call is one unit of work."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget)

from app.errors import IpaidError


@dataclass(frozen=True)
class Field:
    key: str
    label: str                       # already translated
    kind: str = "text"               # text | multiline | date | choice | check
    choices: Sequence[tuple[Any, str]] = field(default=())   # (value, shown text)
    default: Any = None
    editable: bool = False           # a choice that also accepts typed text (e.g. a 0–100 score)


def make_widget(f: Field, parent: QWidget) -> QWidget:
    if f.kind == "multiline":
        w = QPlainTextEdit(parent)
        w.setPlainText(f.default or "")
        w.setFixedHeight(80)
    elif f.kind == "date":
        w = QDateEdit(parent)
        w.setCalendarPopup(True)
        w.setDisplayFormat("yyyy-MM-dd")
        d = f.default or date.today()
        w.setDate(QDate(d.year, d.month, d.day))
    elif f.kind == "choice":
        w = QComboBox(parent)
        w.setEditable(f.editable)
        for value, text in f.choices:
            w.addItem(text, value)
        if f.default is not None:
            i = w.findData(f.default)
            w.setCurrentIndex(max(i, 0))
    elif f.kind == "check":
        w = QCheckBox(parent)
        w.setChecked(bool(f.default))
    else:
        w = QLineEdit(parent)
        w.setText(f.default or "")
    w.setObjectName(f.key)
    return w


def read_widget(f: Field, w: QWidget) -> Any:
    if isinstance(w, QPlainTextEdit):
        return w.toPlainText()
    if isinstance(w, QDateEdit):
        q = w.date()
        return date(q.year(), q.month(), q.day())
    if isinstance(w, QComboBox):
        if f.editable and w.currentText() != w.itemText(w.currentIndex()):
            return w.currentText()
        return w.currentData()
    if isinstance(w, QCheckBox):
        return w.isChecked()
    return w.text()


class StepDialog(QDialog):
    """Fields + OK/Cancel. OK calls `submit(values)`; success closes, an error stays in the form."""

    done_ok = Signal(object)

    def __init__(self, title: str, fields: Sequence[Field], submit: Callable[[dict], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._fields = list(fields)
        self._submit = submit
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout()
        for f in self._fields:
            w = make_widget(f, self)
            self.widgets[f.key] = w
            form.addRow(f.label, w)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def values(self) -> dict:
        return {f.key: read_widget(f, self.widgets[f.key]) for f in self._fields}

    def _on_ok(self) -> None:
        try:
            result = self._submit(self.values())
        except IpaidError as exc:
            self.show_error(exc.message)
            return
        self.done_ok.emit(result)
        self.accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
