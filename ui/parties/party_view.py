"""当事人 window: a party's details (ID number and phone masked), the cases and consultations it
appears in, its change history, "显示完整信息" for permitted roles and "合并到…" for duplicates.

Reads and writes go through ui.tasks.run_task; the window never holds a clear personal value
unless the privacy service handed it out (and evented it) for this window.
"""
from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QLabel, QMessageBox, QPushButton, QTabWidget,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from app.context import Actor
from app.database import Database
from app.errors import IpaidError
from app.services.parties import MERGE_ROLES, MergeResult, merge_parties
from app.services.party_view import MergePreview, PartyDetail, get_party_detail, merge_preview
from ui.crash import show_failure
from ui.history.history_view import HistoryView
from ui.parties.finder import PartyFinder
from ui.parties.reveal import RevealButton
from ui.settings.common import MessageLine
from ui.tasks import Task, run_task
from ui.widgets import button_row

CASE_ID_ROLE = Qt.ItemDataRole.UserRole


class PartyView(QWidget):
    loaded = Signal()
    caseRequested = Signal(object)  # uuid.UUID of a case to open
    merged = Signal(object, object)  # (dropped party id, kept party id)

    def __init__(self, db: Database, actor: Actor, party_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.party_id = party_id
        self.detail: PartyDetail | None = None
        self.finder: PartyFinder | None = None
        self.setWindowTitle(self.tr("Party"))
        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (("identifier", self.tr("ID number")), ("phone", self.tr("Phone")),
                           ("scale", self.tr("Scale")), ("region", self.tr("Region")),
                           ("contact", self.tr("Contact person")), ("address", self.tr("Address"))):
            value = QLabel(self)
            value.setObjectName(key)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(label, value)
        self.reveal = RevealButton(db, actor, self)
        self.reveal.revealed.connect(self._show_values)
        self.reveal.refused.connect(self._refused)
        self.merge_button = QPushButton(self.tr("Merge into…"), self)
        self.merge_button.setObjectName("merge")
        self.merge_button.clicked.connect(self.start_merge)
        if actor.has_any(MERGE_ROLES):
            self.merge_button.setToolTip(self.tr("This party is a duplicate: move its cases and consultations "
                                                 "to the party to keep."))
        else:
            self.merge_button.setEnabled(False)
            self.merge_button.setToolTip(self.tr("Only a caseworker or a supervisor may merge parties."))
        self.message = MessageLine(self)
        self.cases = self._tree([self.tr("Case no."), self.tr("As"), self.tr("Status"), self.tr("Registered on"),
                                 self.tr("Other party")], "cases")
        self.cases.itemActivated.connect(self._open_item)
        self.consultations = self._tree([self.tr("Date"), self.tr("Topic"), self.tr("Question")], "consultations")
        self.consultations.itemActivated.connect(self._open_item)
        self.history = HistoryView(db, actor, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.cases, self.tr("Cases"))
        self.tabs.addTab(self.consultations, self.tr("Consultations"))
        self.tabs.addTab(self.history, self.tr("Change history"))
        self.tabs.currentChanged.connect(self._tab_changed)
        buttons = button_row((self.reveal, self.merge_button))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.load()

    def _tree(self, headers: list[str], name: str) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName(name)
        tree.setHeaderLabels(headers)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        return tree

    # ------------------------------------------------------------------ showing
    def load(self) -> Task:
        db, actor, pid = self._db, self._actor, self.party_id
        return run_task(lambda: get_party_detail(db, actor, pid), on_success=self._show,
                        on_failure=self._load_failed, parent=self, read_only=True)

    def _show(self, d: PartyDetail) -> None:
        if d.id != self.party_id:  # an answer for the party shown before a merge
            return
        self.detail = d
        self.setWindowTitle(self.tr("Party: {name}").format(name=d.name))
        self.title.setText(f"<b>{d.name}</b>　{d.kind_label}")
        self.reveal.set_fields(("party", d.id, f) for f in d.masked_fields)
        self._show_values()
        self.cases.clear()
        for c in d.cases:
            item = QTreeWidgetItem([c.case_no, c.role_label, c.status_label, c.registered_on.isoformat(),
                                    c.other_party])
            item.setData(0, CASE_ID_ROLE, c.id)
            self.cases.addTopLevelItem(item)
        self.consultations.clear()
        for q in d.consultations:
            item = QTreeWidgetItem([q.started_at.astimezone().strftime("%Y-%m-%d %H:%M"), q.topic_label, q.question])
            item.setData(0, CASE_ID_ROLE, q.case_id)  # a consultation that became a case opens it
            self.consultations.addTopLevelItem(item)
        for tree in (self.cases, self.consultations):
            for col in range(tree.columnCount() - 1):
                tree.resizeColumnToContents(col)
        self.tabs.setTabText(0, self.tr("Cases ({n})").format(n=len(d.cases)))
        self.tabs.setTabText(1, self.tr("Consultations ({n})").format(n=len(d.consultations)))
        if self.tabs.currentWidget() is self.history:
            self.history.show_record("party", d.id)
        self.loaded.emit()

    def _show_values(self) -> None:
        d = self.detail
        if d is None:
            return
        shown = {"identifier": d.identifier, "phone": d.phone, "scale": d.scale_label, "region": d.region,
                 "contact": d.contact, "address": d.address}
        for key, value in shown.items():
            clear = self.reveal.value("party", d.id, key)
            self.values[key].setText((clear if clear is not None else value) or "—")

    def _load_failed(self, exc: BaseException) -> None:
        if isinstance(exc, IpaidError):
            self.message.error(exc.message)
        else:
            show_failure(exc, self)
        self.loaded.emit()

    def _refused(self, message: str) -> None:
        self.message.error(message)

    def _tab_changed(self, index: int) -> None:
        # The history is read only when its tab is opened.
        if self.tabs.widget(index) is self.history:
            self.history.show_record("party", self.party_id)

    def _open_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        case_id = item.data(0, CASE_ID_ROLE)
        if case_id is not None:
            self.caseRequested.emit(case_id)

    def shows_for(self, db: Database, actor: Actor) -> bool:
        return db is self._db and actor == self._actor

    def shown_value(self, key: str) -> str:
        return self.values[key].text()

    # ------------------------------------------------------------------ merging
    def start_merge(self) -> PartyFinder | None:
        """Pick the party this duplicate becomes (the one kept), then confirm with what moves."""
        d = self.detail
        if d is None:
            return None
        self.message.clear_message()
        finder = PartyFinder(self._db, self._actor, self, exclude=d.id,
                             title=self.tr("Merge “{name}” into…").format(name=d.name),
                             choose_text=self.tr("Merge into this party"))
        finder.chosen.connect(self._merge_chosen)
        self.finder = finder
        finder.open()
        return finder

    def _merge_chosen(self, keep_id: uuid.UUID) -> Task:
        db, actor, drop_id = self._db, self._actor, self.party_id
        return run_task(lambda: merge_preview(db, actor, keep_id, drop_id), on_success=self.confirm_merge,
                        on_failure=self._merge_failed, parent=self, read_only=True)

    def confirm_merge(self, p: MergePreview) -> Task | None:
        lines = [
            self.tr("“{drop}” will be merged into “{keep}”.").format(drop=p.drop.name, keep=p.keep.name),
            self.tr("Moving to “{keep}”: {cases} case(s), {consultations} consultation(s), {rights} right(s).")
            .format(keep=p.keep.name, cases=p.cases, consultations=p.consultations, rights=p.rights),
            self.tr("“{drop}” will no longer appear in lists. The merge is recorded in the audit log.")
            .format(drop=p.drop.name),
            "", self.tr("Merge now?"),
        ]
        answer = QMessageBox.question(self, self.tr("Merge parties"), "\n".join(lines))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        db, actor, keep_id, drop_id = self._db, self._actor, p.keep.id, p.drop.id
        self.merge_button.setEnabled(False)
        return run_task(lambda: merge_parties(db, actor, keep_id, drop_id), on_success=self._merged,
                        on_failure=self._merge_failed, parent=self, label=self.tr("Merging parties…"))

    def _merged(self, result: MergeResult) -> None:
        dropped, self.party_id = self.party_id, result.kept.id
        self.merge_button.setEnabled(True)
        self.message.success(self.tr("Merged: {n} case(s) moved to “{name}”.")
                             .format(n=result.cases_moved, name=result.kept.name))
        self.merged.emit(dropped, result.kept.id)
        self.load()

    def _merge_failed(self, exc: BaseException) -> None:
        self.merge_button.setEnabled(self._actor.has_any(MERGE_ROLES))
        if not isinstance(exc, IpaidError):
            show_failure(exc, self)
            return
        self.message.error(exc.message)
        QMessageBox.warning(self, self.tr("Merge parties"), exc.message)
