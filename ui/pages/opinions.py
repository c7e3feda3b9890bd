"""侵权判定意见 page: placeholder until opinions are built."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.pages.placeholder import PlaceholderPage


class OpinionsPage(PlaceholderPage):
    def __init__(self, db: object, actor: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.describe(
            self.tr("Opinions"),
            self.tr(
                "Draft infringement opinions with feature comparison tables, send them for review, "
                "and issue them as numbered, locked PDF documents."
            ),
        )
