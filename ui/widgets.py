"""Small widgets that pages across the UI share."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel


def bold_label(text: str = "", scale: float = 1.0, name: str = "") -> QLabel:
    """A bold label `scale` times the normal font size; `name` is its object name (for tests and styles)."""
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def page_title(text: str, scale: float = 1.5) -> QLabel:
    """The heading at the top of a page."""
    return bold_label(text, scale, "pageTitle")
