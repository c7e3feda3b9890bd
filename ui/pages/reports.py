"""统计报表 page: the period reports (ui/reports) and, for those allowed, the ledger import
wizard (ui/ledger) — both are a supervisor's work with figures."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.context import Actor
from app.database import Database
from ui.ledger.wizard import LedgerImportWizard
from ui.reports.page import ReportsPage as _PeriodReports


class ReportsPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self.reports = _PeriodReports(db, actor, self.tabs)
        self.tabs.addTab(self.reports, self.tr("Reports"))
        if actor.has_any({"admin", "supervisor"}):
            self.ledger = LedgerImportWizard(db, actor, self.tabs)
            self.tabs.addTab(self.ledger, self.tr("Ledger import"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
