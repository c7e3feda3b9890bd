"""Import a case ledger step by step: choose a file, see what would be imported and which rows
would be rejected (a dry run: nothing is written), save the rejected rows, and only then import.
The reading, checking and writing run off the GUI thread with progress."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QProgressBar, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.errors import IpaidError
from app.ledger.importer import ImportResult, import_ledger
from app.ledger.report import write_report
from ui.crash import show_failure
from ui.tasks import Progress, Task, run_task


class LedgerImportWizard(QWidget):
    previewed = Signal(object)
    imported = Signal(object)
    failed = Signal(str)

    def __init__(self, db, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.path: Path | None = None
        self.result: ImportResult | None = None
        self._build()

    def _build(self) -> None:
        self.choose_button = QPushButton(self.tr("Choose ledger file…"))
        self.choose_button.clicked.connect(self._choose)
        self.file_label = QLabel(self.tr("No file chosen (.xlsx or .csv)"))
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.confirm)
        self.save_button = QPushButton(self.tr("Save rejected rows…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._ask_save)
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        self.progress = QProgressBar()
        self.progress.hide()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Reason")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_button)
        bottom.addStretch(1)
        bottom.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    # --- steps --------------------------------------------------------------------------------------
    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose ledger file"), "",
                                              self.tr("Ledgers (*.xlsx *.csv)"))
        if path:
            self.load(path)

    def load(self, path: str | Path) -> None:
        """Step 1–2: check the file against the database without writing anything."""
        self.path = Path(path)
        self.result = None
        self.file_label.setText(str(self.path))
        self._busy(self.tr("Checking…"))
        db, actor, target = self.db, self.actor, self.path
        self._start(lambda progress: import_ledger(db, actor, target, dry_run=True, progress=_stages(progress)),
                    self._previewed, read_only=True)

    def confirm(self) -> None:
        """Step 3: import for real (rows are judged again against the database as it is now)."""
        if self.path is None:
            return
        self._busy(self.tr("Importing…"))
        db, actor, target = self.db, self.actor, self.path
        self._start(lambda progress: import_ledger(db, actor, target, progress=_stages(progress)),
                    self._imported, read_only=False)  # a write: on the single serialised worker

    def save_rejected(self, path: str | Path) -> None:
        if self.result is not None:
            write_report(path, self.result.problems)

    def _ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save rejected rows"), "rejected.csv", "CSV (*.csv)")
        if path:
            self.save_rejected(path)

    def _start(self, job, on_success, *, read_only: bool) -> Task:
        task = run_task(job, on_success=on_success, on_failure=self._fail, parent=self,
                        progress=True, read_only=read_only)
        task.progressed.connect(self._progress)
        return task

    # --- results ------------------------------------------------------------------------------------
    def _busy(self, text: str) -> None:
        self.summary.setText(text)
        self.progress.setRange(0, 0)
        self.progress.show()
        for b in (self.choose_button, self.import_button, self.save_button):
            b.setEnabled(False)

    def _progress(self, value: tuple[int, int | None, str]) -> None:
        done, total, _stage = value
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _show(self, result: ImportResult) -> None:
        self.result = result
        self.progress.hide()
        self.choose_button.setEnabled(True)
        self.save_button.setEnabled(bool(result.problems))
        self.table.setRowCount(len(result.problems))
        for i, p in enumerate(result.problems):
            for j, value in enumerate((str(p.row), p.column, p.value, p.reason)):
                self.table.setItem(i, j, QTableWidgetItem(value))

    def _previewed(self, result: ImportResult) -> None:
        self._show(result)
        self.summary.setText(self.tr("%1 rows: %2 can be imported, %3 would be rejected. Nothing has been imported yet.")
                             .replace("%1", str(result.rows)).replace("%2", str(result.imported))
                             .replace("%3", str(result.rejected)))
        self.import_button.setEnabled(result.imported > 0)
        self.previewed.emit(result)

    def _imported(self, result: ImportResult) -> None:
        self._show(result)
        self.summary.setText(self.tr("Imported %1 rows; %2 rows rejected.")
                             .replace("%1", str(result.imported)).replace("%2", str(result.rejected)))
        self.import_button.setEnabled(False)
        self.imported.emit(result)

    def _fail(self, exc: BaseException) -> None:
        self.progress.hide()
        self.choose_button.setEnabled(True)
        if isinstance(exc, IpaidError):
            message = exc.message
            self.summary.setText(message)
            self.failed.emit(message)
            if self.isVisible():
                QMessageBox.warning(self, self.tr("Ledger import"), message)
            return
        message = self.tr("The ledger could not be processed because of an unexpected error; details are in the log.")
        self.summary.setText(message)
        self.failed.emit(message)
        show_failure(exc, self)  # logged, and the crash dialog


def _stages(progress: Progress):
    """import_ledger reports `(stage, done, total)`; the task's progress takes `(done, total, text)`."""
    return lambda stage, done, total: progress(done, total, stage)
