"""The opinions screens: drafting form with the live conclusion suggestion, workflow buttons per role,
PDF preview, list page — against a real SQLite database, offscreen.

The Chinese of ui/opinions/zh_CN.txt is installed as a translator (until the lead merges it into the .ts),
so the assertions read what a user of the Chinese interface reads.
"""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import io  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402
from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402

import pdfplumber  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, Qt, QTranslator  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog  # noqa: E402

from app import labels as app_labels  # noqa: E402
from app.errors import PermissionDenied  # noqa: E402
from app.rules import conclusions as rules  # noqa: E402
from app.services import opinions as ops  # noqa: E402
from app.services.opinion_types import ClaimData, OpinionContent, RowData  # noqa: E402
from tests.app.opinion_data import (  # noqa: E402
    claim_rows,
    make_case,
    make_expert,
    make_right,
    patent_content,
    second_supervisor,
)
from tests.conftest import PASSWORD, Centre  # noqa: E402
from tests.ui.conftest import print_into  # noqa: E402
from ui import i18n_build  # noqa: E402
from ui.opinions import labels as ui_labels  # noqa: E402
from ui.opinions.editor import OpinionEditor  # noqa: E402
from ui.opinions.page import NewOpinionDialog, OpinionsPage  # noqa: E402
from ui.opinions.preview import OpinionPreview  # noqa: E402
from ui.opinions.rows import ADD_KEY  # noqa: E402

STRINGS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "ipaid_zh_CN.ts"
SHOTS = os.environ.get("IPAID_SHOTS_DIR")  # set it to keep the screenshots for looking at


def strings() -> dict[str, str]:
    """English source → Chinese, from the shipped .ts (the opinions screens use one Chinese per
    English string whatever the context)."""
    root = ET.parse(STRINGS).getroot()
    return {m.findtext("source"): (m.findtext("translation") or "") for m in root.iter("message")}


class GlossaryTranslator(QTranslator):
    """Translates from the shipped .ts, whatever the context."""

    def __init__(self, table: dict[str, str]) -> None:
        super().__init__()
        self._table = table

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 - Qt's signature
        return self._table.get(source)

    def isEmpty(self) -> bool:
        return False


@pytest.fixture(autouse=True)
def chinese(gui_app):
    translator = GlossaryTranslator(strings())
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def desk(app_db, password_hash) -> Centre:
    from app.services.setup import NewAccount, initialise

    accounts = [
        NewAccount("admin", "管理员", PASSWORD, ("admin",)),
        NewAccount("supervisor", "王主任", PASSWORD, ("supervisor",)),
        NewAccount("caseworker", "李明", PASSWORD, ("caseworker",)),
    ]
    actors = initialise(app_db, centre_name="测试知识产权保护中心", centre_short="测", accounts=accounts,
                        password_hashes={PASSWORD: password_hash})
    return Centre(app_db, {a.username: a for a in actors})


@pytest.fixture
def case(desk):
    return make_case(desk.db, desk.caseworker)


def open_editor(qtbot, desk, actor, opinion_id) -> OpinionEditor:
    editor = OpinionEditor(desk.db, actor, opinion_id)
    qtbot.addWidget(editor)
    editor.resize(1400, 900)
    editor.show()
    qtbot.waitUntil(lambda: editor.view is not None)
    return editor


def shoot(widget, tmp_path: Path, name: str) -> Path:
    target = Path(SHOTS) if SHOTS else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    path = target / name
    QApplication.processEvents()  # let pending layout requests (a label grown by a longer text) run first
    assert widget.grab().save(str(path))
    return path


