"""Printing a PDF that the program made: QtPdf renders each page and the page image is painted
onto the printer. Shared by the opinion preview and the 统计报表 page, so both print the same way.

ReportLab documents carry their own margins, so the printer draws on the full sheet; pages are
rasterised at no more than PRINT_DPI (A4 at 300 dpi: 2480 × 3508 pixels).
"""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

PRINT_DPI = 300


def a4_printer() -> QPrinter:
    """The default printer, set to A4 portrait (what every document of the program is)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      printer.pageLayout().margins()))
    return printer


def ask_printer(parent: QWidget, printer: QPrinter, page_count: int) -> bool:
    """Qt's print dialog (printer, copies, page range); True when the user chose to print."""
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, max(page_count, 1))
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def load_pdf(data: bytes, parent: QObject) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument reading `data` from memory. Keep the buffer as long as the document:
    the document reads from it."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def page_range(printer: QPrinter, count: int) -> tuple[int, int]:
    """The 0-based first and last page to print: the range chosen in the dialog, else all."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        return max(printer.fromPage(), 1) - 1, min(printer.toPage() or count, count) - 1
    return 0, count - 1


def print_document(document: QPdfDocument, printer: QPrinter) -> int | None:
    """Paint the chosen pages of `document` on `printer`; the number of pages sent, or None when
    the printer could not be started."""
    count = document.pageCount()
    if not count:
        return 0
    printer.setFullPage(True)  # the PDF carries its own margins
    painter = QPainter()
    if not painter.begin(printer):
        return None
    try:
        first, last = page_range(printer, count)
        for index in range(first, last + 1):
            if index > first:
                printer.newPage()
            _paint_page(document, painter, printer, index)
    finally:
        painter.end()
    return last - first + 1


def _paint_page(document: QPdfDocument, painter: QPainter, printer: QPrinter, index: int) -> None:
    points = document.pagePointSize(index)
    dpi = min(printer.resolution(), PRINT_DPI)
    image = document.render(index, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72)))
    target = printer.pageLayout().fullRectPixels(printer.resolution())
    painter.drawImage(QRectF(target), image)


__all__ = ["PRINT_DPI", "a4_printer", "ask_printer", "load_pdf", "page_range", "print_document"]
