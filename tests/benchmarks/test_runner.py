"""The benchmark runner at a small scale, so it never rots: every measurement is there with a sane value,
the hand-written SQL beside the services returns the same rows, and a cached demo database is reused
(rebuilt when what it records no longer matches). Timings are never compared with the targets here."""
from __future__ import annotations

import json
import math
import uuid
from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks import run
from tests.conftest import PG_URL

CASES = 2000
PG_CASES = 1000  # PostgreSQL builds slower; the runner is the same code
SMALL = ["--queries", "5", "--start-runs", "1", "--report-runs", "1", "--opinion-runs", "1",
         "--import-records", "120", "--import-runs", "1", "--quiet"]
WITH_RAW_SQL = ("list_first_page", "search_2char", "search_3plus", "search_initials", "search_right_number",
                "report_figures")


def _positive(value) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value) and value > 0


def _check(results: dict, backend: str, cases: int) -> None:
    assert results["sizes"] == [cases] and results["backends"] == [backend]
    assert results["machine"]["cores"] >= 1 and results["machine"]["cpu"]
    assert date.fromisoformat(results["date"][:10])
    [entry] = results["runs"]
    assert entry["backend"] == backend and entry["cases"] == cases
    m = entry["measurements"]
    missing = [name for name in run.ROWS if name not in m]
    assert not missing, missing
    for name in run.ROWS:
        assert _positive(m[name]["median_ms"]) and _positive(m[name]["p95_ms"]), (name, m[name])
        assert m[name]["p95_ms"] >= m[name]["median_ms"], name
    for name in WITH_RAW_SQL:
        assert _positive(m[name]["raw_median_ms"]) and _positive(m[name]["ratio"]), (name, m[name])
        # The yardstick must be the same query: the same first page, the same figures.
        assert m[name]["raw_agrees"] == 1.0, (name, m[name])
    assert m["start_window"]["median_ms"] <= m["start_ready"]["median_ms"]
    assert m["opinion_pdf_10_pages"]["pages"] >= 10
    assert m["ledger_import"]["imported"] == 120 and m["ledger_import"]["rejected"] == 0
    assert m["bundle_import"]["records"] == 120
    assert _positive(m["gui_peak_rss_mb"]) and _positive(entry["peak_rss_mb"])


def test_sqlite_run_measures_everything(tmp_path, capsys):
    out = tmp_path / "results.json"
    assert run.main(["--sizes", str(CASES), "--cache", str(tmp_path / "cache"), "--out", str(out), *SMALL]) == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    _check(results, "sqlite", CASES)
    assert results["runs"][0]["demo_built_now"] is True
    printed = capsys.readouterr().out
    assert "search_initials" in printed and "ratio" in printed  # the table


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL not configured (IPAID_TEST_PG_URL)")
def test_postgresql_run_measures_everything(tmp_path):
    prefix = f"ipaid_tb_{uuid.uuid4().hex[:6]}"
    out = tmp_path / "results.json"
    try:
        assert run.main(["--sizes", str(PG_CASES), "--no-sqlite", "--pg-url", PG_URL, "--pg-prefix", prefix,
                         "--out", str(out), *SMALL]) == 0
    finally:
        admin = create_engine(make_url(PG_URL).set(drivername="postgresql+psycopg", database="postgres"),
                              isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for (name,) in conn.execute(text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
                                        {"p": prefix + "%"}):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    _check(json.loads(out.read_text(encoding="utf-8")), "postgresql", PG_CASES)


def test_cached_demo_is_reused_and_rebuilt_when_stale(tmp_path):
    from app.database import open_database
    from benchmarks.demo_cache import MARKER_KEY, DemoSpec, read_marker, sqlite_demo
    from db.models import LocalSetting

    spec = DemoSpec(30, 5, date(2026, 11, 1))
    first = sqlite_demo(tmp_path, spec, log=lambda _msg: None)
    assert first.built and read_marker(first.target) == first.marker
    again = sqlite_demo(tmp_path, spec, log=lambda _msg: None)
    assert not again.built and again.target == first.target
    db = open_database(first.target)  # as if built by an older schema revision
    with db.write_session() as s:
        s.get(LocalSetting, MARKER_KEY).value = json.dumps({**first.marker, "revision": "0001"})
        s.commit()
    db.close()
    rebuilt = sqlite_demo(tmp_path, spec, log=lambda _msg: None)
    assert rebuilt.built and read_marker(rebuilt.target) == first.marker
    assert [p.name for p in tmp_path.iterdir() if "building" in p.name] == []
