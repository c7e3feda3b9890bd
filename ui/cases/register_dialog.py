"""登记援助申请: parties (with duplicate hints), the right, the dispute, and the conflict check
shown before anything is saved.

Saving runs off the GUI thread (ui.tasks.run_task): Save is disabled meanwhile, so Ctrl+S or a
second click cannot register twice; a refusal shows the service's message and leaves every typed
value in the form. Attached files are read in the same background job."""
from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from app.context import Actor
from app.database import Database
from app.errors import IpaidError, ValidationError
from app.labels import CHANNEL, DISPUTE_TYPE, IP_KIND, PARTY_KIND, SERVICE
from app.services import cases, parties
from app.services.parties import PartyInput
from app.services.rights import RightInput
from ui.cases.forms import Field, make_widget, read_widget
from ui.crash import show_failure
from ui.parties.windows import open_party
from ui.tasks import Task, run_task


class RegisterDialog(QDialog):
    registered = Signal(object)  # CaseHead

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.setWindowTitle(self.tr("Register an assistance request"))
        kinds = list(PARTY_KIND.items())
        self._fields = {
            "applicant": [Field("applicant_kind", self.tr("Kind"), "choice", kinds, default="enterprise"),
                          Field("applicant_name", self.tr("Name")), Field("applicant_identifier", self.tr("ID / credit code")),
                          Field("applicant_phone", self.tr("Phone")), Field("applicant_contact", self.tr("Contact person"))],
            "opposing": [Field("opposing_kind", self.tr("Kind"), "choice", kinds, default="enterprise"),
                         Field("opposing_name", self.tr("Name")), Field("opposing_identifier", self.tr("ID / credit code")),
                         Field("opposing_phone", self.tr("Phone")), Field("opposing_contact", self.tr("Contact person"))],
            "case": [Field("right_kind", self.tr("IP type"), "choice", list(IP_KIND.items())),
                     Field("right_number", self.tr("Right number")), Field("right_title", self.tr("Title / mark")),
                     Field("nice_classes", self.tr("Nice classes")),
                     Field("dispute_type", self.tr("Dispute type"), "choice", list(DISPUTE_TYPE.items())),
                     Field("channel", self.tr("Channel"), "choice", list(CHANNEL.items())),
                     Field("overseas", self.tr("Overseas"), "check"),
                     Field("registered_on", self.tr("Registered on"), "date", default=today or date.today()),
                     Field("summary", self.tr("Summary"), "multiline")],
        }
        self.widgets: dict = {}
        layout = QVBoxLayout(self)
        titles = {"applicant": self.tr("Applicant"), "opposing": self.tr("Opposing party"), "case": self.tr("Request")}
        parties_row = QHBoxLayout()  # the two parties side by side keep the form within a laptop's height
        layout.addLayout(parties_row)
        self.groups: dict[str, QGroupBox] = {}
        for group, fields in self._fields.items():
            box = QGroupBox(titles[group], self)
            form = QFormLayout(box)
            for f in fields:
                w = make_widget(f, box)
                self.widgets[f.key] = w
                form.addRow(f.label, w)
            (layout if group == "case" else parties_row).addWidget(box)
            self.groups[group] = box
        for key in ("applicant_identifier", "opposing_identifier"):  # 18 characters, fully visible
            w = self.widgets[key]
            w.setMinimumWidth(w.fontMetrics().horizontalAdvance("0" * 21))
        self.duplicates = QLabel(self)
        self.duplicates.setObjectName("duplicates")
        self.duplicates.setWordWrap(True)
        # Each possible duplicate is a link to its party window, to check before reusing the name.
        self.duplicates.setTextFormat(Qt.TextFormat.RichText)
        self.duplicates.linkActivated.connect(
            lambda href: open_party(self, db, actor, uuid.UUID(href)))
        layout.insertWidget(1, self.duplicates)
        self.widgets["applicant_name"].editingFinished.connect(self._show_duplicates)
        services = QHBoxLayout()
        self.services: dict[str, QCheckBox] = {}
        for code, label in SERVICE.items():
            box = QCheckBox(label, self)
            box.setObjectName(f"service_{code}")
            self.services[code] = box
            services.addWidget(box)
        layout.addLayout(services)
        # Files are copied into the database at save (design.md §3: never only a link).
        self.files: list[str] = []
        files = QHBoxLayout()
        self.add_files_button = QPushButton(self.tr("Attach files…"), self)
        self.add_files_button.clicked.connect(lambda: self.add_files())
        self.files_label = QLabel(self)
        self.files_label.setObjectName("files")
        self.files_label.setWordWrap(True)
        files.addWidget(self.add_files_button)
        files.addWidget(self.files_label, 1)
        layout.addLayout(files)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.saving = False
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Ctrl+S saves; Esc cancels (QDialog's own key handling).
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

    def add_files(self, paths: list[str] | None = None) -> None:
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        self.files += [p for p in paths if p not in self.files]
        self.files_label.setText("；".join(Path(p).name for p in self.files))


    def value(self, key: str):
        f = next(f for fields in self._fields.values() for f in fields if f.key == key)
        return read_widget(f, self.widgets[key])

    def set_text(self, key: str, text: str) -> None:
        self.widgets[key].setText(text) if hasattr(self.widgets[key], "setText") else self.widgets[key].setPlainText(text)

    def _party(self, prefix: str) -> PartyInput:
        return PartyInput(name=self.value(f"{prefix}_name"), kind=self.value(f"{prefix}_kind"),
                          identifier=self.value(f"{prefix}_identifier"), phone=self.value(f"{prefix}_phone"),
                          contact=self.value(f"{prefix}_contact"))

    def case_input(self) -> cases.CaseInput:
        opposing = self._party("opposing")
        return cases.CaseInput(
            applicant=self._party("applicant"), opposing=opposing if opposing.name.strip() else None,
            rights=(RightInput(self.value("right_kind"), self.value("right_number"), self.value("right_title"),
                               self.value("nice_classes")),),
            dispute_type=self.value("dispute_type"), channel=self.value("channel"),
            services=tuple(c for c, box in self.services.items() if box.isChecked()),
            overseas=self.value("overseas"), summary=self.value("summary"), registered_on=self.value("registered_on"))

    def _show_duplicates(self) -> Task | None:
        """Look the applicant up off the GUI thread (it runs each time the name field is left)."""
        name = self.value("applicant_name").strip()
        if not name:
            self.duplicates.setText("")
            return None
        db, actor = self._db, self._actor
        identifier, kind = self.value("applicant_identifier"), self.value("applicant_kind")
        return run_task(lambda: parties.find_duplicates(db, actor, name, identifier, kind),
                        on_success=lambda found: self._duplicates_found(name, found),
                        on_failure=self._duplicates_failed, parent=self, read_only=True)

    def _duplicates_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, IpaidError):  # a refused look-up just leaves the hint as it was
            show_failure(exc, self)

    def _duplicates_found(self, name: str, found: list[parties.PartyMatch]) -> None:
        if name != self.value("applicant_name").strip():
            return  # the name changed meanwhile; its own look-up brings the hint
        same = self.tr("Possible same party")  # outside the f-string: lupdate cannot see into one
        self.duplicates.setText("　".join(
            f'{same}：<a href="{m.party.id}">{html.escape(m.party.name)}</a>（{m.reason_label}）' for m in found))

    def confirm_conflicts(self, conflicts: list[cases.Conflict], question: str | None = None) -> bool:
        text = "\n".join(c.text for c in conflicts)
        answer = QMessageBox.question(
            self, self.tr("Possible conflict of interest"),
            self.tr("Earlier cases involve these parties on the other side:") + "\n\n" + text + "\n\n"
            + (question or self.tr("Register anyway?")))
        return answer == QMessageBox.StandardButton.Yes

    @property
    def busy(self) -> bool:
        """The save is running (as the step forms' `busy`: tests and callers wait on it)."""
        return self.saving

    def save(self) -> Task | None:
        """Save off the GUI thread. Conflicts with earlier cases are asked about first: the service
        refuses with them (nothing written), and on "yes" the save runs again, confirmed."""
        if self.saving:
            return None
        return self._start_save(self.case_input(), tuple(self.files), confirmed=False)

    def _start_save(self, data: cases.CaseInput, files: tuple[str, ...], *, confirmed: bool) -> Task:
        self.saving = True
        self.save_button.setEnabled(False)
        write = self._write(data, confirmed)
        return run_task(lambda: write(read_attachments(files)), on_success=self._saved,
                        on_failure=partial(self._save_refused, data, files), parent=self)

    def _write(self, data: cases.CaseInput, confirmed: bool) -> Callable[[tuple], cases.CaseHead]:
        """The service call, given the attachments (runs off the GUI thread: plain values only)."""
        db, actor = self._db, self._actor
        return lambda attachments: cases.register(db, actor, replace(data, attachments=attachments),
                                                  confirmed=confirmed)

    def _conflict_question(self) -> str:
        return self.tr("Register anyway?")

    def _saved(self, head: cases.CaseHead) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self._emit_saved(head)
        self.accept()

    def _emit_saved(self, head: cases.CaseHead) -> None:
        self.registered.emit(head)

    def _save_refused(self, data: cases.CaseInput, files: tuple[str, ...], exc: BaseException) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        if isinstance(exc, cases.ConflictsNeedConfirmation):
            if self.confirm_conflicts(exc.conflicts, self._conflict_question()):
                self._start_save(data, files, confirmed=True)
        elif isinstance(exc, IpaidError):
            self.show_error(exc.message)
        else:
            show_failure(exc, self)

    def show_error(self, message: str) -> None:
        """The service's message (it names the field); everything typed stays in the form."""
        self.error.setText(message)
        self.error.show()


def read_attachments(paths: tuple[str, ...]) -> tuple[tuple[str, bytes], ...]:
    """(file name, content) of each attached file; an unreadable one is refused naming it."""
    out = []
    for path in paths:
        try:
            out.append((Path(path).name, Path(path).read_bytes()))
        except OSError as exc:
            raise ValidationError("附件", f"无法读取 {path}：{exc.strerror or exc}") from None
    return tuple(out)
