"""设置 page: for now only the interface language; centre settings, users and backups come later."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from ui import config
from ui.pages.placeholder import PlaceholderPage

# Each language is named in itself, as language pickers do, so anyone can find their own.
LANGUAGE_CHOICES = (("zh_CN", "简体中文"), ("en", "English"))


class SettingsPage(PlaceholderPage):
    def __init__(self, db: object, actor: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.describe(
            self.tr("Settings"),
            self.tr(
                "Centre settings, users and roles, the working-day calendar and backups will come here."
            ),
        )
        box = QGroupBox(self.tr("Interface"))
        form = QFormLayout(box)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        for code, name in LANGUAGE_CHOICES:
            self.language_combo.addItem(name, code)
        current = self.language_combo.findData(config.LANGUAGE.read())
        self.language_combo.setCurrentIndex(max(current, 0))
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.restart_note = QLabel()
        self.restart_note.setWordWrap(True)
        form.addRow(self.tr("Language:"), self.language_combo)
        form.addRow(self.restart_note)
        self.add_content(box)

    def _language_chosen(self, index: int) -> None:
        config.LANGUAGE.write(self.language_combo.itemData(index))
        # Translations are loaded once at start; swapping them live would leave half the widgets stale.
        self.restart_note.setText(self.tr("The new language takes effect when IPAid Desk is started again."))
