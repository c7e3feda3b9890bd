"""The fair page: pick a fair, look exhibitors up by booth, name or pinyin, take complaints and
watch each one's 24-hour clock (a timer refreshes it every minute), read the patrol notes.

Every database call goes through ui.tasks.run_task; the job functions get plain values only.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QScrollArea, QTableWidget, QTableWidgetItem, QTabWidget,
    QVBoxLayout, QWidget,
)

from app.errors import IpaidError
from app.labels import IP_KIND
from app.services import fair_opinions, fairs
from ui.consultations.quick_entry import ConsultationQuickEntry
from ui.crash import show_failure
from ui.fairs.complaint_decision import ComplaintDecisionDialog
from ui.fairs.fair_form import FairDialog
from ui.opinions.editor import OpinionEditor
from ui.settings.common import MessageLine, show_refusal
from ui.fairs.clock import clock_text  # noqa: F401 - re-exported: the page's tests read it here
from ui.tasks import Task, run_task
from ui.widgets import button_row, page_title

if TYPE_CHECKING:
    from app.context import Actor
    from app.database import Database

CLOCK_REFRESH_MS = 60_000


class FairPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.last_task: Task | None = None  # for tests to wait on
        self.fair_rows: list[fairs.FairRow] = []
        self.complaint_rows: list[fairs.ComplaintRow] = []

        title = page_title(self.tr("Trade fairs"))
        self.fair_box = QComboBox()
        self.fair_box.currentIndexChanged.connect(self._fair_chosen)
        self.fair_info = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Fair:")))
        top.addWidget(self.fair_box, 1)
        new_fair = QPushButton(self.tr("New fair…"))
        new_fair.clicked.connect(lambda: self.open_fair_form(new=True))
        self.edit_fair_button = QPushButton(self.tr("Edit fair…"))
        self.edit_fair_button.clicked.connect(lambda: self.open_fair_form(new=False))
        reload_button = QPushButton(self.tr("Refresh"))
        reload_button.clicked.connect(self.reload)
        for b in (new_fair, self.edit_fair_button, reload_button):
            top.addWidget(b)
        self._select_after_reload: str | None = None
        self.fair_form: FairDialog | None = None
        self.decision_dialog: ComplaintDecisionDialog | None = None
        self.opinion_editor: OpinionEditor | None = None

        self.tabs = QTabWidget()
        self.tabs.addTab(self._exhibitor_tab(), self.tr("Exhibitors"))
        self.tabs.addTab(self._complaint_tab(), self.tr("Complaints"))
        self.tabs.addTab(self._patrol_tab(), self.tr("Patrol notes"))
        self.consultation_entry = ConsultationQuickEntry(db, actor, fair_id=None)
        # In a scroll area: the quick entry's own minimum size must not widen the whole window.
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        scroller.setWidget(self.consultation_entry)
        self.tabs.addTab(scroller, self.tr("Consultations"))

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.fair_info)
        layout.addWidget(self.tabs, 1)

        self.clock = QTimer(self)
        self.clock.setInterval(CLOCK_REFRESH_MS)
        self.clock.timeout.connect(self._show_complaints)
        self.clock.start()
        self.reload()

    # ------------------------------------------------------------------ building
    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        return table

    def _exhibitor_tab(self) -> QWidget:
        box = QWidget()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Booth, name or pinyin initials"))
        self.search.textChanged.connect(self.load_exhibitors)
        import_button = QPushButton(self.tr("Import exhibitor list…"))
        import_button.clicked.connect(self._ask_import)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(import_button)
        self.exhibitors = self._table([self.tr("Hall"), self.tr("Booth"), self.tr("Exhibitor"), self.tr("Products")])
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.exhibitors)
        return box

    def _complaint_tab(self) -> QWidget:
        box = QWidget()
        new_button = QPushButton(self.tr("Take a complaint…"))
        new_button.clicked.connect(self._ask_complaint)
        open_button = QPushButton(self.tr("Decide / follow up… (Enter)"))
        open_button.clicked.connect(self.open_selected_complaint)
        self.complaints = self._table([self.tr("Number"), self.tr("Complainant"), self.tr("Respondent"),
                                       self.tr("Booth"), self.tr("Status"), self.tr("24-hour clock"),
                                       self.tr("Outcome"), self.tr("Checks")])
        # Enter or a double click opens the complaint's decision form.
        self.complaints.itemActivated.connect(lambda _item: self.open_selected_complaint())
        buttons = button_row((new_button, open_button))
        layout = QVBoxLayout(box)
        layout.addLayout(buttons)
        layout.addWidget(self.complaints)
        return box

    def _patrol_tab(self) -> QWidget:
        box = QWidget()
        self.patrol = self._table([self.tr("Time"), self.tr("Hall"), self.tr("Booth"), self.tr("By"), self.tr("Note")])
        self.patrol_at = QDateTimeEdit()
        self.patrol_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.patrol_hall = QLineEdit()
        self.patrol_hall.setMaximumWidth(80)
        self.patrol_booth = QLineEdit()
        self.patrol_booth.setMaximumWidth(100)
        self.patrol_text = QPlainTextEdit()
        self.patrol_text.setTabChangesFocus(True)
        self.patrol_text.setPlaceholderText(self.tr("What was seen on the patrol (exhibits, booths, talks with exhibitors)"))
        self.patrol_text.setMaximumHeight(90)
        add = QPushButton(self.tr("Add note (Ctrl+Enter)"))
        add.clicked.connect(self.add_patrol_note)
        key = QShortcut(QKeySequence("Ctrl+Return"), box)
        key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        key.activated.connect(self.add_patrol_note)
        self.patrol_message = MessageLine()
        line = QHBoxLayout()
        for text, widget in ((self.tr("Time:"), self.patrol_at), (self.tr("Hall:"), self.patrol_hall),
                             (self.tr("Booth:"), self.patrol_booth)):
            line.addWidget(QLabel(text))
            line.addWidget(widget)
        line.addStretch(1)
        line.addWidget(add)
        layout = QVBoxLayout(box)
        layout.addWidget(self.patrol, 1)
        layout.addLayout(line)
        layout.addWidget(self.patrol_text)
        layout.addWidget(self.patrol_message)
        self._reset_patrol_form()
        return box

    # ------------------------------------------------------------------ loading
    @property
    def fair_id(self) -> uuid.UUID | None:
        data = self.fair_box.currentData()
        return uuid.UUID(data) if data else None

    def reload(self) -> None:
        db, actor = self._db, self._actor
        self.last_task = run_task(lambda: fairs.list_fairs(db, actor), on_success=self._show_fairs, parent=self,
                                  read_only=True)

    def _show_fairs(self, rows: list[fairs.FairRow]) -> None:
        self.fair_rows = rows
        keep = self._select_after_reload or self.fair_box.currentData()
        self._select_after_reload = None
        self.fair_box.blockSignals(True)
        self.fair_box.clear()
        for f in rows:
            self.fair_box.addItem(f"{f.name}（{f.starts_on}～{f.ends_on}）", str(f.id))
        index = max(self.fair_box.findData(keep), 0) if keep else 0
        self.fair_box.setCurrentIndex(index if rows else -1)
        self.fair_box.blockSignals(False)
        self._fair_chosen()

    def _fair_chosen(self) -> None:
        fair = next((f for f in self.fair_rows if str(f.id) == self.fair_box.currentData()), None)
        self.edit_fair_button.setEnabled(fair is not None)
        self.consultation_entry.set_fair(fair.id if fair else None)
        self.consultation_entry.setEnabled(fair is not None)
        if fair is None:
            self.fair_info.setText(self.tr("No fair yet."))
            return
        self.fair_info.setText(self.tr("{venue} · organiser {organiser} · complaint office {office} · staff {staff}")
                               .format(venue=fair.venue or "—", organiser=fair.organiser or "—",
                                       office=fair.office_location or "—", staff="、".join(fair.staff) or "—"))
        self.load_exhibitors()
        self.load_complaints()
        self.load_patrol()

    def load_exhibitors(self) -> None:
        fair_id, query, db, actor = self.fair_id, self.search.text(), self._db, self._actor
        if fair_id is None:
            return
        self.last_task = run_task(lambda: fairs.list_exhibitors(db, actor, fair_id, query),
                                  on_success=self._show_exhibitors, parent=self, read_only=True)

    def _show_exhibitors(self, rows: list[fairs.ExhibitorRow]) -> None:
        self._fill(self.exhibitors, [[r.hall, r.booth, r.name, r.products] for r in rows])

    def load_complaints(self) -> None:
        fair_id, db, actor = self.fair_id, self._db, self._actor
        if fair_id is None:
            return
        self.last_task = run_task(lambda: fairs.list_complaints(db, actor, fair_id, checks=True),
                                  on_success=self._set_complaints, parent=self, read_only=True)

    def _set_complaints(self, rows: list[fairs.ComplaintRow]) -> None:
        self.complaint_rows = rows
        self._show_complaints()

    def _show_complaints(self) -> None:
        now = datetime.now(timezone.utc)
        self.complaints.setRowCount(len(self.complaint_rows))
        for i, r in enumerate(self.complaint_rows):
            clock, colour = clock_text(r, now)
            checks = "；".join(r.repeat_respondent and [self.tr("Repeat respondent")] or [])
            if r.conflicts:
                checks = "；".join(filter(None, [checks, self.tr("Possible conflict")]))
            values = [r.complaint_no, r.complainant, r.respondent_name, r.booth, r.status, clock,
                      r.result, checks]
            for j, v in enumerate(values):
                item = QTableWidgetItem(v)
                if j == 5 and colour is not None:
                    item.setForeground(colour)
                if j == 7 and (r.repeat_respondent or r.conflicts):
                    item.setToolTip("\n".join(r.repeat_respondent + r.conflicts))
                self.complaints.setItem(i, j, item)
        self.complaints.resizeColumnsToContents()

    def load_patrol(self) -> None:
        fair_id, db, actor = self.fair_id, self._db, self._actor
        if fair_id is None:
            return
        self.last_task = run_task(lambda: fairs.list_patrol_notes(db, actor, fair_id),
                                  on_success=self._show_patrol, parent=self, read_only=True)

    def _show_patrol(self, rows: list[fairs.PatrolRow]) -> None:
        self._fill(self.patrol, [[r.at.astimezone().strftime("%m-%d %H:%M"), r.hall, r.booth, r.by, r.text]
                                 for r in rows])

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                table.setItem(i, j, QTableWidgetItem(v))
        table.resizeColumnsToContents()

    # ------------------------------------------------------------------ actions
    def _ask_import(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Exhibitor list"), "",
                                               self.tr("Excel or CSV (*.xlsx *.csv)"))
        if path:
            self.import_exhibitors(path)

    def import_exhibitors(self, path: str) -> None:
        fair_id, db, actor = self.fair_id, self._db, self._actor
        if fair_id is None:
            return
        self.last_task = run_task(lambda: fairs.import_exhibitors(db, actor, fair_id, path),
                                  on_success=self._imported, parent=self, label=self.tr("Importing…"))

    def _imported(self, report: fairs.ImportReport) -> None:
        lines = [self.tr("Added {added}, updated {updated}, rejected {rejected}.").format(
            added=report.added, updated=report.updated, rejected=len(report.rejected))]
        lines += [self.tr("Row {row}: {reason}").format(row=n, reason=why) for n, why in report.rejected[:20]]
        self.import_message = "\n".join(lines)
        if not getattr(self, "quiet", False):
            QMessageBox.information(self, self.tr("Exhibitor list"), self.import_message)
        self.load_exhibitors()

    def _ask_complaint(self) -> ComplaintDialog | None:
        """The complaint form, not modal: it registers the complaint itself and stays open, with
        what was typed, when the service refuses it."""
        fair_id = self.fair_id
        if fair_id is None:
            return None
        dialog = ComplaintDialog(self._db, self._actor, fair_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.registered.connect(lambda _row: self.load_complaints())
        dialog.open()
        self.complaint_dialog = dialog
        return dialog

    def open_fair_form(self, *, new: bool) -> FairDialog | None:
        """The fair form, not modal; on save the list reloads and shows the saved fair."""
        fair = None if new else self.current_fair()
        if not new and fair is None:
            return None
        dialog = FairDialog(self._db, self._actor, fair, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._fair_saved)
        dialog.open()
        self.fair_form = dialog
        return dialog

    def _fair_saved(self, row: fairs.FairRow) -> None:
        self._select_after_reload = str(row.id)
        self.reload()

    def current_fair(self) -> fairs.FairRow | None:
        return next((f for f in self.fair_rows if str(f.id) == self.fair_box.currentData()), None)

    def open_selected_complaint(self) -> ComplaintDecisionDialog | None:
        row = self.complaints.currentRow()
        if not (0 <= row < len(self.complaint_rows)):
            return None
        return self.open_complaint(self.complaint_rows[row])

    def open_complaint(self, complaint: fairs.ComplaintRow) -> ComplaintDecisionDialog:
        """The decision form of one complaint, not modal, so the list and its clocks stay in view."""
        dialog = ComplaintDecisionDialog(self._db, self._actor, complaint, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(lambda _row: self.load_complaints())
        dialog.opinion_wanted.connect(self.open_quick_opinion)
        dialog.open()
        self.decision_dialog = dialog
        return dialog

    def open_quick_opinion(self, complaint: fairs.ComplaintRow) -> Task:
        """The complaint's quick opinion (drafted now, pre-filled, if there is none yet) in the opinion
        form; its Preview prints the watermarked on-site draft."""
        db, actor, cid = self._db, self._actor, complaint.id
        self.last_task = run_task(lambda: fair_opinions.quick_opinion_for(db, actor, cid),
                                  on_success=self._show_opinion, parent=self)
        return self.last_task

    def _show_opinion(self, view) -> OpinionEditor:
        editor = self.opinion_editor
        if editor is not None and shiboken6.isValid(editor) and editor.opinion_id == view.id:
            editor.show()  # already open: bring it forward rather than a second form on the same draft
            editor.raise_()
            return editor
        editor = OpinionEditor(self._db, self._actor, view.id, self)
        editor.setWindowFlag(Qt.WindowType.Window)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.resize(1200, 820)
        editor.show()
        editor.raise_()
        self.opinion_editor = editor
        return editor

    # ------------------------------------------------------------------ patrol notes
    def _reset_patrol_form(self) -> None:
        self.patrol_at.setDateTime(QDateTime.currentDateTime())
        self.patrol_text.clear()

    def add_patrol_note(self) -> Task | None:
        fair_id, db, actor = self.fair_id, self._db, self._actor
        if fair_id is None:
            return None
        at = datetime.fromtimestamp(self.patrol_at.dateTime().toSecsSinceEpoch(), tz=timezone.utc)
        values = {"text": self.patrol_text.toPlainText(), "hall": self.patrol_hall.text(),
                  "booth": self.patrol_booth.text(), "at": at}
        self.patrol_message.clear_message()
        self.last_task = run_task(lambda: fairs.add_patrol_note(db, actor, fair_id, **values),
                                  on_success=self._patrol_added, on_failure=self._patrol_refused, parent=self)
        return self.last_task

    def _patrol_added(self, row: fairs.PatrolRow) -> None:
        self.patrol_message.success(self.tr("Note recorded at {time}.").format(
            time=row.at.astimezone().strftime("%H:%M")))
        self._reset_patrol_form()  # hall and booth stay: the next note is often at the next booth
        self.load_patrol()

    def _patrol_refused(self, exc: BaseException) -> None:
        show_refusal(exc, self.patrol_message, {"巡查记录": self.patrol_text}, self)

    def take_complaint(self, **values) -> Task:
        fair_id, db, actor = self.fair_id, self._db, self._actor
        self.last_task = run_task(lambda: fairs.register_complaint(db, actor, fair_id, **values),
                                  on_success=lambda _row: self.load_complaints(), parent=self)
        return self.last_task


class ComplaintDialog(QDialog):
    """The complaint form: complainant, respondent, right, materials checklist (Art. 8).

    OK registers the complaint off the GUI thread; on success `registered(row)` and the dialog
    closes, on a refusal the reason is shown in the dialog and everything typed stays."""

    registered = Signal(object)  # fairs.ComplaintRow

    def __init__(self, db: Database, actor: Actor, fair_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._fair_id = db, actor, fair_id
        self.task: Task | None = None  # the last registration, for tests to wait on
        self.setWindowTitle(self.tr("Take a complaint"))
        self.complainant = QLineEdit()
        self.agent = QLineEdit()
        self.respondent = QLineEdit()
        self.booth = QLineEdit()
        self.kind = QComboBox()
        for code, text in IP_KIND.items():
            self.kind.addItem(text, code)
        self.number = QLineEdit()
        self.materials = {key: QCheckBox(text) for key, text in fairs.MATERIALS.items()}
        form = QFormLayout(self)
        form.addRow(self.tr("Complainant:"), self.complainant)
        form.addRow(self.tr("Agent (if any):"), self.agent)
        form.addRow(self.tr("Respondent:"), self.respondent)
        form.addRow(self.tr("Booth:"), self.booth)
        form.addRow(self.tr("IP kind:"), self.kind)
        form.addRow(self.tr("Right number:"), self.number)
        for box in self.materials.values():
            form.addRow("", box)
        self.message = QLabel()
        self.message.setObjectName("complaintError")
        self.message.setWordWrap(True)
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.register)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def register(self) -> Task:
        db, actor, fair_id, values = self._db, self._actor, self._fair_id, self.values()
        self.message.setText("")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)  # one registration at a time
        self.task = run_task(lambda: fairs.register_complaint(db, actor, fair_id, **values),
                             on_success=self._registered, on_failure=self._refused, parent=self)
        return self.task

    def _registered(self, row: fairs.ComplaintRow) -> None:
        self.registered.emit(row)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        if isinstance(exc, IpaidError):
            self.message.setText(exc.message)
        else:
            show_failure(exc, self)

    def values(self) -> dict:
        return {
            "complainant": fairs.Complainant(self.complainant.text()), "agent_name": self.agent.text(),
            "respondent_name": self.respondent.text(), "booth": self.booth.text(),
            "ip_kind": self.kind.currentData(), "right_number": self.number.text(),
            "materials": {k: box.isChecked() for k, box in self.materials.items()},
        }
