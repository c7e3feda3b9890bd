"""The consultation quick entry, driven by the keyboard alone, on a real SQLite database."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.services import consultations as cs  # noqa: E402
from app.services import knowledge as kb  # noqa: E402
from db.models import AssistCase  # noqa: E402
from ui.consultations.quick_entry import ConsultationQuickEntry  # noqa: E402
from ui.tasks import task_runner  # noqa: E402

from tests.ui.consult_fixtures import signed_in_centre  # noqa: E402


@pytest.fixture
def centre_sqlite(sqlite_url, password_hash):
    yield from signed_in_centre(sqlite_url, password_hash)


CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def entry(qtbot, centre_sqlite):
    widget = ConsultationQuickEntry(centre_sqlite.db, centre_sqlite.caseworker)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.channel.setFocus()
    return widget


def type_text(qtbot, widget, text: str) -> None:
    """Type like a person: ASCII as key presses, Chinese as an input method commits it
    (QTest's key clicks cannot carry non-ASCII characters)."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget.focusProxy() or widget, event)


def settle() -> None:
    task_runner().wait_for_done(10_000)


def type_call(qtbot, entry, *, asker="张三", phone="13812345678", question="商标被别人抢注了怎么办？",
              answer="可以在公告期内提出异议。") -> None:
    """Fill the form as a caseworker on the phone would: Tab from field to field, no mouse."""
    focus = entry.focusWidget()
    assert focus is entry.channel, focus
    qtbot.keyClick(entry.channel, Qt.Key.Key_Down)  # 电话 → 来访 (the next channel in the list)
    qtbot.keyClick(entry.channel, Qt.Key.Key_Tab)
    assert entry.focusWidget() is entry.asker
    type_text(qtbot, entry.asker, asker)
    qtbot.keyClick(entry.asker, Qt.Key.Key_Tab)
    assert entry.focusWidget() is entry.phone
    type_text(qtbot, entry.phone, phone)
    qtbot.keyClick(entry.phone, Qt.Key.Key_Tab)
    assert entry.focusWidget() is entry.topic
    qtbot.keyClick(entry.topic, Qt.Key.Key_Down)  # 法律法规 → 授权确权程序与法律状态
    qtbot.keyClick(entry.topic, Qt.Key.Key_Tab)
    assert entry.focusWidget() is entry.ip_kind
    for _ in range(4):  # (not stated) → 发明专利 → 实用新型 → 外观设计 → 商标
        qtbot.keyClick(entry.ip_kind, Qt.Key.Key_Down)
    qtbot.keyClick(entry.ip_kind, Qt.Key.Key_Tab)
    assert entry.focusWidget() is entry.question
    type_text(qtbot, entry.question, question)
    qtbot.keyClick(entry.question, Qt.Key.Key_Tab)
    assert entry.focusWidget() is entry.answer
    type_text(qtbot, entry.answer, answer)


def test_a_consultation_entered_with_the_keyboard_alone_is_saved(qtbot, entry, centre_sqlite):
    type_call(qtbot, entry)
    qtbot.keyClick(entry.answer, Qt.Key.Key_S, CTRL)
    settle()
    qtbot.waitUntil(lambda: entry.current is not None)
    rows = cs.list_consultations(centre_sqlite.db, centre_sqlite.caseworker)
    assert len(rows) == 1
    row = rows[0]
    assert (row.channel, row.topic, row.ip_kind) == ("visit", "procedure", "trademark")
    assert (row.asker_name, row.asker_phone) == ("张三", "13812345678")
    assert row.question == "商标被别人抢注了怎么办？" and row.answer == "可以在公告期内提出异议。"
    assert row.handled_by_name == "李明" and row.ended_at is not None and row.ended_at >= row.started_at
    qtbot.waitUntil(lambda: entry.recent.rowCount() == 1)
    # Ctrl+N starts the next call with a fresh start time, focus back on the channel.
    qtbot.keyClick(entry.answer, Qt.Key.Key_N, CTRL)
    assert entry.current is None and entry.question.toPlainText() == ""
    assert entry.focusWidget() is entry.channel


def test_a_bad_phone_is_reported_next_to_the_field_and_nothing_is_saved(qtbot, entry, centre_sqlite):
    type_call(qtbot, entry, phone="12345")
    qtbot.keyClick(entry.answer, Qt.Key.Key_S, CTRL)
    settle()
    qtbot.waitUntil(lambda: "联系电话" in entry.status.text())
    assert entry.focusWidget() is entry.phone
    assert cs.list_consultations(centre_sqlite.db, centre_sqlite.caseworker) == []


def test_ctrl_shift_c_saves_and_turns_the_call_into_a_linked_case(qtbot, entry, centre_sqlite):
    type_call(qtbot, entry)
    with qtbot.waitSignal(entry.case_created, timeout=10_000) as made:
        qtbot.keyClick(entry.answer, Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)
        settle()
    case_no = made.args[0].case_no
    assert case_no == "〔2026〕测维援字第0001号" or case_no.endswith("测维援字第0001号")
    assert entry.case_label.text() == case_no and not entry.case_button.isEnabled()
    row = cs.list_consultations(centre_sqlite.db, centre_sqlite.caseworker)[0]
    with centre_sqlite.db.read_session() as s:
        case = s.scalars(select(AssistCase)).one()
    assert row.case_id == case.id and case.consultation_id == row.id and case.channel == "visit"


def test_suggestions_come_from_approved_items_only_and_insert_with_ctrl_i(qtbot, entry, centre_sqlite):
    db = centre_sqlite.db
    approved = kb.create_item(db, centre_sqlite.caseworker, kb.KnowledgeInput(
        "商标被他人抢先注册怎么办？", "可以在公告期内提出异议，或在注册后请求宣告无效。", (), "商标"))
    kb.approve_item(db, centre_sqlite.supervisor, approved.id)
    kb.create_item(db, centre_sqlite.caseworker, kb.KnowledgeInput(
        "展会上外观设计被仿冒如何取证？", "公证购买样品。", (), "外观设计"))

    entry.question.setFocus()
    type_text(qtbot, entry.question, "展会上外观设计被仿冒")
    qtbot.wait(450)  # past the typing pause
    settle()
    assert entry.suggestions() == []  # the matching item is still a draft

    entry.question.clear()
    type_text(qtbot, entry.question, "我们的商标被人抢先注册了")
    qtbot.waitUntil(lambda: entry.suggestion_list.count() == 1, timeout=5_000)
    assert entry.suggestions()[0].id == approved.id
    qtbot.keyClick(entry.question, Qt.Key.Key_I, CTRL)
    assert entry.answer.toPlainText() == "可以在公告期内提出异议，或在注册后请求宣告无效。"


def test_a_conflict_is_shown_and_the_case_registered_only_after_yes(qtbot, entry, centre_sqlite, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.services import cases
    from tests.app.case_data import case_input, company, person

    db = centre_sqlite.db
    cases.register(db, centre_sqlite.caseworker, case_input(applicant=company("沈阳甲机械有限公司", ""),
                                                            opposing=person("张三", "")), confirmed=True)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    type_call(qtbot, entry)
    with qtbot.waitSignal(entry.case_created, timeout=10_000):
        qtbot.keyClick(entry.answer, Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)
        settle()
    assert asked and "仍要登记" in asked[0]
    assert len(cs.list_consultations(db, centre_sqlite.caseworker)) == 1  # saved once, not twice
