"""One case: header with status and "剩余N个工作日" / overdue marker, the timeline, and a button per
action the status allows; each button opens a form that calls app.services.case_steps.

The case is read off the GUI thread (ui.tasks.run_task) when the window opens and after each step;
meanwhile the header says "正在加载…" (first time) and the action buttons are disabled, so nothing
is started on a case version about to be replaced."""
from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog, QTabWidget, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from app.context import Actor
from app.database import Database
from app.errors import IpaidError
from app.labels import (CASE_STATUS, CHANNEL, DISPUTE_TYPE, IP_KIND, MEDIATION_RESULT, OUTCOME, REFERRAL_TARGET,
                        SATISFACTION)
from app.services import case_steps, cases
from ui.cases.case_changes import add_change_buttons, registration_text
from ui.cases.forms import Field, StepDialog
from ui.cases.reassign_dialog import caseworkers
from ui.crash import show_failure
from ui.parties.case_parties import CasePartiesBox
from ui.settings.common import MessageLine
from ui.tasks import Task, run_task

ACTION_ORDER = ("request_supplement", "receive_supplement", "withdraw", "accept", "refuse", "log", "refer",
                "mediate", "close", "follow_up", "archive")


class CaseView(QWidget):
    changed = Signal(object)  # CaseHead after a step
    loaded = Signal()         # a read of the case ended (shown, or its refusal shown)

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._case_id, self._today = db, actor, case_id, today
        self.detail: cases.CaseDetail | None = None
        self.dialog: StepDialog | None = None
        self.loading = False          # a read of the case is running
        self._reload_wanted = False   # asked again meanwhile: read once more when it ends
        self.header = QLabel(self)
        self.header.setObjectName("header")
        self.deadline = QLabel(self)
        self.deadline.setObjectName("deadline")
        self.parties = CasePartiesBox(db, actor, self)  # names open the party; 显示完整信息
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.summary = QLabel(self)  # services asked for and the summary, as registered (or edited)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.timeline = QTreeWidget(self)
        self.timeline.setObjectName("timeline")
        self.timeline.setHeaderLabels([self.tr("Date"), self.tr("By"), self.tr("Step")])
        self.timeline.setRootIsDecorated(False)
        self.buttons_row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.deadline)
        self.message = MessageLine(self)  # why the case could not be read
        self.message.setObjectName("message")
        layout.addWidget(self.message)
        layout.addWidget(self.parties)
        layout.addWidget(self.facts)
        layout.addWidget(self.summary)
        # Timeline (the steps) and the change history (who changed which field, from the audit
        # events); the history is read only when its tab is opened.
        from ui.history.history_view import HistoryView

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.history = HistoryView(db, actor, self.tabs)
        self.tabs.addTab(self.history, self.tr("Change history"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self.buttons_row)
        self.reload()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.history:
            self.history.show_record("assist_case", self._case_id)

    # ------------------------------------------------------------------ showing
    def reload(self) -> None:
        """Read the case again off the GUI thread; `loaded` fires when it is shown."""
        if self.loading:
            self._reload_wanted = True
            return
        self.loading = True
        if self.detail is None:
            self.header.setText(self.tr("Loading…"))
        for b in self.buttons.values():
            b.setEnabled(False)
        db, actor, case_id, today = self._db, self._actor, self._case_id, self._today
        run_task(lambda: cases.get_case(db, actor, case_id, today=today),
                 on_success=self._arrived, on_failure=self._load_failed, parent=self, read_only=True)

    def _read_again(self) -> bool:
        """When a read ends: if a reload was asked for meanwhile (a step ended, so this answer may
        predate it), start it and say so; the answer is then not shown."""
        self.loading = False
        if not self._reload_wanted:
            return False
        self._reload_wanted = False
        self.reload()
        return True

    def _arrived(self, d: cases.CaseDetail) -> None:
        if self._read_again():
            return
        self.message.clear_message()
        self._show(d)
        self.loaded.emit()

    def _load_failed(self, exc: BaseException) -> None:
        if self._read_again():
            return
        if isinstance(exc, IpaidError):  # e.g. deleted or not visible to this user: said in the window
            self.message.error(exc.message)
            if self.detail is None:
                self.header.setText("")
        else:
            show_failure(exc, self)
        if self.detail is not None:
            self._rebuild_buttons(self.detail)  # the buttons as they were
        self.loaded.emit()

    def _show(self, d: cases.CaseDetail) -> None:
        self.detail = d
        self.setWindowTitle(d.case_no)
        self.header.setText(f"<b>{d.case_no}</b>　{CASE_STATUS[d.status]}")
        if d.countdown is not None:
            colour = "#c0392b" if d.countdown.overdue else "#2c3e50"
            text = f"{d.countdown.text}（{d.countdown.due_on.isoformat()}）"
            if d.countdown.fallback_notice:
                text += "　" + d.countdown.fallback_notice
            self.deadline.setText(f'<span style="color:{colour}">{text}</span>')
            self.deadline.setProperty("overdue", d.countdown.overdue)
        else:
            self.deadline.setText("")
            self.deadline.setProperty("overdue", False)
        rights = "；".join(f"{IP_KIND[r.kind]} {r.number}".strip() for r in d.rights)
        # tr() outside the f-strings: lupdate cannot see into one.
        assignee = self.tr("Assignee")
        self.parties.show_parties(d.applicant, d.opposing)
        self.facts.setText(
            f"{rights}　{DISPUTE_TYPE[d.dispute_type]}　{CHANNEL[d.channel]}　{d.registered_on.isoformat()}"
            + (f"\n{assignee}：{d.assignee_name}" if d.assignee_name else ""))
        self.summary.setText(registration_text(self, d))
        self.timeline.clear()
        for e in d.timeline:
            self.timeline.addTopLevelItem(QTreeWidgetItem([e.on.isoformat(), e.actor_name, e.text]))
        self._rebuild_buttons(d)

    def timeline_texts(self) -> list[str]:
        return [self.timeline.topLevelItem(i).text(2) for i in range(self.timeline.topLevelItemCount())]

    def _rebuild_buttons(self, d: cases.CaseDetail) -> None:
        for b in self.buttons.values():
            self.buttons_row.removeWidget(b)
            b.deleteLater()
        self.buttons = {}
        allowed = set(d.actions)
        for action in ACTION_ORDER:
            if action in allowed:
                b = QPushButton(self._action_title(action), self)
                b.setObjectName(f"action_{action}")
                b.clicked.connect(lambda _=False, a=action: self.start_action(a))
                self.buttons_row.addWidget(b)
                self.buttons[action] = b
        for kind, text in (("acceptance", self.tr("Acceptance notice")), ("refusal", self.tr("Refusal notice")),
                           ("supplement", self.tr("Supplement notice"))):
            if self._notice_possible(d, kind):
                b = QPushButton(text, self)
                b.setObjectName(f"notice_{kind}")
                b.clicked.connect(lambda _=False, k=kind: self.save_notice(k))
                self.buttons_row.addWidget(b)
                self.buttons[f"notice_{kind}"] = b
        add_change_buttons(self, d)  # 修改登记信息 / 更换承办人 (ui/cases/case_changes.py)

    @staticmethod
    def _notice_possible(d: cases.CaseDetail, kind: str) -> bool:
        if kind == "acceptance":
            return d.status in ("accepted", "closed", "followed_up", "archived") and d.decided_on is not None
        if kind == "refusal":
            return d.status == "refused"
        return d.supplement_requested_on is not None

    def _action_title(self, action: str) -> str:
        return {
            "request_supplement": self.tr("Ask to supplement"), "receive_supplement": self.tr("Supplement received"),
            "withdraw": self.tr("Treat as withdrawn"), "accept": self.tr("Accept"), "refuse": self.tr("Refuse"),
            "log": self.tr("Log entry"), "refer": self.tr("Refer"), "mediate": self.tr("Mediation"),
            "close": self.tr("Close"), "follow_up": self.tr("Follow-up visit"), "archive": self.tr("Archive"),
        }[action]

    # ------------------------------------------------------------------ acting
    def _fields(self, action: str) -> list[Field]:
        today = self._today or date.today()
        on = Field("on", self.tr("Date"), "date", default=today)
        if action == "request_supplement":
            return [Field("materials", self.tr("Materials to supplement"), "multiline"), on]
        if action == "receive_supplement":
            return [on, Field("note", self.tr("Note"))]
        if action == "withdraw":
            return [on]
        if action == "accept":  # the caseworkers are read when the form opens
            db, actor = self._db, self._actor
            assignee = Field("assignee_id", self.tr("Assignee"), "choice", default=actor.user_id,
                             load=lambda: caseworkers(db, actor))
            return [assignee, on, Field("note", self.tr("Note"))]
        if action == "refuse":
            return [Field("reason", self.tr("Reason"), "multiline"), on]
        if action == "log":
            return [Field("text", self.tr("Entry"), "multiline"), on]
        if action == "refer":
            return [Field("target", self.tr("Referred to"), "choice", list(REFERRAL_TARGET.items())),
                    Field("institution_name", self.tr("Institution")), on, Field("note", self.tr("Note"))]
        if action == "mediate":
            results = [(None, "—")] + list(MEDIATION_RESULT.items())
            return [Field("started_on", self.tr("Started on"), "date", default=today),
                    Field("result", self.tr("Result"), "choice", results),
                    Field("judicial_confirmation", self.tr("Judicial confirmation"), "check"),
                    Field("mediator", self.tr("Mediator"))]
        if action == "close":
            return [Field("outcome", self.tr("Outcome"), "choice", list(OUTCOME.items())), on,
                    Field("note", self.tr("Note"))]
        if action == "follow_up":
            scores = [(label, f"{label}（{score}）") for label, score in SATISFACTION.items()]
            return [Field("satisfaction", self.tr("Satisfaction (label or 0–100)"), "choice", scores, editable=True),
                    on, Field("method", self.tr("Method"), default="电话"), Field("note", self.tr("Note"))]
        return [on]  # archive

    def _submit(self, action: str, d: cases.CaseDetail, v: dict):
        """The service call of `action` on the case as the form was opened on (runs off the GUI thread)."""
        args = (self._db, self._actor, d.id, d.version)
        calls = {
            "request_supplement": lambda: case_steps.request_supplement(*args, materials=v["materials"], on=v["on"]),
            "receive_supplement": lambda: case_steps.receive_supplement(*args, on=v["on"], note=v["note"]),
            "withdraw": lambda: case_steps.treat_as_withdrawn(*args, on=v["on"]),
            "accept": lambda: case_steps.accept(*args, assignee_id=v["assignee_id"], on=v["on"], note=v["note"]),
            "refuse": lambda: case_steps.refuse(*args, reason=v["reason"], on=v["on"]),
            "log": lambda: case_steps.add_log(*args, text=v["text"], on=v["on"]),
            "refer": lambda: case_steps.refer(*args, target=v["target"], institution_name=v["institution_name"],
                                              on=v["on"], note=v["note"]),
            "mediate": lambda: case_steps.mediate(*args, started_on=v["started_on"], result=v["result"],
                                                  judicial_confirmation=v["judicial_confirmation"],
                                                  mediator=v["mediator"]),
            "close": lambda: case_steps.close(*args, outcome=v["outcome"], on=v["on"], note=v["note"]),
            "follow_up": lambda: case_steps.follow_up(*args, satisfaction=v["satisfaction"], on=v["on"],
                                                      method=v["method"], note=v["note"]),
            "archive": lambda: case_steps.archive(*args, on=v["on"]),
        }
        return calls[action]()

    def start_action(self, action: str) -> StepDialog:
        """Open the form of `action` (non-blocking, so tests and the window stay responsive)."""
        d = self.detail
        assert d is not None
        dialog = StepDialog(self._action_title(action), self._fields(action),
                            lambda v: self._submit(action, d, v), self)
        dialog.setObjectName(f"dialog_{action}")
        dialog.done_ok.connect(self._after_step)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_step_dialog(self, dialog, signal) -> None:
        """Show a form opened from a button (non-blocking); its success reloads the case."""
        signal.connect(self._after_step)
        self.dialog = dialog
        dialog.open()

    def _after_step(self, head) -> None:
        self.reload()
        self.changed.emit(head)

    def save_notice(self, kind: str, path: str | None = None) -> Task | None:
        """Render the notice and write it off the GUI thread (a PDF takes a moment to lay out)."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save notice"), f"{kind}.pdf", "PDF (*.pdf)")
            if not path:
                return None
        db, actor, case_id = self._db, self._actor, self._case_id

        def job() -> str:
            # Imported here: the notices pull in the PDF layout library (≈0.3 s), which opening the
            # case list at start-up should not pay for.
            from app.services import case_notices

            pdf = case_notices.print_notice(db, actor, case_id, kind)
            with open(path, "wb") as fh:
                fh.write(pdf)
            return path

        return run_task(job, on_success=None, on_failure=self._notice_failed, parent=self, read_only=True)

    def _notice_failed(self, exc: BaseException) -> None:
        if isinstance(exc, (IpaidError, OSError)):
            QMessageBox.warning(self, self.tr("Notice"), getattr(exc, "message", str(exc)))
        else:
            show_failure(exc, self)
