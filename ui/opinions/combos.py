"""Combo boxes whose items carry glossary codes (the text is the translated name, the data the code)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from ui.opinions.labels import show


def code_combo(names: dict[str, str], parent: QWidget | None = None, *, empty: str | None = None,
               codes: list[str] | None = None) -> QComboBox:
    """A combo of `names` (code → English source) in order; with `empty`, a first item meaning "not chosen"."""
    combo = QComboBox(parent)
    if empty is not None:
        combo.addItem(empty, None)
    for code in codes or list(names):
        combo.addItem(show(names, code), code)
    return combo


def combo_code(combo: QComboBox) -> str | None:
    return combo.currentData()


def set_combo_code(combo: QComboBox, code: str | None) -> None:
    """Select the item carrying `code`; an unknown code is added as-is, so nothing stored is lost."""
    index = combo.findData(code)
    if index < 0 and code is not None:
        combo.addItem(code, code)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))


def not_judged() -> str:
    """The text of the "not chosen yet" item of a judgement combo."""
    return QCoreApplication.translate("OpinionLabels", "Not judged")
