"""One fair complaint from acceptance to outcome (展会知识产权保护办法 Arts. 8–14).

The form shows the complaint, its 24-hour clock (refreshed every half minute, red when overdue),
the materials checklist, and three steps, each saved on its own so a step taken at the booth is on
record at once:
  1. decision — accept (every required material ticked), not accept (with a reason), or ask the
     complainant to supplement (reason defaults to the missing materials);
  2. respondent notified at / answer received at;
  3. outcome (撤展/遮盖/和解/驳回/移交/其他) with the time it was handled.
A refusal from the service appears under the form with the field outlined; nothing typed is lost.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from app.labels import COMPLAINT_OUTCOME, IP_KIND, label
from app.services import fairs
from ui.fairs.clock import clock_text
from ui.settings.common import MessageLine, show_refusal
from ui.tasks import Task, run_task
from ui.widgets import bold_label, button_row

if TYPE_CHECKING:
    from app.context import Actor
    from app.database import Database

CLOCK_TICK_MS = 30_000


def _qdt(value: datetime | None) -> QDateTime:
    if value is None:
        return QDateTime.currentDateTime()
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()))


def _aware(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), tz=timezone.utc)


def _local(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "—"


def _time_edit() -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    return edit


class ComplaintDecisionDialog(QDialog):
    """Decide and follow one complaint; `changed(row)` after every saved step."""

    changed = Signal(object)  # fairs.ComplaintRow
    opinion_wanted = Signal(object)  # fairs.ComplaintRow: the page opens the quick opinion

    def __init__(self, db: Database, actor: Actor, row: fairs.ComplaintRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.row = row
        self.task: Task | None = None  # the last step saved, for tests to wait on
        self.setWindowTitle(self.tr("Complaint {number}").format(number=row.complaint_no))
        self.setMinimumWidth(560)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.clock = bold_label("", 1.3, "complaintClock")
        self.state = QLabel()

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.clock)
        layout.addWidget(self.state)
        layout.addWidget(self._materials_box())
        layout.addWidget(self._decision_box())
        layout.addWidget(self._progress_box())
        self.message = MessageLine()
        self.message.setObjectName("decisionError")
        layout.addWidget(self.message)
        self.opinion_button = QPushButton(self.tr("&Quick opinion…"))
        self.opinion_button.setToolTip(self.tr("Draft and print an on-site reference opinion for this complaint"))
        self.opinion_button.clicked.connect(lambda: self.opinion_wanted.emit(self.row))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.opinion_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        # ValidationError field labels (app/services/fairs.py) → the widget to outline.
        self.fields = {"材料清单": self.materials_group, "不予受理理由": self.reason, "补充材料": self.reason,
                       "通知时间": self.notified, "答辩时间": self.answered, "处理时间": self.handled,
                       "处理结果": self.outcome}

        self.timer = QTimer(self)
        self.timer.setInterval(CLOCK_TICK_MS)
        self.timer.timeout.connect(self._show_clock)
        self.timer.start()
        self.show_row(row)

    # ------------------------------------------------------------------ building
    def _materials_box(self) -> QGroupBox:
        self.materials_group = QGroupBox(self.tr("Materials (exhibition measures, Art. 8)"))
        grid = QGridLayout(self.materials_group)
        self.materials = {key: QCheckBox(text) for key, text in fairs.MATERIALS.items()}
        for i, box in enumerate(self.materials.values()):
            grid.addWidget(box, i // 2, i % 2)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        grid.addWidget(self.missing, 3, 0, 1, 2)
        return self.materials_group

    def _decision_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Decision"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason (required to refuse; for a supplement request, optional)"))
        self.accept_button = QPushButton(self.tr("&Accept"))
        self.refuse_button = QPushButton(self.tr("Not acc&ept"))
        self.supplement_button = QPushButton(self.tr("Ask to &supplement"))
        self.accept_button.clicked.connect(lambda: self.decide(accept=True))
        self.refuse_button.clicked.connect(lambda: self.decide(accept=False))
        self.supplement_button.clicked.connect(lambda: self.decide(accept=None, supplement=True))
        buttons = button_row((self.accept_button, self.refuse_button, self.supplement_button))
        form = QFormLayout(box)
        form.addRow(self.tr("Reason:"), self.reason)
        form.addRow(buttons)
        return box

    def _progress_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Hand-over and outcome"))
        self.notified = _time_edit()
        self.answered = _time_edit()
        self.handled = _time_edit()
        self.outcome = QComboBox()
        for code, text in COMPLAINT_OUTCOME.items():
            self.outcome.addItem(text, code)
        self.notified_button = QPushButton(self.tr("Record &notified"))
        self.answered_button = QPushButton(self.tr("Record ans&wer"))
        self.outcome_button = QPushButton(self.tr("Record o&utcome"))
        self.notified_button.clicked.connect(lambda: self.progress(notified_at=_aware(self.notified.dateTime())))
        self.answered_button.clicked.connect(lambda: self.progress(answer_at=_aware(self.answered.dateTime())))
        self.outcome_button.clicked.connect(lambda: self.progress(outcome=self.outcome.currentData(),
                                                                  handled_at=_aware(self.handled.dateTime())))
        # What is on record, beside each step: the time edits default to now until a time is recorded.
        self.notified_state, self.answered_state, self.outcome_state = QLabel(), QLabel(), QLabel()
        grid = QGridLayout(box)
        states = (self.notified_state, self.answered_state, self.outcome_state)
        rows = [(self.tr("Respondent notified at:"), self.notified, None, self.notified_button),
                (self.tr("Answer received at:"), self.answered, None, self.answered_button),
                (self.tr("Outcome:"), self.outcome, self.handled, self.outcome_button)]
        for i, (text, first, second, button) in enumerate(rows):
            grid.addWidget(QLabel(text), i, 0)
            grid.addWidget(first, i, 1)
            if second is not None:
                grid.addWidget(QLabel(self.tr("handled at")), i, 2)
                grid.addWidget(second, i, 3)
            grid.addWidget(button, i, 4)
            grid.addWidget(states[i], i, 5)
        return box

    # ------------------------------------------------------------------ showing
    def show_row(self, row: fairs.ComplaintRow) -> None:
        self.row = row
        right = f"{label(IP_KIND, row.ip_kind)} {row.right_number}".strip()
        parties = self.tr("Complainant {complainant} · respondent {respondent} (booth {booth}) · {right}").format(
            complainant=row.complainant, respondent=row.respondent_name, booth=row.booth or "—", right=right)
        times = self.tr("Received {received} · time limit {due}").format(received=_local(row.received_at),
                                                                          due=_local(row.due_at))
        self.summary.setText(parties + "\n" + times)
        state = row.status
        if row.not_accepted_reason:
            state = f"{state}：{row.not_accepted_reason}"
        self.state.setText(self.tr("Status: {state}").format(state=state))
        for key, box in self.materials.items():
            box.setChecked(bool(row.materials.get(key)))
        self.missing.setText(self.tr("Missing: {items}").format(items="、".join(row.missing)) if row.missing
                             else self.tr("All required materials present."))
        for edit, value in ((self.notified, row.respondent_notified_at), (self.answered, row.answer_received_at),
                            (self.handled, row.handled_at)):
            edit.setDateTime(_qdt(value))
        if row.outcome:
            self.outcome.setCurrentIndex(max(0, self.outcome.findData(row.outcome)))
        for state, value in ((self.notified_state, row.respondent_notified_at),
                             (self.answered_state, row.answer_received_at), (self.outcome_state, row.handled_at)):
            state.setText(self.tr("recorded") if value else self.tr("not recorded"))
            state.setStyleSheet("color: #1b5e20;" if value else "color: #777;")
        self._show_clock()

    def _show_clock(self) -> None:
        text, colour = clock_text(self.row, datetime.now(timezone.utc))
        self.clock.setText(self.tr("24-hour clock: {clock}").format(clock=text))
        self.clock.setStyleSheet(f"color: {colour.name()};" if colour is not None else "")

    # ------------------------------------------------------------------ steps
    def _materials(self) -> dict:
        return {k: box.isChecked() for k, box in self.materials.items()}

    def decide(self, *, accept: bool | None, supplement: bool = False) -> Task:
        db, actor, cid = self._db, self._actor, self.row.id
        reason, materials = self.reason.text(), self._materials()
        return self._run(lambda: fairs.decide_complaint(db, actor, cid, accept=accept, reason=reason,
                                                        supplement=supplement, materials=materials))

    def progress(self, **values) -> Task:
        db, actor, cid = self._db, self._actor, self.row.id
        return self._run(lambda: fairs.record_progress(db, actor, cid, **values))

    def _run(self, job) -> Task:
        self.message.clear_message()
        self.task = run_task(job, on_success=self._saved, on_failure=self._refused, parent=self)
        return self.task

    def _saved(self, row: fairs.ComplaintRow) -> None:
        self.show_row(row)
        self.message.success(self.tr("Saved."))
        self.changed.emit(row)

    def _refused(self, exc: BaseException) -> None:
        show_refusal(exc, self.message, self.fields, self)
