"""用户管理 (admins): the centre's accounts with roles and state, and the dialogs that change them.

Rows are never deleted: deactivating keeps a user's history. Each change runs off the GUI thread;
a refused change is shown inside its dialog, which stays open with what was typed.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import users
from app.services.users import UserRow
from ui.labels import ROLE_NAMES, role_name, role_names
from ui.settings.common import MessageLine, mark_fields, password_field, show_refusal
from ui.tasks import Task, run_task
from ui.widgets import button_row

if TYPE_CHECKING:
    from app.context import Actor
    from app.database import Database

# Field names as app.services.users and app.services.setup name them in their errors.
USERNAME, DISPLAY_NAME, ROLES, REPEAT = "用户名", "显示名", "角色", "重复密码"
PASSWORD, NEW_PASSWORD = "密码", "新密码"  # create_user says 密码, reset_password 新密码


class _ChangeDialog(QDialog):
    """A form, an inline error line and OK/Cancel. `job()` returns the service call to run on OK,
    or None after showing a problem the form itself found."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.task: Task | None = None
        self.result_row: Any = None
        self.fields: dict[str, QWidget] = {}
        self.form = QFormLayout()
        self.message = MessageLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def job(self) -> Callable[[], Any] | None:
        raise NotImplementedError

    def refuse(self, message: str, field: str) -> None:
        self.message.error(message)
        mark_fields(self.fields, field)

    def submit(self) -> None:
        self.message.clear_message()
        mark_fields(self.fields, None)
        work = self.job()
        if work is None:
            return
        self.buttons.setEnabled(False)
        self.task = run_task(work, on_success=self._done, on_failure=self._refused, parent=self)

    def _done(self, row: Any) -> None:
        self.buttons.setEnabled(True)
        self.result_row = row
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_refusal(exc, self.message, self.fields, self)

    def _same_passwords(self, first: QLineEdit, second: QLineEdit) -> bool:
        if first.text() == second.text():
            return True
        # Context named explicitly: tr() in a base class would look up the subclass's context.
        self.refuse(QCoreApplication.translate("UserDialogs", "Repeat password: it differs from the password above."),
                    REPEAT)
        return False


