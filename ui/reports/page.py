"""The 统计报表 page: a period picker, the figures against the previous period and the same
period last year, live charts (QtCharts), PDF / Excel export and printing (Ctrl+P: the same PDF
through Qt's print dialog, ui/printing.py). All database and document work runs off the GUI
thread; only painting the pages for the printer happens on it, as Qt requires."""
from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QProgressBar, QPushButton,
    QSpinBox, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.errors import IpaidError
from app.reports.periods import Period
from app.reports.summary import Summary, build_summary, write_outputs
from app.reports.summary_pdf import summary_pdf
from app.reports.summary_xlsx import MAIN_ROWS, PERCENT
from ui import printing
from ui.crash import show_failure
from ui.tasks import run_task

_KINDS = ("month", "quarter", "year")


def _fmt(value, fmt: str) -> str:
    if value is None:
        return "—"
    if fmt == PERCENT:
        return f"{value * 100:.1f}%"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


class ReportsPage(QWidget):
    summary_ready = Signal(object)
    exported = Signal(str)
    printed = Signal(int)  # pages sent to the printer
    failed = Signal(str)

    def __init__(self, db, actor, parent: QWidget | None = None, *, all_centres: bool = False) -> None:
        super().__init__(parent)
        self.db, self.actor, self.all_centres = db, actor, all_centres
        self.summary: Summary | None = None
        self._build()

    # --- layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.kind = QComboBox()
        self.kind.addItems([self.tr("Month"), self.tr("Quarter"), self.tr("Year")])
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(2026)
        self.number = QSpinBox()
        self.number.setRange(1, 12)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.clicked.connect(self.refresh)
        self.pdf_button = QPushButton(self.tr("Export PDF…"))
        self.xlsx_button = QPushButton(self.tr("Export Excel…"))
        self.pdf_button.clicked.connect(lambda: self._ask_and_export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self._ask_and_export("xlsx"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setToolTip(self.tr("Print the report (Ctrl+P)"))
        self.print_button.clicked.connect(lambda: self.print_report())
        QShortcut(QKeySequence.StandardKey.Print, self, lambda: self.print_report(),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for b in self._output_buttons():
            b.setEnabled(False)
        picker = QHBoxLayout()
        for w in (QLabel(self.tr("Period")), self.kind, self.year, self.number, self.show_button):
            picker.addWidget(w)
        picker.addStretch(1)
        picker.addWidget(self.pdf_button)
        picker.addWidget(self.xlsx_button)
        picker.addWidget(self.print_button)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Figure"), self.tr("This period"), self.tr("Previous period"), self.tr("Same period last year")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.months_chart = QChartView()
        self.kinds_chart = QChartView()
        for view in (self.months_chart, self.kinds_chart):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(220)
        charts = QSplitter(Qt.Orientation.Vertical)
        charts.addWidget(self.months_chart)
        charts.addWidget(self.kinds_chart)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(self.table)
        body.addWidget(charts)
        # The charts need the room; the table's four columns read fine in less than half.
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 3)
        body.setSizes([460, 700])

        layout = QVBoxLayout(self)
        layout.addLayout(picker)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(body, 1)

    def _kind_changed(self, index: int) -> None:
        self.number.setEnabled(index != 2)
        self.number.setRange(1, 12 if index == 0 else 4)

    # --- actions ----------------------------------------------------------------------------------
    def period(self) -> Period:
        kind = _KINDS[self.kind.currentIndex()]
        return Period(kind, self.year.value(), 1 if kind == "year" else self.number.value())

    def set_period(self, period: Period) -> None:
        self.kind.setCurrentIndex(_KINDS.index(period.kind))
        self.year.setValue(period.year)
        self.number.setValue(period.number)

    def refresh(self) -> None:
        period, centre = self.period(), ("all" if self.all_centres else None)
        db, actor = self.db, self.actor
        self._busy(self.tr("Computing figures…"))
        run_task(lambda: build_summary(db, actor, period, centre=centre),
                 on_success=self._show_summary, on_failure=self._fail, parent=self, read_only=True)

    def export(self, kind: str, path: str) -> None:
        if self.summary is None:
            return
        summary = self.summary
        self._busy(self.tr("Writing %1…").replace("%1", path))
        run_task(lambda: write_outputs(summary, **{kind: path}) or path,
                 on_success=self._exported, on_failure=self._fail, parent=self, read_only=True)

    def _ask_and_export(self, kind: str) -> None:
        pattern = "PDF (*.pdf)" if kind == "pdf" else "Excel (*.xlsx)"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), f"{self.period().key}.{kind}", pattern)
        if path:
            self.export(kind, path)

    def print_report(self, printer: QPrinter | None = None) -> None:
        """Print the shown summary's PDF; without `printer`, ask with Qt's print dialog.
        The PDF is made off the GUI thread; `printed(pages)` fires when the pages were sent."""
        if self.summary is None or not self.print_button.isEnabled():
            return
        summary = self.summary
        self._busy(self.tr("Preparing the report for printing…"))
        run_task(lambda: summary_pdf(summary), on_success=lambda data: self._print_pdf(data, printer),
                 on_failure=self._fail, parent=self, read_only=True)

    def ask_printer(self, printer: QPrinter, page_count: int) -> bool:
        return printing.ask_printer(self, printer, page_count)

    def _print_pdf(self, data: bytes, printer: QPrinter | None) -> None:
        self._idle()
        document, buffer = printing.load_pdf(data, self)
        try:
            pages = document.pageCount()
            if not pages:
                self.status.setText(self.tr("The PDF could not be read for printing."))
                return
            if printer is None:
                printer = printing.a4_printer()
                if not self.ask_printer(printer, pages):
                    self.status.setText(self.tr("Printing cancelled."))
                    return
            sent = printing.print_document(document, printer)
        finally:
            document.close()
            document.deleteLater()
            buffer.deleteLater()
        if sent is None:
            self.status.setText(self.tr("The printer could not be started."))
            return
        self.status.setText(self.tr("Sent {pages} page(s) to the printer.").format(pages=sent))
        self.printed.emit(sent)

    # --- results ----------------------------------------------------------------------------------
    def _busy(self, text: str) -> None:
        self.progress.show()
        self.status.setText(text)
        for b in (self.show_button, *self._output_buttons()):
            b.setEnabled(False)

    def _idle(self) -> None:
        self.progress.hide()
        self.show_button.setEnabled(True)
        for b in self._output_buttons():
            b.setEnabled(self.summary is not None)

    def _output_buttons(self) -> tuple[QPushButton, ...]:
        return (self.pdf_button, self.xlsx_button, self.print_button)

    def _show_summary(self, summary: Summary) -> None:
        self.summary = summary
        self._idle()
        self.status.setText(f"{summary.centre_name}　{summary.period.title}")
        self._fill_table(summary)
        self._fill_charts(summary)
        self.summary_ready.emit(summary)

    def _exported(self, path: str) -> None:
        self._idle()
        self.status.setText(self.tr("Saved %1").replace("%1", path))
        self.exported.emit(path)

    def _fail(self, exc: BaseException) -> None:
        self._idle()
        if isinstance(exc, IpaidError):
            message = exc.message
            self.status.setText(message)
            self.failed.emit(message)
            if self.isVisible():
                QMessageBox.warning(self, self.tr("Report"), message)
            return
        message = self.tr("The report failed because of an unexpected error; details are in the log.")
        self.status.setText(message)
        self.failed.emit(message)
        show_failure(exc, self)  # logged, and the crash dialog

    def _fill_table(self, summary: Summary) -> None:
        columns = (summary.figures.values, summary.previous, summary.year_before)
        self.table.setRowCount(len(MAIN_ROWS))
        for row, (label, key, fmt) in enumerate(MAIN_ROWS):
            self.table.setItem(row, 0, QTableWidgetItem(label))
            for col, values in enumerate(columns, start=1):
                item = QTableWidgetItem(_fmt(values[key], fmt))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)

    def _fill_charts(self, summary: Summary) -> None:
        registered, closed = QBarSet(self.tr("Registered")), QBarSet(self.tr("Closed"))
        for _m, r, c in summary.months:
            registered.append(r)
            closed.append(c)
        self.months_chart.setChart(_bar_chart(self.tr("Cases per month"), [registered, closed],
                                              [f"{m.number}月" for m, _r, _c in summary.months]))
        kinds = summary.figures.values["by_ip_type"]
        counts = QBarSet(self.tr("Registered"))
        for n in kinds.values():
            counts.append(n)
        self.kinds_chart.setChart(_bar_chart(self.tr("By IP type"), [counts], list(kinds)))


def _bar_chart(title: str, sets: list[QBarSet], categories: list[str]) -> QChart:
    series = QBarSeries()
    for s in sets:
        series.append(s)
    chart = QChart()
    chart.setTitle(title)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append(categories)
    axis_y = QValueAxis()
    axis_y.setLabelFormat("%d")
    axis_y.setMin(0)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    axis_y.applyNiceNumbers()  # whole-number ticks for counts
    chart.legend().setVisible(len(sets) > 1)
    return chart
