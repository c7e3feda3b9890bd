"""专家与合作单位 page: two tabs, each a searchable list (pinyin works) with an editor, plus the
expert finder that leaves out experts conflicted with the parties of a case.

Phones are shown masked in the lists and exported masked (design.md §4).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.labels import INSTITUTION_KIND, label
from app.rules.identifiers import mask_phone
from app.services import experts, institutions
from ui.settings.common import MessageLine, show_refusal
from ui.tasks import run_task
from ui.widgets import button_row, fill_table, list_table, page_title, table_beside_editor


def _EXPORTED() -> str:  # noqa: N802 - reads like the constant it is
    # A fixed context: tr() in a base class would look the string up under each subclass's name.
    return QCoreApplication.translate("ExpertsInstitutionsPage", "Exported {n} rows (phones masked).")


class _Tab(QWidget):
    """Shared behaviour: a message line and how failures are shown."""

    loaded = Signal(int)

    def __init__(self, db, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.message = MessageLine()

    def failed(self, exc: BaseException) -> None:
        show_refusal(exc, self.message, {}, self)

    def export_to(self, title: str, default_name: str, fn) -> None:
        path, _ = QFileDialog.getSaveFileName(self, title, default_name, "Excel (*.xlsx)")
        if path:
            db, actor = self.db, self.actor
            run_task(lambda: fn(db, actor, path), parent=self, on_failure=self.failed,
                     on_success=lambda n: self.message.success(_EXPORTED().format(n=n)))


class ExpertsTab(_Tab):
    def __init__(self, db, actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, parent)
        self.rows: list[experts.ExpertRow] = []
        self.current: experts.ExpertRow | None = None
        self.finding: experts.ExpertFinding | None = None
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, organisation or field (pinyin works)"))
        self.export_button = QPushButton(self.tr("Export to Excel"))
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.export_button)
        self.table = list_table([self.tr("Name"), self.tr("Title"), self.tr("Organisation"), self.tr("IPC fields"),
                             self.tr("Keywords"), self.tr("Phone"), self.tr("Active")], 2)

        self.name = QLineEdit()
        self.ipc = QLineEdit()
        self.ipc.setPlaceholderText("H04W, G06F 3/01")
        self.keywords = QLineEdit()
        self.title = QLineEdit()
        self.organisation = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.active = QCheckBox(self.tr("In the pool"))
        self.conflicts = QLabel("")
        self.conflicts.setWordWrap(True)
        self.conflict_party = QLineEdit()
        self.conflict_party.setPlaceholderText(self.tr("Party the expert must not work for"))
        self.conflict_reason = QLineEdit()
        self.conflict_reason.setPlaceholderText(self.tr("Reason"))
        self.conflict_button = QPushButton(self.tr("Add conflict"))
        form = QFormLayout()
        for text, widget in ((self.tr("Name"), self.name), (self.tr("IPC fields"), self.ipc),
                             (self.tr("Keywords"), self.keywords), (self.tr("Title"), self.title),
                             (self.tr("Organisation"), self.organisation), (self.tr("Phone"), self.phone),
                             (self.tr("E-mail"), self.email), ("", self.active),
                             (self.tr("Conflicts"), self.conflicts)):
            form.addRow(text, widget)
        conflict_row = QHBoxLayout()
        conflict_row.addWidget(self.conflict_party, 2)
        conflict_row.addWidget(self.conflict_reason, 1)
        conflict_row.addWidget(self.conflict_button)
        form.addRow(self.tr("New conflict"), conflict_row)
        self.new_button = QPushButton(self.tr("New"))
        self.save_button = QPushButton(self.tr("Save"))

        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("IPC symbol or words, e.g. H04W"))
        self.case_no = QLineEdit()
        self.case_no.setPlaceholderText(self.tr("Case number (optional)"))
        self.find_button = QPushButton(self.tr("Find experts"))
        self.found = QListWidget()
        self.excluded = QListWidget()
        finder = QGroupBox(self.tr("Find experts for a case"))
        finder_layout = QFormLayout(finder)
        finder_layout.addRow(self.tr("Field"), self.field)
        finder_layout.addRow(self.tr("Case"), self.case_no)
        finder_layout.addRow("", self.find_button)
        finder_layout.addRow(self.tr("Available"), self.found)
        finder_layout.addRow(self.tr("Excluded (conflict)"), self.excluded)

        buttons = button_row((self.new_button, self.save_button))
        split = table_beside_editor(self.table, (form, buttons, self.message, finder), stretch=False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self.search.returnPressed.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._selected)
        self.new_button.clicked.connect(self.new_expert)
        self.save_button.clicked.connect(self.save)
        self.conflict_button.clicked.connect(self.add_conflict)
        self.find_button.clicked.connect(self.find)
        self.field.returnPressed.connect(self.find)
        self.case_no.returnPressed.connect(self.find)
        self.export_button.clicked.connect(lambda: self.export_to(
            self.tr("Export experts"), "专家库.xlsx", experts.export_experts))
        self.new_expert()

    def refresh(self):
        db, actor, query = self.db, self.actor, self.search.text()
        return run_task(lambda: experts.list_experts(db, actor, query=query), on_success=self._show,
                        on_failure=self.failed, parent=self, read_only=True)

    def _show(self, rows) -> None:
        self.rows = list(rows)
        fill_table(self.table, [
            (r.name, r.title, r.organisation, "；".join(r.ipc_fields), r.keywords,
             mask_phone(r.phone) if r.phone else "", self.tr("yes") if r.active else self.tr("no"))
            for r in self.rows])
        self.loaded.emit(len(self.rows))

    def _selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            self._load(self.rows[row])

    def new_expert(self) -> None:
        self.current = None
        for w in (self.name, self.ipc, self.keywords, self.title, self.organisation, self.phone, self.email,
                  self.conflict_party, self.conflict_reason):
            w.clear()
        self.active.setChecked(True)
        self.conflicts.setText("")
        self.conflict_button.setEnabled(False)

    def _load(self, r: experts.ExpertRow) -> None:
        self.current = r
        self.name.setText(r.name)
        self.ipc.setText(", ".join(r.ipc_fields))
        self.keywords.setText(r.keywords)
        self.title.setText(r.title)
        self.organisation.setText(r.organisation)
        self.phone.setText(r.phone)
        self.email.setText(r.email)
        self.active.setChecked(r.active)
        self.conflicts.setText("；".join(f"{c.party_name}（{c.reason}）" if c.reason else c.party_name
                                        for c in r.conflicts))
        self.conflict_button.setEnabled(True)

    def form_input(self) -> experts.ExpertInput:
        return experts.ExpertInput(self.name.text(), (self.ipc.text(),), self.keywords.text(), self.title.text(),
                                   self.organisation.text(), self.phone.text(), self.email.text(),
                                   self.active.isChecked())

    def save(self):
        db, actor, data, current = self.db, self.actor, self.form_input(), self.current
        job = ((lambda: experts.update_expert(db, actor, current.id, data)) if current
               else (lambda: experts.create_expert(db, actor, data)))
        return run_task(job, on_success=self._saved, on_failure=self.failed, parent=self)

    def add_conflict(self):
        if self.current is None:
            return None
        db, actor, expert_id = self.db, self.actor, self.current.id
        party, reason = self.conflict_party.text(), self.conflict_reason.text()
        return run_task(lambda: experts.add_conflict(db, actor, expert_id, party_name=party, reason=reason),
                        on_success=self._saved, on_failure=self.failed, parent=self)

    def _saved(self, row: experts.ExpertRow) -> None:
        self._load(row)
        self.conflict_party.clear()
        self.conflict_reason.clear()
        self.message.success(self.tr("Saved."))
        self.refresh()

    def find(self):
        db, actor = self.db, self.actor
        field, case_no = self.field.text(), self.case_no.text().strip() or None
        return run_task(lambda: experts.find_experts(db, actor, field, case_no=case_no),
                        on_success=self._found, on_failure=self.failed, parent=self, read_only=True)

    def _found(self, finding: experts.ExpertFinding) -> None:
        self.finding = finding
        self.found.clear()
        self.excluded.clear()
        for r in finding.matches:
            self.found.addItem(f"{r.name}  {r.title}  {r.organisation}  {'；'.join(r.ipc_fields)}")
        for x in finding.excluded:
            reason = f"（{x.reason}）" if x.reason else ""
            self.excluded.addItem(self.tr("{name}: conflict with {party}").format(
                name=x.expert.name, party=x.party_name) + reason)
        self.message.success(self.tr("{n} experts found, {m} excluded.").format(
            n=len(finding.matches), m=len(finding.excluded)))


class InstitutionsTab(_Tab):
    def __init__(self, db, actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, parent)
        self.rows: list[institutions.InstitutionRow] = []
        self.current: institutions.InstitutionRow | None = None
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name (pinyin and initials work)"))
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("All kinds"), None)
        for code, text in INSTITUTION_KIND.items():
            self.kind_filter.addItem(text, code)
        self.export_button = QPushButton(self.tr("Export to Excel"))
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.kind_filter)
        top.addWidget(self.export_button)
        self.table = list_table([self.tr("Kind"), self.tr("Name"), self.tr("Contact"), self.tr("Phone"),
                             self.tr("Region")], 1)

        self.kind = QComboBox()
        for code, text in INSTITUTION_KIND.items():
            self.kind.addItem(text, code)
        self.name = QLineEdit()
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        self.address = QLineEdit()
        self.region = QLineEdit()
        form = QFormLayout()
        for text, widget in ((self.tr("Kind"), self.kind), (self.tr("Name"), self.name),
                             (self.tr("Contact"), self.contact), (self.tr("Phone"), self.phone),
                             (self.tr("Address"), self.address), (self.tr("Region"), self.region)):
            form.addRow(text, widget)
        self.new_button = QPushButton(self.tr("New"))
        self.save_button = QPushButton(self.tr("Save"))
        buttons = button_row((self.new_button, self.save_button))
        split = table_beside_editor(self.table, (form, buttons, self.message))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self.search.returnPressed.connect(self.refresh)
        self.kind_filter.currentIndexChanged.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._selected)
        self.new_button.clicked.connect(self.new_institution)
        self.save_button.clicked.connect(self.save)
        self.export_button.clicked.connect(lambda: self.export_to(
            self.tr("Export cooperating units"), "合作单位库.xlsx", institutions.export_institutions))

    def refresh(self):
        db, actor = self.db, self.actor
        query, kind = self.search.text(), self.kind_filter.currentData()
        return run_task(lambda: institutions.list_institutions(db, actor, query=query, kind=kind),
                        on_success=self._show, on_failure=self.failed, parent=self, read_only=True)

    def _show(self, rows) -> None:
        self.rows = list(rows)
        fill_table(self.table, [(label(INSTITUTION_KIND, r.kind), r.name, r.contact,
                            mask_phone(r.phone) if r.phone else "", r.region) for r in self.rows])
        self.loaded.emit(len(self.rows))

    def _selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            r = self.rows[row]
            self.current = r
            self.kind.setCurrentIndex(max(0, self.kind.findData(r.kind)))
            for widget, value in ((self.name, r.name), (self.contact, r.contact), (self.phone, r.phone),
                                  (self.address, r.address), (self.region, r.region)):
                widget.setText(value)

    def new_institution(self) -> None:
        self.current = None
        for w in (self.name, self.contact, self.phone, self.address, self.region):
            w.clear()
        self.kind.setCurrentIndex(0)

    def save(self):
        db, actor, current = self.db, self.actor, self.current
        data = institutions.InstitutionInput(self.kind.currentData(), self.name.text(), self.contact.text(),
                                             self.phone.text(), self.address.text(), self.region.text())
        job = ((lambda: institutions.update_institution(db, actor, current.id, data)) if current
               else (lambda: institutions.create_institution(db, actor, data)))
        return run_task(job, on_success=self._saved, on_failure=self.failed, parent=self)

    def _saved(self, row: institutions.InstitutionRow) -> None:
        self.current = row
        self.message.success(self.tr("Saved."))
        self.refresh()


class ExpertsInstitutionsPage(QWidget):
    def __init__(self, db, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = page_title(self.tr("Experts & institutions"), 1.4)
        self.tabs = QTabWidget()
        self.experts = ExpertsTab(db, actor)
        self.institutions = InstitutionsTab(db, actor)
        self.tabs.addTab(self.experts, self.tr("Experts"))
        self.tabs.addTab(self.institutions, self.tr("Cooperating units"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