# ----- drafting --------------------------------------------------------------------------------------------------
def test_the_suggested_conclusion_follows_the_chart_and_a_contradiction_is_flagged(qtbot, desk, case, sync_tasks,
                                                                                     tmp_path):
    v = ops.create_opinion(desk.db, desk.caseworker, case[0], patent_content(("same", "same", "same")))
    editor = open_editor(qtbot, desk, desk.caseworker, v.id)
    chart = editor.section.chart(0)
    assert [chart.table.item(r, 0).text() for r in range(3)] == ["A", "B", "C"]
    assert chart.marks() == ["same", "same", "same"]
    assert editor.suggested() == "infringing"
    assert "构成侵权" in editor.suggestion_label.text() and not editor.warning_shown()

    chart.set_mark(1, "equivalent")
    assert editor.suggested() == "likely"
    assert "可能构成侵权" in editor.suggestion_label.text()
    assert editor.warning_shown()  # chosen 构成侵权, the chart now supports only 可能构成侵权
    assert "“构成侵权”" in editor.warning_label.text() and "“可能构成侵权”" in editor.warning_label.text()

    chart.set_mark(1, "different")
    assert editor.suggested() == "not_infringing"
    assert "不构成侵权" in editor.suggestion_label.text() and editor.warning_shown()

    editor.use_suggestion()
    assert editor.content().conclusion == "not_infringing" and not editor.warning_shown()

    chart.set_mark(1, "unknown")
    assert editor.suggested() == "undetermined" and editor.warning_shown()
    assert editor.dirty
    shoot(editor, tmp_path, "opinion-editor.png")


