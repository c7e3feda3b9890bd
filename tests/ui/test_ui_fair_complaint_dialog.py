"""The fair page's complaint form: not modal, registers off the GUI thread, and keeps what was typed
when the service refuses the complaint."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402

import pytest  # noqa: E402

from app.services import fairs  # noqa: E402
from ui.fairs import FairPage  # noqa: E402

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def fair(centre):
    return fairs.create_fair(centre.db, centre.admin, name="春交会", starts_on=date(2026, 4, 15),
                             ends_on=date(2026, 4, 19), short_code="CJ", staff=["fairstaff"])


def test_a_refused_complaint_keeps_the_form_then_registers(qtbot, centre, fair):
    page = FairPage(centre.db, centre.fairstaff)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.fair_id is not None, timeout=10000)
    dialog = page._ask_complaint()  # open(), not exec(): returns at once
    assert dialog.isVisible()
    dialog.complainant.setText("乙公司")
    dialog.booth.setText("1A01")  # no respondent yet: the service refuses
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    ok.click()
    with qtbot.waitSignal(dialog.task.finished, timeout=10000):
        pass
    assert dialog.isVisible() and "被投诉人" in dialog.message.text()
    assert dialog.complainant.text() == "乙公司" and dialog.booth.text() == "1A01"

    dialog.respondent.setText("某展商")
    ok.click()
    with qtbot.waitSignal(dialog.task.finished, timeout=10000):
        pass
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: page.complaints.rowCount() == 1, timeout=10000)
    assert page.complaints.item(0, 1).text() == "乙公司"

