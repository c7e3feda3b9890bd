"""数据同步: issue a fair kit (centre), write the return bundle (laptop), import a bundle with
progress (centre), and the 冲突处理 view where a person settles each conflict.

Bundles, kits and merges are app.sync calls run through ui.tasks.run_task; this module only asks
for files and passphrases and shows what came back.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog, QGroupBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.services import fairs
from app.sync import export, kit, merge
from ui.tasks import Task, run_task
from ui.widgets import page_title

if TYPE_CHECKING:
    from app.context import Actor
    from app.database import Database


def shown(value: object) -> str:
    return "（空）" if value is None or value == "" else str(value)


class ConflictView(QWidget):
    """冲突处理: one row per field changed on both sides; keep the centre's value or take the laptop's."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.rows: list[merge.ConflictRow] = []
        self.last_task: Task | None = None
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("Record"), self.tr("Field"), self.tr("Centre value"),
                                              self.tr("Laptop value"), self.tr("Laptop"), self.tr("Received")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.keep_centre = QPushButton(self.tr("Keep centre value"))
        self.take_laptop = QPushButton(self.tr("Take laptop value"))
        self.keep_centre.clicked.connect(lambda: self.resolve_selected("centre"))
        self.take_laptop.clicked.connect(lambda: self.resolve_selected("laptop"))
        self.summary = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.keep_centre)
        buttons.addWidget(self.take_laptop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        db, actor = self._db, self._actor
        self.last_task = run_task(lambda: merge.list_conflicts(db, actor), on_success=self._show, parent=self,
                                  read_only=True)

    def _show(self, rows: list[merge.ConflictRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, c in enumerate(rows):
            values = [f"{c.table_label} {c.record_label}", c.field, shown(c.centre_value), shown(c.laptop_value),
                      c.device, c.created_at.astimezone().strftime("%Y-%m-%d %H:%M")]
            for j, v in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()
        self.summary.setText(self.tr("{n} conflicts wait for a decision.").format(n=len(rows)) if rows
                             else self.tr("No conflicts wait."))
        for button in (self.keep_centre, self.take_laptop):
            button.setEnabled(bool(rows))

    def resolve_selected(self, choice: str) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return
        conflict_id, db, actor = self.rows[row].id, self._db, self._actor
        self.last_task = run_task(lambda: merge.resolve_conflict(db, actor, conflict_id, choice),
                                  on_success=lambda _r: self.reload(), parent=self)


class SyncPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.last_task: Task | None = None
        self.last_message = ""

        title = page_title(self.tr("Fair kits and return bundles"))

        transfer = QGroupBox(self.tr("Transfer"))
        row = QHBoxLayout(transfer)
        for text, slot in ((self.tr("Export fair kit…"), self._ask_export_kit),
                           (self.tr("Export return bundle…"), self._ask_export_return),
                           (self.tr("Import return bundle…"), self._ask_import)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        self.result = QLabel()
        self.result.setWordWrap(True)
        conflicts = QGroupBox(self.tr("Conflicts"))
        self.conflicts = ConflictView(db, actor)
        QVBoxLayout(conflicts).addWidget(self.conflicts)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(transfer)
        layout.addWidget(self.result)
        layout.addWidget(conflicts, 1)

    # ------------------------------------------------------------------ asking
    def _passphrase(self, asking: str) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("Passphrase"), asking, QLineEdit.EchoMode.Password)
        return text if ok and text else None

    def _ask_export_kit(self) -> None:
        db, actor = self._db, self._actor
        run_task(lambda: fairs.list_fairs(db, actor), on_success=self._choose_fair, parent=self, read_only=True)

    def _choose_fair(self, rows: list[fairs.FairRow]) -> None:
        if not rows:
            QMessageBox.information(self, self.tr("Export fair kit"), self.tr("No fair yet."))
            return
        names = [f.name for f in rows]
        name, ok = QInputDialog.getItem(self, self.tr("Export fair kit"), self.tr("Fair:"), names, 0, False)
        if not ok:
            return
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Fair kit"), f"{name}.ipaidkit", "*.ipaidkit")
        if path:
            self.export_kit(name, path, self._passphrase(self.tr("Passphrase to encrypt the kit (recommended):")))

    def _ask_export_return(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Return bundle"), "return.ipaidsync", "*.ipaidsync")
        if path:
            self.export_return(path, self._passphrase(self.tr("Passphrase to encrypt the bundle (recommended):")))

    def _ask_import(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Return bundle"), "", "*.ipaidsync")
        if path:
            self.import_bundle(path, self._passphrase(self.tr("Passphrase of the bundle (empty if none):")))

    # ------------------------------------------------------------------ doing
    def export_kit(self, fair_name: str, path: str, passphrase: str | None) -> None:
        db, actor = self._db, self._actor
        self.last_task = run_task(lambda: kit.export_kit(db, actor, fair_name, Path(path), passphrase),
                                  on_success=self._kit_done, parent=self, label=self.tr("Writing the fair kit…"))

    def _kit_done(self, issued: kit.KitIssued) -> None:
        text = self.tr("Fair kit written to {path}. Laptop number prefix {prefix}. One-time recovery code (write it down now, it is shown only once): {code}")  # noqa: E501 - one literal for lupdate
        self._say(text.format(
            path=issued.path, prefix=issued.number_prefix, code=issued.recovery_code))

    def export_return(self, path: str, passphrase: str | None) -> None:
        db, actor = self._db, self._actor
        self.last_task = run_task(lambda: export.export_return(db, actor, Path(path), passphrase),
                                  on_success=self._export_done, parent=self, label=self.tr("Writing the bundle…"))

    def _export_done(self, r: export.ExportResult) -> None:
        self._say(self.tr("Return bundle written to {path}: {created} new, {changed} changed, {deleted} deleted.")
                  .format(path=r.path, created=r.created, changed=r.changed, deleted=r.deleted))

    def import_bundle(self, path: str, passphrase: str | None) -> None:
        db, actor = self._db, self._actor

        def job(progress):
            return merge.import_bundle(db, actor, Path(path), passphrase, progress=progress)

        self.last_task = run_task(job, on_success=self._import_done, parent=self, progress=True,
                                  label=self.tr("Importing the return bundle…"))

    def _import_done(self, r: merge.ImportResult) -> None:
        text = self.tr("Inserted {inserted}, updated {updated}, unchanged {unchanged}, conflicts {conflicts}.").format(
            inserted=r.inserted, updated=r.updated, unchanged=r.unchanged, conflicts=r.conflicts)
        if r.already_imported:
            text = self.tr("This bundle was imported before; nothing changed.") + " " + text
        if r.flags:
            text += "\n" + "\n".join(r.flags)
        self._say(text)
        self.conflicts.reload()

    def _say(self, text: str) -> None:
        self.last_message = text
        self.result.setText(text)


__all__ = ["ConflictView", "SyncPage"]
