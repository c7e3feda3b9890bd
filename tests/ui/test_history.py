"""The history widget shows who changed what, in Chinese, below each event."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from app.service import service_call  # noqa: E402
from app.services.setup import NewAccount, initialise  # noqa: E402
from db.models import Party  # noqa: E402
from tests.conftest import PASSWORD  # noqa: E402


@pytest.fixture
def actors(app_db, password_hash):
    return initialise(app_db, centre_name="测试中心", centre_short="测",
                      accounts=[NewAccount("li", "李明", PASSWORD, ("caseworker",))],
                      password_hashes={PASSWORD: password_hash})


def test_history_view_lists_events_and_changes(qtbot, qtmodeltester, app_db, actors):
    from ui.history.history_view import HistoryView

    li = actors[0]
    with service_call(app_db, li, roles=None, action="party.create") as s:
        party = Party(centre_id=li.centre_id, kind="enterprise", name="某某公司", scale="small")
        s.add(party)
        s.flush()
        pid = party.id
    with service_call(app_db, li, roles=None, action="party.update") as s:
        s.get(Party, pid).scale = "medium"

    view = HistoryView(app_db, li)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.show_record("party", pid)
    model = view.model
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert [model.item(r, 2).text() for r in range(2)] == ["新建", "修改"]
    assert model.item(1, 1).text() == "李明"
    update = model.item(1, 0)
    assert update.rowCount() == 1
    assert [update.child(0, c).text() for c in (2, 3, 4)] == ["企业规模", "小型", "中型"]


def test_newer_request_wins(qtbot, app_db, actors):
    import uuid

    from ui.history.history_view import HistoryView

    view = HistoryView(app_db, actors[0])
    qtbot.addWidget(view)
    view.show_record("party", uuid.uuid4())
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.show_record("party", uuid.uuid4())
    assert view.model.rowCount() == 0


def test_an_unexpected_failure_ends_loading(qtbot, app_db, actors, monkeypatch):
    import uuid

    from ui.history import history_view

    def broken(*_args):
        raise RuntimeError("boom")

    shown = []
    monkeypatch.setattr(history_view, "record_history", broken)
    monkeypatch.setattr(history_view, "show_failure", lambda exc, parent=None: shown.append(exc))
    view = history_view.HistoryView(app_db, actors[0])
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.show_record("party", uuid.uuid4())
    assert view.status.text() not in ("正在读取历史记录…", "Loading history…")
    assert [type(e) for e in shown] == [RuntimeError]
