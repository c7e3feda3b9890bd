"""The layers of design.md §2: ui → app → db. app/ and db/ never import Qt or ui/; db/ never
imports app/. Checked on the source (every import statement, also inside functions)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "app": ("PySide6", "shiboken6", "ui"),
    "db": ("PySide6", "shiboken6", "ui", "app"),
}


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def offences(package: str) -> list[str]:
    bad = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for module in imported_modules(path):
            top = module.split(".")[0]
            if top in FORBIDDEN[package]:
                bad.append(f"{path.relative_to(ROOT)} imports {module}")
    return bad


@pytest.mark.parametrize("package", ["app", "db"])
def test_lower_layers_do_not_import_upper_ones(package):
    assert offences(package) == []


def test_checker_catches_a_forbidden_import(tmp_path, monkeypatch):
    fake = tmp_path / "db"
    fake.mkdir()
    (fake / "x.py").write_text("def f():\n    from app.service import service_call\n")
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    assert offences("db") == ["db/x.py imports app.service"]


def test_import_linter_contracts_hold():
    """The same rule through import-linter (follows imports the AST walk cannot see, like
    `importlib` of a known module name, and catches indirect layer breaks)."""
    import shutil
    import subprocess
    import sys

    exe = Path(sys.executable).with_name("lint-imports")
    if not exe.exists():
        exe = Path(shutil.which("lint-imports") or "lint-imports")
    result = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout
