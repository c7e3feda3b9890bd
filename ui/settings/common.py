"""Small pieces the settings forms share: a password field, an inline error line, field highlighting."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from app.errors import IpaidError
from ui.crash import show_failure
from ui.login import ERROR_STYLE

BAD_FIELD_STYLE = "border: 1px solid #b00020;"
OK_STYLE = "color: #1b5e20;"


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class MessageLine(QLabel):
    """One line under a form: an error (red) or a confirmation (green); hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()

    def error(self, message: str) -> None:
        self.setStyleSheet(ERROR_STYLE)
        self.setText(message)
        self.show()

    def success(self, message: str) -> None:
        self.setStyleSheet(OK_STYLE)
        self.setText(message)
        self.show()

    def clear_message(self) -> None:
        self.setText("")
        self.hide()

    def shown_text(self) -> str:
        return self.text() if not self.isHidden() else ""


def mark_fields(fields: dict[str, QWidget], bad: str | None) -> QWidget | None:
    """Outline the field named `bad` (a Chinese field label from a ValidationError), clear the others;
    returns the marked widget so the caller can put the cursor there."""
    for widget in fields.values():
        widget.setStyleSheet("")
    marked = fields.get(bad) if bad else None
    if marked is not None:
        marked.setStyleSheet(BAD_FIELD_STYLE)
    return marked


def show_refusal(exc: BaseException, line: MessageLine, fields: dict[str, QWidget], parent: QWidget,
                 field: str | None = None) -> None:
    """An IpaidError goes inline next to the form (which keeps what was typed); anything else is a bug."""
    if not isinstance(exc, IpaidError):
        show_failure(exc, parent)
        return
    line.error(exc.message)
    widget = mark_fields(fields, field or exc.field)
    if widget is not None:
        widget.setFocus()


class LoadedOnFirstShow:
    """Mixin for a tab that reads its data the first time it is shown, not when the page is built
    (most tabs are never opened in a session). The class sets `reload()`; put it before QWidget."""

    loaded = False

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)  # type: ignore[misc]
        if not self.loaded:
            self.loaded = True
            self.reload()  # type: ignore[attr-defined]
