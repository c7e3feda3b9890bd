"""The parties line of a case window: applicant and opposing party with their ID number and phone
masked (the service sends nothing else), each name a link to the party's window, and "显示完整信息"
for permitted roles, which asks app.privacy.unmask for the clear values."""
from __future__ import annotations

import html
import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.context import Actor
from app.database import Database
from app.services.parties import PartyRow
from ui.parties.reveal import RevealButton
from ui.settings.common import MessageLine


def case_opener(widget: QWidget):
    """The nearest enclosing widget's `open_case` (the case list page owns the case windows), so a
    case picked in a party window opens — or comes to the front — the way the list opens it."""
    w = widget.parentWidget()
    while w is not None:
        opener = getattr(w, "open_case", None)
        if callable(opener):
            return opener
        w = w.parentWidget()
    return None


class CasePartiesBox(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self._parties: list[tuple[str, PartyRow]] = []
        self.label = QLabel(self)
        self.label.setObjectName("parties")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.linkActivated.connect(lambda href: self.open_party(uuid.UUID(href)))
        self.reveal = RevealButton(db, actor, self)
        self.reveal.revealed.connect(self._render)
        self.message = MessageLine(self)
        self.reveal.refused.connect(self.message.error)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reveal)
        layout.addWidget(self.message)

    def show_parties(self, applicant: PartyRow, opposing: PartyRow | None) -> None:
        self._parties = [("applicant", applicant)] + ([("opposing", opposing)] if opposing else [])
        # Only what the mask hides can be shown in full (a credit code is shown whole already).
        self.reveal.set_fields([("party", p.id, f) for _role, p in self._parties for f in p.masked_fields])
        self._render()

    def _shown(self, p: PartyRow, field: str) -> str:
        clear = self.reveal.value("party", p.id, field)
        return clear if clear is not None else getattr(p, field)

    def _render(self) -> None:
        titles = {"applicant": self.tr("Applicant"), "opposing": self.tr("Opposing party")}
        names = {"identifier": self.tr("ID"), "phone": self.tr("Phone")}
        parts = []
        for role, p in self._parties:
            extra = "".join(f"&nbsp;&nbsp;&nbsp;{names[f]} {html.escape(v)}" for f in names if (v := self._shown(p, f)))
            parts.append(f'{titles[role]}：<a href="{p.id}">{html.escape(p.name)}</a>{extra}')
        if len(self._parties) == 1:
            parts.append(f"{titles['opposing']}：—")
        self.label.setText("<br>".join(parts))  # one party a line

    def shown_text(self) -> str:
        """The line as a user reads it (no markup)."""
        doc = QTextDocument()
        doc.setHtml(self.label.text())
        return doc.toPlainText()

    def open_party(self, party_id: uuid.UUID):
        from ui.parties.windows import open_party

        return open_party(self, self._db, self._actor, party_id, open_case=case_opener(self))
