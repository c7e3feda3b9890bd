"""Every QSettings key the GUI uses, declared once with its default.

User preferences and window state are kept apart (different groups), as Picard does: a reset of the
window layout must never lose a preference. Values live in QSettings under the organisation/application
names set by `ui.qt_app.create_application` ("IPAid" / "IPAid Desk").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    """One stored setting: its QSettings key, its default and the Python type it is read as."""

    key: str
    default: T
    kind: type

    def read(self) -> T:
        value = QSettings().value(self.key, self.default)
        # QSettings' INI backend gives strings back for everything; convert to the declared type.
        if value is None:
            return self.default
        if self.kind is QByteArray and not isinstance(value, QByteArray):
            return self.default
        if self.kind is str:
            return str(value)
        if self.kind is int:
            try:
                return int(value)
            except (TypeError, ValueError):
                return self.default
        return value

    def write(self, value: T) -> None:
        QSettings().setValue(self.key, value)


# Preferences (chosen by the person).
LANGUAGE = Option("ui/language", "zh_CN", str)  # "zh_CN" or "en"; takes effect at next start
LAST_USER = Option("login/last_user", "", str)  # user name only; a password is never stored

# Window state (remembered, not chosen).
WINDOW_GEOMETRY = Option("window/geometry", QByteArray(), QByteArray)
WINDOW_STATE = Option("window/state", QByteArray(), QByteArray)
WINDOW_PAGE = Option("window/page", 0, int)

LANGUAGES = ("zh_CN", "en")
