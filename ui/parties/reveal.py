"""The "显示完整信息" button: shows masked personal fields in full through app.privacy.unmask.

Only roles the privacy service permits get an enabled button (the others see it disabled, with the
reason as tooltip); the service checks again and events every showing. Clear values are kept by the
button, so they stay shown until its window closes — a reload of the window does not mask them again.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from app.context import Actor
from app.database import Database
from app.errors import IpaidError
from app.privacy import may_unmask, unmask
from ui.crash import show_failure
from ui.tasks import Task, run_task

FieldKey = tuple[str, uuid.UUID, str]  # (table, record id, field)


class RevealButton(QPushButton):
    revealed = Signal()  # the clear values arrived: owners redraw with `value()`
    refused = Signal(str)  # the service's message

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reveal")
        self._db, self._actor = db, actor
        self.permitted = may_unmask(actor)
        self._fields: tuple[FieldKey, ...] = ()
        self._clear: dict[FieldKey, str] = {}
        self.clicked.connect(self.reveal)
        if self.permitted:
            self.setToolTip(self.tr("Shows the full ID number and phone until this window closes; "
                                    "each showing is recorded in the audit log."))
        else:
            self.setToolTip(self.tr("Only a supervisor or an administrator may see personal data in full."))
        self._refresh()

    def set_fields(self, fields: Iterable[FieldKey]) -> None:
        """The masked fields now on screen (set again after every reload)."""
        self._fields = tuple(fields)
        self._refresh()

    def value(self, table: str, record_id: uuid.UUID, field: str) -> str | None:
        """The clear value once shown, else None (show the masked one)."""
        return self._clear.get((table, record_id, field))

    def reveal(self) -> Task | None:
        todo = [f for f in self._fields if f not in self._clear]
        if not todo:
            return None
        db, actor = self._db, self._actor
        self.setEnabled(False)
        # One service call per field: each showing is its own event, as privacy.unmask records it.
        return run_task(lambda: {f: unmask(db, actor, *f) for f in todo},
                        on_success=self._got, on_failure=self._failed, parent=self)

    def _got(self, values: dict[FieldKey, str]) -> None:
        self._clear.update(values)
        self._refresh()
        self.revealed.emit()

    def _failed(self, exc: BaseException) -> None:
        self._refresh()
        if isinstance(exc, IpaidError):
            self.refused.emit(exc.message)
        else:
            show_failure(exc, self)

    def _refresh(self) -> None:
        hidden = [f for f in self._fields if f not in self._clear]
        self.setVisible(bool(self._fields))
        self.setEnabled(self.permitted and bool(hidden))
        self.setText(self.tr("Show in full") if hidden or not self._fields else self.tr("Shown in full"))
