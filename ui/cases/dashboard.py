"""工作台: my open cases, due within 3 working days, overdue, this month's counts. Each figure is a
button; clicking it shows those cases (`figureChosen` carries the list filter)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.context import Actor
from app.database import Database
from app.services import case_dashboard


class DashboardWidget(QWidget):
    figureChosen = Signal(object)  # CaseFilter

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._today = db, actor, today
        title = self.tr("My cases")  # outside the f-string: lupdate cannot see into one
        self.title = QLabel(f"<b>{title}</b>", self)
        self.grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        board = case_dashboard.dashboard(self._db, self._actor, today=self._today)
        for b in self.buttons.values():
            self.grid.removeWidget(b)
            b.deleteLater()
        self.buttons = {}
        for i, fig in enumerate(board.figures):
            b = QPushButton(f"{fig.count}\n{fig.label}", self)
            b.setObjectName(f"figure_{fig.key}")
            b.setMinimumSize(140, 64)
            if fig.key == "overdue" and fig.count:
                b.setStyleSheet("color: #c0392b; font-weight: bold;")
            b.clicked.connect(lambda _=False, f=fig.filter: self.figureChosen.emit(f))
            self.grid.addWidget(b, i // 3, i % 3)
            self.buttons[fig.key] = b
