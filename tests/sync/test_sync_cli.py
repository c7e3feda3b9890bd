"""`ipaid fair …` and `ipaid sync …` as a person runs them: names, flags, output, exit codes."""
from __future__ import annotations

import json
import shutil

import pytest

from app.cli.main import main
from app.services import fairs

from tests.sync.sync_data import PASSPHRASE, at
from tests.conftest import PASSWORD


@pytest.fixture
def files(tmp_path):
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD + "\n", encoding="utf-8")
    pp = tmp_path / "pp"
    pp.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return str(pw), str(pp)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_kit_round_trip_on_the_command_line(fair_setup, files, tmp_path, capsys):
    pw, pp = files
    centre_url = str(fair_setup.db.url.database)
    me = ["--user", "admin", "--password-file", pw]

    assert main(["fair", "list", "--db", centre_url, "--json", *me]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [f["name"] for f in listed] == ["2026 春季交易会", "2025 秋季交易会"]
    assert listed[1]["complaints"] == 1 and listed[1]["starts_on"] == "2025-10-15"

    kit_file = tmp_path / "kit.ipaidkit"
    assert main(["fair", "export-kit", "2026 春季交易会", "--db", centre_url, "--out", str(kit_file),
                 "--passphrase-file", pp, *me]) == 0
    out = capsys.readouterr().out
    assert "CJ26-1" in out and "恢复码" in out
    code = out.split("只显示这一次）: ")[1].split()[0]

    laptop = tmp_path / "laptop.sqlite"
    shutil.copy(fair_setup.template, laptop)
    assert main(["fair", "open-kit", str(kit_file), "--db", str(laptop)]) == 2  # encrypted: passphrase needed
    assert "口令" in capsys.readouterr().err
    assert main(["fair", "open-kit", str(kit_file), "--db", str(laptop), "--passphrase-file", pp]) == 0
    assert "fairstaff" in capsys.readouterr().out
    assert main(["fair", "open-kit", str(kit_file), "--db", str(laptop), "--passphrase-file", pp]) == 2
    assert "空数据库" in capsys.readouterr().err

    # A forgotten password offline: the one-time recovery code unlocks the account, once.
    code_file, new_pw = tmp_path / "code", tmp_path / "new"
    code_file.write_text(code.lower() + "\n")
    new_pw.write_text("new password 9\n")
    assert main(["fair", "recover", "fairstaff", "--db", str(laptop), "--code-file", str(code_file),
                 "--new-password-file", str(new_pw)]) == 0
    assert main(["fair", "recover", "fairstaff", "--db", str(laptop), "--code-file", str(code_file),
                 "--new-password-file", str(new_pw)]) == 4
    staff = ["--user", "fairstaff", "--password-file", str(new_pw)]

    # Work on the laptop that will collide with the centre.
    from app.database import open_database
    from app.services.users import authenticate
    lap = open_database(str(laptop))
    who = authenticate(lap, "fairstaff", "new password 9")
    fairs.update_exhibitor(lap, who, fair_setup.exhibitors["e3"].id, booth="2B99")
    fairs.add_patrol_note(lap, who, fair_setup.fair.id, text="巡查", at=at(16, 1))
    lap.close()
    fairs.update_exhibitor(fair_setup.db, fair_setup.admin, fair_setup.exhibitors["e3"].id, booth="2B50")

    back = tmp_path / "back.ipaidsync"
    assert main(["sync", "export", "--db", str(laptop), "--out", str(back), "--passphrase-file", pp, *staff]) == 0
    assert "新增 created: 1" in capsys.readouterr().out
    assert main(["sync", "import", str(back), "--db", centre_url, "--passphrase-file", pp, *me]) == 3
    captured = capsys.readouterr()
    for line in ("新增 inserted: 1", "更新 updated: 0", "未变 unchanged: 0", "冲突 conflicts: 1"):
        assert line in captured.out
    assert "等待处理" in captured.err
    assert (tmp_path / "back.ipaidsync.receipt").exists()

    assert main(["sync", "conflicts", "--db", centre_url, "--json", *me]) == 0
    [conflict] = json.loads(capsys.readouterr().out)
    assert (conflict["centre_value"], conflict["laptop_value"], conflict["table_label"]) == ("2B50", "2B99", "参展商")
    assert main(["sync", "resolve", conflict["id"], "--take", "laptop", "--db", centre_url, *me]) == 0
    assert "采用笔记本的值" in capsys.readouterr().out
    assert main(["sync", "resolve", conflict["id"], "--take", "laptop", "--db", centre_url, *me]) == 2
    capsys.readouterr()

    # Again: nothing changes, no conflict waits any more.
    assert main(["sync", "import", str(back), "--db", centre_url, "--passphrase-file", pp, "--json", *me]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["already_imported"] is True and again["conflicts_waiting"] == 0

    # Wrong passphrase: refused, exit 2.
    bad = tmp_path / "bad"
    bad.write_text("wrong")
    assert main(["sync", "import", str(back), "--db", centre_url, "--passphrase-file", str(bad), *me]) == 2
    assert "口令不正确" in capsys.readouterr().err

    # The laptop checks the receipt and only then closes the kit.
    receipt = str(tmp_path / "back.ipaidsync.receipt")
    assert main(["sync", "receipt", receipt, "--db", str(laptop), *staff]) == 0
    assert "可以关闭" in capsys.readouterr().out
    assert main(["sync", "receipt", receipt, "--db", str(laptop), "--close", *staff]) == 0
    assert "已删除" in capsys.readouterr().out
