"""The 统计报表 page and the ledger import wizard, offscreen: nothing is imported before the
user confirms; figures, charts and exports arrive from the worker thread."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from app.ledger.importer import import_ledger  # noqa: E402
from app.reports.periods import parse_month  # noqa: E402
from db.models import AssistCase  # noqa: E402

from tests.app.ledger_files import EXPECTED, SAMPLE_CSV  # noqa: E402
from tests.ui.conftest import print_into  # noqa: E402

pytestmark = [pytest.mark.gui, pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)]


def cases(db) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(AssistCase))


def test_wizard_previews_then_imports_only_when_confirmed(qtbot, centre, tmp_path):
    from ui.ledger.wizard import LedgerImportWizard

    wizard = LedgerImportWizard(centre.db, centre.supervisor)
    qtbot.addWidget(wizard)
    with qtbot.waitSignal(wizard.previewed, timeout=30000):
        wizard.load(SAMPLE_CSV)
    assert cases(centre.db) == 0
    assert wizard.table.rowCount() == len(EXPECTED["rejected"])
    assert wizard.table.item(0, 0).text() == str(EXPECTED["rejected"][0]["row"])
    assert wizard.import_button.isEnabled() and wizard.save_button.isEnabled()
    report = tmp_path / "rejected.csv"
    wizard.save_rejected(report)
    assert report.read_text(encoding="utf-8-sig").startswith("行号,列,值,原因")
    with qtbot.waitSignal(wizard.imported, timeout=60000):
        wizard.confirm()
    assert cases(centre.db) == EXPECTED["imported"]
    assert not wizard.import_button.isEnabled()


def test_wizard_shows_an_unreadable_file(qtbot, centre, tmp_path):
    from ui.ledger.wizard import LedgerImportWizard

    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    wizard = LedgerImportWizard(centre.db, centre.supervisor)
    qtbot.addWidget(wizard)
    with qtbot.waitSignal(wizard.failed, timeout=30000) as blocker:
        wizard.load(bad)
    assert "缺少必需的列" in blocker.args[0]
    assert not wizard.import_button.isEnabled()


def test_reports_page_shows_figures_and_exports(qtbot, centre, tmp_path):
    from ui.reports.page import ReportsPage

    import_ledger(centre.db, centre.supervisor, SAMPLE_CSV)
    page = ReportsPage(centre.db, centre.supervisor)
    qtbot.addWidget(page)
    page.set_period(parse_month("2026-09"))
    with qtbot.waitSignal(page.summary_ready, timeout=30000):
        page.refresh()
    assert page.table.item(0, 0).text() == "登记案件"
    assert page.table.item(0, 1).text() == str(EXPECTED["months"]["2026-09"]["registered"])
    assert page.months_chart.chart().series()[0].count() == 2
    assert page.pdf_button.isEnabled()
    out = tmp_path / "m.pdf"
    with qtbot.waitSignal(page.exported, timeout=30000):
        page.export("pdf", str(out))
    assert out.read_bytes().startswith(b"%PDF")


def test_reports_page_refuses_a_caseworker(qtbot, centre):
    from ui.reports.page import ReportsPage

    page = ReportsPage(centre.db, centre.caseworker)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.failed, timeout=30000) as blocker:
        page.refresh()
    assert "负责人" in blocker.args[0]
    assert not page.pdf_button.isEnabled()
    assert not page.print_button.isEnabled()


def test_ctrl_p_prints_every_page_of_the_report(qtbot, centre, tmp_path, monkeypatch):
    """Ctrl+P makes the report's PDF and paints each of its pages on the printer chosen in the
    dialog — here a PDF file, so the printed pages can be counted; cancelling prints nothing."""
    import io

    import pdfplumber
    from PySide6.QtCore import Qt
    from PySide6.QtPrintSupport import QPrinter

    from app.reports.summary_pdf import summary_pdf
    from ui.reports.page import ReportsPage

    import_ledger(centre.db, centre.supervisor, SAMPLE_CSV)
    page = ReportsPage(centre.db, centre.supervisor)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.set_period(parse_month("2026-09"))
    assert not page.print_button.isEnabled()  # nothing to print before figures are shown
    with qtbot.waitSignal(page.summary_ready, timeout=30000):
        page.refresh()
    with pdfplumber.open(io.BytesIO(summary_pdf(page.summary))) as doc:
        expected_pages = len(doc.pages)
    assert expected_pages > 1

    printed = tmp_path / "printed.pdf"
    asked: list[int] = []

    into_file = print_into(printed, resolution=60)  # small page images keep the test quick

    def print_to_file(printer: QPrinter, pages: int) -> bool:
        asked.append(pages)
        return into_file(printer, pages)

    monkeypatch.setattr(page, "ask_printer", print_to_file)
    page.table.setFocus()
    with qtbot.waitSignal(page.printed, timeout=60000) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked == [expected_pages]
    assert blocker.args == [expected_pages]
    with pdfplumber.open(printed) as doc:
        assert len(doc.pages) == expected_pages
        assert all(p.images for p in doc.pages)  # every page carries its rendered image
    assert page.print_button.isEnabled()

    printed.unlink()
    monkeypatch.setattr(page, "ask_printer", lambda printer, pages: False)  # cancelled in the dialog
    page.print_report()
    qtbot.waitUntil(lambda: page.status.text() == page.tr("Printing cancelled."), timeout=30000)
    assert not printed.exists() and page.print_button.isEnabled()
