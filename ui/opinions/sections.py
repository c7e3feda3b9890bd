"""The kind-specific part of the drafting form: what is compared and how it was judged.

Each section edits the `body`, `claims` and `rows` of an OpinionContent (their keys are documented in
app/services/opinion_types.py) and fires `changed` on every edit, so the form can show the suggested
conclusion live.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.opinion_types import ClaimData, OpinionContent, RowData
from ui.opinions import labels
from ui.opinions.combos import code_combo, combo_code, not_judged, set_combo_code
from ui.opinions.rows import DESIGN, PATENT, POINTS, RowTable
from ui.widgets import button_row

Parts = tuple[dict[str, Any], tuple[ClaimData, ...], tuple[RowData, ...]]


def _text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class KindSection(QWidget):
    """Base: subclasses build their widgets, then list the editable ones in `_inputs`."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts: dict[str, QLineEdit | QPlainTextEdit] = {}   # body key → text input
        self._combos: dict[str, QComboBox] = {}                   # body key → judgement combo
        self._tables: list[RowTable] = []

    def load(self, content: OpinionContent) -> None:
        for key, widget in self._texts.items():
            value = str(content.body.get(key) or "")
            if isinstance(widget, QLineEdit):
                widget.setText(value)
            else:
                widget.setPlainText(value)
        for key, combo in self._combos.items():
            set_combo_code(combo, content.body.get(key))

    def parts(self) -> Parts:
        body: dict[str, Any] = {}
        for key, widget in self._texts.items():
            text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
            if text.strip():
                body[key] = text.strip()
        for key, combo in self._combos.items():
            if combo_code(combo) is not None:
                body[key] = combo_code(combo)
        return body, (), ()

    def managed_keys(self) -> set[str]:
        """The body keys this section edits; other keys found in a stored body are kept as they are."""
        return set(self._texts) | set(self._combos)

    def set_read_only(self, read_only: bool) -> None:
        for widget in self._texts.values():
            widget.setReadOnly(read_only)
        for combo in self._combos.values():
            combo.setEnabled(not read_only)
        for table in self._tables:
            table.set_read_only(read_only)

    # helpers for subclasses
    def _line(self, key: str) -> QLineEdit:
        edit = QLineEdit()
        edit.textEdited.connect(self.changed)
        self._texts[key] = edit
        return edit

    def _note(self, key: str, lines: int = 2) -> QPlainTextEdit:
        box = _text_box(lines)
        box.textChanged.connect(self.changed)
        self._texts[key] = box
        return box

    def _judgement(self, key: str, names: dict[str, str]) -> QComboBox:
        combo = code_combo(names, empty=not_judged())
        combo.currentIndexChanged.connect(self.changed)
        self._combos[key] = combo
        return combo

    def _table(self, layout) -> RowTable:
        table = RowTable(layout)
        table.changed.connect(self.changed)
        self._tables.append(table)
        return table


class RowsSection(KindSection):
    """Base for a kind whose body fields come with one RowTable, `rows_table` (the subclass builds it)."""

    rows_table: RowTable

    def load(self, content: OpinionContent) -> None:
        super().load(content)
        self.rows_table.set_rows(content.rows)

    def parts(self) -> Parts:
        body, _, _ = super().parts()
        return body, (), self.rows_table.rows()


# ----- 发明 / 实用新型 ---------------------------------------------------------------------------------------------
class ClaimEditor(QWidget):
    """One claim: its number, its text, and its chart."""

    changed = Signal()

    def __init__(self, claim: ClaimData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = QSpinBox()
        self.number.setRange(1, 999)
        self.number.setValue(claim.claim_no)
        self.number.valueChanged.connect(self.changed)
        self.text = _text_box(3)
        self.text.setPlainText(claim.text)
        self.text.setPlaceholderText(self.tr("The claim as granted"))
        self.text.textChanged.connect(self.changed)
        self.chart = RowTable(PATENT)
        self.chart.set_rows(claim.rows)
        self.chart.changed.connect(self.changed)
        form = QFormLayout()
        form.addRow(self.tr("Claim number:"), self.number)
        form.addRow(self.tr("Claim text:"), self.text)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.chart, 1)

    def data(self) -> ClaimData:
        return ClaimData(self.number.value(), self.text.toPlainText().strip(), self.chart.rows())

    def set_read_only(self, read_only: bool) -> None:
        self.number.setReadOnly(read_only)
        self.text.setReadOnly(read_only)
        self.chart.set_read_only(read_only)


