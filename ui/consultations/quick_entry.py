"""Consultation quick entry (咨询快速登记), built for a phone call and the keyboard alone.

One screen. Tab follows the call: channel → asker → phone → topic → IP kind → question → answer →
knowledge-base suggestions. The start time is filled in when the form opens (Shift+Tab from the
channel reaches it) and the end time is taken when the consultation is first saved.

Keys: Ctrl+N new, Ctrl+S save, Ctrl+I insert the chosen suggestion into the answer (Enter does the
same in the suggestion list), Ctrl+Shift+C turn the consultation into a case.

While the question is typed, approved knowledge-base answers are looked up after a short pause, off
the GUI thread; a late answer for text that has since changed is dropped.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import IpaidError, ValidationError
from app.labels import CHANNEL, IP_KIND, TOPIC, label
from app.services import cases, consultations, knowledge
from ui.crash import show_failure
from ui.tasks import run_task
from ui.widgets import button_row, page_title

# Channels in the order calls come in (the 电话/来访/网络/信函/展会), the default first.
CHANNEL_ORDER = ("phone", "visit", "online", "letter", "fair", "referred")
SUGGEST_DELAY_MS = 350  # typing pause before the knowledge base is asked
RECENT_LIMIT = 30


def _combo(values, *, empty: str | None = None) -> QComboBox:
    box = QComboBox()
    if empty is not None:
        box.addItem(empty, None)
    for code, text in values.items():
        box.addItem(text, code)
    return box


def _aware(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), tz=timezone.utc)


class ConsultationQuickEntry(QWidget):
    """The 咨询 page: quick entry on top, suggestions at the side, today's recent calls below."""

    saved = Signal(object)  # ConsultationRow
    case_created = Signal(object)  # CaseFromConsultation

    def __init__(self, db, actor, parent: QWidget | None = None, *, fair_id: uuid.UUID | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        # The fair preset: consultations at a fair's desk are linked to it, channel 展会, and the
        # recent list shows that fair's only.
        self.fair_id = fair_id
        self.current: consultations.ConsultationRow | None = None
        self._dirty = False
        self._suggestions: list[knowledge.Suggestion] = []
        self._suggest_timer = QTimer(self)
        self._suggest_timer.setSingleShot(True)
        self._suggest_timer.setInterval(SUGGEST_DELAY_MS)
        self._suggest_timer.timeout.connect(self.look_up_suggestions)
        self._build()
        self._wire()
        self.new_consultation(ask=False)
        self.refresh_recent()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        title = page_title(self.tr("Consultation quick entry"), 1.4)
        keys = QLabel(self.tr("Ctrl+N new · Ctrl+S save · Ctrl+I insert suggestion · Ctrl+Shift+C turn into a case"))
        keys.setObjectName("keyHelp")

        self.started = QDateTimeEdit()
        self.started.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.started.setCalendarPopup(False)
        self.channel = _combo({c: CHANNEL[c] for c in CHANNEL_ORDER if c in CHANNEL})
        self.asker = QLineEdit()
        self.asker.setPlaceholderText(self.tr("Name of the person or company (may stay empty)"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("Mobile or landline with area code"))
        self.topic = _combo(TOPIC)
        self.ip_kind = _combo(IP_KIND, empty=self.tr("(not stated)"))
        self.question = QPlainTextEdit()
        self.question.setTabChangesFocus(True)
        self.question.setPlaceholderText(self.tr("What the caller asks; matching answers appear on the right"))
        self.answer = QPlainTextEdit()
        self.answer.setTabChangesFocus(True)
        self.answer.setPlaceholderText(self.tr("The guidance given"))
        self.handler = QLabel(self.actor.display_name)
        self.ended = QLabel(self.tr("taken when saved"))
        self.case_label = QLabel("")

        form = QFormLayout()
        form.addRow(self.tr("Time started"), self.started)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Asker"), self.asker)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Topic"), self.topic)
        form.addRow(self.tr("IP kind"), self.ip_kind)
        form.addRow(self.tr("Question"), self.question)
        form.addRow(self.tr("Answer"), self.answer)
        form.addRow(self.tr("Handled by"), self.handler)
        form.addRow(self.tr("Time ended"), self.ended)
        form.addRow(self.tr("Case"), self.case_label)

        self.new_button = QPushButton(self.tr("New (Ctrl+N)"))
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.case_button = QPushButton(self.tr("Turn into a case (Ctrl+Shift+C)"))
        self.promote_button = QPushButton(self.tr("Add to knowledge base"))
        for b in (self.new_button, self.save_button, self.case_button, self.promote_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys do this work; Tab stays on the call's fields
        buttons = button_row((self.new_button, self.save_button, self.case_button, self.promote_button))
        self.status = QLabel("")
        self.status.setObjectName("status")
        self.status.setWordWrap(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.status)

        self.suggestion_list = QListWidget()
        self.suggestion_list.setObjectName("suggestions")
        self.suggestion_preview = QTextBrowser()
        self.suggestion_preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.insert_button = QPushButton(self.tr("Insert into answer (Ctrl+I)"))
        self.insert_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("Knowledge base suggestions")))
        right_layout.addWidget(self.suggestion_list, 2)
        right_layout.addWidget(self.suggestion_preview, 3)
        right_layout.addWidget(self.insert_button)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(left)
        top.addWidget(right)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)

        self.recent = QTableWidget(0, 6)
        self.recent.setObjectName("recent")
        self.recent.setHorizontalHeaderLabels([
            self.tr("Started"), self.tr("Channel"), self.tr("Asker"), self.tr("Topic"), self.tr("Question"),
            self.tr("Case"),
        ])
        self.recent.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.recent.verticalHeader().setVisible(False)
        self.recent.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recent.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.recent.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.recent.setMaximumHeight(180)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(keys)
        layout.addWidget(top, 1)
        layout.addWidget(QLabel(self.tr("Recent consultations")))
        layout.addWidget(self.recent)

        # The call's order; the suggestion list closes the chain so Enter there inserts an answer.
        chain = [self.started, self.channel, self.asker, self.phone, self.topic, self.ip_kind,
                 self.question, self.answer, self.suggestion_list]
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)
        self.field_widgets = {
            "开始时间": self.started, "结束时间": self.started, "咨询渠道": self.channel, "咨询人": self.asker,
            "联系电话": self.phone, "咨询主题": self.topic, "知识产权类型": self.ip_kind,
            "咨询问题": self.question, "答复": self.answer,
        }

    def _wire(self) -> None:
        def key(seq: str, slot) -> QShortcut:
            shortcut = QShortcut(QKeySequence(seq), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            return shortcut

        self.shortcuts = {
            "new": key("Ctrl+N", self.new_consultation), "save": key("Ctrl+S", self.save),
            "insert": key("Ctrl+I", self.insert_suggestion), "case": key("Ctrl+Shift+C", self.turn_into_case),
        }
        self.new_button.clicked.connect(self.new_consultation)
        self.save_button.clicked.connect(self.save)
        self.case_button.clicked.connect(self.turn_into_case)
        self.promote_button.clicked.connect(self.promote)
        self.insert_button.clicked.connect(self.insert_suggestion)
        self.suggestion_list.currentRowChanged.connect(self._preview)
        self.suggestion_list.itemActivated.connect(lambda _item: self.insert_suggestion())
        self.question.textChanged.connect(self._suggest_timer.start)
        for w in (self.asker, self.phone):
            w.textEdited.connect(self._mark_dirty)
        for w in (self.question, self.answer):
            w.textChanged.connect(self._mark_dirty)
        for w in (self.channel, self.topic, self.ip_kind):
            w.currentIndexChanged.connect(self._mark_dirty)
        self.started.dateTimeChanged.connect(self._mark_dirty)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Enter on the suggestion list inserts (QListWidget's own Enter only "activates" on some styles).
        if self.suggestion_list.hasFocus() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.insert_suggestion()
            return
        super().keyPressEvent(event)

    def set_fair(self, fair_id: uuid.UUID | None) -> None:
        """Switch the preset to another fair (the fair page's choice changed); a new form follows."""
        if fair_id == self.fair_id:
            return
        self.fair_id = fair_id
        self.new_consultation(ask=False)
        self.refresh_recent()

    # ------------------------------------------------------------------ state
    def _mark_dirty(self, *_args) -> None:
        self._dirty = True

    def is_dirty(self) -> bool:
        return self._dirty

    def new_consultation(self, ask: bool = True) -> None:
        if ask and self._dirty and (self.question.toPlainText().strip() or self.answer.toPlainText().strip()):
            choice = QMessageBox.question(self, self.tr("New consultation"),
                                          self.tr("The consultation on screen is not saved. Discard it?"))
            if choice != QMessageBox.StandardButton.Yes:
                return
        self.current = None
        self.started.setDateTime(QDateTime.currentDateTime())
        self.channel.setCurrentIndex(max(0, self.channel.findData("fair" if self.fair_id else "phone")))
        self.topic.setCurrentIndex(0)
        self.ip_kind.setCurrentIndex(0)
        for w in (self.asker, self.phone):
            w.clear()
        for w in (self.question, self.answer):
            w.clear()
        self.ended.setText(self.tr("taken when saved"))
        self.case_label.setText("")
        self._show_suggestions([])
        self._set_status("")
        self._dirty = False
        self._update_buttons()
        self.channel.setFocus()

    def _update_buttons(self) -> None:
        has_case = bool(self.current and self.current.case_id)
        self.case_button.setEnabled(not has_case)
        self.shortcuts["case"].setEnabled(not has_case)
        self.promote_button.setEnabled(self.current is not None)

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")

    def form_input(self) -> consultations.ConsultationInput:
        return consultations.ConsultationInput(
            started_at=_aware(self.started.dateTime()),
            ended_at=self.current.ended_at if self.current else None,
            channel=self.channel.currentData(), topic=self.topic.currentData(), ip_kind=self.ip_kind.currentData(),
            asker_name=self.asker.text(), asker_phone=self.phone.text(),
            question=self.question.toPlainText(), answer=self.answer.toPlainText(),
            handled_by=self.current.handled_by if self.current else None,
            fair_id=self.current.fair_id if self.current else self.fair_id,
        )

    # ------------------------------------------------------------------ saving
    def _save_job(self, data: consultations.ConsultationInput):
        db, actor, current = self.db, self.actor, self.current
        if current is None:
            return lambda: consultations.record_consultation(db, actor, data)
        return lambda: consultations.update_consultation(db, actor, current.id, data)

    def save(self):
        """Save the form (a new record the first time, an update afterwards); returns the task."""
        return run_task(self._save_job(self.form_input()), on_success=self._saved, on_failure=self._failed,
                        parent=self)

    def _saved(self, row: consultations.ConsultationRow) -> None:
        self.current = row
        self._dirty = False
        if row.ended_at:
            self.ended.setText(row.ended_at.astimezone().strftime("%Y-%m-%d %H:%M"))
        self.case_label.setText(row.case_no)
        self._update_buttons()
        self._set_status(self.tr("Saved at {time}.").format(time=datetime.now().strftime("%H:%M:%S")))
        self.saved.emit(row)
        self.refresh_recent()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self._set_status(exc.message, error=True)
            widget = self.field_widgets.get(exc.field or "")
            if widget is not None:
                widget.setFocus()
        elif isinstance(exc, IpaidError):
            self._set_status(exc.message, error=True)
        else:
            show_failure(exc, self)

    # ------------------------------------------------------------------ into a case / knowledge base
    def turn_into_case(self, confirmed: bool = False):
        """Save what is on screen if needed, then register the case; one keystroke for the user.
        Earlier cases against the asker are shown first and the user confirms (as at registration)."""
        if self.current is not None and self.current.case_id:
            return None
        db, actor = self.db, self.actor
        save = self._save_job(self.form_input()) if (self._dirty or self.current is None) else None
        current_id = self.current.id if self.current else None

        def job():
            row = save() if save else None
            consultation_id = row.id if row else current_id
            try:
                made = consultations.consultation_to_case(db, actor, consultation_id, confirmed=confirmed)
            except cases.ConflictsNeedConfirmation as conflicts:
                # The consultation is saved either way; the case waits for the user's answer.
                return None, consultations.get_consultation(db, actor, consultation_id), conflicts
            return made, consultations.get_consultation(db, actor, consultation_id), None

        return run_task(job, on_success=self._case_made, on_failure=self._failed, parent=self)

    def _case_made(self, result) -> None:
        made, row, conflicts = result
        self._saved(row)
        if conflicts is not None:
            question = self.tr("{conflicts} Register the case anyway?")
            answer = QMessageBox.question(self, self.tr("Turn into a case"),
                                          question.format(conflicts=conflicts.message))
            if answer == QMessageBox.StandardButton.Yes:
                self.turn_into_case(confirmed=True)
            return
        self._set_status(self.tr("Case {number} registered; acceptance decision due {due}.").format(
            number=made.case_no, due=made.decision_due_on.isoformat()))
        self.case_created.emit(made)

    def promote(self):
        if self.current is None:
            return None
        db, actor, cid = self.db, self.actor, self.current.id
        return run_task(lambda: knowledge.promote_consultation(db, actor, cid),
                        on_success=lambda _item: self._set_status(
                            self.tr("Added to the knowledge base as a draft; a supervisor approves it.")),
                        on_failure=self._failed, parent=self)

    # ------------------------------------------------------------------ suggestions
    def look_up_suggestions(self):
        text = self.question.toPlainText().strip()
        if len(text) < 2:
            self._show_suggestions([])
            return None
        db, actor = self.db, self.actor
        return run_task(lambda: (text, knowledge.suggest(db, actor, text)), on_success=self._suggested,
                        on_failure=lambda exc: None, parent=self, read_only=True)

    def _suggested(self, result) -> None:
        text, found = result
        if text != self.question.toPlainText().strip():
            return  # the question changed meanwhile; a newer look-up is on its way
        self._show_suggestions(found)

    def _show_suggestions(self, found: list) -> None:
        self._suggestions = list(found)
        self.suggestion_list.clear()
        for s in self._suggestions:
            item = QListWidgetItem(s.question)
            item.setToolTip(s.answer)
            self.suggestion_list.addItem(item)
        if self._suggestions:
            self.suggestion_list.setCurrentRow(0)
        else:
            self.suggestion_preview.clear()

    def _preview(self, row: int) -> None:
        if 0 <= row < len(self._suggestions):
            s = self._suggestions[row]
            self.suggestion_preview.setPlainText(f"{s.question}\n\n{s.answer}")

    def suggestions(self) -> list:
        return list(self._suggestions)

    def insert_suggestion(self) -> None:
        row = self.suggestion_list.currentRow()
        if not (0 <= row < len(self._suggestions)):
            return
        answer = self._suggestions[row].answer
        existing = self.answer.toPlainText().rstrip()
        self.answer.setPlainText(f"{existing}\n{answer}" if existing else answer)
        self.answer.setFocus()
        self.answer.moveCursor(self.answer.textCursor().MoveOperation.End)

    # ------------------------------------------------------------------ recent list
    def refresh_recent(self):
        db, actor, fair_id = self.db, self.actor, self.fair_id
        return run_task(lambda: consultations.list_consultations(db, actor, limit=RECENT_LIMIT, fair_id=fair_id),
                        on_success=self._show_recent, on_failure=lambda exc: None, parent=self, read_only=True)

    def _show_recent(self, rows) -> None:
        self.recent.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = (r.started_at.astimezone().strftime("%m-%d %H:%M"), label(CHANNEL, r.channel), r.asker_name,
                      label(TOPIC, r.topic), r.question.replace("\n", " ")[:80], r.case_no)
            for j, value in enumerate(values):
                self.recent.setItem(i, j, QTableWidgetItem(value))