def test_chart_rows_are_added_moved_and_removed_from_the_keyboard(qtbot, desk, case, sync_tasks):
    v = ops.create_opinion(desk.db, desk.caseworker, case[0], patent_content(("same", "equivalent")))
    editor = open_editor(qtbot, desk, desk.caseworker, v.id)
    editor.activateWindow()
    chart = editor.section.chart(0)
    chart.table.setFocus()
    chart.table.setCurrentCell(1, 1)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is chart.table)

    qtbot.keyClick(chart.table, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)
    assert ADD_KEY == "Ctrl+Ins" and chart.row_count() == 3
    assert [r.label for r in chart.rows()] == ["A", "B", "C"] and chart.rows()[2].mark is None
    assert editor.suggested() == "undetermined"  # an unmarked feature decides nothing yet
    chart.set_mark(2, "same")
    assert editor.suggested() == "likely"

    chart.table.setCurrentCell(1, 1)  # move 等同 (B) down: it becomes C, the text travels with it
    qtbot.keyClick(chart.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    rows = chart.rows()
    assert [(r.label, r.mark) for r in rows] == [("A", "same"), ("B", "same"), ("C", "equivalent")]
    assert rows[2].right_text.startswith("卡扣")

    qtbot.keyClick(chart.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)  # removes C
    assert [(r.label, r.mark) for r in chart.rows()] == [("A", "same"), ("B", "same")]
    assert editor.suggested() == "infringing"


def test_a_failed_save_keeps_the_typing_and_names_the_field(qtbot, desk, case, sync_tasks):
    db, cw = desk.db, desk.caseworker
    v = ops.create_opinion(db, cw, case[0], patent_content())
    editor = open_editor(qtbot, desk, cw, v.id)
    qtbot.keyClicks(editor.title_edit, " (2)")  # QTest types ASCII only
    editor.section.add_claim()
    editor.section.claim_editors()[1].number.setValue(1)  # the same claim twice: refused

    editor.save()
    assert editor.message_text() == "权利要求：同一权利要求不能出现两次"
    assert editor.title_edit.text().endswith(" (2)") and editor.dirty
    assert len(editor.section.claim_editors()) == 2
    assert ops.get_opinion(db, cw, v.id).content.title == v.content.title  # nothing stored

    editor.section.claim_editors()[1].number.setValue(2)
    editor.save()
    assert editor.message_text() == "已保存。" and not editor.dirty
    stored = ops.get_opinion(db, cw, v.id)
    assert stored.content.title.endswith(" (2)") and [c.claim_no for c in stored.content.claims] == [1, 2]

    # someone else saves meanwhile: the next save is refused, what was typed stays on screen
    ops.update_opinion(db, cw, v.id, replace(stored.content, analysis="另一人的修改"))
    editor.analysis.setPlainText("我的分析")
    editor.save()
    assert "已被其他人修改" in editor.message_text()
    assert editor.analysis.toPlainText() == "我的分析" and editor.reload_button.isVisible()
    assert ops.get_opinion(db, cw, v.id).content.analysis == "另一人的修改"


def test_experts_with_a_conflict_are_shown_disabled_with_the_reason(qtbot, desk, case, sync_tasks):
    db, cw = desk.db, desk.caseworker
    case_id, applicant, opposing = case
    free = make_expert(db, cw, "刘堃")
    make_expert(db, cw, "王昇", conflict_party_id=opposing, reason="曾任被请求人技术顾问")
    right = make_right(db, cw, applicant)
    v = ops.create_opinion(db, cw, case_id, patent_content())
    editor = open_editor(qtbot, desk, cw, v.id)
    items = {editor.experts_list.item(i).text().split("（")[0]: editor.experts_list.item(i)
             for i in range(editor.experts_list.count())}
    conflicted, usable = items["王昇"], items["刘堃"]
    assert not conflicted.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "曾任被请求人技术顾问" in conflicted.text() and "应当回避" in conflicted.text()
    assert usable.flags() & Qt.ItemFlag.ItemIsEnabled and usable.flags() & Qt.ItemFlag.ItemIsUserCheckable

    usable.setCheckState(Qt.CheckState.Checked)
    editor.right_combo.setCurrentIndex(editor.right_combo.findText("ZL202310123456.6", Qt.MatchFlag.MatchStartsWith))
    editor.save()
    stored = ops.get_opinion(db, cw, v.id)
    assert stored.content.experts == (free,) and stored.content.right_id == right


# ----- workflow ----------------------------------------------------------------------------------------------------
def test_caseworker_cannot_approve_and_the_supervisor_approves_and_issues(qtbot, desk, case, sync_tasks, tmp_path):
    db, cw, sup = desk.db, desk.caseworker, desk.supervisor
    v = ops.create_opinion(db, cw, case[0], patent_content())
    drafter = open_editor(qtbot, desk, cw, v.id)
    assert drafter.save_button.isEnabled() and drafter.submit_button.isEnabled()
    assert not drafter.approve_button.isEnabled() and not drafter.issue_button.isEnabled()

    qtbot.keyClicks(drafter.accused_edit, " KJ-300")  # unsaved typing is saved before submitting
    drafter.submit()
    assert drafter.view.status == "in_review" and "待审核" in drafter.header.text()
    assert ops.get_opinion(db, cw, v.id).content.accused_object.startswith("KJ-300")  # typed where the cursor was
    assert drafter.is_read_only() and not drafter.save_button.isEnabled()
    assert not drafter.approve_button.isEnabled()  # a caseworker never approves

    drafter.approve()  # the slot still asks the service, which refuses
    assert "没有执行此操作的权限" in drafter.message_text()
    assert ops.get_opinion(db, cw, v.id).status == "in_review"
    with pytest.raises(PermissionDenied):
        ops.approve_opinion(db, cw, v.id)

    reviewer = open_editor(qtbot, desk, sup, v.id)
    assert reviewer.approve_button.isEnabled() and reviewer.return_button.isEnabled()
    assert not reviewer.issue_button.isEnabled()
    reviewer.approve()
    assert reviewer.view.status == "approved" and reviewer.issue_button.isEnabled()
    assert reviewer.message_text() == "已批准。"

    reviewer.confirm = lambda title, question: True
    reviewer.issue()
    issued = reviewer.view
    assert issued.status == "issued" and issued.opinion_no and issued.opinion_no in reviewer.header.text()
    assert "已出具" in reviewer.header.text()
    # frozen: every input read-only, only void / new version / preview remain
    assert reviewer.is_read_only() and reviewer.analysis.isReadOnly()
    assert not reviewer.conclusion_combo.isEnabled() and not reviewer.right_combo.isEnabled()
    chart = reviewer.section.chart(0)
    assert not chart.add_button.isEnabled() and not chart.mark_combo(0).isEnabled()
    assert chart.table.editTriggers() == chart.table.EditTrigger.NoEditTriggers
    assert not reviewer.save_button.isEnabled() and not reviewer.submit_button.isEnabled()
    assert reviewer.void_button.isEnabled() and reviewer.new_version_button.isEnabled()
    reviewer.save()  # and the service refuses a direct save
    assert "意见书已出具，内容不能再修改" in reviewer.message_text()
    shoot(reviewer, tmp_path, "opinion-issued.png")


def test_a_supervisor_does_not_approve_their_own_draft(qtbot, desk, case, sync_tasks):
    db, sup = desk.db, desk.supervisor
    other = second_supervisor(db, desk.admin)
    v = ops.create_opinion(db, sup, case[0], patent_content())
    ops.submit_opinion(db, sup, v.id)
    own = open_editor(qtbot, desk, sup, v.id)
    assert own.view.status == "in_review" and not own.approve_button.isEnabled()
    own.approve()
    assert "不能审核自己起草的意见书" in own.message_text()
    assert open_editor(qtbot, desk, other, v.id).approve_button.isEnabled()


def test_return_void_new_version_and_differences(qtbot, desk, case, sync_tasks):
    db, cw, sup = desk.db, desk.caseworker, desk.supervisor
    v = ops.create_opinion(db, cw, case[0], patent_content(("same", "same", "same")))
    ops.submit_opinion(db, cw, v.id)
    reviewer = open_editor(qtbot, desk, sup, v.id)
    reviewer.ask_text = lambda title, prompt: None  # cancelled: nothing happens
    reviewer.return_for_revision()
    assert reviewer.view.status == "in_review"
    reviewer.ask_text = lambda title, prompt: "请补充证据"
    reviewer.return_for_revision()
    assert reviewer.view.status == "draft"
    ops.submit_opinion(db, cw, v.id)
    ops.approve_opinion(db, sup, v.id)
    ops.issue_opinion(db, sup, v.id)
    reviewer.reload()
    assert not reviewer.diff_button.isEnabled()  # version 1 has nothing before it

    reviewer.new_version()
    assert reviewer.view.version_no == 2 and reviewer.view.status == "draft" and reviewer.opinion_id != v.id
    assert not reviewer.is_read_only() and reviewer.diff_button.isEnabled()
    reviewer.section.chart(0).set_mark(1, "equivalent")
    reviewer.analysis.setPlainText("第二版分析")
    reviewer.save()
    reviewer.show_differences()
    lines = reviewer.diff_dialog.lines()
    assert ("比对", "相同", "等同") in lines
    assert any(what == "分析意见" and after == "第二版分析" for what, _before, after in lines)
    assert "权利要求1 特征B（修改）" in [reviewer.diff_dialog.tree.topLevelItem(1).child(i).text(0)
                                       for i in range(reviewer.diff_dialog.tree.topLevelItem(1).childCount())]

    previous = open_editor(qtbot, desk, sup, v.id)
    assert not previous.new_version_button.isEnabled()  # it already has a successor
    previous.ask_text = lambda title, prompt: "被第二版替代"
    previous.void()
    assert previous.view.status == "void" and "被第二版替代" in previous.details.text()


def test_design_and_trademark_forms_suggest_their_conclusions(qtbot, desk, case, sync_tasks, tmp_path):
    db, cw = desk.db, desk.caseworker
    design = ops.create_opinion(db, cw, case[0], OpinionContent(kind="design", conclusion="infringing", rows=(
        RowData("A", "整体呈圆柱形", "整体呈圆柱形", "same", "高"),)))
    editor = open_editor(qtbot, desk, cw, design.id)
    section = editor.section
    assert section.rows_table.rows()[0].weight == "高" and section.rows_table.mark_combo(0).currentText() == "相同"
    assert editor.suggested() == "undetermined"
    section.category.setCurrentIndex(section.category.findData("similar"))
    section.overall.setCurrentIndex(section.overall.findData("similar"))
    assert editor.suggested() == "likely" and editor.warning_shown()
    shoot(editor, tmp_path, "opinion-design.png")
    section.category.setCurrentIndex(section.category.findData("different"))
    assert editor.suggested() == "not_infringing"
    editor.save()
    assert ops.get_opinion(db, cw, design.id).content.body["product_category"] == "different"

    mark = ops.create_opinion(db, cw, case[0], OpinionContent(kind="trademark", conclusion="likely"))
    editor = open_editor(qtbot, desk, cw, mark.id)
    combos = editor.section._combos
    for key, code in (("mark_similarity", "similar"), ("goods_similarity", "similar"), ("confusion", "likely")):
        combos[key].setCurrentIndex(combos[key].findData(code))
    assert editor.suggested() == "likely" and not editor.warning_shown()
    combos["confusion"].setCurrentIndex(combos["confusion"].findData("unlikely"))
    assert editor.suggested() == "not_infringing" and editor.warning_shown()
    shoot(editor, tmp_path, "opinion-trademark.png")

    other = ops.create_opinion(db, cw, case[0], OpinionContent(kind="other", body={"sections": [["背景", "说明"]]}))
    editor = open_editor(qtbot, desk, cw, other.id)
    assert editor.suggested() is None and "没有建议结论" in editor.suggestion_label.text()
    editor.section.add_section()
    editor.section.sections.item(1, 0).setText("补充")
    editor.save()
    assert ops.get_opinion(db, cw, other.id).content.body["sections"] == [["背景", "说明"], ["补充", ""]]


# ----- preview -----------------------------------------------------------------------------------------------------
def pdf_pages(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def test_preview_shows_the_stored_pdf_of_an_issued_opinion_and_saves_and_prints_it(qtbot, desk, case, tmp_path,
                                                                                   monkeypatch):
    db, cw, sup = desk.db, desk.caseworker, desk.supervisor
    v = ops.create_opinion(db, cw, case[0], patent_content())
    ops.submit_opinion(db, cw, v.id)
    ops.approve_opinion(db, sup, v.id)
    ops.issue_opinion(db, sup, v.id)
    stored = ops.opinion_pdf(db, sup, v.id)

    preview = OpinionPreview(db, sup, v.id)  # loads off the GUI thread
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.document_loaded, timeout=20_000) as loaded:
        preview.show()
    assert preview.pdf_bytes == stored
    assert loaded.args == [pdf_pages(stored)] and preview.page_count() == pdf_pages(stored)
    assert preview.status.text() == f"共{pdf_pages(stored)}页"

    target = tmp_path / "出具.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    preview.save_pdf()
    assert target.read_bytes() == stored  # byte for byte

    printed = tmp_path / "printed.pdf"

    monkeypatch.setattr(preview, "ask_printer", print_into(printed))
    assert preview.print_pdf()
    assert pdf_pages(printed.read_bytes()) == preview.page_count()
    monkeypatch.setattr(preview, "ask_printer", lambda printer: False)  # cancelled in the dialog
    assert not preview.print_pdf()


def test_preview_of_a_long_draft_is_rendered_fresh(qtbot, desk, case, tmp_path, sync_tasks):
    db, cw = desk.db, desk.caseworker
    content = patent_content(claims=(ClaimData(1, "一种快速连接件。", claim_rows(["same"] * 14, long=True)),))
    v = ops.create_opinion(db, cw, case[0], content)
    editor = open_editor(qtbot, desk, cw, v.id)
    editor.section.chart(0).set_mark(0, "equivalent")  # unsaved: opening the preview saves it first
    editor.open_preview()
    preview = editor.preview
    qtbot.waitUntil(lambda: preview.page_count() > 0, timeout=20_000)
    assert preview.page_count() == pdf_pages(preview.pdf_bytes) >= 3
    assert ops.get_opinion(db, cw, v.id).content.claims[0].rows[0].mark == "equivalent"
    with pdfplumber.open(io.BytesIO(preview.pdf_bytes)) as pdf:
        text = pdf.pages[0].extract_text()
    assert {"草", "稿", "未", "出", "具"} <= set(text)  # the watermark 草稿（未出具）, read across the rotated text
    assert "意见字" not in text  # and no opinion number
    preview.resize(700, 900)
    qtbot.wait(800)  # QPdfView paints pages asynchronously
    shoot(preview, tmp_path, "opinion-preview.png")


# ----- list page ---------------------------------------------------------------------------------------------------
def test_page_lists_filters_opens_and_creates_opinions(qtbot, desk, case):
    db, cw = desk.db, desk.caseworker
    first = ops.create_opinion(db, cw, case[0], patent_content())
    ops.create_opinion(db, cw, case[0], OpinionContent(kind="design"))
    ops.submit_opinion(db, cw, first.id)
    page = OpinionsPage(db, cw)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    shown = {(page.model.index(r, 2).data(), page.model.index(r, 3).data(), page.model.index(r, 0).data())
             for r in range(2)}
    assert shown == {("发明专利", "待审核", "草稿"), ("外观设计", "草稿", "草稿")}

    with qtbot.waitSignal(page.listed, timeout=10_000):
        page.status_filter.setCurrentIndex(page.status_filter.findData("in_review"))
    assert page.model.rowCount() == 1 and page.model.index(0, 5).data() == "构成侵权"
    with qtbot.waitSignal(page.listed, timeout=10_000):
        page.kind_filter.setCurrentIndex(page.kind_filter.findData("design"))
    assert page.model.rowCount() == 0 and page.status_label.text() == "没有符合条件的意见书。"

    editor = page.open_opinion(first.id)
    qtbot.waitUntil(lambda: editor.view is not None, timeout=10_000)
    assert editor.view.id == first.id and page.open_opinion(first.id) is editor

    case_no = ops.get_opinion(db, cw, first.id).case_no
    dialog = NewOpinionDialog(db, cw, page)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.case_edit, case_no[-5:-1])  # the sequence digits
    qtbot.waitUntil(lambda: dialog.cases.count() == 1, timeout=10_000)
    assert dialog.cases.item(0).text().startswith(case_no)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("trademark"))
    with qtbot.waitSignal(dialog.created, timeout=10_000) as created:
        dialog.create()
    made = ops.get_opinion(db, cw, created.args[0])
    assert made.content.kind == "trademark" and made.status == "draft" and made.case_id == case[0]


