"""The packaging files, checked without building anything (installer/build.sh does the real build).

What can go wrong cheaply: a resource folder or migration the bundle would leave behind, a command
module the frozen CLI could not find, a broken desktop entry, a Windows installer that deletes the
user's data or installs another version than pyproject.toml says.
"""
from __future__ import annotations

import ast
import configparser
import fnmatch
import re
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "ipaid.spec"
DESKTOP = INSTALLER / "ipaid.desktop"
ISS = INSTALLER / "ipaid.iss"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def spec_constants() -> dict[str, object]:
    """The spec's literal module-level settings (DATA_FILES, DATA_PACKAGES, ...), read without running it
    (running needs PyInstaller's Analysis machinery)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    found: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name.isupper():
                try:
                    found[name] = ast.literal_eval(node.value)
                except ValueError:
                    pass  # computed values such as ROOT
    return found


def spec_calls(function: str) -> list[dict[str, object]]:
    """The literal keyword arguments of every call of `function` (EXE, COLLECT) in the spec."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == function:
            calls.append({k.arg: ast.literal_eval(k.value) for k in node.keywords
                          if isinstance(k.value, ast.Constant)})
    return calls


def bundled_folder(relative: PurePosixPath, data_files: list[tuple[str, str]]) -> str | None:
    """The bundle folder a repository file lands in under the spec's DATA_FILES, None if left out."""
    for pattern, target in data_files:
        same_folder = PurePosixPath(pattern).parent == relative.parent
        if same_folder and fnmatch.fnmatchcase(relative.name, PurePosixPath(pattern).name):
            return target
    return None


# ---------------------------------------------------------------- PyInstaller spec
def test_spec_is_python_and_every_data_glob_matches_files():
    constants = spec_constants()
    data_files = constants["DATA_FILES"]
    assert data_files, "DATA_FILES not found as a literal list in ipaid.spec"
    for pattern, _target in data_files:
        assert sorted(ROOT.glob(pattern)), f"{pattern} matches nothing in the repository"


def test_every_runtime_resource_lands_where_the_program_looks():
    # app.paths.resources_dir() is sys._MEIPASS/resources in the bundle, so resources/x/y must land in
    # the bundle folder resources/x. Translation sources (.ts) are only for building the .qm files.
    data_files = spec_constants()["DATA_FILES"]
    needed = [p for p in (ROOT / "resources").rglob("*") if p.is_file() and p.suffix != ".ts"]
    assert any(p.suffix == ".qm" for p in needed) and any(p.parent.name == "fonts" for p in needed)
    for path in needed:
        relative = PurePosixPath(path.relative_to(ROOT).as_posix())
        assert bundled_folder(relative, data_files) == str(relative.parent), f"{relative} is not bundled"


def test_every_migration_is_bundled_beside_db_schema():
    # db.schema looks for the migrations beside its own module; in the bundle that is
    # sys._MEIPASS/db/migrations, where Alembic reads env.py and the revisions as .py source.
    import db.schema

    assert db.schema.MIGRATIONS == Path(db.schema.__file__).resolve().parent / "migrations"
    data_files = spec_constants()["DATA_FILES"]
    migrations = [db.schema.MIGRATIONS / "env.py", *sorted((db.schema.MIGRATIONS / "versions").glob("*.py"))]
    assert len(migrations) >= 3
    for path in migrations:
        relative = PurePosixPath(path.relative_to(ROOT).as_posix())
        assert bundled_folder(relative, data_files) == str(relative.parent), f"{relative} is not bundled"


