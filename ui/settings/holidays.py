"""节假日 tab: holidays and make-up working days an admin enters for a year chinesecalendar does not
know yet (app.services.calendar_days). Everyone sees the list; an admin adds and removes days, and
is told how many open cases' due dates moved."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from app.services import calendar_days
from app.services.calendar_days import CalendarChange, CalendarDay
from ui.settings.common import LoadedOnFirstShow, MessageLine, show_refusal
from ui.tasks import Task, run_task

if TYPE_CHECKING:
    from app.context import Actor
    from app.database import Database


class HolidaysTab(LoadedOnFirstShow, QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.editable = "admin" in actor.roles
        self.task: Task | None = None
        self.days: list[CalendarDay] = []
        first, last = calendar_days.calendar_years()
        note = QLabel(self.tr("Official holidays up to {last} come from chinesecalendar. For a later year, enter its "
                              "holidays and make-up working days here once the State Council publishes them; until "
                              "then due dates count Monday to Friday.").format(last=last))
        note.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("Name")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.day = QDateEdit(QDate(last + 1, 1, 1))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Holiday"), False)
        self.kind.addItem(self.tr("Make-up working day"), True)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. 元旦"))
        self.add_button = QPushButton(self.tr("Add day"))
        self.add_button.clicked.connect(self.add_day)
        self.remove_button = QPushButton(self.tr("Remove selected day"))
        self.remove_button.clicked.connect(self.remove_day)
        self.message = MessageLine()
        entry = QHBoxLayout()
        for widget in (self.day, self.kind, self.name, self.add_button, self.remove_button):
            entry.addWidget(widget)
            widget.setVisible(self.editable)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addLayout(entry)
        layout.addWidget(self.message)
        self.fields = {"日期": self.day, "名称": self.name}

    def reload(self) -> None:
        self.loaded = True
        db, actor = self.db, self.actor
        self.task = run_task(lambda: calendar_days.list_days(db, actor), on_success=self._show,
                             on_failure=self._refused, parent=self, read_only=True)

    def _show(self, days: list[CalendarDay]) -> None:
        self.days = days
        self.table.setRowCount(len(days))
        for row, d in enumerate(days):
            for col, text in enumerate((d.day.isoformat(), d.kind_label, d.name)):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def add_day(self) -> None:
        day = self.day.date().toPython()
        is_workday, name = bool(self.kind.currentData()), self.name.text()
        db, actor = self.db, self.actor
        self.message.clear_message()
        self.task = run_task(lambda: calendar_days.set_day(db, actor, day, is_workday=is_workday, name=name),
                             on_success=self._changed, on_failure=self._refused, parent=self,
                             label=self.tr("Recomputing due dates…"))

    def remove_day(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.days):
            self.message.error(self.tr("Select a day in the list first."))
            return
        day = self.days[row].day
        db, actor = self.db, self.actor
        self.task = run_task(lambda: calendar_days.clear_day(db, actor, day), on_success=self._changed,
                             on_failure=self._refused, parent=self, label=self.tr("Recomputing due dates…"))

    def _changed(self, change: CalendarChange) -> None:
        self.name.clear()
        self.message.success(self.tr("Saved; the due dates of {n} open cases were recomputed.")
                             .format(n=change.cases_moved))
        self.reload()

    def _refused(self, exc: BaseException) -> None:
        show_refusal(exc, self.message, self.fields, self)