def test_admin_cannot_start_an_opinion(qtbot, desk):
    page = OpinionsPage(desk.db, desk.admin)
    qtbot.addWidget(page)
    assert not page.new_button.isEnabled()


# ----- strings -----------------------------------------------------------------------------------------------------
def test_translations_hold_every_string_of_the_screens(tmp_path):
    ts = tmp_path / "ipaid_zh_CN.ts"
    i18n_build.extract(ts, source_dir=Path(ui_labels.__file__).parent)
    extracted = {m.findtext("source") for m in ET.parse(ts).getroot().iter("message")}
    listed = strings()
    assert sorted(extracted - set(listed)) == []
    assert all(listed[source].strip() for source in extracted)


def test_code_names_translate_to_the_glossary_labels():
    table = strings()
    for names, glossary in ((ui_labels.KIND, app_labels.OPINION_KIND), (ui_labels.STATUS, app_labels.OPINION_STATUS),
                            (ui_labels.FEATURE_MARK, app_labels.FEATURE_MARK),
                            (ui_labels.CONCLUSION, app_labels.CONCLUSION),
                            (ui_labels.DESIGN_OVERALL, app_labels.DESIGN_OVERALL),
                            (ui_labels.DESIGN_CATEGORY, rules.DESIGN_CATEGORY),
                            (ui_labels.MARK_SIMILARITY, rules.MARK_SIMILARITY),
                            (ui_labels.GOODS_SIMILARITY, rules.GOODS_SIMILARITY),
                            (ui_labels.CONFUSION, rules.CONFUSION), (ui_labels.YES_NO, rules.YES_NO)):
        assert set(names) == set(glossary)
        assert {code: table[source] for code, source in names.items()} == dict(glossary)


def test_editor_shows_the_opinions_change_history(qtbot, desk, case):
    """Issue 8: the opinion view shows who changed what (from the audit events)."""
    v = ops.create_opinion(desk.db, desk.caseworker, case[0], patent_content(("same", "same")))
    editor = open_editor(qtbot, desk, desk.caseworker, v.id)
    editor.show_history()
    qtbot.waitUntil(lambda: editor.history.model.rowCount() > 0, timeout=10000)
    assert editor.history.isVisible()
    assert editor.history.model.rowCount() >= 1
    window = editor.history
    editor.show_history()  # a second click brings the same window back, it does not make another
    assert editor.history is window and window.isVisible()
