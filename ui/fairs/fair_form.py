"""The fair form: create a fair or edit one (name, venue, dates, organiser, complaint office, staff).

Not modal, like the complaint form: OK saves off the GUI thread; a refusal (an end date before the
start date, a name already used…) is shown under the form with the field outlined, and what was typed
stays. On success `saved(row)` fires and the form closes.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QListWidget, QListWidgetItem, QWidget,
)

from app.services import fairs, users
from ui.settings.common import MessageLine, show_refusal
from ui.tasks import Task, run_task

if TYPE_CHECKING:
    from app.context import Actor
    from app.database import Database


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class FairDialog(QDialog):
    """Create (`fair` None) or edit a fair."""

    saved = Signal(object)  # fairs.FairRow

    def __init__(self, db: Database, actor: Actor, fair: fairs.FairRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._fair = db, actor, fair
        self.task: Task | None = None  # the last save, for tests to wait on
        self.setWindowTitle(self.tr("New fair") if fair is None else self.tr("Edit fair"))
        self.setMinimumWidth(480)
        self.name = QLineEdit()
        self.short_code = QLineEdit()
        self.short_code.setPlaceholderText(self.tr("Letters or digits, used in complaint numbers (e.g. CJ)"))
        self.venue = QLineEdit()
        self.starts_on = QDateEdit()
        self.ends_on = QDateEdit()
        for edit in (self.starts_on, self.ends_on):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.organiser = QLineEdit()
        self.office = QLineEdit()
        self.office.setPlaceholderText(self.tr("Hall and room of the complaint office"))
        self.staff = QListWidget()
        self.staff.setMaximumHeight(120)
        self.message = MessageLine()
        self.message.setObjectName("fairError")

        form = QFormLayout(self)
        form.addRow(self.tr("Fair name:"), self.name)
        form.addRow(self.tr("Short code:"), self.short_code)
        form.addRow(self.tr("Venue:"), self.venue)
        form.addRow(self.tr("Starts on:"), self.starts_on)
        form.addRow(self.tr("Ends on:"), self.ends_on)
        form.addRow(self.tr("Organiser:"), self.organiser)
        form.addRow(self.tr("Complaint office:"), self.office)
        form.addRow(self.tr("On-site staff:"), self.staff)
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        # ValidationError field labels (app/services/fairs.py) → the widget to outline.
        self.fields = {"展会名称": self.name, "展会简称": self.short_code, "结束日期": self.ends_on,
                       "驻场人员": self.staff}
        self._fill()
        self._load_staff()

    def _fill(self) -> None:
        f = self._fair
        today = date.today()
        self.name.setText(f.name if f else "")
        self.short_code.setText(f.short_code if f else "")
        self.venue.setText(f.venue if f else "")
        self.starts_on.setDate(_qdate(f.starts_on if f else today))
        self.ends_on.setDate(_qdate(f.ends_on if f else today))
        self.organiser.setText(f.organiser if f else "")
        self.office.setText(f.office_location if f else "")

    def _load_staff(self) -> None:
        db, actor = self._db, self._actor
        self.staff_task = run_task(lambda: users.list_users(db, actor), on_success=self._show_staff,
                                   on_failure=lambda exc: None, parent=self, read_only=True)

    def _show_staff(self, rows: list[users.UserRow]) -> None:
        chosen = set(self._fair.staff) if self._fair else set()
        self.staff.clear()
        # 驻场人员 first: they are the ones usually sent to a fair.
        for u in sorted((u for u in rows if u.active), key=lambda u: ("fair_staff" not in u.roles, u.username)):
            item = QListWidgetItem(f"{u.display_name}（{u.username}）")
            item.setData(Qt.ItemDataRole.UserRole, u.username)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if u.username in chosen else Qt.CheckState.Unchecked)
            self.staff.addItem(item)

    def chosen_staff(self) -> list[str]:
        return [self.staff.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.staff.count())
                if self.staff.item(i).checkState() == Qt.CheckState.Checked]

    def set_staff(self, usernames: list[str]) -> None:
        for i in range(self.staff.count()):
            item = self.staff.item(i)
            wanted = item.data(Qt.ItemDataRole.UserRole) in usernames
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def values(self) -> dict:
        return {
            "name": self.name.text(), "short_code": self.short_code.text().strip(), "venue": self.venue.text().strip(),
            "starts_on": _pydate(self.starts_on.date()), "ends_on": _pydate(self.ends_on.date()),
            "organiser": self.organiser.text().strip(), "office_location": self.office.text().strip(),
        }

    def save(self) -> Task:
        db, actor, values, staff = self._db, self._actor, self.values(), self.chosen_staff()
        fair_id = self._fair.id if self._fair else None
        self.message.clear_message()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)  # one save at a time
        if fair_id is None:
            job = lambda: fairs.create_fair(db, actor, staff=staff, **values)  # noqa: E731
        else:
            job = lambda: fairs.update_fair(db, actor, fair_id, staff=staff, **values)  # noqa: E731
        self.task = run_task(job, on_success=self._saved, on_failure=self._refused, parent=self)
        return self.task

    def _saved(self, row: fairs.FairRow) -> None:
        self._fair = row
        self.saved.emit(row)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        show_refusal(exc, self.message, self.fields, self)
