"""Fixtures for the Qt tests: offscreen platform, settings and logs in tmp_path, fake databases.

QT_QPA_PLATFORM is set before anything imports Qt, so the tests run without a display (Picard does the
same). Every test gets the application configured as the program configures it — Chinese translator
included — but its QSettings live under tmp_path and never touch the user's real settings.
A real database comes from tests/conftest.py's `app_db`.
"""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import uuid  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402

from app.context import Actor  # noqa: E402
from ui.crash import uninstall_crash_hook  # noqa: E402
from ui.qt_app import create_application  # noqa: E402
from ui.tasks import task_runner  # noqa: E402

HERE = Path(__file__).resolve().parent
TEST_ORGANIZATION = "IPAid-test"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.gui)


def use_temp_settings(folder: Path) -> None:
    """Point every QSettings() of this process at INI files under `folder`."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    QCoreApplication.setOrganizationName(TEST_ORGANIZATION)


@pytest.fixture(autouse=True)
def gui_app(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The configured QApplication (zh_CN by default, like a new install), isolated per test."""
    monkeypatch.setenv("IPAID_LOG_DIR", str(tmp_path / "logs"))
    use_temp_settings(tmp_path / "settings")
    app = create_application([])
    QCoreApplication.setOrganizationName(TEST_ORGANIZATION)  # create_application set the real name
    _no_blocking_message_boxes(monkeypatch)
    yield app
    runner = task_runner()
    runner.set_synchronous(False)
    runner.wait_for_done(10_000)
    uninstall_crash_hook()


UNEXPECTED_DIALOGS: list[str] = []


def _no_blocking_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal QMessageBox offscreen waits for a click that never comes and hangs the whole run.
    Record it instead (tests that expect a dialog patch QMessageBox themselves, after this)."""
    from PySide6.QtWidgets import QMessageBox

    def record(kind):
        def show(parent, title, text, *args, **kwargs):
            UNEXPECTED_DIALOGS.append(f"{kind}: {text}")
            return QMessageBox.StandardButton.Ok
        return staticmethod(show)

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))


@pytest.fixture
def sync_tasks():
    """Run ui.tasks jobs inline on the test's thread (callbacks still arrive through the signals)."""
    task_runner().set_synchronous(True)
    yield
    task_runner().set_synchronous(False)


@dataclass
class FakeDatabase:
    """What the GUI uses of app.database.Database, without a file."""

    label: str = "/tmp/测试数据库.sqlite"
    revision: str | None = "0002"
    closed: bool = False

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def fake_db() -> FakeDatabase:
    return FakeDatabase()


@pytest.fixture
def actor() -> Actor:
    return Actor(
        user_id=uuid.uuid4(),
        username="zhangsan",
        display_name="张三",
        roles=frozenset({"caseworker", "supervisor"}),
        centre_id=uuid.uuid4(),
        centre_name="测试市知识产权维权援助中心",
    )


@pytest.fixture
def fake_info(monkeypatch: pytest.MonkeyPatch):
    """Replace app.info.database_info with a quick fake; returns the counts it reports."""
    from app import info

    counts = {"cases": 1234, "consultations": 56, "users": 3}

    def database_info(db):
        return info.DatabaseInfo(
            label=db.label, backend="sqlite", revision=db.revision, centre_name="测试中心", device_id=None,
            counts=dict(counts),
        )

    monkeypatch.setattr(info, "database_info", database_info)
    return counts


@pytest.fixture
def gui_centre(app_db, password_hash):
    """An initialised centre on the test's SQLite file with one user per role (admin 管理员,
    caseworker 李明, supervisor 王主任, fairstaff 赵敏), for driving screens as each of them."""
    from app.services.setup import NewAccount, initialise
    from tests.conftest import PASSWORD, Centre

    actors = initialise(app_db, centre_name="测试知识产权保护中心", centre_short="测",
                        password_hashes={PASSWORD: password_hash}, accounts=[
                            NewAccount("admin", "管理员", PASSWORD, ("admin",)),
                            NewAccount("caseworker", "李明", PASSWORD, ("caseworker",)),
                            NewAccount("supervisor", "王主任", PASSWORD, ("supervisor",)),
                            NewAccount("fairstaff", "赵敏", PASSWORD, ("fair_staff",))])
    return Centre(app_db, {a.username: a for a in actors})


def print_into(path: Path, resolution: int = 100):
    """A stand-in for Qt's print dialog (`ask_printer`): the printer writes a PDF file at `path`
    instead of asking anyone, so a test can read what was printed."""
    from PySide6.QtPrintSupport import QPrinter

    def choose(printer: QPrinter, *_page_count: int) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        printer.setResolution(resolution)
        return True
    return choose
