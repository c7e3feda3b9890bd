"""更换承办人: hand one case to another caseworker (app.services.case_steps.reassign).

Only a supervisor may; the case view shows the button disabled to others with the reason, and
the service refuses them anyway (its Chinese message appears in the form)."""
from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from app.context import Actor
from app.database import Database
from app.services import case_steps, cases, users
from ui.cases.forms import Field, StepDialog

def may_reassign(actor: Actor) -> bool:
    """For the button: whether this user may reassign at all (the service decides in the end)."""
    return actor.has_any(case_steps.REASSIGN_ROLES)


class ReassignDialog(StepDialog):
    def __init__(self, db: Database, actor: Actor, detail: cases.CaseDetail, parent: QWidget | None = None) -> None:
        # The fields exist before the dialog does, hence translate() rather than self.tr().
        qt = QCoreApplication
        fields = [Field("assignee_id", qt.translate("ReassignDialog", "New assignee"), "choice",
                        load=lambda: caseworkers(db, actor, excluded=detail.assignee_id)),
                  Field("note", qt.translate("ReassignDialog", "Reason"))]
        title = qt.translate("ReassignDialog", "Reassign {case_no}").format(case_no=detail.case_no)
        super().__init__(title, fields, lambda v: case_steps.reassign(
            db, actor, detail.id, detail.version, assignee_id=v["assignee_id"], note=v["note"]), parent)
        self.setObjectName("dialog_reassign")
        current = self.tr("Current assignee: {name}").format(name=detail.assignee_name or "—")
        self.current = QLabel(current, self)
        self.current.setObjectName("current_assignee")
        self.layout().insertWidget(0, self.current)


def caseworkers(db: Database, actor: Actor, excluded: uuid.UUID | None = None) -> list[tuple[uuid.UUID, str]]:
    """The active users who can take a case, as (id, name) choices. Reads the database: call it
    off the GUI thread."""
    return [(u.id, u.display_name) for u in users.list_users(db, actor)
            if u.active and cases.CENTRE_ROLES & set(u.roles) and u.id != excluded]  # whom the service accepts
