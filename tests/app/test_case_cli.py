"""`ipaid search` and `ipaid case show|register` on both backends."""
from __future__ import annotations

import json

import pytest

from app.cli.main import main
from app.services import case_steps as steps
from app.services import cases

from tests.app.case_data import case_input, company, person
from tests.conftest import PASSWORD


@pytest.fixture
def cli(centre, tmp_path, capsys):
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD + "\n", encoding="utf-8")
    url = str(centre.db.url.render_as_string(hide_password=False)) if not centre.db.is_sqlite else str(centre.db.path)

    def run(*argv):
        code = main([*argv, "--db", url, "--user", "caseworker", "--password-file", str(pw)])
        out = capsys.readouterr()
        return code, out.out, out.err
    return run


def test_search_prints_matches_in_list_order_and_json(db_url, centre, cli):
    db, cw = centre.db, centre.caseworker
    from datetime import date
    a = cases.register(db, cw, case_input(applicant=company("北京华为科技有限公司", ""), registered_on=date(2026, 3, 2)))
    b = cases.register(db, cw, case_input(applicant=company("深圳华为终端有限公司", ""), registered_on=date(2026, 5, 6)),
                       confirmed=True)
    code, out, _ = cli("search", "华为")
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == [b.case_no, a.case_no]
    assert out.splitlines()[0].split("\t")[1:] == ["深圳华为终端有限公司", "待受理", "2026-05-06"]
    code, out, _ = cli("search", "华为", "--limit", "1", "--json")
    assert json.loads(out) == [{"case_no": b.case_no, "applicant": "深圳华为终端有限公司", "status": "待受理",
                                "registered_on": "2026-05-06", "id": str(b.id)}]
    assert cli("search", "华为", "--limit", "0")[0] == 2


def test_case_show_with_timeline_and_register_with_conflicts(db_url, centre, cli):
    db, cw = centre.db, centre.caseworker
    from datetime import date
    h = cases.register(db, cw, case_input(applicant=company(), opposing=person("李强", "")))
    steps.accept(db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8))
    code, out, _ = cli("case", "show", h.case_no, "--json")
    data = json.loads(out)
    assert code == 0 and data["status"] == "已受理" and data["applicant"]["name"] == "沈阳华为机械有限公司"
    assert [e["kind"] for e in data["timeline"]] == ["registered", "accepted"]
    assert data["timeline"][1]["by"] == "李明" and data["decision_due_on"] == "2026-10-13"
    assert cli("case", "show", "〔2026〕测维援字第9999号")[0] == 5

    args = ["case", "register", "--applicant", "李强", "--applicant-kind", "自然人", "--opposing", "沈阳华为机械有限公司",
            "--right", "发明专利:ZL 2017 1 0601862.3", "--registered-on", "2026-10-09"]
    code, _, err = cli(*args)
    assert code == 3 and h.case_no in err and "--confirm" in err
    code, out, _ = cli(*args, "--confirm", "--json")
    assert code == 0 and json.loads(out)["case_no"].endswith("0002号")
    code, _, err = cli("case", "register", "--applicant", "某公司", "--right", "发明专利:201710601862.4")
    assert code == 2 and "第1项知识产权权利号" in err and "校验位" in err


def test_case_notice_writes_a_pdf(centre, cli, tmp_path):
    from datetime import date
    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input())
    out = tmp_path / "n.pdf"
    assert cli("case", "notice", h.case_no, "--kind", "受理", "--out", str(out))[0] == 2
    steps.accept(db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8))
    assert cli("case", "notice", h.case_no, "--kind", "受理", "--out", str(out))[0] == 0
    assert out.read_bytes().startswith(b"%PDF")
