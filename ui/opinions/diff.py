"""What changed between two versions of an opinion (app.services.opinion_versions.VersionDiff), as a table."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.opinion_versions import VersionDiff


class DiffDialog(QDialog):
    """Fields first, then comparison rows (新增 / 删除 / 修改, each with the values that differ)."""

    def __init__(self, diff: VersionDiff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Changes from version {old} to version {new}").format(
            old=diff.old_version, new=diff.new_version))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("What"), self.tr("Before"), self.tr("After")])
        self.tree.setWordWrap(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().resizeSection(0, 200)
        self.tree.header().resizeSection(1, 260)
        fields = QTreeWidgetItem(self.tree, [self.tr("Fields")])
        for change in diff.fields:
            QTreeWidgetItem(fields, [change.field, change.old, change.new])
        rows = QTreeWidgetItem(self.tree, [self.tr("Comparison rows")])
        for row in diff.rows:
            parent = QTreeWidgetItem(rows, [f"{row.row}（{row.change}）"])
            for change in row.fields:
                QTreeWidgetItem(parent, [change.field, change.old, change.new])
        for item in (fields, rows):
            item.setFirstColumnSpanned(True)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
        self.tree.expandAll()
        summary = QLabel(self.tr("No differences.") if diff.empty else self.tr(
            "{fields} field(s) and {rows} comparison row(s) changed.").format(
                fields=len(diff.fields), rows=len(diff.rows)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(summary)
        box.addWidget(self.tree, 1)
        box.addWidget(buttons)
        self.resize(760, 480)

    def lines(self) -> list[tuple[str, str, str]]:
        """Every leaf line as (what, before, after) — what a reviewer reads, for tests."""
        out = []

        def walk(item: QTreeWidgetItem) -> None:
            if item.childCount() == 0:
                out.append((item.text(0), item.text(1), item.text(2)))
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i))
        return out
