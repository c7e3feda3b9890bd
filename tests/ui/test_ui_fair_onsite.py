"""On the fair laptop: a consultation and a patrol note taken on the fair page travel home in the return
bundle; a quick opinion drafted from a complaint prints as the watermarked on-site draft."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402
import shutil  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from datetime import date  # noqa: E402

import pytest  # noqa: E402

from app.context import Actor  # noqa: E402
from app.database import Database, open_database  # noqa: E402
from app.services import consultations, fairs  # noqa: E402
from app.services.users import authenticate  # noqa: E402
from app.sync import export, kit, merge  # noqa: E402
from tests.conftest import PASSWORD  # noqa: E402
from tests.ui.conftest import print_into  # noqa: E402
from tests.sync.bundle_tools import members  # noqa: E402
from ui.fairs import FairPage  # noqa: E402

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@dataclass
class Laptop:
    db: Database
    actor: Actor
    fair: fairs.FairRow


@pytest.fixture
def laptop(centre, sqlite_template, tmp_path):
    fair = fairs.create_fair(centre.db, centre.admin, name="春交会", starts_on=date(2026, 4, 15),
                             ends_on=date(2026, 4, 19), short_code="CJ", staff=["fairstaff"])
    kit_file = tmp_path / "kit.ipaidkit"
    kit.export_kit(centre.db, centre.admin, fair.name, kit_file, None)
    path = tmp_path / "laptop.sqlite"
    shutil.copy(sqlite_template, path)
    db = open_database(str(path))
    kit.open_kit(db, kit_file, None)
    yield Laptop(db, authenticate(db, "fairstaff", PASSWORD), fair)
    db.close()


def test_a_consultation_and_a_patrol_note_at_the_fair_travel_in_the_return_bundle(
        qtbot, sync_tasks, centre, laptop, tmp_path):
    page = FairPage(laptop.db, laptop.actor)
    qtbot.addWidget(page)
    assert page.fair_id == laptop.fair.id

    entry = page.consultation_entry
    assert entry.channel.currentData() == "fair"  # the fair preset
    entry.asker.setText("参展商王先生")
    entry.topic.setCurrentIndex(entry.topic.findData("evidence"))
    entry.question.setPlainText("发现隔壁展位展出仿冒产品，如何取证？")
    entry.answer.setPlainText("拍照录像并记录展位号，保留宣传资料，可向投诉机构投诉。")
    entry.save()
    assert entry.current is not None and entry.current.fair_id == laptop.fair.id
    assert entry.recent.rowCount() == 1 and entry.recent.item(0, 2).text() == "参展商王先生"

    page.patrol_text.setPlainText("")
    page.add_patrol_note()  # empty: refused, nothing recorded
    assert page.patrol_message.shown_text() == "巡查记录：内容不能为空"
    page.patrol_hall.setText("3")
    page.patrol_booth.setText("3c05")
    page.patrol_text.setPlainText("3C05 展位展出疑似侵权外观设计的水杯，已提醒参展商。")
    page.add_patrol_note()
    assert page.patrol.rowCount() == 1 and page.patrol.item(0, 2).text() == "3C05"
    assert page.patrol_text.toPlainText() == "" and page.patrol_hall.text() == "3"

    back = tmp_path / "back.ipaidsync"
    export.export_return(laptop.db, laptop.actor, back, None)
    records = json.loads(members(back.read_bytes())["records.json"])
    tables = {(r["table"], r["new"].get("fair_id")) for r in records if r["table"] in ("consultation", "patrol_note")}
    assert tables == {("consultation", str(laptop.fair.id)), ("patrol_note", str(laptop.fair.id))}

    merge.import_bundle(centre.db, centre.admin, back, None)
    [note] = fairs.list_patrol_notes(centre.db, centre.admin, laptop.fair.id)
    assert note.booth == "3C05" and note.by == laptop.actor.display_name
    [asked] = consultations.list_consultations(centre.db, centre.admin, fair_id=laptop.fair.id)
    assert (asked.asker_name, asked.channel, asked.topic) == ("参展商王先生", "fair", "evidence")


def test_a_quick_opinion_is_drafted_from_a_complaint_and_printed_as_the_on_site_draft(
        qtbot, sync_tasks, centre, laptop, tmp_path, monkeypatch):
    import io

    import pdfplumber

    from app.services import opinions

    complaint = fairs.register_complaint(
        laptop.db, laptop.actor, laptop.fair.id, complainant=fairs.Complainant("甲科技有限公司"), ip_kind="design",
        right_number="ZL 2023 3 0123456.7", respondent_name="某展商", booth="3c01",
        materials={"right_proof": True, "identity": True})
    page = FairPage(laptop.db, laptop.actor)
    qtbot.addWidget(page)
    dialog = page.open_complaint(complaint)
    dialog.opinion_button.click()
    editor = page.opinion_editor
    qtbot.waitUntil(lambda: editor.title_edit.text() != "", timeout=10000)
    assert editor.on_site_box.isChecked()
    assert editor.case_label.text() == complaint.complaint_no
    assert editor.parties_label.text() == "投诉人：甲科技有限公司\n被投诉人：某展商"
    assert editor.title_edit.text() == "某展商（展位 3C01）展品是否侵犯甲科技有限公司的外观设计"
    assert editor.right_combo.currentText().startswith("202330123456.7")
    assert editor.evidence_edit.toPlainText() == "投诉人提交的权利证明\n投诉人提交的身份证明"

    editor.analysis.setPlainText("被诉展品与授权外观设计整体视觉效果无实质性差异。")
    editor.open_preview()  # saves first, then renders
    preview = editor.preview
    qtbot.waitUntil(lambda: preview.page_count() > 0, timeout=20000)
    with pdfplumber.open(io.BytesIO(preview.pdf_bytes)) as pdf:
        text = "".join(p.extract_text() or "" for p in pdf.pages)
    assert f"展会投诉编号：{complaint.complaint_no}" in text
    assert "投诉人：甲科技有限公司" in text and "被投诉人：某展商" in text
    assert "被诉展品与授权外观设计整体视觉效果无实质性差异" in text
    assert {"现", "场", "参", "考", "未", "经", "审", "核"} <= set(text)  # the on-site watermark, read across
    (tmp_path / "quick-opinion.pdf").write_bytes(preview.pdf_bytes)

    printed = tmp_path / "printed.pdf"

    monkeypatch.setattr(preview, "ask_printer", print_into(printed))
    assert preview.print_pdf() and printed.stat().st_size > 0

    # The same complaint opens the same draft again, not a second one.
    page.open_quick_opinion(complaint)
    assert page.opinion_editor.opinion_id == editor.opinion_id
    drafts = opinions.list_opinions(laptop.db, laptop.actor)
    assert [(d.case_id, d.case_no, d.status) for d in drafts] == [(None, complaint.complaint_no, "draft")]
    assert opinions.allowed_actions(laptop.db, laptop.actor, editor.opinion_id) >= {"edit", "submit"}
    assert "issue" not in opinions.allowed_actions(laptop.db, laptop.actor, editor.opinion_id)

    # Back at the centre the draft arrives with the complaint, still filed under it, for review there.
    back = tmp_path / "back.ipaidsync"
    export.export_return(laptop.db, laptop.actor, back, None)
    merge.import_bundle(centre.db, centre.admin, back, None)
    home = opinions.get_opinion(centre.db, centre.supervisor, editor.opinion_id)
    assert (home.case_id, home.complaint_no, home.content.on_site) == (None, complaint.complaint_no, True)
    assert home.content.analysis == "被诉展品与授权外观设计整体视觉效果无实质性差异。"
    assert [d.case_no for d in opinions.list_opinions(centre.db, centre.supervisor)] == [complaint.complaint_no]
