"""Preview of an opinion's PDF with QtPdf, and saving or printing it.

The bytes come from `opinions.opinion_pdf`: an issued opinion's stored PDF byte for byte, anything else
rendered now (watermarked, no number). They are loaded from a QBuffer, so nothing is written to disk
unless the user saves; "Save PDF" writes those same bytes, and printing paints the pages QtPdf rendered
(ui/printing.py).
"""
from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services import opinions as ops
from ui import printing
from ui.tasks import Task, run_task

if TYPE_CHECKING:
    from app.context import Actor
    from app.database import Database

log = logging.getLogger(__name__)

class OpinionPreview(QWidget):
    """`document_loaded(page_count)` fires when the PDF is shown."""

    document_loaded = Signal(int)

    def __init__(self, db: Database, actor: Actor, opinion_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.opinion_id = opinion_id
        self.pdf_bytes: bytes = b""
        self.task: Task | None = None
        self._buffer: QBuffer | None = None  # must outlive the document that reads from it
        self.setWindowTitle(self.tr("Opinion preview"))

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel(self.tr("Rendering the PDF…"))
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(lambda: self.print_pdf())
        for button in (self.save_button, self.print_button):
            button.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.resize(720, 900)
        self.reload()

    def reload(self) -> None:
        db, actor, opinion_id = self._db, self._actor, self.opinion_id
        self.task = run_task(lambda: ops.opinion_pdf(db, actor, opinion_id), on_success=self.show_pdf,
                             on_failure=self._failed, parent=self, read_only=True)

    def show_pdf(self, data: bytes) -> None:
        self.pdf_bytes = data
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        pages = self.document.pageCount()
        if self.document.status() != QPdfDocument.Status.Ready or pages == 0:
            self.status.setText(self.tr("The PDF could not be shown."))
            return
        self.status.setText(self.tr("{pages} page(s)").format(pages=pages))
        for button in (self.save_button, self.print_button):
            button.setEnabled(True)
        self.document_loaded.emit(pages)

    def page_count(self) -> int:
        return self.document.pageCount()

    def _failed(self, exc: BaseException) -> None:
        from app.errors import IpaidError
        from ui.crash import show_failure

        if isinstance(exc, IpaidError):
            self.status.setText(exc.message)
        else:
            show_failure(exc, self)

    # ----- saving --------------------------------------------------------------------------------------------
    def save_pdf(self, path: str | None = None) -> Path | None:
        """Write the previewed bytes; without `path`, ask where."""
        if not self.pdf_bytes:
            return None
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save PDF"), self.suggested_name(),
                                                        self.tr("PDF files (*.pdf)"))
            if not path:
                return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            target.write_bytes(self.pdf_bytes)
        except OSError as exc:
            self.status.setText(self.tr("Could not write {path}: {error}").format(path=target, error=exc.strerror))
            return None
        self.status.setText(self.tr("Saved to {path}").format(path=target))
        return target

    def suggested_name(self) -> str:
        return f"侵权判定参考意见书-{self.opinion_id.hex[:8]}.pdf"

    # ----- printing ------------------------------------------------------------------------------------------
    def print_pdf(self, printer: QPrinter | None = None) -> bool:
        """Print every page; without `printer`, ask with the print dialog. True when pages were sent."""
        if not self.page_count():
            return False
        if printer is None:
            printer = printing.a4_printer()
            if not self.ask_printer(printer):
                return False
        sent = printing.print_document(self.document, printer)
        if sent is None:
            self.status.setText(self.tr("The printer could not be started."))
            return False
        self.status.setText(self.tr("Sent {pages} page(s) to the printer.").format(pages=sent))
        return True

    def ask_printer(self, printer: QPrinter) -> bool:
        return printing.ask_printer(self, printer, self.page_count())
