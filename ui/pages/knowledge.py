"""知识库 page: placeholder until the knowledge base is built."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.pages.placeholder import PlaceholderPage


class KnowledgePage(PlaceholderPage):
    def __init__(self, db: object, actor: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.describe(
            self.tr("Knowledge base"),
            self.tr(
                "Questions and answers gathered from consultations and cases, "
                "searchable by words and by pinyin initials."
            ),
        )
