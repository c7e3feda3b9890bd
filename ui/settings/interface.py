"""界面: choices kept on this computer (QSettings), not in the database: the interface language."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ui import config

# Each language is named in itself, as language pickers do, so anyone can find their own.
LANGUAGE_CHOICES = (("zh_CN", "简体中文"), ("en", "English"))


class InterfaceTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        for code, name in LANGUAGE_CHOICES:
            self.language_combo.addItem(name, code)
        current = self.language_combo.findData(config.LANGUAGE.read())
        self.language_combo.setCurrentIndex(max(current, 0))
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.restart_note = QLabel()
        self.restart_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language_combo)
        form.addRow(self.restart_note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

    def _language_chosen(self, index: int) -> None:
        config.LANGUAGE.write(self.language_combo.itemData(index))
        # Translations are loaded once at start; swapping them live would leave half the widgets stale.
        self.restart_note.setText(self.tr("The new language takes effect when IPAid Desk is started again."))
