"""The `ipaid` command line: users, exit codes and JSON as design.md §7 fixes them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pwfile(tmp_path):
    path = tmp_path / "pw.txt"
    path.write_text("s3cret-pass\n", encoding="utf-8")  # trailing newline is ignored
    return str(path)


@pytest.fixture
def initialised(db_url, pwfile, capsys):
    assert main(["init", "--db", db_url, "--admin", "boss", "--password-file", pwfile,
                 "--centre", "沈阳市知识产权保护中心", "--short", "沈"]) == 0
    capsys.readouterr()
    return db_url


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert "IPAid Desk" in capsys.readouterr().out


def test_init_then_info_json(initialised, capsys):
    assert main(["info", "--db", initialised, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["centre"] == "沈阳市知识产权保护中心"
    assert data["revision"] == data["head_revision"]
    assert data["counts"]["users"] == 1 and data["counts"]["centres"] == 1
    assert data["counts"]["audit_events"] >= 3


def test_db_option_before_the_command_is_honoured(initialised, capsys):
    assert main(["--db", initialised, "info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["users"] == 1


def test_init_refuses_a_database_with_data(initialised, pwfile, capsys):
    assert main(["init", "--db", initialised, "--admin", "other", "--password-file", pwfile]) == 2
    assert "已有数据" in capsys.readouterr().err


def test_wrong_password_exits_4(initialised, tmp_path, capsys):
    bad = tmp_path / "bad"
    bad.write_text("nope")
    assert main(["user", "list", "--db", initialised, "--user", "boss", "--password-file", str(bad)]) == 4
    assert "用户名或密码不正确" in capsys.readouterr().err


def test_missing_password_without_terminal_exits_4(initialised, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", open("/dev/null"))
    assert main(["user", "list", "--db", initialised, "--user", "boss"]) == 4
    assert "没有提供密码" in capsys.readouterr().err


def test_environment_credentials(initialised, monkeypatch, capsys):
    monkeypatch.setenv("IPAID_USER", "boss")
    monkeypatch.setenv("IPAID_PASSWORD", "s3cret-pass")
    assert main(["user", "list", "--db", initialised, "--json"]) == 0
    users = json.loads(capsys.readouterr().out)
    assert users == [{"id": users[0]["id"], "username": "boss", "display_name": "boss",
                      "roles": ["系统管理员"], "active": True, "locked_until": None}]


def test_user_add_and_permission_refusal(initialised, pwfile, tmp_path, capsys):
    newpw = tmp_path / "new"
    newpw.write_text("another-pass\n")
    base = ["--db", initialised, "--password-file", pwfile]
    assert main(["user", "add", "liming", "--display-name", "李明", "--role", "caseworker",
                 "--new-password-file", str(newpw), "--user", "boss", *base]) == 0
    # liming is a caseworker: adding users is refused with exit 4.
    assert main(["user", "add", "x", "--role", "admin", "--new-password-file", str(newpw),
                 "--db", initialised, "--user", "liming", "--password-file", str(newpw)]) == 4
    assert "没有执行此操作的权限" in capsys.readouterr().err


def test_not_found_exits_5(initialised, pwfile, capsys):
    assert main(["user", "deactivate", "ghost", "--db", initialised, "--user", "boss",
                 "--password-file", pwfile]) == 5


def test_unusable_database_exits_2_without_traceback(tmp_path, capsys):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"\x00garbage" * 50)
    assert main(["info", "--db", str(junk)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_unreadable_password_file_exits_2(initialised, capsys):
    assert main(["user", "list", "--db", initialised, "--user", "boss", "--password-file", "/nonexistent/pw"]) == 2


def test_bad_flag_exits_2(capsys):
    with pytest.raises(SystemExit) as done:
        main(["info", "--no-such-flag"])
    assert done.value.code == 2


def test_console_script_runs_headless_commands_without_qt(tmp_path):
    """`ipaid info` must work on a machine without a display and never load Qt."""
    code = (
        "import sys; from ui.entry import main; sys.argv=['ipaid','info','--db',sys.argv[1],'--json'];"
        "rc=main(); assert 'PySide6' not in sys.modules, 'Qt loaded'; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "x.sqlite")], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["backend"] == "sqlite"


@pytest.mark.parametrize(("argv", "bad", "option"), [
    (["calendar", "set", "2027-02-30", "--holiday"], "2027-02-30", "day"),
    (["demo", "--cases", "1", "--today", "2026-13-01"], "2026-13-01", "--today"),
    (["case", "register", "--applicant", "张三", "--right", "商标:12345678", "--registered-on", "昨天"], "昨天",
     "--registered-on"),
    (["consultation", "list", "--from", "2026/03/02"], "2026/03/02", "--from"),
])
def test_a_date_that_is_not_one_is_refused_naming_the_option(argv, bad, option, tmp_path, capsys):
    """Every command's dates go through one argument type: exit 2, the option and the value named."""
    with pytest.raises(SystemExit) as done:
        main([*argv, "--db", str(tmp_path / "none.sqlite")])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert f"“{bad}”不是有效的日期，应写成 YYYY-MM-DD" in err and option in err
