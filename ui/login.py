"""Signing in: the first-run dialog (centre + first administrator) and the login dialog.

Both run the service call off the GUI thread (argon2 hashing takes a noticeable moment) and show
problems inline, next to the form, rather than in a message box. The user name of the last sign-in is
remembered; a password never is. Lockout and password changes come in a later issue.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import IpaidError
from app.passwords import MIN_LENGTH
from app.services import users
from ui import config
from ui.crash import show_failure
from ui.tasks import Task, run_task

if TYPE_CHECKING:
    from app.context import Actor
    from app.database import Database

ERROR_STYLE = "color: #b00020;"


class _SignInDialog(QDialog):
    """Shared frame: a form, an inline error line and OK/Cancel; `submit()` is the subclass's work."""

    def __init__(self, db: Database, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.task: Task | None = None  # the running service call, for tests to wait on
        self.form = QFormLayout()
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(self.form)
        self._layout.addWidget(self.error_label)
        self._layout.addWidget(self.buttons)

    def submit(self) -> None:
        raise NotImplementedError

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def show_error(self, message: str, field: QLineEdit | None = None) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        if field is not None:
            field.setFocus()
            field.selectAll()

    def _set_busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)

    def _signed_in(self, actor: Actor) -> None:
        self._set_busy(False)
        self.actor = actor
        config.LAST_USER.write(actor.username)
        self.accept()

    def _refused(self, exc: BaseException, field: QLineEdit | None) -> None:
        self._set_busy(False)
        if isinstance(exc, IpaidError):
            self.show_error(exc.message, field)
        else:
            show_failure(exc, self)


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class FirstRunDialog(_SignInDialog):
    """Shown when the database has no users yet: creates the centre and the first administrator."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setWindowTitle(self.tr("Set up IPAid Desk"))
        intro = QLabel(
            self.tr(
                "This database has no users yet. Enter the name of your centre "
                "and create the first administrator account."
            )
        )
        intro.setWordWrap(True)
        self._layout.insertWidget(0, intro)
        self.centre_name = QLineEdit()
        self.centre_short = QLineEdit()
        self.centre_short.setPlaceholderText(self.tr("used in case numbers, may be empty"))
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.password = _password_field()
        self.password_again = _password_field()
        self.form.addRow(self.tr("Centre name:"), self.centre_name)
        self.form.addRow(self.tr("Short name:"), self.centre_short)
        self.form.addRow(self.tr("Administrator user name:"), self.username)
        self.form.addRow(self.tr("Display name:"), self.display_name)
        self.form.addRow(self.tr("Password:"), self.password)
        self.form.addRow(self.tr("Password again:"), self.password_again)
        self.setMinimumWidth(460)

    def validate(self) -> tuple[str, QLineEdit] | None:
        """The first problem with the form as (message naming the field, field), or None."""
        if not self.centre_name.text().strip():
            return self.tr("The centre name must not be empty."), self.centre_name
        if not self.username.text().strip():
            return self.tr("The user name must not be empty."), self.username
        if not self.display_name.text().strip():
            return self.tr("The display name must not be empty."), self.display_name
        if len(self.password.text()) < MIN_LENGTH:
            return self.tr("The password must be at least {n} characters long.").format(n=MIN_LENGTH), self.password
        if self.password.text() != self.password_again.text():
            return self.tr("The two passwords do not match."), self.password_again
        return None

    def submit(self) -> None:
        problem = self.validate()
        if problem is not None:
            self.show_error(*problem)
            return
        self.error_label.hide()
        self._set_busy(True)
        db = self.db
        values = dict(
            centre_name=self.centre_name.text().strip(),
            centre_short=self.centre_short.text().strip(),
            username=self.username.text().strip(),
            display_name=self.display_name.text().strip(),
            password=self.password.text(),
        )
        self.task = run_task(
            lambda: users.setup_first_admin(db, **values),
            on_success=self._signed_in,
            on_failure=lambda exc: self._refused(exc, None),
            parent=self,
            label=self.tr("Creating the administrator…"),
        )


class LoginDialog(_SignInDialog):
    def __init__(self, db: Database, parent: QWidget | None = None, *,
                 while_checking: Callable[[], None] | None = None) -> None:
        """`while_checking` runs on the GUI thread once the password check has started (work that can
        overlap it, such as loading the first page's code)."""
        super().__init__(db, parent)
        self._while_checking = while_checking
        self.setWindowTitle(self.tr("Sign in to IPAid Desk"))
        database = QLabel(self.tr("Database: {label}").format(label=db.label))
        database.setWordWrap(True)
        self._layout.insertWidget(0, database)
        self.username = QLineEdit(config.LAST_USER.read())
        self.password = _password_field()
        self.form.addRow(self.tr("User name:"), self.username)
        self.form.addRow(self.tr("Password:"), self.password)
        (self.password if self.username.text() else self.username).setFocus()
        self.setMinimumWidth(380)

    def submit(self) -> None:
        username = self.username.text().strip()
        if not username:
            self.show_error(self.tr("The user name must not be empty."), self.username)
            return
        self.error_label.hide()
        self._set_busy(True)
        db, password = self.db, self.password.text()
        self.task = run_task(
            lambda: users.authenticate(db, username, password),
            on_success=self._signed_in,
            on_failure=self._login_refused,
            parent=self,
        )
        if self._while_checking is not None:
            self._while_checking()

    def _login_refused(self, exc: BaseException) -> None:
        self.password.clear()
        self._refused(exc, self.password)
