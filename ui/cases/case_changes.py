"""The case view's buttons that change the case outside the status steps: 修改登记信息 (edit the
registration, app.services.case_edit), 更换承办人 (reassign, app.services.case_steps.reassign), and
the results that arrive later: 移交结果 and 调解结果 (ui/cases/result_dialogs.py).

A button appears only in statuses where the change is possible; the reassign button is disabled,
with the reason as its tooltip, for users who are not supervisors. The services check both again.
"""
from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

import shiboken6

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QPushButton

from app.errors import IpaidError
from app.labels import SERVICE
from app.services import case_edit, case_steps, cases

from ui.cases.edit_dialog import EditRegistrationDialog
from ui.crash import show_failure
from ui.tasks import Task, run_task
from ui.cases.reassign_dialog import ReassignDialog, may_reassign
from ui.cases.result_dialogs import MediationResultDialog, ReferralResultDialog, open_mediations, open_referrals

if TYPE_CHECKING:
    from ui.cases.case_view import CaseView

def registration_text(view: CaseView, d: cases.CaseDetail) -> str:
    """Services asked for, the overseas flag and the summary: what an edit may change, shown."""
    services = "、".join(SERVICE[s] for s in d.services)
    lines = []
    if services or d.overseas:
        overseas = QCoreApplication.translate("CaseChanges", "overseas") if d.overseas else ""
        lines.append(QCoreApplication.translate("CaseChanges", "Services asked for:") + " "
                     + "　".join(x for x in (services, overseas) if x))
    if d.summary:
        summary = d.summary if len(d.summary) <= 300 else d.summary[:300] + "…"  # the rest in the edit form
        lines.append(QCoreApplication.translate("CaseChanges", "Summary:") + " " + summary)
    return "\n".join(lines)


def add_change_buttons(view: CaseView, d: cases.CaseDetail) -> None:
    if case_edit.editable_refusal(d.status) is None:
        b = QPushButton(QCoreApplication.translate("CaseChanges", "Edit registration…"), view)
        b.setObjectName("action_edit")
        b.setShortcut("Ctrl+E")
        b.clicked.connect(lambda: start_edit(view))
        _add(view, "edit", b)
    if case_steps.reassign_refusal(d.status) is None:
        b = QPushButton(QCoreApplication.translate("CaseChanges", "Reassign…"), view)
        b.setObjectName("action_reassign")
        b.clicked.connect(lambda: start_reassign(view))
        if not may_reassign(view._actor):
            b.setEnabled(False)
            b.setToolTip(QCoreApplication.translate("CaseChanges", "Only a supervisor can reassign a case."))
        _add(view, "reassign", b)
    if open_referrals(d):
        b = QPushButton(QCoreApplication.translate("CaseChanges", "Referral result…"), view)
        b.setObjectName("action_referral_result")
        b.clicked.connect(lambda: start_result(view, ReferralResultDialog))
        _add(view, "referral_result", b)
    if open_mediations(d):
        b = QPushButton(QCoreApplication.translate("CaseChanges", "Mediation result…"), view)
        b.setObjectName("action_mediation_result")
        b.clicked.connect(lambda: start_result(view, MediationResultDialog))
        _add(view, "mediation_result", b)


def _add(view: CaseView, key: str, button: QPushButton) -> None:
    view.buttons_row.addWidget(button)
    view.buttons[key] = button


def start_edit(view: CaseView) -> Task | None:
    """Read the registration off the GUI thread, then open the form filled with it. The button is
    disabled meanwhile: a second click does not open a second form."""
    button = view.buttons.get("edit")
    if button is None or not button.isEnabled():
        return None
    button.setEnabled(False)
    db, actor, case_id = view._db, view._actor, view.detail.id
    return run_task(lambda: case_edit.registration(db, actor, case_id),
                    on_success=partial(_open_edit, view, button), on_failure=partial(_edit_refused, view, button),
                    parent=view, read_only=True)


def _open_edit(view: CaseView, button: QPushButton, registration: case_edit.Registration) -> None:
    _enable(view, button)
    dialog = EditRegistrationDialog(view._db, view._actor, registration, view)
    dialog.setObjectName("dialog_edit")
    view.open_step_dialog(dialog, dialog.saved)


def _edit_refused(view: CaseView, button: QPushButton, exc: BaseException) -> None:
    _enable(view, button)
    if isinstance(exc, IpaidError):  # e.g. the case was deleted meanwhile
        QMessageBox.warning(view, QCoreApplication.translate("CaseChanges", "Edit registration"), exc.message)
    else:
        show_failure(exc, view)


def _enable(view: CaseView, button: QPushButton) -> None:
    # A reload may have replaced the button meanwhile (then the new one is as it should be).
    if shiboken6.isValid(button) and not view.loading:
        button.setEnabled(True)


def start_reassign(view: CaseView) -> ReassignDialog:
    dialog = ReassignDialog(view._db, view._actor, view.detail, view)
    view.open_step_dialog(dialog, dialog.done_ok)
    return dialog


def start_result(view: CaseView, dialog_class: type) -> ReferralResultDialog | MediationResultDialog:
    dialog = dialog_class(view._db, view._actor, view.detail, view._today or date.today(), view)
    view.open_step_dialog(dialog, dialog.done_ok)
    return dialog
