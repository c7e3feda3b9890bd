"""援助案件 page: placeholder until the case register is built."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.pages.placeholder import PlaceholderPage


class CasesPage(PlaceholderPage):
    def __init__(self, db: object, actor: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.describe(
            self.tr("Cases"),
            self.tr(
                "Register, decide, handle, close and follow up assistance requests. "
                "Every deadline is counted in official working days."
            ),
        )
