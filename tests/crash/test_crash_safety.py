"""Kill a writer with SIGKILL at random moments; nothing it reported committed may be lost and
the database must stay sound (design.md §7 Durability: WAL + synchronous=FULL, one transaction
per service call).

IPAID_CRASH_TRIALS sets the number of kills (default 50, the CI floor)."""
from __future__ import annotations

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from app.audit import chain_devices, verify_chain
from app.database import open_database
from app.services.setup import NewAccount, initialise
from db.models import Party

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("writer.py")
TRIALS = int(os.environ.get("IPAID_CRASH_TRIALS", "50"))

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "win32",
                                reason="the writer's fork server and SIGKILL need a POSIX system")


class Lines:
    """The writer's stdout, read by a thread so the test can wait with a timeout."""

    def __init__(self, stream) -> None:
        self.q: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()
        self.created: list[str] = []
        self.updates: dict[str, int] = {}

    def _pump(self, stream) -> None:
        for raw in stream:
            if raw.endswith(b"\n"):  # a line cut by the kill is no promise
                self.q.put(raw.decode().strip())
        self.q.put(None)

    def until(self, prefix: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while True:
            line = self.q.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                raise AssertionError(f"writer ended while waiting for {prefix!r}")
            kind, _, rest = line.partition(" ")
            if kind == "c":
                self.created.append(rest)
            elif kind == "u":
                rid, n = rest.split()
                self.updates[rid] = max(self.updates.get(rid, 0), int(n))
            if line.startswith(prefix):
                return line


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def test_sigkill_loses_nothing_committed_and_corrupts_nothing(sqlite_url, password_hash):
    path = Path(sqlite_url)
    db = open_database(sqlite_url)
    initialise(db, centre_name="崩溃测试中心", centre_short="", password_hashes={PASSWORD: password_hash},
               accounts=[NewAccount("admin", "管理员", PASSWORD, ("admin",))])
    db.close()

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, str(WRITER), str(path), "--serve", "--max-seconds", "2"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, cwd=ROOT)
    lines = Lines(proc.stdout)
    rng = random.Random(20261125)
    killed = 0
    corrupt = []
    try:
        lines.until("server-ready", timeout=60)
        for trial in range(TRIALS):
            proc.stdin.write(b"run\n")
            proc.stdin.flush()
            pid = int(lines.until("child ").split()[1])
            # Most kills land while writing (any moment of a commit); one in ten while the
            # writer is still opening the database.
            if rng.random() >= 0.1:
                lines.until(f"ready {pid}")
            time.sleep(rng.uniform(0.0, 0.3))
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            status = int(lines.until(f"done {pid}").split()[2])
            killed += os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
            result = integrity(path)
            if result != "ok":
                corrupt.append((trial, result))
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)

    assert corrupt == []
    assert killed >= TRIALS * 0.8, f"only {killed} of {TRIALS} writers were killed mid-run"
    assert len(lines.created) >= TRIALS, "the writer hardly wrote anything: the test proves little"

    db = open_database(str(path))
    try:
        with db.read_session() as s:
            for device in chain_devices(s):
                report = verify_chain(s, device)
                assert report.intact, report
            notes = dict(s.execute(select(Party.id, Party.note)).all())
        present = {str(k) for k in notes}
        missing = [rid for rid in lines.created if rid not in present]
        assert missing == [], f"{len(missing)} committed writes lost"
        stale = [rid for rid, n in lines.updates.items() if int(notes[_uuid(rid)] or 0) < n]
        assert stale == [], f"{len(stale)} committed updates lost"
    finally:
        db.close()
    print(f"\ncrash test: {TRIALS} trials, {killed} killed mid-run, {len(lines.created)} creates and "
          f"{len(lines.updates)} updated rows reported, 0 lost, 0 corrupt")


def _uuid(text: str):
    import uuid

    return uuid.UUID(text)
