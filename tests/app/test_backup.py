"""Backups, restores and the thinning of automatic copies."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.backup import KEEP_DAILY, KEEP_MONTHLY, KEEP_WEEKLY, auto_backup, list_auto_backups, thin
from app.cli.main import main
from app.database import open_database
from app.services import users
from db.models import StoredFile, User

from tests.conftest import PASSWORD


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------------ thinning (pure)
def test_thinning_keeps_7_days_5_weeks_12_months():
    start = datetime(2025, 1, 1, 18, 0)
    stamps = [start + timedelta(days=n) for n in range(500)]
    kept = sorted(thin(stamps, KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY), reverse=True)
    newest = stamps[-1]  # 2026-05-15, a Friday
    assert kept[:7] == [newest - timedelta(days=n) for n in range(7)]  # the last 7 days
    # The newest copy of each of the last 5 weeks: this Friday, then four Sundays back.
    sundays = [newest - timedelta(days=5 + 7 * n) for n in range(4)]
    assert set(sundays) <= set(kept)
    assert newest - timedelta(days=5 + 7 * 4) not in kept  # a sixth week is not kept (mid-April)
    months = {(k.year, k.month) for k in kept}
    assert len(months) == 12 and min(months) == (2025, 6)
    # Each monthly copy is the newest of its month (its last day, here).
    for k in kept:
        if k < newest - timedelta(days=40):
            assert (k + timedelta(days=1)).month != k.month
    assert len(kept) <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY


def test_thinning_keeps_the_newest_copy_of_a_day():
    day = datetime(2026, 3, 2)
    stamps = [day.replace(hour=h) for h in (9, 12, 18)] + [day - timedelta(days=1)]
    assert thin(stamps, 7, 5, 12) == {day.replace(hour=18), day - timedelta(days=1)}


def test_thinning_weekly_rule_reaches_back_five_weeks():
    sundays = [datetime(2026, 1, 4) + timedelta(weeks=n) for n in range(10)]
    assert thin(sundays, 0, 5, 0) == set(sundays[-5:])


# ------------------------------------------------------------------ automatic backups
def test_auto_backup_on_close_and_daily(app_db, tmp_path):
    folder = tmp_path / "backups"
    first = auto_backup(app_db, now=datetime(2026, 3, 2, 9, 0).astimezone(), folder=folder)
    assert first is not None and first.exists()
    # The daily timer does nothing when today already has a copy; closing the window always copies.
    assert auto_backup(app_db, now=datetime(2026, 3, 2, 15, 0).astimezone(), only_if_due=True, folder=folder) is None
    auto_backup(app_db, now=datetime(2026, 3, 2, 18, 0).astimezone(), folder=folder)
    assert len(list_auto_backups(folder, app_db.path.stem)) == 1  # the newest of the day stays
    for n in range(1, 90):
        auto_backup(app_db, now=(datetime(2026, 3, 2, 18, 0) + timedelta(days=n)).astimezone(),
                    only_if_due=True, folder=folder)
    stamps = list(list_auto_backups(folder, app_db.path.stem))
    assert sorted(stamps) == sorted(thin(stamps, KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY))
    assert KEEP_DAILY < len(stamps) <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY
    con = sqlite3.connect(max(list_auto_backups(folder, app_db.path.stem).values()))
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    con.close()


def test_auto_backup_uses_the_data_folder_by_default(app_db, tmp_path, monkeypatch):
    monkeypatch.setenv("IPAID_DATA_DIR", str(tmp_path / "data"))
    path = auto_backup(app_db)
    assert path.parent == tmp_path / "data" / "backups"


# ------------------------------------------------------------------ command line
@pytest.fixture
def site(sqlite_url, tmp_path, password_hash, capsys):
    """An initialised SQLite database with a stored file, and a runner acting as its admin."""
    from app.service import service_call
    from app.services.setup import NewAccount, initialise

    db = open_database(sqlite_url)
    actors = initialise(db, centre_name="中心", centre_short="", password_hashes={PASSWORD: password_hash},
                        accounts=[NewAccount("admin", "管理员", PASSWORD, ("admin",)),
                                  NewAccount("li", "李明", PASSWORD, ("caseworker",))])
    with service_call(db, actors[0], roles=None, action="file.add") as s:
        s.add(StoredFile(sha256="ab" * 32, size=5, data=b"%PDF-"))
    db.close()
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD)

    def run(*argv, user="admin"):
        capsys.readouterr()
        code = main([*argv, "--user", user, "--password-file", str(pw)])
        out = capsys.readouterr()
        return code, out.out + out.err
    return Path(sqlite_url), run, actors


def count_users(path: Path) -> int:
    db = open_database(str(path))
    try:
        with db.read_session() as s:
            return s.scalar(select(func.count()).select_from(User))
    finally:
        db.close()


def test_backup_then_restore_round_trip(site, tmp_path):
    path, run, actors = site
    out = tmp_path / "copy.sqlite"
    code, text = run("backup", "--db", str(path), "--out", str(out))
    assert code == 0 and "已备份" in text
    con = sqlite3.connect(out)
    assert con.execute("SELECT data FROM stored_file").fetchone()[0] == b"%PDF-"  # files travel inside
    con.close()
    db = open_database(str(path))
    users.create_user(db, actors[0], username="later", display_name="后来", password="password123",
                      roles=["caseworker"])
    db.close()
    assert count_users(path) == 3
    code, text = run("restore", str(out), "--db", str(path))
    assert code == 0, text
    assert count_users(path) == 2
    kept = list(tmp_path.glob("ipaid.before-restore-*.sqlite"))
    assert len(kept) == 1 and count_users(kept[0]) == 3  # the replaced database is kept
    code, text = run("audit", "verify", "--db", str(path))
    assert code == 0, text


@pytest.mark.parametrize("damage", ["not_sqlite", "truncated", "foreign", "future"])
def test_restore_refuses_a_bad_file_and_leaves_the_target_unchanged(site, tmp_path, damage):
    path, run, _ = site
    bad = tmp_path / "bad.sqlite"
    if damage == "not_sqlite":
        bad.write_bytes(b"PK\x03\x04 a zip file" * 100)
    elif damage == "truncated":
        shutil.copy(path, bad)
        con = sqlite3.connect(bad)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        data = bad.read_bytes()
        bad.write_bytes(data[: len(data) // 3])
    elif damage == "foreign":
        con = sqlite3.connect(bad)
        con.execute("CREATE TABLE notes (x)")
        con.commit()
        con.close()
    else:
        code, _ = run("backup", "--db", str(path), "--out", str(bad))
        con = sqlite3.connect(bad)
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
        con.commit()
        con.close()
    before = digest(path)
    code, text = run("restore", str(bad), "--db", str(path))
    assert code == 2 and "已拒绝恢复" in text and "没有改动" in text
    assert digest(path) == before
    assert not list(tmp_path.glob("*before-restore*"))


def test_restore_into_a_missing_database_checks_the_backups_admin(site, tmp_path):
    path, run, _ = site
    out = tmp_path / "copy.sqlite"
    assert run("backup", "--db", str(path), "--out", str(out))[0] == 0
    fresh = tmp_path / "elsewhere" / "new.sqlite"
    fresh.parent.mkdir()
    assert run("restore", str(out), "--db", str(fresh), user="li")[0] == 4  # not an admin
    assert not fresh.exists()
    code, text = run("restore", str(out), "--db", str(fresh))
    assert code == 0, text
    assert count_users(fresh) == 2


def test_backup_needs_an_admin(site, tmp_path):
    path, run, _ = site
    code, text = run("backup", "--db", str(path), "--out", str(tmp_path / "x.sqlite"), user="li")
    assert code == 4 and not (tmp_path / "x.sqlite").exists()


def test_postgres_backup_uses_pg_dump_or_says_what_to_use(pg_url, tmp_path, monkeypatch, capsys, password_hash):
    from app.services.setup import NewAccount, initialise

    db = open_database(pg_url)
    initialise(db, centre_name="中心", centre_short="", password_hashes={PASSWORD: password_hash},
               accounts=[NewAccount("admin", "管理员", PASSWORD, ("admin",))])
    db.close()
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD)
    argv = ["backup", "--db", pg_url, "--out", str(tmp_path / "dump.pgc"), "--user", "admin", "--password-file", str(pw)]
    if shutil.which("pg_dump"):
        assert main(argv) == 0
        assert (tmp_path / "dump.pgc").read_bytes()[:5] == b"PGDMP"
    monkeypatch.setenv("PATH", str(tmp_path))
    capsys.readouterr()
    assert main(argv) == 2
    assert "pg_dump" in capsys.readouterr().err
