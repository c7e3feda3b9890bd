"""A page that is not built yet: its title and one or two sentences on what will come there."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    """Subclasses call `describe()` with their own tr() strings, so each keeps its translation context."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heading = QLabel()
        self._heading.setObjectName("pageTitle")
        font = self._heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self._heading.setFont(font)
        self._body = QLabel()
        self._body.setObjectName("pageDescription")
        self._body.setWordWrap(True)
        self._body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self._heading)
        self._layout.addWidget(self._body)
        self._layout.addStretch(1)

    def describe(self, title: str, description: str) -> None:
        self._heading.setText(title)
        self._body.setText(description)

    def add_content(self, widget: QWidget) -> None:
        """Put a working part (a form, a list) under the description, above the stretch."""
        self._layout.insertWidget(self._layout.count() - 1, widget)

    def description(self) -> str:
        return self._body.text()
