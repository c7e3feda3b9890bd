"""Knowledge base page (知识库): list with search, an editor, and approval for supervisors.

Approve and retire are shown to everyone but enabled only for supervisors; the service checks the
role again, so a stale window cannot approve after the role was removed.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.labels import IP_KIND, label
from app.services import knowledge
from ui.settings.common import MessageLine, show_refusal
from ui.tasks import run_task
from ui.widgets import button_row, fill_table, list_table, page_title, table_beside_editor


class KnowledgeBasePage(QWidget):
    loaded = Signal(int)

    def __init__(self, db, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.rows: list[knowledge.KnowledgeRow] = []
        self.current: knowledge.KnowledgeRow | None = None
        self.can_approve = actor.has_any(knowledge.APPROVE_ROLES)
        self._build()
        self.new_item()
        self.refresh()

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search questions and answers"))
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All"), None)
        for code, text in knowledge.KNOWLEDGE_STATUS.items():
            self.status_filter.addItem(text, code)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.status_filter)

        self.table = list_table([self.tr("Question"), self.tr("Status"), self.tr("IP kind"), self.tr("Tags")], 0)

        self.question = QPlainTextEdit()
        self.question.setTabChangesFocus(True)
        self.answer = QPlainTextEdit()
        self.answer.setTabChangesFocus(True)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("Separate tags with commas"))
        self.ip_kind = QComboBox()
        self.ip_kind.addItem(self.tr("(not stated)"), None)
        for code, text in IP_KIND.items():
            self.ip_kind.addItem(text, code)
        self.state = QLabel("")
        form = QFormLayout()
        form.addRow(self.tr("Question"), self.question)
        form.addRow(self.tr("Answer"), self.answer)
        form.addRow(self.tr("Tags"), self.tags)
        form.addRow(self.tr("IP kind"), self.ip_kind)
        form.addRow(self.tr("Status"), self.state)

        self.new_button = QPushButton(self.tr("New"))
        self.save_button = QPushButton(self.tr("Save"))
        self.approve_button = QPushButton(self.tr("Approve"))
        self.retire_button = QPushButton(self.tr("Retire"))
        buttons = button_row((self.new_button, self.save_button, self.approve_button, self.retire_button))
        self.message = MessageLine()
        split = table_beside_editor(self.table, (form, buttons, self.message))

        title = page_title(self.tr("Knowledge base"), 1.4)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self.search.returnPressed.connect(self.refresh)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._selected)
        self.new_button.clicked.connect(self.new_item)
        self.save_button.clicked.connect(self.save)
        self.approve_button.clicked.connect(self.approve)
        self.retire_button.clicked.connect(self.retire)
        for seq, slot in (("Ctrl+N", self.new_item), ("Ctrl+S", self.save)):
            shortcut = QShortcut(QKeySequence(seq), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # ------------------------------------------------------------------ list
    def refresh(self):
        db, actor = self.db, self.actor
        query, status = self.search.text(), self.status_filter.currentData()
        return run_task(lambda: knowledge.list_items(db, actor, query=query, status=status),
                        on_success=self._show, on_failure=self._failed, parent=self, read_only=True)

    def _show(self, rows) -> None:
        self.rows = list(rows)
        fill_table(self.table, [(r.question, knowledge.KNOWLEDGE_STATUS[r.status], label(IP_KIND, r.ip_kind),
                                 "、".join(r.tags)) for r in self.rows])
        self.loaded.emit(len(self.rows))

    def _selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            self._load(self.rows[row])

    # ------------------------------------------------------------------ editor
    def new_item(self) -> None:
        self.current = None
        self.question.clear()
        self.answer.clear()
        self.tags.clear()
        self.ip_kind.setCurrentIndex(0)
        self.state.setText(knowledge.KNOWLEDGE_STATUS["draft"])
        self.message.clear_message()
        self._update_buttons()
        self.question.setFocus()

    def _load(self, r: knowledge.KnowledgeRow) -> None:
        self.current = r
        self.question.setPlainText(r.question)
        self.answer.setPlainText(r.answer)
        self.tags.setText("，".join(r.tags))
        self.ip_kind.setCurrentIndex(max(0, self.ip_kind.findData(r.ip_kind)))
        approved = f"（{r.approved_by_name}）" if r.approved_by_name else ""
        self.state.setText(knowledge.KNOWLEDGE_STATUS[r.status] + approved)
        self._update_buttons()

    def _update_buttons(self) -> None:
        saved = self.current is not None
        self.approve_button.setEnabled(self.can_approve and saved and self.current.status != "approved")
        self.retire_button.setEnabled(self.can_approve and saved and self.current.status != "retired")
        if not self.can_approve:
            self.approve_button.setToolTip(self.tr("Only a supervisor can approve items"))

    def form_input(self) -> knowledge.KnowledgeInput:
        return knowledge.KnowledgeInput(self.question.toPlainText(), self.answer.toPlainText(),
                                        (self.tags.text(),), self.ip_kind.currentData())

    def save(self):
        db, actor, data = self.db, self.actor, self.form_input()
        current = self.current
        job = ((lambda: knowledge.update_item(db, actor, current.id, data)) if current
               else (lambda: knowledge.create_item(db, actor, data)))
        return run_task(job, on_success=self._saved, on_failure=self._failed, parent=self)

    def approve(self):
        return self._status_change(knowledge.approve_item)

    def retire(self):
        return self._status_change(knowledge.retire_item)

    def _status_change(self, fn):
        if self.current is None:
            return None
        db, actor, item_id = self.db, self.actor, self.current.id
        return run_task(lambda: fn(db, actor, item_id), on_success=self._saved, on_failure=self._failed, parent=self)

    def _saved(self, row: knowledge.KnowledgeRow) -> None:
        self._load(row)
        self.message.success(self.tr("Saved."))
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        show_refusal(exc, self.message, {}, self)
