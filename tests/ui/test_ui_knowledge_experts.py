"""Knowledge-base and experts/institutions pages on a real SQLite database."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime, timedelta, timezone  # noqa: E402

import pytest  # noqa: E402

from app.services import consultations as cs  # noqa: E402
from app.services import experts as ex  # noqa: E402
from app.services import institutions as ins  # noqa: E402
from app.services import knowledge as kb  # noqa: E402
from ui.experts.page import ExpertsInstitutionsPage  # noqa: E402
from ui.knowledge.page import KnowledgeBasePage  # noqa: E402
from ui.tasks import task_runner  # noqa: E402

from tests.ui.consult_fixtures import signed_in_centre  # noqa: E402



@pytest.fixture
def centre_sqlite(sqlite_url, password_hash):
    yield from signed_in_centre(sqlite_url, password_hash)


def settle() -> None:
    task_runner().wait_for_done(10_000)


def test_a_supervisor_approves_a_draft_and_a_caseworker_cannot(qtbot, centre_sqlite):
    db = centre_sqlite.db
    kb.create_item(db, centre_sqlite.caseworker, kb.KnowledgeInput("商标被抢注怎么办？", "提出异议。", ("商标",)))
    caseworker_page = KnowledgeBasePage(db, centre_sqlite.caseworker)
    qtbot.addWidget(caseworker_page)
    settle()
    qtbot.waitUntil(lambda: caseworker_page.table.rowCount() == 1)
    caseworker_page.table.selectRow(0)
    assert caseworker_page.current is not None and not caseworker_page.approve_button.isEnabled()

    page = KnowledgeBasePage(db, centre_sqlite.supervisor)
    qtbot.addWidget(page)
    settle()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    page.table.selectRow(0)
    assert page.approve_button.isEnabled()
    page.approve_button.click()
    settle()
    qtbot.waitUntil(lambda: page.current.status == "approved")
    assert "王主任" in page.state.text()
    assert [s.question for s in kb.suggest(db, centre_sqlite.caseworker, "商标被人抢注")] == ["商标被抢注怎么办？"]


def test_a_new_item_is_saved_as_a_draft_and_errors_name_the_field(qtbot, centre_sqlite):
    page = KnowledgeBasePage(centre_sqlite.db, centre_sqlite.caseworker)
    qtbot.addWidget(page)
    page.question.setPlainText("展会侵权怎么投诉？")
    page.save()
    settle()
    qtbot.waitUntil(lambda: "答复" in page.message.text())
    page.answer.setPlainText("向展会投诉机构提交权利证明和侵权证据。")
    page.tags.setText("展会，投诉")
    page.save()
    settle()
    qtbot.waitUntil(lambda: page.current is not None)
    assert page.current.status == "draft" and page.current.tags == ("展会", "投诉")


def _case(centre, asker: str) -> cs.CaseFromConsultation:
    row = cs.record_consultation(centre.db, centre.caseworker, cs.ConsultationInput(
        started_at=datetime.now(timezone.utc) - timedelta(minutes=5), channel="来访", topic="纠纷处理方式",
        asker_name=asker, question="通信专利被侵权怎么办？"))
    return cs.consultation_to_case(centre.db, centre.caseworker, row.id)


def test_the_finder_leaves_out_conflicted_experts(qtbot, centre_sqlite):
    db, who = centre_sqlite.db, centre_sqlite.caseworker
    case = _case(centre_sqlite, "深圳某通信科技有限公司")
    ex.create_expert(db, who, ex.ExpertInput("王芳", ("H04W",), organisation="东北大学"))
    conflicted = ex.create_expert(db, who, ex.ExpertInput("单志强", ("H04",)))
    ex.add_conflict(db, who, conflicted.id, party_name="深圳某通信科技有限公司", reason="曾任顾问")
    page = ExpertsInstitutionsPage(db, who)
    qtbot.addWidget(page)
    settle()
    tab = page.experts
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2)
    tab.field.setText("H04W")
    tab.find()
    settle()
    qtbot.waitUntil(lambda: tab.finding is not None)
    assert [tab.found.item(i).text().split()[0] for i in range(tab.found.count())] == ["单志强", "王芳"]
    tab.case_no.setText(case.case_no)
    tab.find()
    settle()
    qtbot.waitUntil(lambda: tab.finding.case_no == case.case_no)
    assert [tab.found.item(i).text().split()[0] for i in range(tab.found.count())] == ["王芳"]
    assert tab.excluded.count() == 1 and "单志强" in tab.excluded.item(0).text()


def test_lists_search_by_pinyin_and_mask_phones(qtbot, centre_sqlite):
    db, who = centre_sqlite.db, centre_sqlite.caseworker
    ex.create_expert(db, who, ex.ExpertInput("单志强", ("H04",), phone="13912345678"))
    ex.create_expert(db, who, ex.ExpertInput("王芳", ("G06F",)))
    ins.create_institution(db, who, ins.InstitutionInput("律师事务所", "北京金杜律师事务所", phone="010-58785588"))
    ins.create_institution(db, who, ins.InstitutionInput("海关", "沈阳海关"))
    page = ExpertsInstitutionsPage(db, who)
    qtbot.addWidget(page)
    settle()
    experts_tab, units = page.experts, page.institutions
    qtbot.waitUntil(lambda: experts_tab.table.rowCount() == 2 and units.table.rowCount() == 2)
    experts_tab.search.setText("szq")
    experts_tab.refresh()
    settle()
    qtbot.waitUntil(lambda: experts_tab.table.rowCount() == 1)
    assert experts_tab.table.item(0, 0).text() == "单志强"
    assert experts_tab.table.item(0, 5).text() == "139****5678"
    units.search.setText("jindu")
    units.refresh()
    settle()
    qtbot.waitUntil(lambda: units.table.rowCount() == 1)
    assert units.table.item(0, 1).text() == "北京金杜律师事务所" and units.table.item(0, 3).text() == "010-****5588"
