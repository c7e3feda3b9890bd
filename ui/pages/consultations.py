"""咨询 page: placeholder until the consultation log is built."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.pages.placeholder import PlaceholderPage


class ConsultationsPage(PlaceholderPage):
    def __init__(self, db: object, actor: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.describe(
            self.tr("Consultations"),
            self.tr(
                "Log consultations by visit, phone, online platform or letter. "
                "A consultation can become a case in one step."
            ),
        )