class _RoleBoxes(QWidget):
    """One check box per role, in the glossary's order."""

    def __init__(self, checked: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for code in ROLE_NAMES:
            box = QCheckBox(role_name(code))
            box.setChecked(code in checked)
            self.boxes[code] = box
            layout.addWidget(box)
        layout.addStretch(1)

    def roles(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]


class AddUserDialog(_ChangeDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(self.tr("Add user"))
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.roles = _RoleBoxes(("caseworker",))
        self.password = password_field()
        self.password_again = password_field()
        self.fields = {USERNAME: self.username, DISPLAY_NAME: self.display_name, ROLES: self.roles,
                       PASSWORD: self.password, NEW_PASSWORD: self.password, REPEAT: self.password_again}
        self.form.addRow(self.tr("User name:"), self.username)
        self.form.addRow(self.tr("Display name:"), self.display_name)
        self.form.addRow(self.tr("Roles:"), self.roles)
        self.form.addRow(self.tr("Initial password:"), self.password)
        self.form.addRow(self.tr("Repeat password:"), self.password_again)

    def job(self) -> Callable[[], UserRow] | None:
        if not self.username.text().strip():
            self.refuse(self.tr("User name: please enter one."), USERNAME)
            return None
        if not self.roles.roles():
            self.refuse(self.tr("Roles: choose at least one."), ROLES)
            return None
        if not self._same_passwords(self.password, self.password_again):
            return None
        db, actor = self.db, self.actor
        values = dict(username=self.username.text().strip(), display_name=self.display_name.text().strip(),
                      password=self.password.text(), roles=self.roles.roles())
        return lambda: users.create_user(db, actor, **values)


class ResetPasswordDialog(_ChangeDialog):
    def __init__(self, db: Database, actor: Actor, user: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.user = db, actor, user
        self.setWindowTitle(self.tr("Reset password of {name}").format(name=user.display_name))
        self.password = password_field()
        self.password_again = password_field()
        self.fields = {NEW_PASSWORD: self.password, REPEAT: self.password_again}
        self.form.addRow(self.tr("New password:"), self.password)
        self.form.addRow(self.tr("Repeat password:"), self.password_again)

    def job(self) -> Callable[[], UserRow] | None:
        if not self._same_passwords(self.password, self.password_again):
            return None
        db, actor, username, password = self.db, self.actor, self.user.username, self.password.text()
        return lambda: users.reset_password(db, actor, username, password)


class RolesDialog(_ChangeDialog):
    def __init__(self, db: Database, actor: Actor, user: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.user = db, actor, user
        self.setWindowTitle(self.tr("Roles of {name}").format(name=user.display_name))
        self.roles = _RoleBoxes(user.roles)
        self.fields = {ROLES: self.roles}
        self.form.addRow(self.tr("Roles:"), self.roles)

    def job(self) -> Callable[[], UserRow] | None:
        roles = self.roles.roles()
        if not roles:
            self.refuse(self.tr("Roles: choose at least one."), ROLES)
            return None
        db, actor, username = self.db, self.actor, self.user.username
        return lambda: users.set_roles(db, actor, username, roles)


class UsersTab(QWidget):
    """The table of accounts and the buttons acting on the selected one."""

    COLUMNS = ("username", "display_name", "roles", "state")

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.rows: list[UserRow] = []
        self.task: Task | None = None
        self.dialog: _ChangeDialog | None = None  # the open dialog, for tests
        self.loaded = False
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [self.tr("User name"), self.tr("Display name"), self.tr("Roles"), self.tr("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.add_button = QPushButton(self.tr("Add user…"))
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.roles_button = QPushButton(self.tr("Change roles…"))
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.roles_button.clicked.connect(self.change_roles)
        self.active_button.clicked.connect(self.toggle_active)
        self.unlock_button.clicked.connect(self.unlock)
        buttons = button_row((self.add_button, self.reset_button, self.roles_button, self.active_button,
                              self.unlock_button))
        self.message = MessageLine()
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        self._selection_changed()

    # ----- loading ------------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self.loaded:
            self.reload()

    def reload(self, select: str | None = None) -> None:
        self.loaded = True
        db, actor = self.db, self.actor
        self.task = run_task(lambda: users.list_users(db, actor), on_success=lambda rows: self._show(rows, select),
                             on_failure=self._failed, parent=self, read_only=True)

    def _show(self, rows: list[UserRow], select: str | None) -> None:
        keep = select or (self.selected().username if self.selected() else None)
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            texts = (row.username, row.display_name, role_names(set(row.roles)), self.state_text(row))
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if not row.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(r, c, item)
            if row.username == keep:
                self.table.selectRow(r)
        self._selection_changed()

    def state_text(self, row: UserRow) -> str:
        if not row.active:
            return self.tr("Deactivated")
        if row.locked_until is not None:
            return self.tr("Locked until {time}").format(time=row.locked_until.astimezone().strftime("%H:%M"))
        return self.tr("Active")

    def _failed(self, exc: BaseException) -> None:
        show_refusal(exc, self.message, {}, self)

    # ----- selection ----------------------------------------------------------------------------------------
    def selected(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def select_user(self, username: str) -> None:
        for r, row in enumerate(self.rows):
            if row.username == username:
                self.table.selectRow(r)

    def _selection_changed(self) -> None:
        row = self.selected()
        for button in (self.reset_button, self.roles_button, self.active_button):
            button.setEnabled(row is not None)
        self.unlock_button.setEnabled(row is not None and row.locked_until is not None)
        self.active_button.setText(self.tr("Activate") if row is not None and not row.active
                                   else self.tr("Deactivate"))

    # ----- actions ------------------------------------------------------------------------------------------
    def add_user(self) -> None:
        self._open(AddUserDialog(self.db, self.actor, self))

    def reset_password(self) -> None:
        if (row := self.selected()) is not None:
            self._open(ResetPasswordDialog(self.db, self.actor, row, self))

    def change_roles(self) -> None:
        if (row := self.selected()) is not None:
            self._open(RolesDialog(self.db, self.actor, row, self))

    def toggle_active(self) -> None:
        if (row := self.selected()) is not None:
            db, actor, username, active = self.db, self.actor, row.username, not row.active
            self._change(lambda: users.set_active(db, actor, username, active))

    def unlock(self) -> None:
        if (row := self.selected()) is not None:
            db, actor, username = self.db, self.actor, row.username
            self._change(lambda: users.unlock(db, actor, username))

    def _open(self, dialog: _ChangeDialog) -> None:
        self.dialog = dialog
        self.message.clear_message()
        dialog.accepted.connect(lambda: self._changed(dialog.result_row))
        dialog.open()

    def _change(self, work: Callable[[], UserRow]) -> None:
        self.message.clear_message()
        self.task = run_task(work, on_success=self._changed, on_failure=self._failed, parent=self)

    def _changed(self, row: UserRow | None) -> None:
        if row is not None:
            self.message.success(self.tr("Saved: {name}.").format(name=row.display_name))
        self.reload(select=row.username if row is not None else None)
