"""展会服务 page: placeholder until fair work is built."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.pages.placeholder import PlaceholderPage


class FairsPage(PlaceholderPage):
    def __init__(self, db: object, actor: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.describe(
            self.tr("Trade fairs"),
            self.tr(
                "Prepare fair kits for offline laptops, take complaints and patrol notes at the fair, "
                "and import the return bundles."
            ),
        )
