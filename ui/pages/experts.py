"""专家与合作单位 page: placeholder until the expert and institution registers are built."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.pages.placeholder import PlaceholderPage


class ExpertsPage(PlaceholderPage):
    def __init__(self, db: object, actor: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.describe(
            self.tr("Experts & institutions"),
            self.tr(
                "Keep the expert pool and the cooperating institutions: law firms, patent agencies, "
                "appraisal and mediation bodies, courts and administrative departments."
            ),
        )
