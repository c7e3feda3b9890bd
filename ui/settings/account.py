"""我的账户: a user changes their own password (the old one is asked again)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.errors import NotAuthenticated
from app.services import users
from ui.labels import role_names
from ui.settings.common import MessageLine, mark_fields, password_field, show_refusal
from ui.tasks import Task, run_task

if TYPE_CHECKING:
    from app.context import Actor
    from app.database import Database

# Field names as the service's ValidationErrors name them.
OLD, NEW, REPEAT = "原密码", "新密码", "重复新密码"


class AccountTab(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.task: Task | None = None
        who = QLabel(self.tr("Signed in as {name} ({user}), roles: {roles}").format(
            name=actor.display_name, user=actor.username, roles=role_names(set(actor.roles))))
        who.setWordWrap(True)
        self.old_password = password_field()
        self.new_password = password_field()
        self.repeat_password = password_field()
        self.fields = {OLD: self.old_password, NEW: self.new_password, REPEAT: self.repeat_password}
        form = QFormLayout()
        form.addRow(self.tr("Current password:"), self.old_password)
        form.addRow(self.tr("New password:"), self.new_password)
        form.addRow(self.tr("Repeat new password:"), self.repeat_password)
        self.message = MessageLine()
        self.change_button = QPushButton(self.tr("Change password"))
        self.change_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.change_button)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def submit(self) -> None:
        old, new = self.old_password.text(), self.new_password.text()
        if new != self.repeat_password.text():
            self.message.error(self.tr("Repeat new password: it differs from the new password."))
            mark_fields(self.fields, REPEAT)
            return
        self.message.clear_message()
        mark_fields(self.fields, None)
        self.change_button.setEnabled(False)
        db, actor = self.db, self.actor
        self.task = run_task(lambda: users.change_password(db, actor, old, new),
                             on_success=self._changed, on_failure=self._refused, parent=self,
                             label=self.tr("Changing the password…"))

    def _changed(self, _result: object) -> None:
        self.change_button.setEnabled(True)
        for field in self.fields.values():
            field.clear()
        self.message.success(self.tr("Your password was changed."))

    def _refused(self, exc: BaseException) -> None:
        self.change_button.setEnabled(True)
        # A wrong old password is NotAuthenticated without a field; it is the old password's field.
        show_refusal(exc, self.message, self.fields, self, OLD if isinstance(exc, NotAuthenticated) else None)
