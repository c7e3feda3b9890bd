"""统计报表 page: placeholder until reports are built."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.pages.placeholder import PlaceholderPage


class ReportsPage(PlaceholderPage):
    def __init__(self, db: object, actor: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.describe(
            self.tr("Reports"),
            self.tr(
                "Monthly, quarterly and annual statistics as PDF and Excel, "
                "for this centre or for all centres."
            ),
        )