def test_frozen_program_finds_resources_in_the_bundle(monkeypatch, tmp_path):
    from app.paths import resources_dir

    monkeypatch.delenv("IPAID_RESOURCES", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"


def test_every_cli_command_module_is_a_hidden_import():
    # The CLI finds its command modules by listing a package, which PyInstaller cannot see.
    from app.cli.main import command_modules

    modules = command_modules()
    assert "app.cli.commands.report" in modules and "app.cli.commands.opinion" in modules
    for module in modules:
        assert _collected(module), f"{module} is not collected"


def test_every_page_module_is_a_hidden_import():
    # The main window imports its pages by name when first shown; a page left out of the bundle
    # stopped the built program at start (the first page) with "No module named 'ui.pages'".
    from ui.main_window import PAGES, page_class_at

    for _title, where, _name in PAGES:
        module = page_class_at(where)[0]
        assert _collected(module), f"{module} is not collected"


def _collected(module: str) -> bool:
    """Whether the spec's hidden imports take `module` into the bundle."""
    return any(module == p or module.startswith(p + ".") for p in spec_constants()["HIDDEN_PACKAGES"])


def test_data_packages_exist_and_carry_data_files():
    import importlib

    for package in spec_constants()["DATA_PACKAGES"]:
        folder = Path(importlib.import_module(package).__file__).parent
        data = [p for p in folder.rglob("*") if p.is_file()
                and p.suffix not in {".py", ".pyc", ".pyi"} and p.name != "py.typed"]
        assert data, f"{package} has no data files: listing it in DATA_PACKAGES is a mistake"


def test_bundle_starts_the_console_script_and_keeps_the_program_languages():
    from ui.config import LANGUAGES

    assert PYPROJECT["project"]["scripts"]["ipaid"] == "ui.entry:main"
    launcher = ast.parse((INSTALLER / "ipaid_launcher.py").read_text(encoding="utf-8"))
    imports = [(n.module, [a.name for a in n.names]) for n in ast.walk(launcher) if isinstance(n, ast.ImportFrom)]
    assert ("ui.entry", ["main"]) in imports
    assert "ipaid_launcher.py" in SPEC.read_text(encoding="utf-8")
    assert set(spec_constants()["QT_LANGUAGES"]) == set(LANGUAGES)


def test_installer_extra_pins_pyinstaller_6():
    extra = PYPROJECT["project"]["optional-dependencies"]["installer"]
    assert any(re.fullmatch(r"pyinstaller>=6\.\d+,<7", r.replace(" ", "").lower()) for r in extra), extra


def test_build_script_is_executable_bash():
    script = INSTALLER / "build.sh"
    assert script.stat().st_mode & 0o111
    subprocess.run(["bash", "-n", str(script)], check=True)


# ---------------------------------------------------------------- Linux desktop entry
def read_desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_desktop_entry_validates():
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate not installed (Debian: desktop-file-utils); the keys are checked below")
    result = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_desktop_entry_names_the_program_in_chinese_and_english():
    entry = read_desktop_entry()
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert entry["Exec"].split()[0] == "ipaid" == next(iter(PYPROJECT["project"]["scripts"]))
    for key in ("Name", "Comment", "GenericName"):
        assert entry[key].isascii() and entry[key].strip(), key
        assert has_cjk(entry[f"{key}[zh_CN]"]), f"{key}[zh_CN]"
    assert entry["Name[zh_CN]"] == "知识产权维权援助工作台"
    # Qt names the window's X11 class after the application name; docks match the entry by it.
    from ui.qt_app import APPLICATION

    assert entry["StartupWMClass"] == APPLICATION
    # The icon is a theme name, installed from resources/icons as the README describes.
    assert "/" not in entry["Icon"] and (ROOT / "resources/icons/ipaid-256.png").is_file()


# ---------------------------------------------------------------- Windows installer script
def iss_sections() -> dict[str, list[str]]:
    raw = ISS.read_bytes()
    # A BOM makes every Inno Setup 6 read the Chinese names as UTF-8.
    assert raw.startswith(b"\xef\xbb\xbf")
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in raw[3:].decode("utf-8").splitlines():
        stripped = line.strip()
        match = re.fullmatch(r"\[(\w+)\]", stripped)
        if match:
            current = match.group(1).lower()
            sections.setdefault(current, [])
        elif stripped and not stripped.startswith(";"):
            sections[current].append(stripped)
    return sections


def test_iss_installs_per_user_with_start_menu_entry_and_uninstaller():
    sections = iss_sections()
    assert {"setup", "files", "icons"} <= sections.keys()
    setup = dict(line.split("=", 1) for line in sections["setup"] if "=" in line)
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{autopf}")
    assert setup.get("Uninstallable", "yes").lower() in ("yes", "true", "1")
    assert (INSTALLER / setup["SetupIconFile"].replace("\\", "/")).is_file()
    start_menu = [line for line in sections["icons"] if "{autoprograms}" in line or "{group}" in line]
    assert start_menu and all("IPAidDesk.exe" in line for line in start_menu)
    # The Start-menu executable is the windowed one the spec builds on Windows.
    assert {"name": "IPAidDesk", "console": False} in [
        {k: call.get(k) for k in ("name", "console")} for call in spec_calls("EXE")]


def test_iss_leaves_the_user_data_folder_alone_on_uninstall():
    sections = iss_sections()
    assert "uninstalldelete" not in sections
    everything = "\n".join(line for lines in sections.values() for line in lines).lower()
    for reaching_out in ("{localappdata}", "{userappdata}", "{app}\\..", "deltree"):
        assert reaching_out not in everything, reaching_out


def test_iss_packs_the_bundle_build_sh_makes_at_the_pyproject_version():
    text = ISS.read_bytes()[3:].decode("utf-8")
    version = re.search(r'#define AppVersion "([^"]+)"', text)
    assert version and version.group(1) == PYPROJECT["project"]["version"]
    bundle = re.search(r'#define BundleDir "([^"]+)"', text).group(1).replace("\\", "/")
    # build.sh's default: build/installer/dist/<COLLECT name>
    assert bundle == "../build/installer/dist/ipaid"
    assert [call["name"] for call in spec_calls("COLLECT")] == ["ipaid"]
    assert any("{#BundleDir}\\*" in line and "recursesubdirs" in line for line in iss_sections()["files"])


# ---------------------------------------------------------------- icons
def test_windows_icon_holds_the_sizes_windows_asks_for():
    raw = (ROOT / "resources/icons/ipaid.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", raw)
    assert (reserved, kind) == (0, 1)
    sizes = {struct.unpack_from("<B", raw, 6 + 16 * i)[0] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes
