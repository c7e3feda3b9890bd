"""`ipaid consultation|expert|institution …`: JSON with labels, exit codes of design.md §7."""
from __future__ import annotations

import json

import pytest

from app.cli.main import main
from app.services import experts as ex
from tests.conftest import PASSWORD


@pytest.fixture
def cli(centre, tmp_path, capsys):
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD + "\n", encoding="utf-8")
    url = str(centre.db.url.render_as_string(hide_password=False))

    def run(*argv: str, user: str = "caseworker") -> tuple[int, str, str]:
        code = main([*argv, "--db", url, "--user", user, "--password-file", str(pw)])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def add(cli, *extra: str) -> dict:
    code, out, err = cli("consultation", "add", "--channel", "电话", "--topic", "取证方法", "--ip-kind", "商标",
                         "--asker", "张三", "--phone", "13812345678", "--question", "商标侵权怎么取证？",
                         "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_add_list_and_counts_as_json(cli):
    add(cli, "--started", "2026-03-02T09:30+08:00", "--ended", "2026-03-02T09:45+08:00")
    add(cli, "--started", "2026-04-02T09:30+08:00", "--ended", "2026-04-02T09:45+08:00")
    code, out, _ = cli("consultation", "list", "--from", "2026-03-01", "--to", "2026-03-31", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 1
    assert rows[0]["channel"] == "电话" and rows[0]["topic"] == "取证方法" and rows[0]["minutes"] == 15
    assert rows[0]["asker_phone"] == "138****5678"
    code, out, _ = cli("consultation", "counts", "--from", "2026-03-01", "--to", "2026-04-30", "--json")
    counts = json.loads(out)
    assert counts["total"] == 2 and counts["by_channel"]["电话"] == 2 and counts["by_ip_kind"]["商标"] == 2
    assert counts["start"] == "2026-03-01"


def test_bad_input_exits_2_with_the_field_named(cli):
    code, _, err = cli("consultation", "add", "--channel", "电话", "--topic", "取证方法", "--question", "问",
                       "--started", "2026-03-02T09:30+08:00", "--ended", "2026-03-02T09:00+08:00")
    assert code == 2 and "结束时间" in err
    with pytest.raises(SystemExit) as done:
        cli("consultation", "counts", "--from", "2026-3-1", "--to", "2026-03-31")
    assert done.value.code == 2


def test_to_case_then_expert_find_leaves_out_the_conflicted(cli, centre):
    row = add(cli)
    code, out, _ = cli("consultation", "to-case", row["id"], "--json")
    made = json.loads(out)
    assert code == 0 and made["case_no"].endswith("第0001号")
    kept = ex.create_expert(centre.db, centre.caseworker, ex.ExpertInput("王芳", ("H04W",)))
    gone = ex.create_expert(centre.db, centre.caseworker, ex.ExpertInput("单志强", ("H04W 4/00",)))
    ex.add_conflict(centre.db, centre.caseworker, gone.id, party_name="张三", reason="同事")
    code, out, _ = cli("expert", "find", "--field", "H04W", "--case", made["case_no"], "--json")
    found = json.loads(out)
    assert code == 0 and [e["name"] for e in found["experts"]] == [kept.name]
    assert found["excluded"] == [{"name": "单志强", "party": "张三", "reason": "同事"}]
    code, _, err = cli("expert", "find", "--field", "H04W", "--case", "没有的案号")
    assert code == 5


def test_the_admin_without_a_desk_role_is_refused_with_4(cli):
    code, _, err = cli("consultation", "add", "--channel", "电话", "--topic", "取证方法", "--question", "问",
                       user="admin")
    assert code == 4
