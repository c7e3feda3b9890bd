"""The drafting form of one opinion, with its review workflow.

Common fields on the left; on the right what is compared (kind-specific, ui.opinions.sections) and the
analysis; at the bottom the conclusion, the conclusion the comparison supports (app.rules.conclusions,
recomputed on every edit) and a warning when they disagree.

Every change is a service call run off the GUI thread. The buttons mirror what
`opinions.allowed_actions` says the user may do, but the slots call the services whatever the buttons
show — the services decide. A failed save keeps what was typed and names the field.
"""
from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConcurrentChange, IpaidError
from app.services import opinions as ops
from app.services.opinion_types import OpinionContent, OpinionView
from ui.crash import show_failure
from ui.opinions import labels
from ui.opinions.combos import code_combo, combo_code, set_combo_code
from ui.opinions.diff import DiffDialog
from ui.opinions.sections import KindSection, section_for
from ui.tasks import Task, run_task
from ui.widgets import bold_label

if TYPE_CHECKING:
    from app.context import Actor
    from app.database import Database
    from app.services.opinion_versions import VersionDiff
    from ui.history.history_view import HistoryView

log = logging.getLogger(__name__)

NO_DATE = QDate(1900, 1, 1)  # a QDateEdit cannot be empty: its minimum, shown blank, means "not recorded"
ERROR_STYLE = "QLabel { color: #8a1111; background: #fdecea; border: 1px solid #e7b3ad; padding: 6px; }"
INFO_STYLE = "QLabel { color: #1d5b20; background: #eaf6ea; border: 1px solid #b5d8b6; padding: 6px; }"
WARNING_STYLE = "QLabel { color: #8a4b00; background: #fff4e0; border: 1px solid #f0c987; padding: 6px; }"


@dataclass(frozen=True)
class Loaded:
    """Everything the form shows, read in one job."""
    view: OpinionView
    choices: ops.DraftingChoices
    actions: frozenset[str]


def load_opinion(db: Database, actor: Actor, opinion_id: uuid.UUID) -> Loaded:
    view = ops.get_opinion(db, actor, opinion_id)
    return Loaded(view, ops.drafting_choices_for(db, actor, view), ops.allowed_actions(db, actor, view.id))


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(" ")
    edit.setDate(NO_DATE)
    return edit


def _date_of(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == NO_DATE else date(value.year(), value.month(), value.day())


def _set_date(edit: QDateEdit, value: date | None) -> None:
    edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)