class PatentSection(KindSection):
    """Claim charts by the all-elements rule, one tab per claim."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.add_claim_button = QPushButton(self.tr("Add claim"))
        self.add_claim_button.clicked.connect(self.add_claim)
        self.remove_claim_button = QPushButton(self.tr("Remove claim"))
        self.remove_claim_button.clicked.connect(self.remove_claim)
        hint = QLabel(self.tr("A claim is covered when every feature is identical or equivalent "
                              "(all-elements rule)."))
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.add_claim_button)
        buttons.addWidget(self.remove_claim_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(buttons)
        box.addWidget(self.tabs)

    def claim_editors(self) -> list[ClaimEditor]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]  # type: ignore[misc]

    def chart(self, claim_index: int = 0) -> RowTable:
        return self.claim_editors()[claim_index].chart

    def load(self, content: OpinionContent) -> None:
        self.tabs.clear()
        for claim in content.claims or (ClaimData(1),):
            self._add(claim)
        self.tabs.setCurrentIndex(0)

    def parts(self) -> Parts:
        return {}, tuple(editor.data() for editor in self.claim_editors()), ()

    def add_claim(self) -> None:
        taken = {editor.number.value() for editor in self.claim_editors()}
        number = next(n for n in range(1, 1000) if n not in taken)
        self._add(ClaimData(number))
        self.tabs.setCurrentIndex(self.tabs.count() - 1)
        self.changed.emit()

    def remove_claim(self) -> None:
        if self.tabs.count() > 1:
            self.tabs.removeTab(self.tabs.currentIndex())
            self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.claim_editors():
            editor.set_read_only(read_only)
        self.add_claim_button.setEnabled(not read_only)
        self.remove_claim_button.setEnabled(not read_only)

    def _add(self, claim: ClaimData) -> None:
        editor = ClaimEditor(claim)
        editor.changed.connect(self.changed)
        editor.changed.connect(lambda e=editor: self._retitle(e))
        self.tabs.addTab(editor, self._title(claim.claim_no))

    def _retitle(self, editor: ClaimEditor) -> None:
        index = self.tabs.indexOf(editor)
        if index >= 0:
            self.tabs.setTabText(index, self._title(editor.number.value()))

    def _title(self, number: int) -> str:
        return self.tr("Claim {n}").format(n=number)


# ----- 外观设计 ----------------------------------------------------------------------------------------------------
class DesignSection(RowsSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = self._judgement("product_category", labels.DESIGN_CATEGORY)
        self.overall = self._judgement("overall", labels.DESIGN_OVERALL)
        self.rows_table = self._table(DESIGN)
        form = QFormLayout()
        form.addRow(self.tr("Product category:"), self.category)
        form.addRow(self.tr("Category note:"), self._note("category_note"))
        after = QFormLayout()
        after.addRow(self.tr("Overall visual effect:"), self.overall)
        after.addRow(self.tr("Overall effect note:"), self._note("overall_note", 3))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(form)
        box.addWidget(QLabel(self.tr("Design features (as seen by an ordinary consumer):")))
        box.addWidget(self.rows_table, 1)
        box.addLayout(after)


# ----- 商标 --------------------------------------------------------------------------------------------------------
class TrademarkSection(RowsSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        marks = QGroupBox(self.tr("Mark comparison (whole and dominant part)"))
        form = QFormLayout(marks)
        form.addRow(self.tr("Registered mark:"), self._line("registered_mark"))
        form.addRow(self.tr("Accused sign:"), self._line("accused_mark"))
        form.addRow(self.tr("Dominant part:"), self._line("dominant_part"))
        form.addRow(self.tr("Marks:"), self._judgement("mark_similarity", labels.MARK_SIMILARITY))
        goods = QGroupBox(self.tr("Goods or services"))
        form = QFormLayout(goods)
        form.addRow(self.tr("Registered for:"), self._line("goods_registered"))
        form.addRow(self.tr("Accused goods or services:"), self._line("goods_accused"))
        form.addRow(self.tr("Goods:"), self._judgement("goods_similarity", labels.GOODS_SIMILARITY))
        confusion = QGroupBox(self.tr("Likelihood of confusion"))
        form = QFormLayout(confusion)
        form.addRow(self.tr("Confusion:"), self._judgement("confusion", labels.CONFUSION))
        form.addRow(self.tr("Reasoning:"), self._note("confusion_note", 3))
        self.rows_table = self._table(POINTS)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        for group in (marks, goods, confusion):
            box.addWidget(group)
        box.addWidget(QLabel(self.tr("Further comparison points (optional):")))
        box.addWidget(self.rows_table, 1)


# ----- 著作权 ------------------------------------------------------------------------------------------------------
class CopyrightSection(RowsSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout()
        form.addRow(self.tr("Work:"), self._line("work"))
        form.addRow(self.tr("Access:"), self._judgement("access", labels.YES_NO))
        form.addRow(self.tr("Access note:"), self._note("access_note"))
        form.addRow(self.tr("Substantial similarity:"), self._judgement("substantial_similarity", labels.YES_NO))
        form.addRow(self.tr("Similarity note:"), self._note("similarity_note"))
        self.rows_table = self._table(POINTS)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(form)
        box.addWidget(QLabel(self.tr("Further comparison points (optional):")))
        box.addWidget(self.rows_table, 1)


# ----- 其他 --------------------------------------------------------------------------------------------------------
class OtherSection(KindSection):
    """Free structure: headed sections of text (body["sections"]), plus optional comparison points."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sections = QTableWidget(0, 2)
        self.sections.setHorizontalHeaderLabels([self.tr("Heading"), self.tr("Text")])
        self.sections.horizontalHeader().setStretchLastSection(True)
        self.sections.setWordWrap(True)
        self.sections.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_section_button = QPushButton(self.tr("Add section"))
        self.add_section_button.clicked.connect(self.add_section)
        self.remove_section_button = QPushButton(self.tr("Remove section"))
        self.remove_section_button.clicked.connect(self.remove_section)
        self.rows_table = self._table(POINTS)
        buttons = button_row((self.add_section_button, self.remove_section_button))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.sections, 1)
        box.addLayout(buttons)
        box.addWidget(QLabel(self.tr("Further comparison points (optional):")))
        box.addWidget(self.rows_table, 1)

    def load(self, content: OpinionContent) -> None:
        self.sections.setRowCount(0)
        for section in content.body.get("sections") or []:
            heading, text = (list(section) + ["", ""])[:2]
            self._append(str(heading), str(text))
        self.rows_table.set_rows(content.rows)

    def managed_keys(self) -> set[str]:
        return {"sections"}

    def parts(self) -> Parts:
        sections = []
        for r in range(self.sections.rowCount()):
            heading, text = (self._cell(r, c) for c in (0, 1))
            if heading or text:
                sections.append([heading, text])
        body = {"sections": sections} if sections else {}
        return body, (), self.rows_table.rows()

    def add_section(self) -> None:
        self._append("", "")
        self.changed.emit()

    def remove_section(self) -> None:
        if self.sections.currentRow() >= 0:
            self.sections.removeRow(self.sections.currentRow())
            self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        triggers = QTableWidget.EditTrigger
        self.sections.setEditTriggers(triggers.NoEditTriggers if read_only
                                      else triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self.add_section_button.setEnabled(not read_only)
        self.remove_section_button.setEnabled(not read_only)

    def _cell(self, row: int, column: int) -> str:
        item = self.sections.item(row, column)
        return item.text().strip() if item is not None else ""

    def _append(self, heading: str, text: str) -> None:
        blocked = self.sections.blockSignals(True)  # a half-built row is not an edit
        row = self.sections.rowCount()
        self.sections.insertRow(row)
        self.sections.setItem(row, 0, QTableWidgetItem(heading))
        self.sections.setItem(row, 1, QTableWidgetItem(text))
        self.sections.blockSignals(blocked)


def section_for(kind: str) -> KindSection:
    if kind in ("invention", "utility"):
        return PatentSection()
    return {"design": DesignSection, "trademark": TrademarkSection, "copyright": CopyrightSection}.get(
        kind, OtherSection)()
