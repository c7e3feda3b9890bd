"""修改登记信息: the register dialog in edit mode — the same widgets, filled from the case, saved
through app.services.case_edit. Identifiers and phones arrive masked; left as they are, they keep
the stored numbers. A refusal (a rule, a conflict not confirmed, someone else's save) leaves
everything typed in the form. The registration is read (ui/cases/case_changes.start_edit) and
saved off the GUI thread, like the register dialog."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.context import Actor
from app.database import Database
from app.services import case_edit, cases
from app.services.case_edit import PartyForm, Registration
from app.services.rights import RightInput
from ui.cases.register_dialog import RegisterDialog


class EditRegistrationDialog(RegisterDialog):
    saved = Signal(object)  # CaseHead

    def __init__(self, db: Database, actor: Actor, registration: Registration, parent: QWidget | None = None) -> None:
        self.registration = reg = registration  # read beforehand by case_edit.registration
        super().__init__(db, actor, parent, today=reg.registered_on)
        self.setWindowTitle(self.tr("Edit registration – {case_no}").format(case_no=reg.case_no))
        # The case number's year and every due date count from the registration date.
        self.widgets["registered_on"].setEnabled(False)
        self.widgets["registered_on"].setToolTip(self.tr("The registration date cannot be changed."))
        self.masked_note = QLabel(self.tr("Masked numbers (with *) are kept as stored unless you replace them."), self)
        self.masked_note.setWordWrap(True)
        self.layout().insertWidget(0, self.masked_note)
        self._fill(reg)

    # ------------------------------------------------------------------ filling
    def _set_choice(self, key: str, value) -> None:
        w = self.widgets[key]
        w.setCurrentIndex(max(w.findData(value), 0))

    def _fill_party(self, prefix: str, p: PartyForm | None) -> None:
        if p is None:
            return
        self._set_choice(f"{prefix}_kind", p.kind)
        for key in ("name", "identifier", "phone", "contact"):
            self.set_text(f"{prefix}_{key}", getattr(p, key))

    def _fill(self, reg: Registration) -> None:
        self._fill_party("applicant", reg.applicant)
        self._fill_party("opposing", reg.opposing)
        if reg.rights:
            first = reg.rights[0]
            self._set_choice("right_kind", first.kind)
            self.set_text("right_number", first.number)
            self.set_text("right_title", first.title)
            self.set_text("nice_classes", first.nice_classes)
        if len(reg.rights) > 1:
            more = QLabel(self.tr("This case names %n more right(s); they are kept.", "", len(reg.rights) - 1), self)
            more.setObjectName("more_rights")
            self.layout().insertWidget(self.layout().indexOf(self.groups["case"]), more)
        self._set_choice("dispute_type", reg.dispute_type)
        self._set_choice("channel", reg.channel)
        self.widgets["overseas"].setChecked(reg.overseas)
        d = reg.registered_on
        self.widgets["registered_on"].setDate(QDate(d.year, d.month, d.day))
        self.set_text("summary", reg.summary)
        for code, box in self.services.items():
            box.setChecked(code in reg.services)
        if reg.attachments:
            self.files_label.setText(self.tr("Attached:") + " " + "；".join(reg.attachments))

    # ------------------------------------------------------------------ saving
    def case_input(self) -> cases.CaseInput:
        data = super().case_input()
        # The form shows the first right; the case's other rights travel back unchanged.
        kept = tuple(RightInput(r.kind, r.number, r.title, r.nice_classes) for r in self.registration.rights[1:])
        return replace(data, rights=data.rights + kept, registered_on=None)

    def add_files(self, paths: list[str] | None = None) -> None:
        super().add_files(paths)
        if self.registration.attachments:
            self.files_label.setText(self.tr("Attached:") + " " + "；".join(self.registration.attachments)
                                     + ("　+ " + self.files_label.text() if self.files else ""))

    def _write(self, data: cases.CaseInput, confirmed: bool) -> Callable[[tuple], cases.CaseHead]:
        db, actor, reg = self._db, self._actor, self.registration
        return lambda attachments: case_edit.edit_registration(
            db, actor, reg.id, reg.version, replace(data, attachments=attachments), confirmed=confirmed)

    def _conflict_question(self) -> str:
        return self.tr("Save anyway?")

    def _emit_saved(self, head: cases.CaseHead) -> None:
        self.saved.emit(head)
