"""Small forms for the case steps. A form keeps what was typed when the service refuses it and
shows the service's message (which names the field) above the buttons; nothing is half saved,
because each service call is one unit of work.

The service call runs off the GUI thread (ui.tasks.run_task); OK stays disabled while it runs, so a
second click cannot send the step twice. Choices that come from the database (e.g. the caseworkers)
are read the same way: the list says "正在加载…" until they arrive."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget)

from app.errors import IpaidError
from ui.crash import show_failure
from ui.tasks import Task, run_task


@dataclass(frozen=True)
class Field:
    key: str
    label: str                       # already translated
    kind: str = "text"               # text | multiline | date | choice | check
    choices: Sequence[tuple[Any, str]] = field(default=())   # (value, shown text)
    default: Any = None
    editable: bool = False           # a choice that also accepts typed text (e.g. a 0–100 score)
    # A choice whose items come from the database: read off the GUI thread when the form opens
    # (StepDialog._load_choices), `default` picked once they are there.
    load: Callable[[], Sequence[tuple[Any, str]]] | None = None


def fill_choices(combo: QComboBox, choices, default: Any = None) -> None:
    """(value, text) items into a combo box; `default` chosen when given (else, or if absent, the first)."""
    for value, text in choices:
        combo.addItem(text, value)
    if default is not None:
        combo.setCurrentIndex(max(combo.findData(default), 0))


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
        fill_choices(w, f.choices, f.default)
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
    """Fields + OK/Cancel. OK runs `submit(values)` off the GUI thread; success closes, a refusal stays
    in the form. `submit` must not touch widgets: it gets the values, read on the GUI thread."""

    done_ok = Signal(object)

    def __init__(self, title: str, fields: Sequence[Field], submit: Callable[[dict], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._fields = list(fields)
        self._submit = submit
        self._loads = 0          # choice lists still being read
        self.saving = False      # the service call is running
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
        for f in self._fields:
            if f.load is not None:
                self._load_choices(f.key, f.load, f.default)

    @property
    def busy(self) -> bool:
        """A read or the save is running: OK waits for it."""
        return self.saving or self._loads > 0

    def values(self) -> dict:
        return {f.key: read_widget(f, self.widgets[f.key]) for f in self._fields}

    def _load_choices(self, key: str, read: Callable[[], list[tuple[Any, str]]], default: Any = None) -> Task:
        """Fill the choice `key` with what `read()` returns (run off the GUI thread)."""
        combo = self.widgets[key]
        assert isinstance(combo, QComboBox)
        combo.clear()
        combo.addItem(QCoreApplication.translate("StepDialog", "Loading…"), None)
        combo.setEnabled(False)
        self._loads += 1
        self._update_ok()
        return run_task(read, on_success=partial(self._choices_arrived, key, default),
                        on_failure=self._load_failed, parent=self, read_only=True)

    def _choices_arrived(self, key: str, default: Any, choices: list[tuple[Any, str]]) -> None:
        combo = self.widgets[key]
        assert isinstance(combo, QComboBox)
        combo.clear()
        fill_choices(combo, choices, default)
        combo.setEnabled(True)
        self._loads -= 1
        self._update_ok()

    def _load_failed(self, exc: BaseException) -> None:
        self._loads -= 1
        self._update_ok()
        self._show_refusal(exc)

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not self.busy)

    def _on_ok(self) -> None:
        if self.busy:  # Enter pressed again, or the list not there yet
            return
        values = self.values()
        submit = self._submit
        self.saving = True
        self._update_ok()
        run_task(lambda: submit(values), on_success=self._submitted, on_failure=self._submit_failed, parent=self)

    def _submitted(self, result: Any) -> None:
        self.saving = False
        self._update_ok()
        self.done_ok.emit(result)
        self.accept()

    def _submit_failed(self, exc: BaseException) -> None:
        self.saving = False
        self._update_ok()
        self._show_refusal(exc)

    def _show_refusal(self, exc: BaseException) -> None:
        if isinstance(exc, IpaidError):
            self.show_error(exc.message)
        else:
            show_failure(exc, self)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
