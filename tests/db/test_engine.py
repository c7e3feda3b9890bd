"""Opening databases: pragmas, and every way a database can be refused without being touched."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest
from sqlalchemy import text

from app.database import open_database
from app.errors import DatabaseUnavailable
from db import engine as dbengine


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sqlite_runs_with_wal_full_sync_foreign_keys_and_busy_timeout(sqlite_url):
    db = open_database(sqlite_url)
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    db.close()


def test_new_file_gets_the_whole_schema_at_head(tmp_path):
    from db.schema import head_revision

    db = open_database(str(tmp_path / "new.sqlite"))
    assert db.revision == head_revision()
    with db.engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
    assert {"assist_case", "party", "audit_event", "workday", "search_token", "sync_conflict"} <= tables
    db.close()


def test_corrupt_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"this is a spreadsheet, not a database" * 100)
    before = digest(path)
    with pytest.raises(DatabaseUnavailable) as err:
        open_database(str(path))
    assert "不是 IPAid 数据库或已损坏" in err.value.message
    assert err.value.exit_code == 2
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.sqlite"]


def test_foreign_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(DatabaseUnavailable) as err:
        open_database(str(path))
    assert "其他程序" in err.value.message
    assert digest(path) == before


def test_newer_revision_is_refused_untouched(sqlite_url):
    from pathlib import Path

    con = sqlite3.connect(sqlite_url)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = digest(Path(sqlite_url))
    with pytest.raises(DatabaseUnavailable) as err:
        open_database(sqlite_url)
    assert "比本程序新" in err.value.message
    assert digest(Path(sqlite_url)) == before


def test_network_share_is_refused(tmp_path):
    mounts = tmp_path / "mounts"
    share = tmp_path / "share"
    share.mkdir()
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\n//server/cases {share} cifs rw 0 0\n")
    assert dbengine.mount_fs_type(share / "ipaid.sqlite", str(mounts)) == "cifs"
    assert dbengine.mount_fs_type(tmp_path / "local.sqlite", str(mounts)) == "ext4"


def test_network_share_refusal_message(tmp_path, monkeypatch):
    monkeypatch.setattr(dbengine, "mount_fs_type", lambda path, mounts_file="/proc/mounts": "nfs4")
    with pytest.raises(DatabaseUnavailable) as err:
        open_database(str(tmp_path / "x.sqlite"))
    assert "网络共享" in err.value.message and "PostgreSQL" in err.value.message
    assert not (tmp_path / "x.sqlite").exists()


def test_unwritable_file_is_refused(sqlite_url, monkeypatch):
    monkeypatch.setattr(dbengine, "can_write", lambda path: False)
    with pytest.raises(DatabaseUnavailable) as err:
        open_database(sqlite_url)
    assert "没有写入权限" in err.value.message


def test_missing_folder_is_refused(tmp_path):
    with pytest.raises(DatabaseUnavailable) as err:
        open_database(str(tmp_path / "nope" / "x.sqlite"))
    assert "不存在" in err.value.message


def test_unreachable_server_gives_one_sentence():
    with pytest.raises(DatabaseUnavailable) as err:
        open_database("postgresql://ipaid:secret@127.0.0.1:1/ipaid")
    assert err.value.exit_code == 2
    assert "无法连接数据库" in err.value.message
    assert "secret" not in err.value.message  # never show the password


def test_default_database_lives_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("IPAID_DATA_DIR", str(tmp_path / "userdata"))
    db = open_database(None)
    assert db.path == tmp_path / "userdata" / "ipaid.sqlite"
    db.close()


def test_ipaid_db_environment_variable_is_used(tmp_path, monkeypatch):
    monkeypatch.setenv("IPAID_DB", str(tmp_path / "fromenv.sqlite"))
    db = open_database(None)
    assert db.path == tmp_path / "fromenv.sqlite"
    db.close()


def test_empty_server_is_refused_for_a_client(empty_pg_url):
    with pytest.raises(DatabaseUnavailable) as err:
        open_database(empty_pg_url)
    assert "尚未初始化" in err.value.message


def test_sqlite_statistics_are_gathered_on_open_and_renewed_by_the_daily_copy(tmp_path):
    """Without planner statistics the case list's first page at 100k cases sorted every case."""
    import sqlite3

    from app.backup import auto_backup
    from app.database import open_database

    path = tmp_path / "stats.sqlite"
    db = open_database(str(path), create=True)

    def stat_rows() -> int:
        with sqlite3.connect(path) as raw:
            return raw.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0]

    empty = stat_rows()
    with sqlite3.connect(path) as raw:  # rows written behind the program's back, e.g. by an old version
        raw.executemany("INSERT INTO local_setting (key, value) VALUES (?, ?)",
                        [(f"k{i}", "v") for i in range(50)])
    auto_backup(db, folder=tmp_path / "backups")
    assert stat_rows() > empty
    db.close()
