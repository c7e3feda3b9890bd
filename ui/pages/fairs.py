"""展会服务 page: the fair (exhibitors, complaints with their 24-hour clocks, patrol notes) and the
offline work — kits out, return bundles in, conflicts to settle (ui/fairs, ui/sync)."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.context import Actor
from app.database import Database
from ui.fairs.fair_page import FairPage
from ui.sync.sync_page import SyncPage


class FairsPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self.fair = FairPage(db, actor, self.tabs)
        self.tabs.addTab(self.fair, self.tr("Fair"))
        self.sync = SyncPage(db, actor, self.tabs)
        self.tabs.addTab(self.sync, self.tr("Kits and bundles"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