def _text_box(placeholder: str = "", lines: int | None = None) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    if lines is not None:  # short fields stay short, so the whole form fits on a laptop screen
        box.setMaximumHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class OpinionEditor(QWidget):
    """`opinion_changed(id)` fires after a save or a workflow step changed the opinion (or made a new one)."""

    opinion_changed = Signal(object)
    loaded = Signal()

    def __init__(self, db: Database, actor: Actor, opinion_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.opinion_id = opinion_id
        self.view: OpinionView | None = None
        self.choices: ops.DraftingChoices | None = None
        self.actions: frozenset[str] = frozenset()
        self.dirty = False
        self.task: Task | None = None           # the last job started, for tests to wait on
        self.diff_dialog: DiffDialog | None = None
        self.preview = None                      # the last preview window (ui.opinions.preview)
        self.history: HistoryView | None = None  # the change-history window, made on first use
        self._filling = False
        self.section: KindSection | None = None
        self.setWindowTitle(self.tr("Opinion"))
        self._build()
        self.reload()

    # ----- building ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.header = bold_label(self.tr("Loading…"), 1.2, "opinionHeader")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("opinionMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.reload_button = QPushButton(self.tr("Reload (discard my changes)"))
        self.reload_button.clicked.connect(self.reload)
        self.reload_button.hide()
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.reload_button)

        self.save_button = self._button(self.tr("Save"), self.save, self.tr("Save the draft (Ctrl+S)"))
        self.submit_button = self._button(self.tr("Submit for review"), self.submit,
                                          self.tr("Send the draft to a supervisor for review"))
        self.return_button = self._button(self.tr("Return for revision"), self.return_for_revision,
                                          self.tr("Send the opinion back to the drafter"))
        self.approve_button = self._button(self.tr("Approve"), self.approve,
                                           self.tr("Approve the opinion (a supervisor other than the drafter)"))
        self.issue_button = self._button(self.tr("Issue"), self.issue,
                                         self.tr("Assign the number, freeze the content and store the PDF"))
        self.void_button = self._button(self.tr("Void…"), self.void, self.tr("Void the opinion, with a reason"))
        self.new_version_button = self._button(self.tr("New version"), self.new_version,
                                               self.tr("Start a new draft from this opinion"))
        self.diff_button = self._button(self.tr("Differences…"), self.show_differences,
                                        self.tr("What changed since the previous version"))
        self.preview_button = self._button(self.tr("Preview…"), self.open_preview,
                                           self.tr("Preview, save or print the PDF"))
        self.history_button = self._button(self.tr("Change history…"), self.show_history,
                                           self.tr("Who changed what, and when"))
        QShortcut(QKeySequence.StandardKey.Save, self, self.save,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.submit_button, self.return_button, self.approve_button,
                       self.issue_button, self.void_button, self.new_version_button, self.diff_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.preview_button)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self._scrolled(self._common_fields()))
        self.comparison_box = QGroupBox(self.tr("Comparison"))
        self.comparison_layout = QVBoxLayout(self.comparison_box)
        self.analysis = _text_box(self.tr("Why the comparison leads to the conclusion"))
        self.analysis.textChanged.connect(self._changed)
        analysis_box = QGroupBox(self.tr("Analysis"))
        QVBoxLayout(analysis_box).addWidget(self.analysis)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.comparison_box, 3)
        right_layout.addWidget(analysis_box, 1)
        self.splitter.addWidget(self._scrolled(right))
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        layout.addLayout(message_row)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self._conclusion_bar())
        self._set_buttons(frozenset(), loaded=False)

    def _button(self, text: str, slot: Callable[[], None], tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(lambda: slot())
        return button

    @staticmethod
    def _scrolled(widget: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(widget)
        return area

    def _common_fields(self) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)

        case_box = QGroupBox(self.tr("Case and request"))
        form = QFormLayout(case_box)
        self.case_label = QLabel()
        self.parties_label = QLabel()
        self.parties_label.setWordWrap(True)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. the dispute between the parties"))
        self.requested_edit = _date_edit()
        self.on_site_box = QCheckBox(self.tr("On-site reference opinion (not reviewed)"))
        form.addRow(self.tr("Case:"), self.case_label)
        form.addRow(self.tr("Parties:"), self.parties_label)
        form.addRow(self.tr("Subject:"), self.title_edit)
        form.addRow(self.tr("Requested on:"), self.requested_edit)
        form.addRow("", self.on_site_box)

        right_box = QGroupBox(self.tr("Right and legal status"))
        form = QFormLayout(right_box)
        self.right_combo = QComboBox()
        self.right_status_edit = QLineEdit()
        self.right_status_edit.setPlaceholderText(self.tr("e.g. in force, annual fee paid until 2026"))
        self.checked_on_edit = _date_edit()
        form.addRow(self.tr("Right:"), self.right_combo)
        form.addRow(self.tr("Legal status:"), self.right_status_edit)
        form.addRow(self.tr("Checked on:"), self.checked_on_edit)

        accused_box = QGroupBox(self.tr("Accused object"))
        self.accused_edit = _text_box(self.tr("The accused product, sign or work, and where it was found"), 5)
        QVBoxLayout(accused_box).addWidget(self.accused_edit)

        evidence_box = QGroupBox(self.tr("Evidence (one item per line)"))
        self.evidence_edit = _text_box(lines=6)
        QVBoxLayout(evidence_box).addWidget(self.evidence_edit)

        experts_box = QGroupBox(self.tr("Experts consulted"))
        self.experts_list = QListWidget()
        self.experts_list.setWordWrap(True)
        experts_hint = QLabel(self.tr("Experts with a conflict of interest in this case cannot be chosen."))
        experts_hint.setWordWrap(True)
        experts_layout = QVBoxLayout(experts_box)
        experts_layout.addWidget(self.experts_list)
        experts_layout.addWidget(experts_hint)

        for box in (case_box, right_box, accused_box, evidence_box, experts_box):
            layout.addWidget(box)
        for edit in (self.title_edit, self.right_status_edit):
            edit.textEdited.connect(self._changed)
        for box in (self.accused_edit, self.evidence_edit):
            box.textChanged.connect(self._changed)
        for edit in (self.requested_edit, self.checked_on_edit):
            edit.dateChanged.connect(self._changed)
        self.on_site_box.toggled.connect(self._changed)
        self.right_combo.currentIndexChanged.connect(self._changed)
        self.experts_list.itemChanged.connect(self._changed)
        return holder

    def _conclusion_bar(self) -> QWidget:
        bar = QGroupBox(self.tr("Conclusion"))
        self.conclusion_combo = code_combo(labels.CONCLUSION, empty=self.tr("Not chosen"))
        self.conclusion_combo.currentIndexChanged.connect(self._changed)
        self.suggestion_label = QLabel()
        self.suggestion_label.setObjectName("suggestedConclusion")
        self.use_suggestion_button = QPushButton(self.tr("Use suggestion"))
        self.use_suggestion_button.clicked.connect(self.use_suggestion)
        self.warning_label = QLabel()
        self.warning_label.setObjectName("conclusionWarning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(WARNING_STYLE)
        self.warning_label.hide()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Conclusion:")))
        row.addWidget(self.conclusion_combo)
        row.addSpacing(16)
        row.addWidget(self.suggestion_label)
        row.addWidget(self.use_suggestion_button)
        row.addStretch(1)
        box = QVBoxLayout(bar)
        box.addLayout(row)
        box.addWidget(self.warning_label)
        statement = QLabel(self.tr("The opinion is a reference opinion for the parties, not a legal ruling."))
        statement.setWordWrap(True)
        box.addWidget(statement)
        return bar

    # ----- loading -------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the opinion again; what was typed and not saved is dropped."""
        db, actor, opinion_id = self._db, self._actor, self.opinion_id
        self.task = run_task(lambda: load_opinion(db, actor, opinion_id), on_success=self._show_loaded,
                             on_failure=self._show_error, parent=self, read_only=True)

    def _show_loaded(self, loaded: Loaded) -> None:
        self.view, self.choices, self.actions = loaded.view, loaded.choices, loaded.actions
        self.opinion_id = loaded.view.id
        self._fill(loaded.view, loaded.choices)
        self._set_buttons(loaded.actions)
        self.reload_button.hide()
        self.loaded.emit()

    def _fill(self, view: OpinionView, choices: ops.DraftingChoices) -> None:
        c = view.content
        self._filling = True
        try:
            self._show_header(view)
            self.case_label.setText(view.case_no or view.complaint_no)  # an on-site opinion: its complaint
            if view.case_id is None and view.complaint_no:  # an on-site opinion: the complaint's parties
                parties = self.tr("Complainant: {a}").format(a=view.applicant)
                if view.opposing_party:
                    parties += "\n" + self.tr("Respondent: {b}").format(b=view.opposing_party)
            else:
                parties = self.tr("Applicant: {a}").format(a=view.applicant)
                if view.opposing_party:
                    parties += "\n" + self.tr("Opposing party: {b}").format(b=view.opposing_party)
            self.parties_label.setText(parties)
            self.title_edit.setText(c.title)
            _set_date(self.requested_edit, c.requested_on)
            self.on_site_box.setChecked(c.on_site)
            self._fill_rights(view, choices)
            self.right_status_edit.setText(c.right_status_text)
            _set_date(self.checked_on_edit, c.status_checked_on)
            self.accused_edit.setPlainText(c.accused_object)
            self.evidence_edit.setPlainText("\n".join(c.evidence))
            self._fill_experts(view, choices)
            self._fill_section(c)
            self.analysis.setPlainText(c.analysis)
            set_combo_code(self.conclusion_combo, c.conclusion)
            self._set_editable("edit" in self.actions)  # item flags changing fire itemChanged: still filling
        finally:
            self._filling = False
        self.dirty = False
        self._update_suggestion()

    def _show_header(self, view: OpinionView) -> None:
        number = view.opinion_no or self.tr("Draft (no number yet)")
        self.header.setText(self.tr("{number} · {kind} · {status} · version {version}").format(
            number=number, kind=labels.show(labels.KIND, view.content.kind),
            status=labels.show(labels.STATUS, view.status), version=view.version_no))
        if view.case_id is None and view.complaint_no:  # a quick opinion drafted at a fair
            self.setWindowTitle(self.tr("Opinion {number} — fair complaint {complaint}").format(
                number=number, complaint=view.complaint_no))
        else:
            self.setWindowTitle(self.tr("Opinion {number} — case {case}").format(number=number, case=view.case_no))
        bits = [self.tr("Drafted by {name}").format(name=view.drafted_by)]
        if view.due_on:
            bits.append(self.tr("due {date}").format(date=view.due_on.isoformat()))
        if view.approved_by:
            bits.append(self.tr("approved by {name}").format(name=view.approved_by))
        if view.issued_on:
            bits.append(self.tr("issued on {date}").format(date=view.issued_on.isoformat()))
        if view.previous_no or view.previous_id:
            bits.append(self.tr("replaces {number}").format(number=view.previous_no or self.tr("version {n}").format(
                n=view.version_no - 1)))
        if view.status == "void":
            bits.append(self.tr("voided: {reason}").format(reason=view.void_reason))
        self.details.setText("；".join(bits))

    def _fill_rights(self, view: OpinionView, choices: ops.DraftingChoices) -> None:
        self.right_combo.clear()
        self.right_combo.addItem(self.tr("(none chosen)"), None)
        rights = list(choices.rights)
        if view.right is not None and all(r.id != view.right.id for r in rights):
            rights.insert(0, view.right)
        for r in rights:
            owner = f"（{r.owner}）" if r.owner else ""
            self.right_combo.addItem(f"{r.number} {r.title}{owner}", str(r.id))
        index = self.right_combo.findData(str(view.content.right_id)) if view.content.right_id else 0
        self.right_combo.setCurrentIndex(max(index, 0))

    def _fill_experts(self, view: OpinionView, choices: ops.DraftingChoices) -> None:
        self.experts_list.clear()
        chosen = set(view.content.experts)
        listed = set()
        for choice in choices.experts:
            e = choice.expert
            listed.add(e.id)
            extra = "，".join(x for x in (e.title, e.organisation) if x)
            text = f"{e.name}（{extra}）" if extra else e.name
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, str(e.id))
            item.setData(Qt.ItemDataRole.UserRole + 1, choice.reason)
            item.setCheckState(Qt.CheckState.Checked if e.id in chosen else Qt.CheckState.Unchecked)
            if choice.reason:
                text += "\n" + self.tr("Cannot be chosen: {reason}").format(reason=choice.reason)
                item.setToolTip(choice.reason)
            item.setText(text)
            self.experts_list.addItem(item)
        for e in view.experts:  # chosen earlier, no longer in the library: keep them visible
            if e.id not in listed:
                item = QListWidgetItem(e.name)
                item.setData(Qt.ItemDataRole.UserRole, str(e.id))
                item.setData(Qt.ItemDataRole.UserRole + 1, "")
                item.setCheckState(Qt.CheckState.Checked)
                self.experts_list.addItem(item)

    def _fill_section(self, content: OpinionContent) -> None:
        if self.section is None or self.section.property("kind") != content.kind:
            if self.section is not None:
                self.section.setParent(None)
                self.section.deleteLater()
            self.section = section_for(content.kind)
            self.section.setProperty("kind", content.kind)
            self.section.changed.connect(self._changed)
            self.comparison_layout.addWidget(self.section)
        self.section.load(content)

    # ----- editable or not ------------------------------------------------------------------------------------
    def _set_editable(self, editable: bool) -> None:
        for edit in (self.title_edit, self.right_status_edit, self.accused_edit, self.evidence_edit, self.analysis):
            edit.setReadOnly(not editable)
        for edit in (self.requested_edit, self.checked_on_edit):
            edit.setReadOnly(not editable)
        for widget in (self.on_site_box, self.right_combo, self.conclusion_combo, self.use_suggestion_button):
            widget.setEnabled(editable)
        self._set_experts_editable(editable)
        if self.section is not None:
            self.section.set_read_only(not editable)

    def _set_experts_editable(self, editable: bool) -> None:
        for i in range(self.experts_list.count()):
            item = self.experts_list.item(i)
            reason = item.data(Qt.ItemDataRole.UserRole + 1)
            checked = item.checkState() == Qt.CheckState.Checked
            flags = Qt.ItemFlag.ItemIsSelectable
            # A conflicted expert is disabled — unless already chosen, so the drafter can still remove them.
            if not reason or checked:
                flags |= Qt.ItemFlag.ItemIsEnabled
                if editable:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)

    def is_read_only(self) -> bool:
        return self.title_edit.isReadOnly()

    def _set_buttons(self, actions: frozenset[str], *, loaded: bool = True) -> None:
        for button, action in ((self.save_button, "edit"), (self.submit_button, "submit"),
                               (self.return_button, "return"), (self.approve_button, "approve"),
                               (self.issue_button, "issue"), (self.void_button, "void"),
                               (self.new_version_button, "new_version"), (self.diff_button, "diff")):
            button.setEnabled(action in actions)
        self.preview_button.setEnabled(loaded)

    # ----- the form's content, the live suggestion -------------------------------------------------------------
    def content(self) -> OpinionContent:
        """What the form holds now, as the service takes it."""
        assert self.view is not None and self.section is not None
        stored = self.view.content
        body, claims, rows = self.section.parts()
        kept = {k: v for k, v in stored.body.items() if k not in self.section.managed_keys()}
        experts = []
        for i in range(self.experts_list.count()):
            item = self.experts_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                experts.append(uuid.UUID(item.data(Qt.ItemDataRole.UserRole)))
        evidence = tuple(line.strip() for line in self.evidence_edit.toPlainText().splitlines() if line.strip())
        return OpinionContent(
            kind=stored.kind, title=self.title_edit.text().strip(), right_id=self._right_id(),
            right_status_text=self.right_status_edit.text().strip(),
            status_checked_on=_date_of(self.checked_on_edit), accused_object=self.accused_edit.toPlainText().strip(),
            analysis=self.analysis.toPlainText().strip(), conclusion=combo_code(self.conclusion_combo),
            requested_on=_date_of(self.requested_edit), on_site=self.on_site_box.isChecked(),
            body={**kept, **body}, claims=claims, rows=rows, evidence=evidence, experts=tuple(experts))

    def _right_id(self) -> uuid.UUID | None:
        data = self.right_combo.currentData()  # ids travel through Qt as text: QVariant compares strings
        return uuid.UUID(data) if data else None

    def _changed(self, *_args) -> None:
        if self._filling or self.view is None:
            return
        self.dirty = True
        self._update_suggestion()

    def suggested(self) -> str | None:
        """The conclusion code the comparison in the form supports now (None: no suggestion for this kind)."""
        return ops.suggestion_for(self.content())[0] if self.view is not None else None

    def _update_suggestion(self) -> None:
        if self.view is None or self.section is None:
            return
        content = self.content()
        suggested, contradiction = ops.suggestion_for(content)
        if suggested is None:
            self.suggestion_label.setText(self.tr("No suggestion for this kind of opinion."))
        else:
            self.suggestion_label.setText(self.tr("The comparison supports: {conclusion}").format(
                conclusion=labels.show(labels.CONCLUSION, suggested)))
        self.use_suggestion_button.setVisible(suggested is not None and suggested != content.conclusion)
        if contradiction:
            self.warning_label.setText(self.tr(
                "The chosen conclusion “{chosen}” contradicts the comparison, which supports “{suggested}”. "
                "Check the comparison, or give the reasons in the analysis.").format(
                    chosen=labels.show(labels.CONCLUSION, content.conclusion),
                    suggested=labels.show(labels.CONCLUSION, suggested)))
        self.warning_label.setVisible(bool(contradiction))

    def warning_shown(self) -> bool:
        return not self.warning_label.isHidden()

    def use_suggestion(self) -> None:
        suggested = self.suggested()
        if suggested is not None:
            set_combo_code(self.conclusion_combo, suggested)

    # ----- messages ------------------------------------------------------------------------------------------
    def _say(self, text: str, style: str = INFO_STYLE) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)
        self.message.show()

    def message_text(self) -> str:
        return self.message.text() if not self.message.isHidden() else ""

    def _show_error(self, exc: BaseException) -> None:
        if not isinstance(exc, IpaidError):
            show_failure(exc, self)  # a bug: logged, with the crash dialog
            return
        self._say(exc.message, ERROR_STYLE)
        if isinstance(exc, ConcurrentChange):
            self.reload_button.show()
        widget = self._field_widget(exc.field or "")
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _field_widget(self, field: str) -> QWidget | None:
        """The input a ValidationError's field label names (Chinese labels of the service)."""
        fields: dict[str, QWidget | None] = {
            "标题": self.title_edit, "权利": self.right_combo, "法律状态": self.right_status_edit,
            "法律状态查询日": self.checked_on_edit, "被诉对象": self.accused_edit, "证据清单": self.evidence_edit,
            "咨询专家": self.experts_list, "分析意见": self.analysis, "结论": self.conclusion_combo,
            "请求日期": self.requested_edit, "比对表": self.section, "比对判断": self.section,
        }
        if field.startswith("权利要求"):
            return self.section
        return fields.get(field)

    # ----- saving and the workflow ----------------------------------------------------------------------------
    def save(self, then: Callable[[], None] | None = None) -> None:
        """Save the form; on success run `then` (a workflow step that needs the saved text)."""
        if self.view is None:
            return
        db, actor, opinion_id = self._db, self._actor, self.opinion_id
        content, version = self.content(), self.view.record_version

        def saved(view: OpinionView) -> None:
            self.view = view
            self.dirty = False
            self._show_header(view)
            self.reload_button.hide()
            self._say(self.tr("Saved."))
            self.opinion_changed.emit(view.id)
            if then is not None:
                then()

        self.task = run_task(lambda: ops.update_opinion(db, actor, opinion_id, content, expected_version=version),
                             on_success=saved, on_failure=self._show_error, parent=self)

    def _step(self, call: Callable[[Database, Actor, uuid.UUID], object], done: str) -> None:
        """Run a workflow call, then show the opinion as it now is (new status, new buttons)."""
        db, actor, opinion_id = self._db, self._actor, self.opinion_id

        def job() -> Loaded:
            result = call(db, actor, opinion_id)
            target = result.id if isinstance(result, OpinionView) else opinion_id
            return load_opinion(db, actor, target)

        def finished(loaded: Loaded) -> None:
            self._show_loaded(loaded)
            self._say(done)
            self.opinion_changed.emit(loaded.view.id)

        self.task = run_task(job, on_success=finished, on_failure=self._show_error, parent=self)

    def _saved_first(self, step: Callable[[], None]) -> None:
        """A step on a draft with unsaved typing saves it first, so the step sees what is on screen."""
        if self.dirty and "edit" in self.actions:
            self.save(then=step)
        else:
            step()

    def submit(self) -> None:
        self._saved_first(lambda: self._step(ops.submit_opinion, self.tr("Submitted for review.")))

    def return_for_revision(self) -> None:
        reason = self.ask_text(self.tr("Return for revision"), self.tr("What should the drafter revise?"))
        if reason is None:
            return
        self._step(lambda db, actor, oid: ops.return_opinion(db, actor, oid, reason),
                   self.tr("Returned to the drafter."))

    def approve(self) -> None:
        self._step(ops.approve_opinion, self.tr("Approved."))

    def issue(self) -> None:
        if not self.confirm(self.tr("Issue the opinion"), self.tr(
                "Issuing assigns the opinion number and freezes the content; later changes need a new version. "
                "Issue now?")):
            return
        self._step(ops.issue_opinion, self.tr("Issued."))

    def void(self) -> None:
        reason = self.ask_text(self.tr("Void the opinion"), self.tr("Reason for voiding (kept on record):"))
        if reason is None:
            return
        self._step(lambda db, actor, oid: ops.void_opinion(db, actor, oid, reason), self.tr("Voided."))

    def new_version(self) -> None:
        self._step(ops.new_version, self.tr("A new version was created as a draft."))

    def show_differences(self) -> None:
        db, actor, opinion_id = self._db, self._actor, self.opinion_id
        self.task = run_task(lambda: ops.diff_with_previous(db, actor, opinion_id), on_success=self._show_diff,
                             on_failure=self._show_error, parent=self, read_only=True)

    def _show_diff(self, diff: VersionDiff | None) -> None:
        if diff is None:
            self._say(self.tr("This is the first version; there is nothing to compare."))
            return
        self.diff_dialog = DiffDialog(diff, self)
        self.diff_dialog.show()

    def show_history(self) -> None:
        """The opinion's change history from the audit events (ui/history), in its own window."""
        from ui.history.history_view import HistoryView

        if self.history is None:  # one window, reused: reopening it reads the history again
            self.history = HistoryView(self._db, self._actor, self)
            self.history.setWindowFlag(Qt.WindowType.Window)
            self.history.setWindowTitle(self.tr("Change history"))
            self.history.resize(800, 500)
        self.history.show_record("opinion", self.opinion_id)  # the current id: "new version" changes it
        self.history.show()
        self.history.raise_()
        self.history.activateWindow()

    def open_preview(self) -> None:
        self._saved_first(self._open_preview_now)

    def _open_preview_now(self) -> None:
        from ui.opinions.preview import OpinionPreview

        self.preview = OpinionPreview(self._db, self._actor, self.opinion_id, self)
        self.preview.setWindowFlag(Qt.WindowType.Window)
        self.preview.show()

    # ----- questions (tests replace these) ---------------------------------------------------------------------
    def ask_text(self, title: str, prompt: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, prompt)
        return text if ok else None

    def confirm(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question)
        return answer == QMessageBox.StandardButton.Yes
